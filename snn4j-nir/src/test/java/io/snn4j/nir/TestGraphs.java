package io.snn4j.nir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Graphs for the tests: every NIR node type, with shapes that chain (so NIR's own type check passes). */
final class TestGraphs {

    private TestGraphs() {
    }

    /** Deterministic float32 values in [-1, 1). */
    static NirArray values(int seed, int... shape) {
        int n = (int) Shape.of(shape).elements();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (((i + 1) * 37L * (seed + 3) % 101) / 50.0 - 1.0);
        }
        return NirArray.float32(v, shape);
    }

    static NirArray full(float value, int... shape) {
        return NirArray.full(NirArray.DType.FLOAT32, Shape.of(shape), value);
    }

    /**
     * Every node type once or more: a 2-d branch {@code input [2, 8, 8] -> conv -> IF -> sumpool -> avgpool ->
     * flatten -> affine -> LIF -> linear -> CubaLIF -> scale -> delay -> threshold -> LI -> I -> CubaLI -> output [6]},
     * a recurrent edge {@code lif -> rec -> lif}, and a 1-d branch {@code input1d [3, 10] -> seq1d -> output1d} whose
     * subgraph holds two Conv1d and a Flatten. Metadata on the graph, a node and the subgraph.
     */
    static NirGraph allTypes() {
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("input", new NirNode.Input(Shape.of(2, 8, 8)));
        n.put("conv", new NirNode.Conv2d(Shape.of(8, 8), values(1, 4, 2, 3, 3), Shape.of(1, 1), NirNode.Padding.of(1, 1),
                Shape.of(1, 1), 1, values(2, 4)));
        n.put("if", new NirNode.IF(full(1, 4, 8, 8), full(1, 4, 8, 8), full(0, 4, 8, 8)));
        n.put("sumpool", new NirNode.SumPool2d(Shape.of(2, 2), Shape.of(2, 2), Shape.of(0, 0)));
        n.put("avgpool", new NirNode.AvgPool2d(Shape.of(2, 2), Shape.of(2, 2), Shape.of(0, 0)));
        n.put("flatten", new NirNode.Flatten(Shape.of(4, 2, 2), 0, -1));
        n.put("affine", new NirNode.Affine(values(3, 6, 16), values(4, 6)));
        n.put("lif", new NirNode.LIF(full(0.002f, 6), full(20, 6), values(5, 6), full(1, 6), full(0, 6),
                Map.of("reset", "zero")));
        n.put("rec", new NirNode.Linear(values(6, 6, 6)));
        n.put("linear", new NirNode.Linear(values(7, 6, 6)));
        n.put("cubalif", new NirNode.CubaLIF(full(0.005f, 6), full(0.01f, 6), full(1, 6), full(0, 6), full(1, 6),
                full(0, 6), full(5.0000005f, 6)));
        n.put("scale", new NirNode.Scale(values(8, 6)));
        n.put("delay", new NirNode.Delay(full(2, 6)));
        n.put("threshold", new NirNode.Threshold(full(0.5f, 6)));
        n.put("li", new NirNode.LI(full(0.01f, 6), full(1, 6), full(0, 6)));
        n.put("i", new NirNode.I(NirArray.float64(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6})));
        n.put("cubali", new NirNode.CubaLI(full(0.005f, 6), full(0.01f, 6), full(1, 6), full(0, 6), full(2, 6)));
        n.put("output", new NirNode.Output(Shape.of(6)));
        n.put("input1d", new NirNode.Input(Shape.of(3, 10)));
        n.put("seq1d", conv1dChain());
        n.put("output1d", new NirNode.Output(Shape.of(10)));
        List<NirGraph.Edge> edges = new java.util.ArrayList<>();
        String[] chain = {"input", "conv", "if", "sumpool", "avgpool", "flatten", "affine", "lif", "linear", "cubalif",
            "scale", "delay", "threshold", "li", "i", "cubali", "output"};
        for (int k = 0; k + 1 < chain.length; k++) {
            edges.add(new NirGraph.Edge(chain[k], chain[k + 1]));
        }
        edges.add(new NirGraph.Edge("lif", "rec"));
        edges.add(new NirGraph.Edge("rec", "lif"));
        edges.add(new NirGraph.Edge("input1d", "seq1d"));
        edges.add(new NirGraph.Edge("seq1d", "output1d"));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("source", "snn4j tests");
        meta.put("dt", 1e-4);
        meta.put("steps", 25L);
        meta.put("names", List.of("a", "b"));
        meta.put("nested", Map.of("weights", NirArray.int64(new long[] {1, 2, 3})));
        return new NirGraph(n, edges, meta);
    }

    /** {@code [3, 10] -> Conv1d(k3, s2, p1) -> [2, 5] -> Conv1d('same') -> [2, 5] -> Flatten -> [10]}. */
    static NirGraph conv1dChain() {
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("input", new NirNode.Input(Shape.of(3, 10)));
        n.put("conv_a", new NirNode.Conv1d(Shape.of(10), values(9, 2, 3, 3), Shape.of(2), NirNode.Padding.of(1),
                Shape.of(1), 1, values(10, 2)));
        n.put("conv_b", new NirNode.Conv1d(Shape.of(5), values(11, 2, 2, 3), Shape.of(1), NirNode.Padding.same(),
                Shape.of(1), 1, full(0, 2), Map.of("note", "same padding")));
        n.put("flat", new NirNode.Flatten(Shape.of(2, 5), 0, -1));
        n.put("output", new NirNode.Output(Shape.of(10)));
        NirGraph g = NirGraph.sequential(n);
        return new NirGraph(g.nodes(), g.edges(), Map.of("kind", "subgraph"));
    }
}
