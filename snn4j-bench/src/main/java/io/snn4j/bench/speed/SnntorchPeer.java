package io.snn4j.bench.speed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code benchmarks/peers/snntorch_speed.py}, the snnTorch version of the workloads, in a child process.
 *
 * <p>Interpreter: {@code $SNN4J_PYTHON}, else Debian's {@code /usr/bin/python3} (the one that sees Debian's
 * PyTorch). snnTorch is found through {@code $SNNTORCH_PATH} (the folder holding the {@code snntorch} package,
 * prepended to {@code PYTHONPATH}) or the inherited {@code PYTHONPATH}. The child inherits the environment
 * otherwise, so {@code LD_LIBRARY_PATH} can select the BLAS PyTorch uses (see docs/benchmarks.md).
 */
public final class SnntorchPeer {
    /** The script, relative to the project root. */
    public static final String SCRIPT = "benchmarks/peers/snntorch_speed.py";

    private final String python;
    private final Path script;
    private final String pythonPath;

    SnntorchPeer(String python, Path script, String pythonPath) {
        this.python = python;
        this.script = script;
        this.pythonPath = pythonPath;
    }

    /** The peer as configured by the environment; {@code script} may be null (then {@link #find} fails clearly). */
    public static SnntorchPeer fromEnvironment(Path script) {
        Map<String, String> env = System.getenv();
        String py = env.getOrDefault("SNN4J_PYTHON", "/usr/bin/python3");
        String pp = env.get("PYTHONPATH");
        String st = env.get("SNNTORCH_PATH");
        if (st != null && !st.isBlank()) {
            pp = pp == null || pp.isBlank() ? st : st + java.io.File.pathSeparator + pp;
        }
        return new SnntorchPeer(py, script, pp);
    }

    /**
     * The peer script: {@code explicit} when given, else {@link #SCRIPT} under the working directory or under
     * any parent of the folder holding the snn4j jar.
     *
     * @return the script, or null when none exists
     */
    public static Path find(Path explicit) {
        return findScript(explicit, SCRIPT);
    }

    /**
     * A peer script: {@code explicit} when given, else {@code relative} under the working directory or under any
     * parent of the folder holding the snn4j jar.
     *
     * @return the script, or null when none exists
     */
    static Path findScript(Path explicit, String relative) {
        if (explicit != null) {
            return Files.isRegularFile(explicit) ? explicit : null;
        }
        List<Path> roots = new ArrayList<>();
        roots.add(Path.of("").toAbsolutePath());
        try {
            Path jar = Path.of(SnntorchPeer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                roots.add(p);
            }
        } catch (Exception e) {
            // No code source (unusual class loader): the working directory is all we can try.
        }
        for (Path r : roots) {
            Path s = r.resolve(relative);
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        return null;
    }

    public String python() {
        return python;
    }

    /**
     * Whether the interpreter can import torch and snntorch.
     *
     * @return null when it can, else one line saying why not
     */
    public String unavailableReason() {
        if (script == null) {
            return "snnTorch comparison needs " + SCRIPT + " (run from the project root or pass --peer-script)";
        }
        try {
            Process p = process(List.of(python, "-c", "import torch, snntorch")).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "snnTorch is not importable: '" + python + " -c \"import torch, snntorch\"' timed out";
            }
            if (p.exitValue() != 0) {
                String[] lines = output.split("\n");
                return "snnTorch is not importable by " + python + " (" + lines[lines.length - 1].trim()
                        + "); set SNNTORCH_PATH to the folder holding the snntorch package and SNN4J_PYTHON to a "
                        + "Python with PyTorch";
            }
            return null;
        } catch (IOException e) {
            return "snnTorch is not importable: cannot run " + python + " (" + e.getMessage()
                    + "); set SNN4J_PYTHON to a Python with PyTorch and snnTorch";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking for snnTorch";
        }
    }

    /**
     * Runs the script with the same workloads and sizes; its stderr goes to this process's stderr.
     *
     * @param extraArgs further options for the script (e.g. {@code --layerwise})
     * @return one result per workload, in the script's order (memory field: peak RSS of the Python process)
     * @throws IOException when the script cannot run, fails, or prints no parsable line
     */
    public List<SpeedResult> run(SpeedOptions o, String... extraArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(),
                "--workload", String.join(",", o.trainingWorkloads()),
                "--repeat", Integer.toString(o.repeat()), "--warmup", Integer.toString(o.warmup()),
                "--warmup-seconds", Double.toString(o.warmupSeconds()),
                "--threads", Integer.toString(o.threads()), "--seed", Long.toString(o.seed()),
                "--hidden", Integer.toString(o.hidden()), "--steps", Integer.toString(o.steps()),
                "--batch", Integer.toString(o.batch())));
        cmd.addAll(List.of(extraArgs));
        Process p = process(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<SpeedResult> results = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("workload=")) {
                    results.add(SpeedResult.parse(line));
                }
            }
        }
        try {
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IOException(SCRIPT + " failed with exit code " + rc);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running " + SCRIPT, e);
        }
        if (results.isEmpty()) {
            throw new IOException(SCRIPT + " printed no 'workload=' line");
        }
        return results;
    }

    private ProcessBuilder process(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (pythonPath != null) {
            pb.environment().put("PYTHONPATH", pythonPath);
        }
        return pb;
    }
}
