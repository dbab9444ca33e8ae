package io.snn4j.bench.speed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code benchmarks/peers/brian2_cuba.py}, Brian2's CUBA example, in a child process (interpreter:
 * {@code $SNN4J_PYTHON}, else Debian's {@code /usr/bin/python3}, which sees Debian's {@code python3-brian}).
 */
public final class Brian2Peer {
    /** The script, relative to the project root. */
    public static final String SCRIPT = "benchmarks/peers/brian2_cuba.py";

    private final String python;
    private final Path script;

    Brian2Peer(String python, Path script) {
        this.python = python;
        this.script = script;
    }

    /**
     * The peer as configured by the environment.
     *
     * @param explicit the script, or null to look for {@link #SCRIPT} under the working directory or the
     *                 installation
     */
    public static Brian2Peer fromEnvironment(Path explicit) {
        return new Brian2Peer(System.getenv().getOrDefault("SNN4J_PYTHON", "/usr/bin/python3"),
                SnntorchPeer.findScript(explicit, SCRIPT));
    }

    /**
     * Whether the script exists and the interpreter can import brian2.
     *
     * @return null when it can, else one line saying why not
     */
    public String unavailableReason() {
        if (script == null) {
            return "Brian2 comparison needs " + SCRIPT + " (run from the project root or pass --brian2-script)";
        }
        try {
            Process p = new ProcessBuilder(python, "-W", "ignore", "-c", "import brian2").redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "Brian2 is not importable: '" + python + " -c \"import brian2\"' timed out";
            }
            if (p.exitValue() != 0) {
                String[] lines = output.split("\n");
                return "Brian2 is not importable by " + python + " (" + lines[lines.length - 1].trim()
                        + "); install it (Debian: python3-brian) or set SNN4J_PYTHON to a Python that has it";
            }
            return null;
        } catch (IOException e) {
            return "Brian2 is not importable: cannot run " + python + " (" + e.getMessage()
                    + "); set SNN4J_PYTHON to a Python with Brian2";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking for Brian2";
        }
    }

    /**
     * Runs the script on the same network size and duration; its stderr goes to this process's stderr.
     *
     * @param target Brian2's code generation target, {@code numpy} or {@code cython}
     * @param repeat number of timed runs (the script reports their median and the first one)
     * @throws IOException when the script cannot run, fails, or prints no parsable line
     */
    public CubaResult run(SpeedOptions o, String target, int repeat) throws IOException {
        List<String> cmd = List.of(python, "-W", "ignore", script.toString(),
                "--neurons", Integer.toString(o.cubaNeurons()),
                "--duration", String.format(Locale.ROOT, "%s", o.cubaSeconds()),
                "--seed", Long.toString(o.seed()), "--target", target, "--repeat", Integer.toString(repeat));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CubaResult result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("workload=cuba")) {
                    result = CubaResult.parse(line);
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
        if (result == null) {
            throw new IOException(SCRIPT + " printed no 'workload=cuba' line");
        }
        return result;
    }
}
