package io.snn4j.bench.mackeyglass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.bench.neurobench.Activity;
import io.snn4j.bench.neurobench.BenchmarkException;
import io.snn4j.bench.neurobench.Breakdown;
import io.snn4j.bench.neurobench.Footprint;
import io.snn4j.bench.neurobench.ParameterCount;
import io.snn4j.bench.neurobench.Results;
import io.snn4j.core.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NeuroBench's metrics of the Mackey-Glass models: the numbers NeuroBench's scripts, tutorial and leaderboard pin
 * where our configuration is theirs, and the effective counts of small models checked against counts made here
 * from the models' weights.
 */
class MackeyGlassMetricsTest {
    private static final MackeyGlassTask TASK = MackeyGlassTask.neuroBench(17);
    private static final double[] SERIES = TASK.series(TASK.solve(1), 0);

    private static Map<String, Object> ops(Results r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) r.get("SynapticOperations");
        return m;
    }

    private static double count(Map<String, Object> ops, String key) {
        return ((Number) ops.get(key)).doubleValue();
    }

    /**
     * The tutorial's ESN (NeuroBench's tau-17 row, N = 966): footprint 7,488,448 bytes and 936,056 dense operations
     * per step (2N + N^2 + N + 2), independent of the weights' values, so a sparser reservoir of the same size,
     * not scaled to the spectral radius, is used to keep the test fast. Effective MACs: every non-zero weight once
     * per step (inputs and state non-zero).
     */
    @Test
    void esnOfNeuroBenchsSizeHasItsFootprintAndDenseOperations() {
        EsnConfig c = EsnConfig.neuroBench(17).withReservoir(966, 0.01);
        EchoStateNetwork esn = new EchoStateNetwork(c, 0, false);
        MackeyGlassMetrics.Measured m = MackeyGlassMetrics.measure(TASK, esn, SERIES);
        Results r = m.results();
        assertEquals(List.of("Footprint", "ConnectionSparsity", "ParameterCount", "SMAPE", "ActivationSparsity",
                "SynapticOperations"), List.copyOf(r.values().keySet()));
        assertEquals(7_488_448L, r.get("Footprint"));
        assertEquals(936_056L, r.get("ParameterCount"));
        Map<String, Object> ops = ops(r);
        assertEquals(List.of("Effective_MACs", "Effective_ACs", "Dense"), List.copyOf(ops.keySet()));
        assertEquals(936_056.0, count(ops, "Dense"), 0);
        assertEquals(0.0, count(ops, "Effective_ACs"), 0);
        int nnz = esn.recurrentNonZeros();
        assertEquals(nnz + 2 * 966 + 968, count(ops, "Effective_MACs"), 0);
        assertEquals(0.0, r.get("ActivationSparsity"));
        double zeros = 966.0 * 966 - nnz;
        assertEquals(Math.round(zeros / 936_056 * 1e4) / 1e4, (double) r.get("ConnectionSparsity"), 0);
        assertEquals(m.evaluation().smape(), (double) r.get("SMAPE"), 0);
        Breakdown b = r.breakdown();
        assertEquals(List.of("W", "Win", "Wout"), b.synapses().stream().map(Breakdown.SynapseRow::name).toList());
        assertEquals(966.0 * 966, b.synapses().get(0).denseMacs(), 0);
        assertEquals(zeros / (966.0 * 966), b.synapses().get(0).connectionSparsity(), 1e-12);
        assertTrue(b.neurons().isEmpty());
        assertEquals(966L * 8, b.stateBytesPerSample());
    }

    /** A small ESN counted here from its weight matrices: W and Wout only where state and weight are non-zero. */
    @Test
    void esnEffectiveOperationsFollowTheWeightsAndTheState() {
        EchoStateNetwork esn = new EchoStateNetwork(EsnConfig.size186().withReservoir(6, 0.3), 4);
        double[] train = Arrays.copyOf(SERIES, 60);
        esn.fit(train, Arrays.copyOfRange(SERIES, 1, 61));
        double[][] w = esn.recurrentMatrix();
        long nnzW = Arrays.stream(w).flatMapToDouble(Arrays::stream).filter(v -> v != 0).count();
        assertTrue(nnzW > 0 && nnzW < 36, "a sparse 6 x 6 reservoir, " + nnzW + " non-zeros");
        Activity a = new Activity();
        // first input 0: Win's series column meets a zero, only the bias column counts; and [1, 0] passes
        // NeuroBench's spiking test, so those 6 operations are accumulates
        double[] p = esn.predict(0.0, 3, a);
        Activity.Synapses win = a.synapses().get("Win");
        assertEquals(3, win.calls());
        assertEquals(6, win.effectiveAcs());
        assertEquals(12, win.denseAcs());
        // steps 1 and 2 on the non-zero predictions: 12 each
        assertEquals(12 + 12, win.effectiveMacs());
        assertEquals(2 * 12, win.denseMacs());
        Activity.Synapses rec = a.synapses().get("W");
        assertEquals(3 * nnzW, rec.effectiveMacs()); // the state after training has no zero
        assertEquals(3 * 36, rec.denseMacs());
        Activity.Synapses out = a.synapses().get("Wout");
        assertEquals((1 + 0 + 6) + 2 * (1 + 1 + 6), out.effectiveMacs());
        assertEquals(3 * 8, out.denseMacs());
        assertEquals(0, rec.effectiveAcs() + out.effectiveAcs());
        assertTrue(a.neurons().isEmpty(), "tanh is functional: NeuroBench sees no activation layer");
        assertTrue(p[0] != 0 && p[1] != 0);
    }

    /** The harness's run is the task's: the same predictions, bit for bit, and sMAPE as a plain evaluation. */
    @Test
    void measuringAnEsnChangesNoPrediction() {
        EsnConfig c = EsnConfig.size186().withReservoir(50, 0.2);
        MackeyGlassMetrics.Measured m = MackeyGlassMetrics.measure(TASK, new EchoStateNetwork(c, 9), SERIES);
        MackeyGlassTask.Evaluation plain = TASK.evaluate(new EchoStateNetwork(c, 9), SERIES);
        assertArrayEquals(plain.predictions(), m.evaluation().predictions(), 0);
        assertArrayEquals(plain.targets(), m.evaluation().targets(), 0);
        assertEquals(plain.smape(), m.evaluation().smape(), 0);
        assertEquals(plain.smape(), (double) m.results().get("SMAPE"), 0);
    }

    /**
     * NeuroBench's LSTM script (H = 40): 14,560 dense operations per step (4 * 40 * 90 + 80 + 40 + 40, the script's
     * comment); effective MACs are the cell's 14,520 (nothing zero) plus fc's non-zero ReLU outputs, which is how
     * the script's 14,541.6 and activation sparsity 0.460 go together (14,520 + 40 * 0.54).
     */
    @Test
    void lstmOfNeuroBenchsScriptHasItsDenseCountAndFootprint() {
        LstmForecaster lstm = new LstmForecaster(50, 40, 3, 5e-3, 1e-3, 0);
        MackeyGlassMetrics.Measured m = MackeyGlassMetrics.measure(TASK, lstm, SERIES);
        Results r = m.results();
        Map<String, Object> ops = ops(r);
        assertEquals(14_560.0, count(ops, "Dense"), 0);
        double as = (double) r.get("ActivationSparsity");
        assertTrue(as > 0 && as < 1, "ReLU sparsity " + as);
        assertEquals(14_520 + 40 * (1 - as), count(ops, "Effective_MACs"), 1e-9);
        assertEquals(0.0, count(ops, "Effective_ACs"), 0);
        assertEquals(0.0, r.get("ConnectionSparsity"));
        // parameters: LayerNorm 100, cell 4H(50 + H) + 8H = 14,720, fc 41; buffers inp 50, h0 and c0 40 each
        assertEquals(14_861L, r.get("ParameterCount"));
        assertEquals(4L * (14_861 + 130), r.get("Footprint")); // float32; NeuroBench's float64 model: 119,928
        MackeyGlassTask.Evaluation plain = TASK.evaluate(new LstmForecaster(50, 40, 3, 5e-3, 1e-3, 0), SERIES);
        assertArrayEquals(plain.predictions(), m.evaluation().predictions(), 0);
        Breakdown b = r.breakdown();
        assertEquals(List.of("rnns.0", "fc"), b.synapses().stream().map(Breakdown.SynapseRow::name).toList());
        assertEquals("activation", b.neurons().get(0).name());
        assertEquals("ReLU", b.neurons().get(0).type());
        assertEquals(2 * 40 * 4, b.stateBytesPerSample());
    }

    /**
     * The leaderboard LSTM: H = 100, footprint 4.90E5 bytes in NeuroBench's float64 = 61,251 values (parameters
     * 61,001 and the buffers' 250); ours holds them in float32.
     */
    @Test
    void lstmOfTheLeaderboardsSizeHasItsFootprint() {
        LstmForecaster lstm = new LstmForecaster(50, 100, 0, 5e-3, 1e-3, 0);
        lstm.fit(Arrays.copyOf(SERIES, 5), Arrays.copyOfRange(SERIES, 1, 6));
        MackeyGlassBenchModel bm = new MackeyGlassBenchModel(lstm, SERIES[5]);
        assertEquals(61_001L, new ParameterCount().compute(bm));
        assertEquals(4L * 61_251, new Footprint().compute(bm));
        assertEquals(490_008L, 8L * 61_251);
    }

    /** A tiny LSTM counted here: the cell rules with nothing zero, fc on the non-zero ReLU outputs. */
    @Test
    void lstmEffectiveOperationsOnATinyModel() {
        LstmForecaster lstm = new LstmForecaster(3, 2, 0, 0, 0, 7);
        lstm.fit(new double[] {0.5, 0.7, 0.9, 1.1}, new double[] {0.7, 0.9, 1.1, 1.2});
        Activity a = new Activity();
        lstm.predict(1.2, 4, a);
        Activity.Synapses cell = a.synapses().get("rnns.0");
        Activity.Synapses fc = a.synapses().get("fc");
        Activity.Neurons relu = a.neurons().get("activation");
        // per step: W_ih x 4*2*3 + W_hh h 4*2*2 = 40, f*c + i*g 2 per unit, o*tanh(c) 1 per unit: 46
        assertEquals(4 * 46, cell.effectiveMacs());
        assertEquals(4 * 46, cell.denseMacs());
        assertEquals(4 * 2, fc.denseMacs() + fc.denseAcs());
        assertEquals(relu.nonZero(), fc.effectiveMacs() + fc.effectiveAcs());
        assertEquals(8, relu.elements());
    }

    /**
     * The spiking model: fc_in once per point on the window, the LIF layer every substep (the activation sparsity
     * is the model's own spike count), the readout once per point on [1; w; counts], counted here from its
     * weights; no recurrence, so no ACs.
     */
    @Test
    void spikingModelCountsItsLayersPerPoint() {
        LifReservoirConfig c = new LifReservoirConfig(30, 4, 0.9, 1, 3, 0.5, 0.2, 0, 5, 1e-4, 45);
        LifReservoir m = new LifReservoir(c, 3);
        MackeyGlassMetrics.Measured x = MackeyGlassMetrics.measure(TASK, m, SERIES);
        Results r = x.results();
        Map<String, Object> ops = ops(r);
        assertEquals(m.activationSparsity(), (double) r.get("ActivationSparsity"), 1e-12);
        int readoutInputs = 1 + 4 + 30;
        assertEquals(30 * 4 + readoutInputs, count(ops, "Dense"), 0);
        assertEquals(0.0, count(ops, "Effective_ACs"), 0);
        // parameters: fc_in 120 + 30, readout 35; footprint adds the window (8 B each), membranes, Leaky constants
        assertEquals(185L, r.get("ParameterCount"));
        Breakdown b = r.breakdown();
        assertEquals(List.of("fc_in", "readout"), b.synapses().stream().map(Breakdown.SynapseRow::name).toList());
        assertEquals(120.0, b.synapses().get(0).effectiveMacs(), 0); // the window holds no zero in the test
        Breakdown.NeuronRow lif = b.neurons().get(0);
        assertEquals("Leaky", lif.type());
        assertEquals("subtract", lif.reset());
        assertEquals(30 * 5, lif.membraneDense(), 0);
        assertEquals(m.spikesPerPoint(750), lif.activationsPerSample(), 1e-9);
        // parameters 4 B (fc_in) and 8 B (readout), buffers: the window 8 B, membranes 4 B; Leaky's constants 20 B
        assertEquals(4L * 150 + 8L * 35 + 8L * 4 + 4L * 30 + 20, r.get("Footprint"));
        double[] wout = m.readoutWeights();
        long readoutZeros = Arrays.stream(wout).filter(v -> v == 0).count();
        assertEquals(Math.round(readoutZeros / 155.0 * 1e4) / 1e4, (double) r.get("ConnectionSparsity"), 0);
        double readout = b.synapses().get(1).effectiveMacs();
        assertEquals(120 + readout, count(ops, "Effective_MACs"), 1e-9);
        // [1; w] always (non-zero weights), the neurons' counts where non-zero and weighted
        assertTrue(readout >= 5 && readout <= readoutInputs - readoutZeros, "readout MACs per point " + readout);
        assertArrayEquals(TASK.evaluate(new LifReservoir(c, 3), SERIES).predictions(), x.evaluation().predictions(),
                0);
    }

    /** With recurrence, fc_rec counts the previous spikes times each neuron's out-degree: ACs, the model's own tally. */
    @Test
    void recurrentSpikesAreAccumulates() {
        LifReservoirConfig c = new LifReservoirConfig(40, 4, 0.9, 1, 3, 0.5, 0.2, 1.0, 5, 1e-4, 45);
        LifReservoir m = new LifReservoir(c, 2);
        Results r = MackeyGlassMetrics.measure(TASK, m, SERIES).results();
        Map<String, Object> ops = ops(r);
        assertEquals(m.recurrentAccumulatesPerPoint(750), count(ops, "Effective_ACs"), 1e-9);
        assertTrue(count(ops, "Effective_ACs") > 0);
        assertEquals(40 * 4 + 5 * 40 * 40 + (1 + 4 + 40), count(ops, "Dense"), 0);
        // fc_in 160 + 40, fc_rec dense 40 x 40, readout 45
        assertEquals(160L + 40 + 1600 + 45, r.get("ParameterCount"));
        // fc_rec's zeros count toward the connection sparsity: 1600 - synapses, of 160 + 1600 + 45 weights (the
        // readout's zeros, for neurons silent in training, too)
        double readoutZeros = Arrays.stream(m.readoutWeights()).filter(v -> v == 0).count();
        assertEquals(Math.round((1600.0 - m.recurrentSynapses() + readoutZeros) / 1805 * 1e4) / 1e4,
                (double) r.get("ConnectionSparsity"), 0);
    }

    @Test
    void theBenchModelRunsTheTestSplitOnceFromItsFirstValue() {
        LstmForecaster lstm = new LstmForecaster(4, 2, 0, 0, 0, 1);
        lstm.fit(new double[] {0.5, 0.6}, new double[] {0.6, 0.7});
        MackeyGlassBenchModel bm = new MackeyGlassBenchModel(lstm, 0.7);
        assertNull(bm.lastActivity());
        assertNull(bm.lastPredictions());
        assertEquals("model: expected the Mackey-Glass test split [T, 1, 1] (T time steps as samples, a window of "
                + "one value), got [3, 2]", assertThrows(BenchmarkException.class,
                        () -> bm.run(new Tensor(new float[6], 3, 2))).getMessage());
        assertEquals("model: the batch starts with 0.5 but the model was set up to start from 0.7 (the first test "
                + "value)", assertThrows(BenchmarkException.class,
                        () -> bm.run(new Tensor(new float[] {0.5f, 0, 0}, 3, 1, 1))).getMessage());
        Tensor out = bm.run(new Tensor(new float[] {0.7f, 0, 0}, 3, 1, 1));
        assertArrayEquals(new int[] {3, 1}, out.shape());
        assertEquals(3, bm.lastPredictions().length);
        assertEquals(3, bm.lastActivity().steps());
        assertEquals("model: a Mackey-Glass model runs the test split once, as one batch (it continues from the "
                + "state training left)", assertThrows(BenchmarkException.class,
                        () -> bm.run(new Tensor(new float[] {0.7f, 0, 0}, 3, 1, 1))).getMessage());
        assertEquals("ESN: the readout Wout exists only after fit", assertThrows(IllegalStateException.class,
                () -> new EchoStateNetwork(EsnConfig.size186().withReservoir(5, 0.5), 0).neuroBenchStructure())
                .getMessage());
        assertEquals("series must have 1501 points, got 10", assertThrows(IllegalArgumentException.class,
                () -> MackeyGlassMetrics.measure(TASK, lstm, new double[10])).getMessage());
    }

    @Test
    void repeatsAreAveragedAsNeuroBenchsScriptsDo() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("Footprint", 100L);
        a.put("ParameterCount", 7L);
        a.put("SMAPE", 10.0);
        a.put("SynapticOperations", Map.of("Dense", 4.0));
        Map<String, Object> b = new LinkedHashMap<>(a);
        b.put("ParameterCount", 8L);
        b.put("SMAPE", 20.0);
        b.put("SynapticOperations", Map.of("Dense", 6.0));
        Map<String, Object> m = MackeyGlassMetrics.mean(List.of(a, b));
        assertEquals(100L, m.get("Footprint"));
        assertEquals(7.5, m.get("ParameterCount"));
        assertEquals(15.0, m.get("SMAPE"));
        assertEquals(Map.of("Dense", 5.0), m.get("SynapticOperations"));
        assertEquals(List.copyOf(a.keySet()), List.copyOf(m.keySet()));
        b.remove("SMAPE");
        assertEquals("metric SMAPE is missing from a repeat", assertThrows(IllegalArgumentException.class,
                () -> MackeyGlassMetrics.mean(List.of(a, b))).getMessage());
        assertEquals("no repeats to average", assertThrows(IllegalArgumentException.class,
                () -> MackeyGlassMetrics.mean(List.of())).getMessage());
    }
}
