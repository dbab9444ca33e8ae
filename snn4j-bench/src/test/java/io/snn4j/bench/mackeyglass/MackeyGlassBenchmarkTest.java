package io.snn4j.bench.mackeyglass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MackeyGlassBenchmarkTest {

    @Test
    void oneRepeatOfTheSmallEsnReportsItsScoreOffsetAndSeed() {
        List<MackeyGlassBenchmark.Repeat> seen = new ArrayList<>();
        MackeyGlassResult r = MackeyGlassBenchmark.run(new MackeyGlassOptions(17, 2, "esn-186", 5), seen::add);
        assertArrayEquals(new int[] {0, 37}, r.startOffsets());
        assertArrayEquals(new long[] {5, 6}, r.seeds());
        assertEquals(2, seen.size());
        assertEquals(r.smape()[1], seen.get(1).smape(), 0);
        assertEquals((r.smape()[0] + r.smape()[1]) / 2, r.meanSmape(), 1e-12);
        assertTrue(r.model().startsWith("esn N=186"), r.model());
        // the same repeat, run on its own, is the same number: a repeat depends on nothing but its offset and seed
        MackeyGlassTask task = MackeyGlassTask.neuroBench(17);
        double alone = task.evaluate(new EchoStateNetwork(EsnConfig.size186(), 6), task.series(task.solve(2), 1))
                .smape();
        assertEquals(alone, r.smape()[1], 0);
    }

    /** The repeats run in parallel, but progress comes in repeat order and the result equals one-by-one runs. */
    @Test
    void parallelRepeatsAreReportedInOrderAndEqualSequentialRuns() {
        List<Integer> order = new ArrayList<>();
        MackeyGlassResult r = MackeyGlassBenchmark.run(new MackeyGlassOptions(17, 5, "esn-186", 3),
                p -> order.add(p.repeat()));
        assertEquals(List.of(0, 1, 2, 3, 4), order);
        MackeyGlassTask task = MackeyGlassTask.neuroBench(17);
        DelaySolution sol = task.solve(5);
        for (int k = 0; k < 5; k++) {
            assertEquals(task.evaluate(new EchoStateNetwork(EsnConfig.size186(), 3 + k), task.series(sol, k)).smape(),
                    r.smape()[k], 0, "repeat " + k);
        }
        int threads = io.snn4j.core.kernel.Parallel.threads();
        try {
            io.snn4j.core.kernel.Parallel.setThreads(1);
            assertArrayEquals(r.smape(), MackeyGlassBenchmark.run(new MackeyGlassOptions(17, 5, "esn-186", 3)).smape(),
                    "one thread");
        } finally {
            io.snn4j.core.kernel.Parallel.setThreads(threads);
        }
    }

    /**
     * NeuroBench's metrics come with every run, averaged over the repeats as NeuroBench's scripts average them. The
     * 186-unit ESN has the leaderboard ESN's footprint (2.81E5 bytes) and dense operations (3.52E4 per step).
     */
    @Test
    void neuroBenchsMetricsAreTheMeanOverTheRepeats() {
        MackeyGlassResult r = MackeyGlassBenchmark.run(new MackeyGlassOptions(17, 2, "esn-186", 5));
        assertEquals(List.of("Footprint", "ConnectionSparsity", "ParameterCount", "SMAPE", "ActivationSparsity",
                "SynapticOperations"), List.copyOf(r.metrics().keySet()));
        assertEquals(281_248L, r.metrics().get("Footprint"));
        assertEquals(35_156L, r.metrics().get("ParameterCount"));
        assertEquals(0.0, r.metrics().get("ActivationSparsity"));
        assertEquals(2, r.repeatMetrics().size());
        for (int k = 0; k < 2; k++) {
            assertEquals(r.smape()[k], (double) r.repeatMetrics().get(k).get("SMAPE"), 0);
        }
        assertEquals(r.meanSmape(), (double) r.metrics().get("SMAPE"), 1e-12);
        double cs = ((double) r.repeatMetrics().get(0).get("ConnectionSparsity")
                + (double) r.repeatMetrics().get(1).get("ConnectionSparsity")) / 2;
        assertEquals(cs, (double) r.metrics().get("ConnectionSparsity"), 1e-15);
        assertEquals(0.876, cs, 0.01);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> ops = (java.util.Map<String, Object>) r.metrics().get("SynapticOperations");
        assertEquals(35_156.0, ops.get("Dense"));
        // every non-zero weight once per step: W's (about 0.11 * 186^2), Win's 2N and Wout's N + 2; the leaderboard's
        // 4.37E3
        double macs = 0;
        for (int k = 0; k < 2; k++) {
            macs += (new EchoStateNetwork(EsnConfig.size186(), 5 + k).recurrentNonZeros() + 2 * 186 + 188) / 2.0;
        }
        assertEquals(macs, (double) ops.get("Effective_MACs"), 0);
        assertEquals(4370, macs, 150);
        assertEquals(750, r.breakdown().samples());
    }

    @Test
    void theSpikingModelRunsUnderTheSameProtocol() {
        MackeyGlassResult r = MackeyGlassBenchmark.run(new MackeyGlassOptions(17, 1, "snn", 0));
        assertTrue(r.meanSmape() > 0 && r.meanSmape() < 200, "sMAPE " + r.meanSmape());
        assertTrue(r.model().startsWith("snn lif N="), r.model());
    }

    @Test
    void esnUsesNeuroBenchsRowForTheTauAndTheTau17RowOtherwise() {
        assertEquals(913, ModelKind.esnConfig(18).reservoirSize());
        assertEquals(966, ModelKind.esnConfig(17).reservoirSize());
        assertEquals(966, ModelKind.esnConfig(35).reservoirSize());
        assertEquals(966, ModelKind.esnConfig(18.5).reservoirSize());
    }

    @Test
    void badOptionsAreRejectedNamingTheOption() {
        assertEquals("--tau must be a finite number > 0, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> MackeyGlassBenchmark.run(new MackeyGlassOptions(0, 1, "esn", 0))).getMessage());
        assertEquals("--tau must be a finite number > 0, got -3.0", assertThrows(IllegalArgumentException.class,
                () -> MackeyGlassBenchmark.run(new MackeyGlassOptions(-3, 1, "esn", 0))).getMessage());
        assertEquals("--repeats must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> MackeyGlassBenchmark.run(new MackeyGlassOptions(17, 0, "esn", 0))).getMessage());
        assertEquals("--repeats must be <= 1000 (NeuroBench uses 30), got 5000",
                assertThrows(IllegalArgumentException.class,
                        () -> MackeyGlassBenchmark.run(new MackeyGlassOptions(17, 5000, "esn", 0))).getMessage());
        assertEquals("--tau must be <= 1000 (NeuroBench uses 17..30), got 1.0E7",
                assertThrows(IllegalArgumentException.class,
                        () -> MackeyGlassBenchmark.run(new MackeyGlassOptions(1e7, 1, "esn", 0))).getMessage());
        assertEquals("--model-kind: unknown model kind 'gru'; valid: " + String.join(", ", ModelKind.names()),
                assertThrows(IllegalArgumentException.class,
                        () -> MackeyGlassBenchmark.run(new MackeyGlassOptions(17, 1, "gru", 0))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MackeyGlassBenchmark.run(new MackeyGlassOptions(17, 1, null, 0))).getMessage()
                .startsWith("--model-kind: unknown model kind 'null'"));
        assertEquals(ModelKind.ESN_186, ModelKind.parse(" ESN-186 "));
    }

    @Test
    void aGivenSeriesIsSlicedAsNeuroBenchSlicesItsFile() {
        MackeyGlassTask task = MackeyGlassTask.neuroBench(17);
        DelaySolution sol = task.solve(3);
        // one long series on a fixed grid, as NeuroBench's mg_17.npy holds one
        double[] all = new double[task.startOffsetPoints(1) + task.seriesPoints()];
        for (int i = 0; i < all.length; i++) {
            all[i] = sol.valueAt(task.startTime() + i * task.sampleStep());
        }
        MackeyGlassResult r = MackeyGlassBenchmark.run(new MackeyGlassOptions(17, 2, "esn-186", 3), all, x -> { });
        double second = task.evaluate(new EchoStateNetwork(EsnConfig.size186(), 4),
                java.util.Arrays.copyOfRange(all, 37, 37 + task.seriesPoints())).smape();
        assertEquals(second, r.smape()[1], 0, "repeat 1 is points 37..1537 of the file");
        assertEquals("the series has 1538 points; 3 repeats need 1576 (the last repeat starts at point 75 and uses"
                + " 1501)", assertThrows(IllegalArgumentException.class, () -> MackeyGlassBenchmark.run(
                        new MackeyGlassOptions(17, 3, "esn", 0), all, x -> { })).getMessage());
        all[100] = Double.NaN;
        assertEquals("the series has the value NaN at point 100; expected finite numbers",
                assertThrows(IllegalArgumentException.class, () -> MackeyGlassBenchmark.run(
                        new MackeyGlassOptions(17, 1, "esn", 0), all, x -> { })).getMessage());
    }
}
