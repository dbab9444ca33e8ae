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
                + "peak_heap_mb=\\d+\\.\\d( peak_rss_mb=\\d+\\.\\d)?"), lines[0]);
    }

    @Test
    void anUnknownWorkloadIsAUsageErrorNamingTheValidOnes() {
        Cli r = Cli.run("speed", "--workload", "mnist");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("snn4j: error: unknown workload 'mnist'; valid: shd_ff, shd_rec, on_1024, cuba, all"),
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

    @Test
    void cubaPrintsItsLineAndPassesWhenTheRateIsInRange() {
        Cli r = Cli.run("speed", "--workload", "cuba", "--repeat", "1", "--warmup", "0", "--warmup-seconds", "0",
                "--sim-seconds", "0.5");
        assertEquals(0, r.exit(), r.toString());
        String[] lines = r.out().trim().split("\n");
        assertEquals(1, lines.length, r.toString());
        assertTrue(lines[0].startsWith("workload=cuba sim_ms="), r.toString());
        assertTrue(io.snn4j.bench.speed.CubaResult.parse(lines[0]).rateInRange(), r.toString());
    }

    @Test
    void cubaFailsWithExitOneWhenTheRateIsOutOfRange() {
        // 500 neurons at p = 0.02 get a tenth of the reference's synapses: too little inhibition, rate ~13 Hz.
        Cli r = Cli.run("speed", "--workload", "cuba", "--neurons", "500", "--repeat", "1", "--warmup", "0",
                "--warmup-seconds", "0");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().startsWith("workload=cuba "), r.toString());
        assertTrue(r.err().contains("cuba: mean firing rate ") && r.err().contains("is outside the expected [3, 9] Hz"),
                r.toString());
    }

    @Test
    void brian2ComparisonNeedsCubaAndTheScript() {
        Cli r = Cli.run("speed", "--workload", "shd_ff", "--compare-brian2");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--compare-brian2 needs --workload cuba"), r.toString());
        r = Cli.run("speed", "--workload", "cuba", "--compare-brian2", "--brian2-script",
                dir.resolve("absent.py").toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out());
        assertTrue(r.err().contains("Brian2 comparison needs benchmarks/peers/brian2_cuba.py"), r.toString());
        r = Cli.run("speed", "--workload", "cuba", "--compare-snntorch");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("snnTorch has no cuba"), r.toString());
    }

    @Test
    void checkpointEveryRunsTheTrainingWorkloadsAndANegativeValueIsAUsageError() {
        Cli r = Cli.run("speed", "--workload", "shd_rec", "--repeat", "1", "--warmup", "0", "--warmup-seconds", "0",
                "--threads", "1", "--hidden", "8", "--steps", "6", "--batch", "2", "--checkpoint-every", "2");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("workload=shd_rec train_ms="), r.toString());
        assertTrue(r.err().contains("checkpoint every 2 steps"), r.toString());
        r = Cli.run("speed", "--checkpoint-every", "-1");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--checkpoint-every must be >= 1 (or 0 for off), got -1"), r.toString());
    }
}
