package io.snn4j.core.layer;

import static io.snn4j.core.layer.LayerTestSupport.assertClose;
import static io.snn4j.core.layer.LayerTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.GradCheck;
import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.RLeaky;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphTest {

    private static void copy(Parameter from, Parameter to) {
        System.arraycopy(from.value().data(), 0, to.value().data(), 0, from.value().size());
    }

    /** out = fc2(fc1(x)) + skip(x): a residual-style fan-in. */
    private static Graph skipGraph(Rng rng) {
        return Graph.builder()
                .input("in", 6)
                .node("fc1", new Linear(6, 5, rng)).edge("in", "fc1")
                .node("fc2", new Linear(5, 4, rng)).edge("fc1", "fc2")
                .node("skip", new Linear(6, 4, false, rng)).edge("in", "skip")
                .node("out", new Dropout(0, 1)).edge("fc2", "out").edge("skip", "out")
                .output("out")
                .build();
    }

    @Test
    void fanInIsSummed() {
        Rng rng = new Rng(51);
        Graph g = skipGraph(rng);
        Tensor x = uniform(rng, -1, 1, 3, 2, 6);
        Map<String, Layer> n = g.namedLayers();
        Tensor expected = n.get("fc2").forward(n.get("fc1").forward(x, false), false);
        expected.addInPlace(n.get("skip").forward(x, false));
        assertClose(expected, g.forward(x, false), 1e-6, "graph output");
        assertFalse(g.isRecurrent());
    }

    @Test
    void acyclicGraphPassesGradientCheckAndNamesParametersByNode() {
        Rng rng = new Rng(52);
        Graph g = skipGraph(rng);
        GradCheck.Result r = GradCheck.check(g, uniform(rng, -1, 1, 3, 2, 6), 1);
        assertTrue(r.passes(1e-2), r.toString());
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "skip.weight"),
                new ArrayList<>(g.namedParameters().keySet()));
    }

    @Test
    void recordingKeepsEveryNodesOutput() {
        Rng rng = new Rng(53);
        Graph g = skipGraph(rng);
        g.setRecording(true);
        Tensor y = g.forward(uniform(rng, -1, 1, 2, 2, 6), false);
        assertEquals(List.of("fc1", "fc2", "skip", "out"), new ArrayList<>(g.recordedOutputs().keySet()));
        assertArrayEquals(new int[] {2, 2, 5}, g.recordedOutputs().get("fc1").shape());
        assertArrayEquals(y.data(), g.recordedOutputs().get("out").data());
    }

    /** h[t] = Wh (a[t] + r[t-1]) + bh, r[t] = Wr h[t] + br, a = fc(x): a stateless loop through a delayed edge. */
    private static Graph loopGraph(Rng rng) {
        return Graph.builder()
                .input("in", 2)
                .node("fc", new Linear(2, 3, rng)).edge("in", "fc")
                .node("h", new Linear(3, 3, rng)).edge("fc", "h")
                .node("r", new Linear(3, 3, rng)).edge("h", "r").recurrentEdge("r", "h")
                .output("h")
                .build();
    }

    @Test
    void recurrentEdgeDeliversTheValueOneStepLater() {
        Rng rng = new Rng(54);
        Graph g = loopGraph(rng);
        assertTrue(g.isRecurrent());
        Map<String, Layer> n = g.namedLayers();
        Tensor x = uniform(rng, -1, 1, 4, 2, 2);
        List<Tensor> expected = new ArrayList<>();
        Tensor r = new Tensor(2, 3);
        for (int t = 0; t < 4; t++) {
            Tensor a = n.get("fc").step(x.slice0(t));
            a.addInPlace(r);
            Tensor h = n.get("h").step(a);
            r = n.get("r").step(h);
            expected.add(h);
        }
        assertClose(Tensor.stack(expected), g.forward(x, false), 1e-6, "unrolled by hand");
    }

    @Test
    void backPropagationThroughTimeIsExactOnALoop() {
        Rng rng = new Rng(55);
        Graph g = loopGraph(rng);
        GradCheck.Result r = GradCheck.check(g, uniform(rng, -1, 1, 5, 2, 2), 1, 1e-2, 40, 1e-3);
        assertTrue(r.passes(1e-2), r.toString());
    }

    @Test
    void recordedStepsAndStatefulStepsEqualTheWholeSequence() {
        Rng rng = new Rng(56);
        Graph g = loopGraph(rng);
        Tensor x = uniform(rng, -1, 1, 4, 2, 2);
        LayerTestSupport.assertStepsMatchSequence(g, x, 3, 1e-6);
        LayerTestSupport.assertStepsMatchSequence(skipGraph(rng), uniform(rng, -1, 1, 3, 2, 6), 4, 1e-6);
        Tensor whole = g.forward(x, false);
        g.resetState();
        for (int t = 0; t < 4; t++) {
            assertClose(whole.slice0(t), g.step(x.slice0(t)), 1e-6, "inference step " + t);
        }
    }

    @Test
    void graphWithDelayedFeedbackEqualsRLeaky() {
        Rng rng = new Rng(57);
        int in = 5;
        int n = 4;
        Linear fc = new Linear(in, n, rng);
        Linear rec = new Linear(n, n, rng);
        // snnTorch's RLeaky adds W S[t-1] + b with S[-1] = 0, so the recurrent Linear reads the delayed spikes.
        Graph g = Graph.builder()
                .input("in", in)
                .node("fc", fc).edge("in", "fc")
                .node("lif", Leaky.builder().beta(0.8f).build()).edge("fc", "lif")
                .node("rec", rec).recurrentEdge("lif", "rec").edge("rec", "lif")
                .output("lif")
                .build();
        Linear fc2 = new Linear(in, n, rng);
        copy(fc.weight(), fc2.weight());
        copy(fc.bias(), fc2.bias());
        RLeaky rl = RLeaky.builder(n).beta(0.8f).build(rng);
        Map<String, Parameter> rp = new java.util.HashMap<>();
        for (Parameter p : rl.parameters()) {
            rp.put(p.name(), p);
        }
        copy(rec.weight(), rp.get("recurrent.weight"));
        copy(rec.bias(), rp.get("recurrent.bias"));
        Sequential s = new Sequential(fc2, rl);

        Tensor x = uniform(rng, 0, 1.5f, 12, 3, in);
        Tensor yg = g.forward(x, true);
        Tensor ys = s.forward(x, true);
        assertClose(ys, yg, 1e-6, "spikes");
        assertTrue(ys.sum() > 5, "the test exercises spikes and resets, got " + ys.sum());
        Tensor grad = uniform(new Rng(1), -1, 1, ys.shape());
        Tensor gxg = g.backward(grad);
        Tensor gxs = s.backward(grad);
        assertClose(gxs, gxg, 1e-5, "input gradient");
        assertClose(fc2.weight().grad(), fc.weight().grad(), 1e-5, "fc weight gradient");
        assertClose(rp.get("recurrent.weight").grad(), rec.weight().grad(), 1e-5, "recurrent weight gradient");
        assertClose(rp.get("recurrent.bias").grad(), rec.bias().grad(), 1e-5, "recurrent bias gradient");
    }

    @Test
    void spikingLoopPassesGradientCheck() {
        Rng rng = new Rng(58);
        Graph g = Graph.builder()
                .input("in", 3)
                .node("fc", new Linear(3, 4, rng)).edge("in", "fc")
                .node("lif", Leaky.builder().beta(0.9f).build()).edge("fc", "lif")
                .node("rec", new Linear(4, 4, rng)).recurrentEdge("lif", "rec").edge("rec", "lif")
                .node("out", new Linear(4, 2, rng)).edge("lif", "out")
                .output("out")
                .build();
        // A small step keeps the hard reset from flipping; the denominator floor of 1e-2 then absorbs the
        // float32 rounding (about 1e-5) of tiny gradients.
        GradCheck.Result r = GradCheck.check(g, uniform(rng, 0, 1, 6, 2, 3), 1, 1e-3, 30, 1e-2);
        assertTrue(r.passes(1e-2), r.toString());
    }

    @Test
    void firstLayerSkipsItsInputGradientWhenTheGraphNeedsNone() {
        Rng rng = new Rng(59);
        Graph g = skipGraph(rng);
        g.setInputGradRequired(false);
        g.forward(uniform(rng, -1, 1, 2, 2, 6), true);
        assertNull(g.backward(uniform(rng, -1, 1, 2, 2, 4)));
        assertFalse(((Linear) g.namedLayers().get("fc1")).inputGradRequired());
        assertTrue(((Linear) g.namedLayers().get("fc2")).inputGradRequired());
    }

    @Test
    void edgeToAMissingNodeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Graph.builder()
                .input("in", 2).node("a", new Linear(2, 2, new Rng(1))).edge("in", "a").edge("a", "b")
                .output("a").build());
        assertTrue(e.getMessage().contains("no node named 'b'"), e.getMessage());
    }

    @Test
    void cycleWithoutRecurrentEdgeIsRejectedUnlessDelaysAreInserted() {
        Rng rng = new Rng(60);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Graph.builder()
                .input("in", 2)
                .node("a", new Linear(2, 2, rng)).edge("in", "a")
                .node("b", new Linear(2, 2, rng)).edge("a", "b").edge("b", "a")
                .output("b").build());
        assertTrue(e.getMessage().contains("cycle") && e.getMessage().contains("[a, b]"), e.getMessage());
        Graph g = Graph.builder().breakCyclesWithDelays()
                .input("in", 2)
                .node("a", new Linear(2, 2, rng)).edge("in", "a")
                .node("b", new Linear(2, 2, rng)).edge("a", "b").edge("b", "a")
                .output("b").build();
        assertEquals(List.of(new Graph.Edge("in", "a", false), new Graph.Edge("a", "b", false),
                new Graph.Edge("b", "a", true)), g.edges());
    }

    @Test
    void shapeMismatchAtASumNamesTheNodesAndShapes() {
        Rng rng = new Rng(61);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Graph.builder()
                .input("in", 4)
                .node("a", new Linear(4, 3, rng)).edge("in", "a")
                .node("b", new Linear(4, 2, rng)).edge("in", "b")
                .node("c", new Linear(3, 1, rng)).edge("a", "c").edge("b", "c")
                .output("c").build());
        assertTrue(e.getMessage().contains("'c'") && e.getMessage().contains("'a' gives [3]")
                && e.getMessage().contains("'b' gives [2]"), e.getMessage());
        // Without a declared input shape the same check happens at the first forward call.
        Graph g = Graph.builder()
                .input("in")
                .node("a", new Linear(4, 3, rng)).edge("in", "a")
                .output("a").build();
        e = assertThrows(IllegalArgumentException.class, () -> g.forward(new Tensor(1, 1, 5), false));
        assertTrue(e.getMessage().contains("node 'a'") && e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void otherStructuralErrors() {
        Rng rng = new Rng(62);
        assertThrows(IllegalArgumentException.class, () -> Graph.builder().input("in", 2)
                .node("a", new Linear(2, 2, rng)).edge("in", "a").build(), "no output");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Graph.builder()
                .input("in", 2).node("a", new Linear(2, 2, rng)).node("b", new Linear(2, 2, rng))
                .edge("in", "a").output("a").build());
        assertTrue(e.getMessage().contains("'b' has no incoming edge"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Graph.builder().input("in", 2)
                .node("a", new Linear(2, 2, rng)).node("a", new Linear(2, 2, rng)));
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    }

    @Test
    void specRebuildsTheGraphThroughTheRegistry() {
        Rng rng = new Rng(63);
        Graph g = loopGraph(rng);
        LayerSpec spec = g.spec();
        Layer rebuilt = Layers.create(spec, new Rng(1));
        assertEquals(spec, rebuilt.spec());
        assertTrue(rebuilt instanceof Graph rg && rg.isRecurrent());
        assertEquals(g.namedParameters().keySet(), ((Graph) rebuilt).namedParameters().keySet());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layers.create(LayerSpec.of("graph", "nodez", List.of()), new Rng(1)));
        assertTrue(e.getMessage().contains("nodez"), e.getMessage());
    }
}
