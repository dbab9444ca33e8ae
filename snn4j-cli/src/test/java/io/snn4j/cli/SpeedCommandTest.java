package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.bench.speed.SpeedResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeedCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsOneParsableLinePerWorkload() {
        Cli r = Cli.run("speed", "--workload", "shd_ff,on_1024", "--repeat", "1", "--warmup", "0", "--warmup-seconds", "0", "--threads", "1",
                "--hidden", "8", "--steps", "3", "--batch", "2");
        assertEquals(0, r.exit(), r.toString());
        String[] lines = r.out().trim().split("\n");
        assertEquals(2, lines.length, r.toString());
        assertEquals("shd_ff", SpeedResult.parse(lines[0]).workload());
        assertEquals("on_1024", SpeedResult.parse(lines[1]).workload());
        assertTrue(lines[0].matches("workload=shd_ff train_ms=\\d+\\.\\d\\d forward_ms=\\d+\\.\\d\\d "
                + "peak_heap_mb=\\d+\\.\\d"), lines[0]);
    }

    @Test
    void anUnknownWorkloadIsAUsageErrorNamingTheValidOnes() {
        Cli r = Cli.run("speed", "--workload", "mnist");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("snn4j: error: unknown workload 'mnist'; valid: shd_ff, shd_rec, on_1024, all"),
                r.toString());
        assertEquals("", r.out());
    }

    @Test
    void repeatBelowOneIsAUsageError() {
        Cli r = Cli.run("speed", "--repeat", "0");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--repeat must be >= 1, got 0"), r.toString());
    }

    @Test
    void aNonNumericRepeatIsAUsageError() {
        Cli r = Cli.run("speed", "--repeat", "many");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--repeat"), r.toString());
    }

    @Test
    void compareWithoutThePeerScriptFailsWithOneLineBeforeTimingAnything() {
        Cli r = Cli.run("speed", "--compare-snntorch", "--peer-script", dir.resolve("absent.py").toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out());
        assertEquals(1, r.err().trim().split("\n").length, r.toString());
        assertTrue(r.err().contains("snnTorch comparison needs benchmarks/peers/snntorch_speed.py"), r.toString());
    }
}
