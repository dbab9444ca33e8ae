package io.snn4j.bench.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer plumbing, exercised with /bin/sh standing in for Python so no PyTorch is needed. */
class SnntorchPeerTest {
    @TempDir
    Path dir;

    private static final SpeedOptions SMALL = new SpeedOptions("shd_ff,on_1024", 1, 0, 0, 1, 7, 8, 4, 2);

    @Test
    void runParsesTheScriptsWorkloadLinesAndSkipsOtherOutput() throws IOException {
        Path fake = dir.resolve("fake.sh");
        Files.writeString(fake, "echo 'some banner'\n"
                + "echo 'workload=shd_ff train_ms=150.00 forward_ms=20.50 peak_rss_mb=320.0'\n"
                + "echo 'workload=on_1024 train_ms=1200.00 forward_ms=180.00 peak_rss_mb=550.0'\n");
        List<SpeedResult> r = new SnntorchPeer("/bin/sh", fake, null).run(SMALL);
        assertEquals(2, r.size());
        assertEquals("on_1024", r.get(1).workload());
        assertEquals(20.5, r.get(0).forwardMs(), 1e-9);
    }

    @Test
    void theScriptReceivesTheSameWorkloadsAndSizes() throws IOException {
        Path fake = dir.resolve("args.sh");
        Files.writeString(fake, "echo \"$*\" > \"" + dir.resolve("args.txt") + "\"\n"
                + "echo 'workload=shd_ff train_ms=1 forward_ms=1 peak_rss_mb=1'\n");
        new SnntorchPeer("/bin/sh", fake, null).run(SMALL, "--layerwise");
        assertEquals("--workload shd_ff,on_1024 --repeat 1 --warmup 0 --warmup-seconds 0.0 --threads 1 --seed 7 "
                + "--hidden 8 --steps 4 --batch 2 --layerwise", Files.readString(dir.resolve("args.txt")).trim());
    }

    @Test
    void aFailingScriptIsReportedWithItsExitCode() throws IOException {
        Path fake = dir.resolve("fail.sh");
        Files.writeString(fake, "exit 3\n");
        IOException e = assertThrows(IOException.class, () -> new SnntorchPeer("/bin/sh", fake, null).run(SMALL));
        assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
    }

    @Test
    void anInterpreterThatCannotImportSnntorchIsReportedNotRun() throws IOException {
        Path fake = dir.resolve("fake.sh");
        Files.writeString(fake, "exit 0\n");
        Path python = dir.resolve("python-without-torch");
        Files.writeString(python, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'torch'\" >&2\nexit 1\n");
        assertTrue(python.toFile().setExecutable(true));
        String why = new SnntorchPeer(python.toString(), fake, null).unavailableReason();
        assertNotNull(why);
        assertTrue(why.startsWith("snnTorch is not importable by " + python + " (ModuleNotFoundError: No module "
                + "named 'torch')"), why);
        why = new SnntorchPeer(dir.resolve("no-python").toString(), fake, null).unavailableReason();
        assertTrue(why.contains("cannot run"), why);
    }

    @Test
    void aMissingScriptIsReportedAndFindReturnsNullForAMissingExplicitPath() {
        assertNull(SnntorchPeer.find(dir.resolve("absent.py")));
        String why = new SnntorchPeer("/bin/sh", null, null).unavailableReason();
        assertTrue(why.contains(SnntorchPeer.SCRIPT), why);
    }
}
