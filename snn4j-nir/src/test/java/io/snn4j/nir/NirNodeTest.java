package io.snn4j.nir;

import static io.snn4j.nir.TestGraphs.full;
import static io.snn4j.nir.TestGraphs.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class NirNodeTest {

    private static void rejects(String expectedMessage, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void neuronParametersMustShareOneShape() {
        rejects("LIF: v_reset has shape [3], expected [4] (the shape of tau)",
                () -> new NirNode.LIF(full(1, 4), full(1, 4), full(0, 4), full(1, 4), full(0, 3)));
        rejects("CubaLIF: w_in has shape [2], expected [4] (the shape of tau_syn)",
                () -> new NirNode.CubaLIF(full(1, 4), full(1, 4), full(1, 4), full(0, 4), full(1, 4), null,
                        full(1, 2)));
        rejects("LI: tau is required", () -> new NirNode.LI(null, full(1, 4), full(0, 4)));
        rejects("IF: v_threshold has shape [5], expected [4] (the shape of r)",
                () -> new NirNode.IF(full(1, 4), full(1, 5), null));
    }

    @Test
    void missingResetAndInputWeightTakeNirsDefaults() {
        NirNode.LIF lif = new NirNode.LIF(full(1, 3), full(1, 3), full(0, 3), NirArray.float64(new double[] {1, 1,
            1}), null);
        assertEquals(NirArray.float64(new double[] {0, 0, 0}), lif.vReset(), "zeros like v_threshold, its type too");
        NirNode.CubaLI li = new NirNode.CubaLI(full(1, 2), full(1, 2), full(1, 2), full(0, 2), null);
        assertEquals(full(1, 2), li.wIn());
        NirNode.CubaLIF lif2 = new NirNode.CubaLIF(full(1, 2), full(1, 2), full(1, 2), full(0, 2), full(1, 2), null,
                null);
        assertEquals(full(0, 2), lif2.vReset());
        assertEquals(full(1, 2), lif2.wIn());
        assertEquals(Shape.of(2), lif2.inputType());
        assertEquals(Shape.of(2), lif2.outputType(null));
        assertEquals(14, lif2.parameterCount());
    }

    @Test
    void affineShapes() {
        NirNode.Affine a = new NirNode.Affine(values(1, 13, 20), values(2, 13));
        assertEquals(Shape.of(20), a.inputType());
        assertEquals(Shape.of(13), a.outputType(null));
        assertEquals(273, a.parameterCount());
        NirNode.Linear batched = new NirNode.Linear(values(1, 2, 3, 4));
        assertEquals(Shape.of(2, 4), batched.inputType(), "NIR: weight.shape[:-2] + (in,)");
        assertEquals(Shape.of(2, 3), batched.outputType(null));
        rejects("Affine: bias has shape [20], expected [13] (the weight's shape without its last dimension)",
                () -> new NirNode.Affine(values(1, 13, 20), values(2, 20)));
        rejects("Linear: weight has shape [5], expected at least 2 dimensions",
                () -> new NirNode.Linear(values(1, 5)));
    }

    @Test
    void convolutionOutputShapesFollowPytorch() {
        // sinabs' first layer in cnn_sinabs.nir: 2x34x34, 16 5x5 kernels, stride 2, padding 1 -> 16x16x16
        NirNode.Conv2d c = new NirNode.Conv2d(Shape.of(34, 34), values(1, 16, 2, 5, 5), Shape.of(2, 2),
                NirNode.Padding.of(1, 1), Shape.of(1, 1), 1, values(2, 16));
        assertEquals(Shape.of(2, 34, 34), c.inputType());
        assertEquals(Shape.of(16, 16, 16), c.outputType(null));
        NirNode.Conv2d same = new NirNode.Conv2d(Shape.of(34, 34), values(1, 16, 2, 5, 5), Shape.of(1, 1),
                NirNode.Padding.same(), Shape.of(1, 1), 1, values(2, 16));
        assertEquals(Shape.of(16, 34, 34), same.outputType(null));
        // non-square kernel, dilation: 10x10, kernel 3x5, dilation (2, 1): h = 10 - 2*2 = 6, w = 10 - 4 = 6
        NirNode.Conv2d odd = new NirNode.Conv2d(null, values(1, 4, 1, 3, 5), Shape.of(1, 1), NirNode.Padding.valid(),
                Shape.of(2, 1), 1, values(2, 4));
        assertNull(odd.inputType(), "no input_shape: the graph decides");
        assertEquals(Shape.of(4, 6, 6), odd.outputType(Shape.of(1, 10, 10)));
        assertNull(odd.outputType(Shape.of(10)), "wrong rank: unknown");
        // grouped: C_in = weight.shape[1] * groups
        NirNode.Conv2d grouped = new NirNode.Conv2d(Shape.of(5, 5), values(1, 4, 1, 3, 3), Shape.of(1, 1),
                NirNode.Padding.of(0, 0), Shape.of(1, 1), 2, values(2, 4));
        assertEquals(Shape.of(2, 5, 5), grouped.inputType());
        // 1-d: length 10, kernel 3, stride 2, padding 1 -> floor(9 / 2) + 1 = 5
        NirNode.Conv1d c1 = new NirNode.Conv1d(Shape.of(10), values(1, 2, 3, 3), Shape.of(2), NirNode.Padding.of(1),
                Shape.of(1), 1, values(2, 2));
        assertEquals(Shape.of(3, 10), c1.inputType());
        assertEquals(Shape.of(2, 5), c1.outputType(null));
    }

    @Test
    void convolutionRejectsInconsistentSettings() {
        NirArray w = values(1, 4, 2, 3, 3);
        NirArray b = values(2, 4);
        rejects("Conv2d: weight has shape [4, 2, 3], expected 4 dimensions [C_out, C_in / groups, kH, kW]",
                () -> new NirNode.Conv2d(null, values(1, 4, 2, 3), Shape.of(1, 1), NirNode.Padding.of(0, 0),
                        Shape.of(1, 1), 1, b));
        rejects("Conv2d: bias has shape [3], expected [4] (C_out, the first dimension of weight)",
                () -> new NirNode.Conv2d(null, w, Shape.of(1, 1), NirNode.Padding.of(0, 0), Shape.of(1, 1), 1,
                        values(2, 3)));
        rejects("Conv2d: groups 3 must be positive and divide C_out 4",
                () -> new NirNode.Conv2d(null, w, Shape.of(1, 1), NirNode.Padding.of(0, 0), Shape.of(1, 1), 3, b));
        rejects("Conv2d: stride [0, 1] must be positive",
                () -> new NirNode.Conv2d(null, w, Shape.of(0, 1), NirNode.Padding.of(0, 0), Shape.of(1, 1), 1, b));
        rejects("Conv2d: padding [1] must have 2 values (one per spatial dimension)",
                () -> new NirNode.Conv2d(null, w, Shape.of(1, 1), NirNode.Padding.of(1), Shape.of(1, 1), 1, b));
        rejects("Conv2d: input_shape [2, 2] is smaller than the (dilated) kernel [3, 3] with padding [0, 0]",
                () -> new NirNode.Conv2d(Shape.of(2, 2), w, Shape.of(1, 1), NirNode.Padding.of(0, 0),
                        Shape.of(1, 1), 1, b));
        assertThrows(IllegalArgumentException.class, () -> new NirNode.Padding("full", null));
    }

    @Test
    void poolingAndFlattenShapes() {
        NirNode.SumPool2d p = new NirNode.SumPool2d(Shape.of(2, 2), Shape.of(2, 2), Shape.of(0, 0));
        assertNull(p.inputType());
        assertEquals(Shape.of(16, 8, 8), p.outputType(Shape.of(16, 16, 16)));
        NirNode.AvgPool2d a = new NirNode.AvgPool2d(Shape.of(3, 3), Shape.of(1, 1), Shape.of(1, 1));
        assertEquals(Shape.of(2, 5, 5), a.outputType(Shape.of(2, 5, 5)));
        rejects("SumPool2d: kernel_size [0, 2] must be positive",
                () -> new NirNode.SumPool2d(Shape.of(0, 2), Shape.of(2, 2), Shape.of(0, 0)));

        assertEquals(Shape.of(128), new NirNode.Flatten(Shape.of(8, 4, 4), 0, -1).outputType(null));
        assertEquals(Shape.of(8, 16), new NirNode.Flatten(Shape.of(8, 4, 4), 1, -1).outputType(null));
        assertEquals(Shape.of(32, 4), new NirNode.Flatten(Shape.of(8, 4, 4), 0, -2).outputType(null));
        assertEquals(Shape.of(6), new NirNode.Flatten(null, 0, 1).outputType(Shape.of(2, 3)));
        rejects("Flatten: start_dim 3 and end_dim -1 do not select dimensions of input_type [8, 4, 4] (need start "
                + "<= end within 0..2)", () -> new NirNode.Flatten(Shape.of(8, 4, 4), 3, -1));
    }

    @Test
    void metadataIsValidatedAndCopied() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("int", 3);
        m.put("float", 0.5f);
        m.put("list", List.of("x"));
        NirNode.Scale s = new NirNode.Scale(full(1, 2), m);
        assertEquals(3L, s.metadata().get("int"));
        assertEquals(0.5, s.metadata().get("float"));
        m.put("int", 4);
        assertEquals(3L, s.metadata().get("int"), "a copy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NirNode.Scale(full(1, 2), Map.of("when", new java.util.Date())));
        assertTrue(e.getMessage().startsWith("metadata.when: unsupported value type java.util.Date"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NirNode.Scale(full(1, 2), Map.of("a/b", "x")));
    }

    @Test
    void graphRejectsEdgesToMissingNodesAndBadNames() {
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("input", new NirNode.Input(Shape.of(2)));
        n.put("output", new NirNode.Output(Shape.of(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NirGraph(n, List.of(new NirGraph.Edge("input", "lif"))));
        assertEquals("edge input -> lif names node 'lif', which is not in the graph (its nodes: input, output)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NirGraph(Map.of("a/b", new NirNode.Input(Shape.of(1))),
                List.of()));
        assertThrows(IllegalArgumentException.class, () -> new NirGraph.Edge("", "x"));
    }

    @Test
    void exactNamesComeBeforeDottedAddresses() {
        NirGraph inner = NirGraph.sequential(Map.of("lif", new NirNode.LIF(full(1, 2), full(1, 2), full(0, 2),
                full(1, 2), null)));
        NirNode.Scale flat = new NirNode.Scale(full(3, 2));
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("sub", inner);
        n.put("sub.lif", flat); // a literal dotted name, as snnTorch writes "1.lif"
        NirGraph deeper = new NirGraph(Map.of("a", new NirGraph(Map.of("b", inner), List.of())), List.of());
        n.put("x", deeper);
        NirGraph g = new NirGraph(n, List.of(new NirGraph.Edge("sub.lif", "x.a.b.lif")));
        assertSame(flat, g.node("sub.lif"), "the exact name wins");
        assertSame(inner.nodes().get("lif"), g.node("x.a.b.lif"), "a path through two subgraphs");
        assertTrue(g.find("sub.nothing").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.node("nope"));
        assertTrue(e.getMessage().contains("no node 'nope'"), e.getMessage());
    }

    @Test
    void shapesPropagateThroughTheGraph() {
        NirGraph g = TestGraphs.allTypes();
        NirGraph.ShapeReport r = g.inferShapes();
        assertEquals(List.of(), r.mismatches());
        assertEquals(Shape.of(4, 8, 8), r.output("conv"));
        assertEquals(Shape.of(4, 8, 8), r.input("sumpool"), "pooling takes what feeds it");
        assertEquals(Shape.of(4, 4, 4), r.output("sumpool"));
        assertEquals(Shape.of(4, 2, 2), r.output("avgpool"));
        assertEquals(Shape.of(16), r.output("flatten"));
        assertEquals(Shape.of(6), r.output("cubali"));
        assertEquals(Shape.of(10), r.output("seq1d"), "a subgraph gives what reaches its Output");
        assertEquals(Shape.of(3, 10), r.input("seq1d"));
        assertEquals(Shape.of(2, 5), r.output("seq1d.conv_b"), "subgraph nodes under their dotted address");
        assertNull(g.outputType(null), "two Output nodes: no single output type");
        assertEquals(Shape.of(10), ((NirGraph) g.node("seq1d")).outputType(null));
        // a conv without input_shape learns it from upstream; an unknown Output takes what reaches it
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("in", new NirNode.Input(Shape.of(1, 6, 6)));
        n.put("conv", new NirNode.Conv2d(null, values(1, 2, 1, 3, 3), Shape.of(1, 1), NirNode.Padding.valid(),
                Shape.of(1, 1), 1, values(2, 2)));
        n.put("out", new NirNode.Output(null));
        NirGraph.ShapeReport r2 = NirGraph.sequential(n).inferShapes();
        assertEquals(Shape.of(2, 4, 4), r2.output("conv"));
        assertEquals(Shape.of(2, 4, 4), r2.output("out"));
    }

    @Test
    void mismatchedEdgesAreReported() {
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("in", new NirNode.Input(Shape.of(3)));
        n.put("lin", new NirNode.Linear(values(1, 2, 4)));
        n.put("out", new NirNode.Output(Shape.of(2)));
        NirGraph.ShapeReport r = NirGraph.sequential(n).inferShapes();
        assertEquals(List.of("edge in -> lin: 'in' gives [3], 'lin' takes [4]"), r.mismatches());
    }
}
