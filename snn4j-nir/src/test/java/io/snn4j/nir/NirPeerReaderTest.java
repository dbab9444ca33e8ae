package io.snn4j.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files we write are read by NIR's own Python reader, with its type check: runs
 * {@code benchmarks/peers/nir_read_check.py} on the files of {@link PeerCheckFiles}. Needs Python with numpy and
 * h5py ({@code $SNN4J_PYTHON}, default {@code /usr/bin/python3}) and NIR's source importable ({@code $NIR_PATH},
 * prepended to {@code PYTHONPATH}); skipped otherwise.
 */
class NirPeerReaderTest {

    @Test
    void nirsOwnReaderAcceptsOurFiles(@TempDir Path dir) throws IOException, InterruptedException {
        Path script = null;
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("benchmarks/peers/nir_read_check.py");
            if (Files.isRegularFile(s)) {
                script = s;
                break;
            }
        }
        Assumptions.assumeTrue(script != null, "benchmarks/peers/nir_read_check.py not found");
        String python = System.getenv().getOrDefault("SNN4J_PYTHON", "/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(Paths.get(python)), python + " not found");
        int files = PeerCheckFiles.writeAll(dir);
        ProcessBuilder pb = new ProcessBuilder(List.of(python, script.toString(), dir.toString()));
        pb.redirectErrorStream(true);
        String nirPath = System.getenv("NIR_PATH");
        if (nirPath != null && !nirPath.isBlank()) {
            Map<String, String> env = pb.environment();
            String old = env.get("PYTHONPATH");
            env.put("PYTHONPATH", nirPath + (old == null || old.isBlank() ? "" : java.io.File.pathSeparator + old));
        }
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!proc.waitFor(120, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            throw new AssertionError("nir_read_check.py did not finish in 120 s:\n" + out);
        }
        Assumptions.assumeTrue(proc.exitValue() != 3, "NIR is not importable (set NIR_PATH): " + out.strip());
        System.out.println(out.strip());
        assertEquals(0, proc.exitValue(), "NIR's reader on " + files + " files:\n" + out);
    }
}
