package io.snn4j.bench.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer plumbing, with /bin/sh standing in for Python (it ignores "-W ignore" as a script of options). */
class Brian2PeerTest {
    @TempDir
    Path dir;

    private static final SpeedOptions CUBA = new SpeedOptions("cuba", 1, 0, 0, 1, 7, 0, 0, 0).withCuba(500, 0.25);

    /** A fake interpreter: drops Python's "-W ignore", then runs the script with /bin/sh. */
    private Path fakePython() throws IOException {
        Path py = dir.resolve("python");
        Files.writeString(py, "#!/bin/sh\nshift 2\nexec /bin/sh \"$@\"\n");
        assertTrue(py.toFile().setExecutable(true));
        return py;
    }

    @Test
    void theScriptReceivesTheSizeSeedTargetAndRepeatAndItsLineIsParsed() throws IOException {
        Path fake = dir.resolve("args.sh");
        Files.writeString(fake, "echo \"$*\" > \"" + dir.resolve("args.txt") + "\"\n"
                + "echo 'brian2 banner'\n"
                + "echo 'workload=cuba sim_ms=1200.00 first_ms=1800.00 rate_hz=5.4 spikes=21628 synapses=320061 "
                + "peak_rss_mb=176.0'\n");
        CubaResult r = new Brian2Peer(fakePython().toString(), fake).run(CUBA, "numpy", 3);
        assertEquals("--neurons 500 --duration 0.25 --seed 7 --target numpy --repeat 3",
                Files.readString(dir.resolve("args.txt")).trim());
        assertEquals(1200.0, r.simMs(), 1e-9);
        assertEquals(176.0, r.peakMemoryMb(), 1e-9);
    }

    @Test
    void aFailingScriptOrOneWithoutACubaLineIsReported() throws IOException {
        Path fail = dir.resolve("fail.sh");
        Files.writeString(fail, "exit 3\n");
        IOException e = assertThrows(IOException.class,
                () -> new Brian2Peer(fakePython().toString(), fail).run(CUBA, "numpy", 1));
        assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
        Path silent = dir.resolve("silent.sh");
        Files.writeString(silent, "echo hello\n");
        e = assertThrows(IOException.class, () -> new Brian2Peer(fakePython().toString(), silent).run(CUBA, "numpy", 1));
        assertTrue(e.getMessage().contains("printed no 'workload=cuba' line"), e.getMessage());
    }

    @Test
    void aMissingScriptOrInterpreterIsReportedNotRun() throws IOException {
        String why = new Brian2Peer("/bin/sh", null).unavailableReason();
        assertTrue(why.contains(Brian2Peer.SCRIPT), why);
        why = new Brian2Peer(dir.resolve("no-python").toString(), dir.resolve("x.py")).unavailableReason();
        assertTrue(why.contains("cannot run"), why);
        Path py = dir.resolve("python-without-brian");
        Files.writeString(py, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'brian2'\" >&2\nexit 1\n");
        assertTrue(py.toFile().setExecutable(true));
        why = new Brian2Peer(py.toString(), dir.resolve("x.py")).unavailableReason();
        assertTrue(why.startsWith("Brian2 is not importable by " + py + " (ModuleNotFoundError"), why);
    }
}
