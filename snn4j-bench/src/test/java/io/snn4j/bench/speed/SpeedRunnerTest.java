package io.snn4j.bench.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.kernel.Parallel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeedRunnerTest {

    @Test
    void medianIsTheMiddleValueOrTheMeanOfTheTwoMiddleValues() {
        assertEquals(2.0, SpeedRunner.median(new double[] {3, 1, 2}), 0);
        assertEquals(2.5, SpeedRunner.median(new double[] {4, 1, 3, 2}), 0);
        assertEquals(7.0, SpeedRunner.median(new double[] {7}), 0);
    }

    @Test
    void medianMsRunsTheWarmupAndTimedStepsOnce() {
        int[] calls = {0};
        double ms = SpeedRunner.medianMs(() -> calls[0]++, 2, 0, 3);
        assertEquals(5, calls[0]);
        assertTrue(ms >= 0);
    }

    @Test
    void warmUpGoesOnUntilItsMinimumTimeHasPassed() {
        int[] calls = {0};
        long t0 = System.nanoTime();
        SpeedRunner.medianMs(() -> {
            calls[0]++;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 1, 0.1, 2);
        assertTrue((System.nanoTime() - t0) / 1e9 >= 0.1);
        // 0.1 s of 5 ms warm-up calls is at least 10 of them (fewer if sleep overshoots), plus the 2 timed ones
        assertTrue(calls[0] >= 2 + 1 && calls[0] <= 2 + 21, "calls " + calls[0]);
    }

    @Test
    void runPrintsOneParsableLinePerWorkloadAndRestoresTheThreadCount() {
        int threadsBefore = Parallel.threads();
        StringWriter sw = new StringWriter();
        List<SpeedResult> results = SpeedRunner.run(new SpeedOptions("all", 1, 0, 0, 1, 7, 8, 4, 2),
                new PrintWriter(sw, true));
        String[] lines = sw.toString().trim().split("\n");
        assertEquals(3, lines.length, sw.toString());
        for (int i = 0; i < 3; i++) {
            assertTrue(lines[i].matches("workload=\\w+ train_ms=\\d+\\.\\d\\d forward_ms=\\d+\\.\\d\\d "
                    + "peak_heap_mb=\\d+\\.\\d( peak_rss_mb=\\d+\\.\\d)?"), lines[i]);
            SpeedResult r = SpeedResult.parse(lines[i]);
            assertEquals(Workload.NAMES.get(i), r.workload());
            assertEquals(results.get(i).line(), lines[i]);
            assertTrue(r.trainMs() > 0 && r.forwardMs() > 0 && r.peakMemoryMb() > 0, lines[i]);
        }
        assertEquals(threadsBefore, Parallel.threads());
    }

    @Test
    void runRejectsBadOptionsBeforeRunningAnything() {
        StringWriter sw = new StringWriter();
        assertThrows(IllegalArgumentException.class,
                () -> SpeedRunner.run(new SpeedOptions("fast", 1, 0, 0, 1, 7, 8, 4, 2), new PrintWriter(sw)));
        assertEquals("", sw.toString());
    }

    @Test
    void breakdownPrintsEachLayerThenLossAndOptimizer() {
        StringWriter sw = new StringWriter();
        double[] ms = SpeedRunner.breakdown("shd_ff", new SpeedOptions("shd_ff", 2, 1, 0, 1, 7, 8, 4, 2),
                new PrintWriter(sw, true));
        String[] lines = sw.toString().trim().split("\n");
        assertEquals(6, lines.length, sw.toString());
        assertTrue(lines[0].matches("workload=shd_ff layer=0 type=linear forward_ms=\\d+\\.\\d\\d "
                + "backward_ms=\\d+\\.\\d\\d"), lines[0]);
        assertTrue(lines[3].startsWith("workload=shd_ff layer=3 type=leaky "), lines[3]);
        assertTrue(lines[4].startsWith("workload=shd_ff phase=loss ms="), lines[4]);
        assertTrue(lines[5].startsWith("workload=shd_ff phase=optimizer ms="), lines[5]);
        assertEquals(10, ms.length);
        assertTrue(ms[9] > 0, "shd_ff has an Adam update to time");
    }

    @Test
    void on1024BreakdownHasNoOptimizerTime() {
        double[] ms = SpeedRunner.breakdown("on_1024", new SpeedOptions("on_1024", 1, 0, 0, 1, 7, 8, 4, 2),
                new PrintWriter(new StringWriter()));
        assertEquals(6, ms.length);
        assertEquals(0.0, ms[5], 0);
    }

    @Test
    void runSkipsCubaWhichRunCubaPrintsAsOneParsableLine() {
        StringWriter sw = new StringWriter();
        SpeedOptions o = new SpeedOptions("cuba", 2, 0, 0, 1, 42, 0, 0, 0).withCuba(Cuba.NEURONS, 0.1);
        assertEquals(List.of(), SpeedRunner.run(o, new PrintWriter(sw, true)));
        assertEquals("", sw.toString());
        CubaResult r = SpeedRunner.runCuba(o, new PrintWriter(sw, true));
        String line = sw.toString().trim();
        assertTrue(line.matches("workload=cuba sim_ms=\\d+\\.\\d\\d first_ms=\\d+\\.\\d\\d rate_hz=\\d+\\.\\d{3} "
                + "spikes=\\d+ synapses=\\d+ peak_heap_mb=\\d+\\.\\d"), line);
        assertEquals(r.line(), line);
        Cuba.Run direct = Cuba.build(Cuba.NEURONS, 0.1, 42).simulate();
        assertEquals(direct.spikes(), r.spikes());
        assertEquals(direct.rateHz(), r.rateHz(), 0);
    }

    @Test
    void checkpointingOverTimeIsSwitchedOnInTheWorkloadsNetwork() {
        SpeedOptions o = new SpeedOptions("shd_ff", 1, 0, 0, 1, 7, 8, 6, 2).withCheckpointEvery(2);
        assertEquals(2, SpeedRunner.build("shd_ff", o).network().checkpointEvery());
        assertEquals(2, SpeedRunner.build("shd_rec", o).network().checkpointEvery());
        assertEquals(0, SpeedRunner.build("shd_ff", o.withCheckpointEvery(0)).network().checkpointEvery());
        // Checkpointing recomputes, it does not change the step's result.
        Workload plain = SpeedRunner.build("shd_rec", o.withCheckpointEvery(0));
        Workload ckpt = SpeedRunner.build("shd_rec", o);
        assertEquals(plain.trainStep(), ckpt.trainStep(), 1e-6f);
        assertEquals(1, SpeedRunner.run(o, new PrintWriter(new StringWriter())).size());
    }
}
