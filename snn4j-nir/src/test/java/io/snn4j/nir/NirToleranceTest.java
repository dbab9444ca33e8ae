package io.snn4j.nir;

import static io.snn4j.nir.RawH5.map;
import static io.snn4j.nir.RawH5.nirFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What older or looser writers put in NIR files, and how the reader takes it (as NIR's own code does). */
class NirToleranceTest {

    @TempDir
    Path dir;

    private NirFile read(String name, Map<String, Object> content) throws IOException {
        Path f = dir.resolve(name);
        RawH5.write(f, content);
        return NirFile.read(f);
    }

    /** Writes the graph with our writer and reads it back: what a file we re-export looks like. */
    private NirGraph rewritten(NirGraph g) throws IOException {
        Path f = dir.resolve("rewritten.nir");
        NirFile.write(f, g);
        NirFile back = NirFile.read(f);
        assertEquals(List.of(), back.warnings());
        return back.graph();
    }

    @Test
    void scalarNeuronParametersAreSpreadAndMissingResetIsZeros() throws IOException {
        NirFile f = read("scalars.nir", nirFile(map(
                "input", map("type", "Input", "shape", new long[] {4}),
                "lif", map("type", "LIF", "tau", 0.01, "r", new float[] {1, 2, 3, 4}, "v_leak", 0.0,
                        "v_threshold", new float[] {1, 1, 1, 1})),
                new String[][] {{"input", "lif"}}));
        NirNode.LIF lif = (NirNode.LIF) f.graph().node("lif");
        assertEquals(NirArray.float64(new double[] {0.01, 0.01, 0.01, 0.01}), lif.tau(), "0-d tau keeps float64");
        assertEquals(NirArray.float32(new float[4]), lif.vReset(), "zeros like v_threshold");
        assertEquals(List.of("node 'lif' (LIF): scalar tau broadcast to [4]",
                "node 'lif' (LIF): scalar v_leak broadcast to [4]",
                "node 'lif' (LIF): no v_reset; NIR's default (zeros) used"), f.warnings());
        assertEquals(f.graph(), rewritten(f.graph()));
    }

    @Test
    void inputWeightsAreOnesWhenMissingAndBroadcastLikeNumpy() throws IOException {
        float[] four = {1, 1, 1, 1};
        NirFile f = read("cuba.nir", nirFile(map(
                "input", map("type", "Input", "shape", new long[] {4}),
                "a", map("type", "CubaLIF", "tau_syn", four, "tau_mem", four, "r", four, "v_leak", new float[4],
                        "v_threshold", four),
                "b", map("type", "CubaLI", "tau_syn", four, "tau_mem", four, "r", four, "v_leak", new float[4],
                        "w_in", 2.5f),
                "c", map("type", "CubaLI", "tau_syn", four, "tau_mem", four, "r", four, "v_leak", new float[4],
                        "w_in", new float[] {3})),
                new String[][] {{"input", "a"}, {"a", "b"}, {"b", "c"}}));
        NirGraph g = f.graph();
        assertEquals(NirArray.float32(four), ((NirNode.CubaLIF) g.node("a")).wIn());
        assertEquals(NirArray.float32(new float[] {2.5f, 2.5f, 2.5f, 2.5f}), ((NirNode.CubaLI) g.node("b")).wIn());
        assertEquals(NirArray.float32(new float[] {3, 3, 3, 3}), ((NirNode.CubaLI) g.node("c")).wIn());
        assertTrue(f.warnings().contains("node 'c' (CubaLI): w_in of shape [1] broadcast to [4]"), f.warnings()
                .toString());
        assertEquals(g, rewritten(g));
    }

    @Test
    void shapesUnderOlderNamesAndMissingOutputShapes() throws IOException {
        NirFile f = read("types.nir", nirFile(map(
                "in_a", map("type", "Input", "input_type", new long[] {2}),
                "in_b", map("type", "Input", "input_type", map("input", new long[] {2})),
                "in_c", map("type", "Input", "shape", 2L),
                "lin", map("type", "Linear", "weight", new float[][] {{1, 0}, {0, 1}}),
                "out", map("type", "Output")),
                new String[][] {{"in_a", "lin"}, {"in_b", "lin"}, {"in_c", "lin"}, {"lin", "out"}}));
        NirGraph g = f.graph();
        for (String in : new String[] {"in_a", "in_b", "in_c"}) {
            assertEquals(Shape.of(2), ((NirNode.Input) g.node(in)).shape(), in);
        }
        assertNull(((NirNode.Output) g.node("out")).shape());
        assertEquals(List.of("node 'out' (Output): no shape; taken from the graph"), f.warnings());
        assertEquals(Shape.of(2), ((NirNode.Output) rewritten(g).node("out")).shape(), "the writer fills it in");
    }

    @Test
    void convolutionsOfNirZeroPointTwo() throws IOException {
        // NIR 0.2 wrote no input_shape, and scalar settings were common; bias 0 as a scalar
        NirFile f = read("conv.nir", nirFile(map(
                "input", map("type", "Input", "shape", new long[] {1, 6, 6}),
                "conv", map("type", "Conv2d", "weight", new float[2][1][3][3], "stride", 1L, "padding", 1L,
                        "dilation", 1L, "groups", 1L, "bias", 0f),
                "conv1", map("type", "Conv1d", "input_shape", 12L, "weight", new float[2][2][3], "stride", new long[] {
                    2}, "padding", "same", "dilation", new long[] {1}, "groups", new long[] {1}, "bias",
                    new float[2])),
                new String[][] {{"input", "conv"}}));
        NirNode.Conv2d c = (NirNode.Conv2d) f.graph().node("conv");
        assertNull(c.inputShape());
        assertEquals(Shape.of(1, 1), c.stride());
        assertEquals(NirNode.Padding.of(1, 1), c.padding());
        assertEquals(Shape.of(2), c.bias().shape());
        assertEquals(Shape.of(2, 6, 6), f.graph().inferShapes().output("conv"));
        NirNode.Conv1d c1 = (NirNode.Conv1d) f.graph().node("conv1");
        assertEquals(Shape.of(12), c1.inputShape());
        assertEquals(Shape.of(2), c1.stride());
        assertEquals(NirNode.Padding.same(), c1.padding());
        assertEquals(Shape.of(2, 12), c1.outputType(null));
        assertEquals(Shape.of(6, 6), ((NirNode.Conv2d) rewritten(f.graph()).node("conv")).inputShape(),
                "written with the input_shape NIR 1.0 needs");
    }

    @Test
    void flattenDefaultsAndIgnoredFields() throws IOException {
        NirFile f = read("flatten.nir", map("node", map("type", "NIRGraph", "nodes", map(
                "input", map("type", "Input", "shape", new long[] {2, 3, 4}),
                "flat", map("type", "Flatten"),
                "scale", map("type", "Scale", "scale", new long[] {1, 2}, "input_type", new long[] {2},
                        "units", "mV")),
                "edges", new String[][] {{"input", "flat"}})));
        assertNull(f.version(), "files of NIR 0.0.x/0.1 may have no version");
        NirNode.Flatten flat = (NirNode.Flatten) f.graph().node("flat");
        assertEquals(1, flat.startDim());
        assertEquals(-1, flat.endDim());
        assertEquals(Shape.of(2, 12), f.graph().inferShapes().output("flat"));
        assertEquals(NirArray.DType.INT64, ((NirNode.Scale) f.graph().node("scale")).scale().dtype());
        assertEquals(List.of("node 'flat' (Flatten): no input_type; taken from the graph where needed",
                "node 'flat' (Flatten): no start_dim; NIR's default 1 used",
                "node 'flat' (Flatten): no end_dim; NIR's default -1 used",
                "node 'scale' (Scale): ignored field 'input_type' (not a field of Scale)",
                "node 'scale' (Scale): ignored field 'units' (not a field of Scale)"), f.warnings());
    }
}
