package io.snn4j.bench.neurobench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Graph;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.RLeaky;
import io.snn4j.core.neuron.Reset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model wrapper: step-by-step runs equal the engine's own, and what it counts at each step. */
class SnnModelTest {

    private static Tensor spikes(Rng r, double p, int... shape) {
        Tensor t = new Tensor(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = r.nextDouble() < p ? 1f : 0f;
        }
        return t;
    }

    private static void scale(Parameter p, float f) {
        for (int i = 0; i < p.value().size(); i++) {
            p.value().data()[i] *= f;
        }
    }

    private static Graph recurrentGraph(Rng rng) {
        Linear fc1 = new Linear(4, 6, rng);
        Linear rec = new Linear(6, 6, false, rng);
        Linear fc2 = new Linear(6, 3, rng);
        scale(fc1.weight(), 3f);
        scale(fc2.weight(), 3f);
        return Graph.builder().input("in", 4)
                .node("fc1", fc1).edge("in", "fc1")
                .node("lif1", new Leaky(0.8f)).edge("fc1", "lif1")
                .node("rec", rec).edge("lif1", "rec").recurrentEdge("rec", "lif1")
                .node("fc2", fc2).edge("lif1", "fc2")
                .node("lif2", new Leaky(0.8f)).edge("fc2", "lif2")
                .output("lif2").build();
    }

    @Test
    void graphRunsStepByStepAsTheEngineDoes() {
        Rng rng = new Rng(11);
        Graph g = recurrentGraph(rng);
        int t = 15;
        int b = 3;
        Tensor x = spikes(rng, 0.5, t, b, 4);
        g.setRecording(true);
        Tensor want = g.forward(x, false);
        Tensor lif1 = g.recordedOutputs().get("lif1");
        g.setRecording(false);
        assertTrue(lif1.sum() > 0 && want.sum() > 0, "the test network spikes");

        SnnModel m = new SnnModel(g);
        Tensor got = m.run(BenchBatch.swap01(x));
        assertArrayEquals(want.data(), BenchBatch.swap01(got).data(), 0f, "same output as Graph.forward");

        Activity a = m.lastActivity();
        assertEquals(List.of("fc1", "rec", "fc2"), new ArrayList<>(a.synapses().keySet()));
        assertEquals(List.of("lif1", "lif2"), new ArrayList<>(a.neurons().keySet()));
        // 'rec' reads lif1's spikes of the same step; its output reaches lif1 one step later (recurrent edge)
        Activity.Synapses rec = a.synapses().get("rec");
        assertEquals(t, rec.calls());
        assertEquals((long) t * b * 36, rec.denseAcs());
        long spikes = 0;
        for (float v : lif1.data()) {
            spikes += v != 0 ? 1 : 0;
        }
        int nonZeroWeights = 0;
        for (float w : ((Linear) g.namedLayers().get("rec")).weight().value().data()) {
            nonZeroWeights += w != 0 ? 1 : 0;
        }
        assertEquals(36, nonZeroWeights);
        assertEquals(6 * spikes, rec.effectiveAcs());
        assertEquals(0, rec.effectiveMacs());
        // the spiking layers: outputs counted, membranes all updated at the first step
        Activity.Neurons n = a.neurons().get("lif1");
        assertEquals((long) t * b * 6, n.elements());
        assertEquals((long) lif1.sum(), n.nonZero());
        assertTrue(n.membraneUpdates() >= b * 6 && n.membraneUpdates() <= (long) t * b * 6);
        assertEquals((long) t * b * 6, n.membraneDense());
    }

    @Test
    void delayedEdgeIntoANodeWithoutOtherInputs() {
        // 'rec' is fed only by a delayed edge: zeros at the first step, then lif1's spikes of the step before
        Rng rng = new Rng(12);
        Linear fc1 = new Linear(4, 6, rng);
        Linear rec = new Linear(6, 6, false, rng);
        scale(fc1.weight(), 3f);
        Graph g = Graph.builder().input("in", 4)
                .node("fc1", fc1).edge("in", "fc1")
                .node("rec", rec).recurrentEdge("lif1", "rec")
                .node("lif1", new Leaky(0.8f)).edge("fc1", "lif1").edge("rec", "lif1")
                .output("lif1").build();
        int t = 12;
        int b = 2;
        Tensor x = spikes(rng, 0.5, t, b, 4);
        Tensor want = g.forward(x, false);
        SnnModel m = new SnnModel(g);
        Tensor got = m.run(BenchBatch.swap01(x));
        assertArrayEquals(want.data(), BenchBatch.swap01(got).data(), 0f);
        long earlier = 0;
        for (int i = 0; i < (t - 1) * b * 6; i++) {
            earlier += want.data()[i] != 0 ? 1 : 0;
        }
        assertTrue(earlier > 0);
        Activity.Synapses s = m.lastActivity().synapses().get("rec");
        assertEquals(t, s.calls());
        assertEquals(6 * earlier, s.effectiveAcs());
        assertEquals((long) t * b * 36, s.denseAcs());
    }

    @Test
    void sequentialOutputAndNestedNames() {
        Rng rng = new Rng(5);
        Linear a = new Linear(5, 7, rng);
        Linear c = new Linear(7, 2, rng);
        scale(a.weight(), 3f);
        scale(c.weight(), 3f);
        Sequential net = new Sequential(new Sequential(a, new Leaky(0.9f)), c, new Leaky(0.9f));
        Tensor x = spikes(rng, 0.6, 9, 2, 5);
        Tensor want = net.forward(x, false);
        SnnModel m = new SnnModel(net);
        Tensor got = m.run(BenchBatch.swap01(x));
        assertArrayEquals(want.data(), BenchBatch.swap01(got).data(), 0f);
        assertEquals(List.of("0.0", "1"), new ArrayList<>(m.lastActivity().synapses().keySet()));
        assertEquals(List.of("0.1", "2"), new ArrayList<>(m.lastActivity().neurons().keySet()));
        assertEquals(9, m.lastActivity().steps());
        // the network is left in its reset state and still runs its normal path the same way
        assertArrayEquals(want.data(), net.forward(x, false).data(), 0f);
    }

    @Test
    void recurrentMapsCountedOncePerStepInTheBreakdownAndAsNeuroBenchInItsTotal() {
        Rng rng = new Rng(2);
        Linear in = new Linear(4, 5, rng);
        scale(in.weight(), 4f);
        RLeaky zero = RLeaky.builder(5).beta(0.7f).reset(Reset.ZERO).build(rng);
        Sequential net = new Sequential(in, zero);
        int t = 8;
        int b = 2;
        List<BenchBatch> data = List.of(new BenchBatch(spikes(rng, 0.5, b, t, 4), new Tensor(b)));
        Results r = new Benchmark(new SnnModel(net), data, List.of(), List.of(), List.of(),
                List.of("synaptic_operations")).run();
        Breakdown.SynapseRow row = r.breakdown().synapses().get(1);
        assertEquals("1.recurrent", row.name());
        assertEquals(2, row.neurobenchCallsPerStep());
        assertEquals(t * 25.0, row.denseAcs(), "once per step in the breakdown");
        Map<?, ?> so = (Map<?, ?>) r.get("SynapticOperations");
        assertEquals(t * 20.0 + 2 * t * 25.0, so.get("Dense"), "twice per step in NeuroBench's total");
        assertEquals(r.breakdown().synapses().get(0).effectiveAcs() + 2 * row.effectiveAcs(),
                (Double) so.get("Effective_ACs"), 1e-12);
    }

    @Test
    void oneToOneRecurrenceIsCounted() {
        Rng rng = new Rng(4);
        Linear in = new Linear(3, 4, rng);
        scale(in.weight(), 4f);
        RLeaky one = RLeaky.builder(4).oneToOne().v(0.5f).build(rng);
        SnnModel m = new SnnModel(new Sequential(in, one));
        int t = 10;
        Tensor x = spikes(rng, 0.7, 1, t, 3);
        Tensor out = m.run(x);
        Activity.Synapses s = m.lastActivity().synapses().get("1.recurrent");
        assertNotNull(s, "the one-to-one map V is a connection");
        assertEquals("recurrent_one_to_one", s.type());
        assertEquals((long) t * 4, s.denseAcs());
        long earlier = 0;
        for (int i = 0; i < (t - 1) * 4; i++) {
            earlier += out.data()[i] != 0 ? 1 : 0;
        }
        assertTrue(earlier > 0);
        assertEquals(earlier, s.effectiveAcs());
        assertNull(new SnnModel(new Sequential(in, one)).structure().connections().stream()
                .filter(c -> c.layer().equals("1.recurrent")).findFirst().orElse(null),
                "ConnectionSparsity ignores V, as NeuroBench ignores snnTorch's RecurrentOneToOne");
    }

    @Test
    void structureOfNeuronLayers() {
        Rng rng = new Rng(1);
        RLeaky r = RLeaky.builder(3).build(rng);
        SnnModel m = new SnnModel(new Sequential(new Linear(2, 3, rng), r, new Leaky(0.5f)));
        Structure s = m.structure();
        // snnTorch's buffers: threshold, graded_spikes_factor, beta (float32), reset_mechanism_val (int64)
        assertEquals(2 * 20, s.constantBytes());
        assertEquals(0, s.stateBytesPerSample(), "unknown before the first run");
        m.run(new Tensor(1, 2, 2));
        // RLeaky: membrane and spikes; Leaky: membrane
        assertEquals(3 * 2 * 4 + 3 * 4, m.structure().stateBytesPerSample());
        long params = 0;
        for (Structure.Param p : s.parameters()) {
            params += p.neurobenchParameter() ? p.value().size() : 0;
        }
        assertEquals(2 * 3 + 3 + 9 + 3, params);
    }
}
