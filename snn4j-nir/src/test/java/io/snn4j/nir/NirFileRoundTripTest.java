package io.snn4j.nir;

import static io.snn4j.nir.TestGraphs.full;
import static io.snn4j.nir.TestGraphs.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NirFileRoundTripTest {

    @TempDir
    Path dir;

    private NirFile roundTrip(NirGraph g, boolean gzip) throws IOException {
        Path f = dir.resolve("g" + (gzip ? "z" : "") + ".nir");
        NirFile.write(f, g, gzip);
        NirFile back = NirFile.read(f);
        assertEquals(g, back.graph());
        assertEquals(NirFile.FORMAT_VERSION, back.version());
        assertEquals(List.of(), back.warnings(), "a file we wrote needs no assumptions");
        return back;
    }

    @Test
    void theTestGraphHoldsEveryNirType() {
        Set<String> types = new TreeSet<>();
        collectTypes(TestGraphs.allTypes(), types);
        assertEquals(new TreeSet<>(NirReader.TYPES), types);
    }

    private static void collectTypes(NirGraph g, Set<String> into) {
        into.add(g.type());
        for (NirNode n : g.nodes().values()) {
            into.add(n.type());
            if (n instanceof NirGraph) {
                collectTypes((NirGraph) n, into);
            }
        }
    }

    @Test
    void everyNodeTypeRoundTripsExactlyCompressedOrNot() throws IOException {
        roundTrip(TestGraphs.allTypes(), true);
        roundTrip(TestGraphs.allTypes(), false);
    }

    @Test
    void arraysAreGzipCompressedUnlessAskedNot() throws IOException {
        Path z = dir.resolve("z.nir");
        Path plain = dir.resolve("plain.nir");
        NirFile.write(z, TestGraphs.allTypes());
        NirFile.write(plain, TestGraphs.allTypes(), false);
        try (HdfFile h = new HdfFile(z)) {
            Dataset w = h.getDatasetByPath("node/nodes/conv/weight");
            assertEquals("deflate", w.getFilters().get(0).getName());
            assertEquals(4, w.getFilters().get(0).getFilterData()[0], "h5py's default gzip level");
        }
        try (HdfFile h = new HdfFile(plain)) {
            assertTrue(h.getDatasetByPath("node/nodes/conv/weight").getFilters().isEmpty());
        }
    }

    @Test
    void eachNodeHoldsExactlyNirsFields() throws IOException {
        Path f = dir.resolve("fields.nir");
        NirFile.write(f, TestGraphs.allTypes());
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        expected.put("input", Set.of("type", "shape"));
        expected.put("conv", Set.of("type", "input_shape", "weight", "stride", "padding", "dilation", "groups",
                "bias"));
        expected.put("if", Set.of("type", "r", "v_threshold", "v_reset"));
        expected.put("sumpool", Set.of("type", "kernel_size", "stride", "padding"));
        expected.put("avgpool", Set.of("type", "kernel_size", "stride", "padding"));
        expected.put("flatten", Set.of("type", "input_type", "start_dim", "end_dim"));
        expected.put("affine", Set.of("type", "weight", "bias"));
        expected.put("lif", Set.of("type", "tau", "r", "v_leak", "v_threshold", "v_reset", "metadata"));
        expected.put("linear", Set.of("type", "weight"));
        expected.put("cubalif", Set.of("type", "tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "v_reset",
                "w_in"));
        expected.put("scale", Set.of("type", "scale"));
        expected.put("delay", Set.of("type", "delay"));
        expected.put("threshold", Set.of("type", "threshold"));
        expected.put("li", Set.of("type", "tau", "r", "v_leak"));
        expected.put("i", Set.of("type", "r"));
        expected.put("cubali", Set.of("type", "tau_syn", "tau_mem", "r", "v_leak", "w_in"));
        expected.put("output", Set.of("type", "shape"));
        expected.put("seq1d", Set.of("type", "nodes", "edges", "metadata"));
        try (HdfFile h = new HdfFile(f)) {
            assertEquals(Set.of("version", "node"), h.getChildren().keySet());
            assertEquals(Set.of("type", "nodes", "edges", "metadata"), ((Group) h.getChild("node")).getChildren()
                    .keySet());
            Group nodes = (Group) h.getByPath("node/nodes");
            expected.forEach((name, fields) -> assertEquals(fields, ((Group) nodes.getChild(name)).getChildren()
                    .keySet(), name));
            Group conv1 = (Group) h.getByPath("node/nodes/seq1d/nodes/conv_a");
            assertEquals(Set.of("type", "input_shape", "weight", "stride", "padding", "dilation", "groups", "bias"),
                    conv1.getChildren().keySet());
            // NIR's Conv1d takes ints: scalars in the file; Conv2d's settings are pairs
            assertTrue(((Dataset) conv1.getChild("stride")).isScalar());
            assertTrue(((Dataset) conv1.getChild("input_shape")).isScalar());
            assertEquals("same", h.getDatasetByPath("node/nodes/seq1d/nodes/conv_b/padding").getData());
            assertEquals(2, h.getDatasetByPath("node/nodes/conv/stride").getDimensions()[0]);
            assertEquals("1.0.7", h.getDatasetByPath("version").getData());
            assertEquals("LIF", h.getDatasetByPath("node/nodes/lif/type").getData());
            String[] edges = (String[]) h.getDatasetByPath("node/edges").getDataFlat();
            assertEquals("input", edges[0]);
            assertEquals("conv", edges[1]);
        }
    }

    @Test
    void typesAndScalarNeuronsSurvive() throws IOException {
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("in", new NirNode.Input(Shape.of(3)));
        n.put("scale", new NirNode.Scale(NirArray.int64(new long[] {1, 2, 3})));
        n.put("lif", new NirNode.LIF(NirArray.float64(new double[] {0.1, 0.2, 0.30000000000000004}),
                NirArray.float64(new double[] {1, 1, 1}), NirArray.float64(new double[] {0, 0, 0}),
                NirArray.float64(new double[] {Math.PI, 1, 1}), null));
        n.put("one", new NirNode.Scale(NirArray.scalar(NirArray.DType.FLOAT32, 2)));
        n.put("out", new NirNode.Output(Shape.of(3)));
        NirGraph g = new NirGraph(n, List.of(new NirGraph.Edge("in", "scale"), new NirGraph.Edge("scale", "lif"),
                new NirGraph.Edge("lif", "out")));
        NirGraph back = roundTrip(g, true).graph();
        NirNode.LIF lif = (NirNode.LIF) back.node("lif");
        assertEquals(NirArray.DType.FLOAT64, lif.tau().dtype());
        assertEquals(0.30000000000000004, lif.tau().get(2), 0.0, "float64 bit for bit");
        assertEquals(NirArray.DType.INT64, ((NirNode.Scale) back.node("scale")).scale().dtype());
        assertEquals(Shape.SCALAR, ((NirNode.Scale) back.node("one")).scale().shape());
    }

    @Test
    void metadataOfEveryKindRoundTrips() throws IOException {
        NirGraph back = roundTrip(TestGraphs.allTypes(), true).graph();
        assertEquals(1e-4, back.metadata().get("dt"));
        assertEquals(25L, back.metadata().get("steps"));
        assertEquals(List.of("a", "b"), back.metadata().get("names"));
        assertEquals("zero", back.node("lif").metadata().get("reset"));
        assertEquals("same padding", back.node("seq1d.conv_b").metadata().get("note"));
        // booleans are written as 0/1 integers (jHDF's booleans are bitfields, which h5py cannot read)
        NirGraph plain = NirGraph.sequential(Map.of("in", new NirNode.Input(Shape.of(1))));
        Map<String, NirNode> io = new LinkedHashMap<>();
        io.put("in", new NirNode.Input(Shape.of(1)));
        io.put("out", new NirNode.Output(Shape.of(1)));
        NirGraph flags = new NirGraph(io, NirGraph.sequential(io).edges(), Map.of("on", true));
        Path f = dir.resolve("flags.nir");
        NirFile.write(f, flags);
        assertEquals(1L, NirFile.read(f).graph().metadata().get("on"));
        assertEquals(List.of(), plain.edges());
    }

    @Test
    void nestedAddressesRoundTrip() throws IOException {
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("in", new NirNode.Input(Shape.of(3, 10)));
        n.put("sub", TestGraphs.conv1dChain());
        n.put("out", new NirNode.Output(Shape.of(2, 5)));
        // edges may address nodes inside a subgraph
        roundTrip(new NirGraph(n, List.of(new NirGraph.Edge("in", "sub.input"),
                new NirGraph.Edge("sub.conv_b", "out"))), true);
    }

    @Test
    void shapesNirNeedsAreFilledInFromTheGraph() throws IOException {
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("in", new NirNode.Input(Shape.of(1, 6, 6)));
        n.put("conv", new NirNode.Conv2d(null, values(1, 2, 1, 3, 3), Shape.of(1, 1), NirNode.Padding.valid(),
                Shape.of(1, 1), 1, values(2, 2)));
        n.put("flat", new NirNode.Flatten(null, 0, -1));
        n.put("out", new NirNode.Output(null));
        Path f = dir.resolve("filled.nir");
        NirFile.write(f, NirGraph.sequential(n));
        NirGraph back = NirFile.read(f).graph();
        assertEquals(Shape.of(6, 6), ((NirNode.Conv2d) back.node("conv")).inputShape());
        assertEquals(Shape.of(2, 4, 4), ((NirNode.Flatten) back.node("flat")).inputType());
        assertEquals(Shape.of(32), ((NirNode.Output) back.node("out")).shape());
    }

    @Test
    void aGraphThatCannotBeCompletedWritesNothing() throws IOException {
        Path f = dir.resolve("old.nir");
        NirFile.write(f, TestGraphs.allTypes());
        byte[] before = Files.readAllBytes(f);
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("conv", new NirNode.Conv2d(null, values(1, 2, 1, 3, 3), Shape.of(1, 1), NirNode.Padding.valid(),
                Shape.of(1, 1), 1, values(2, 2)));
        n.put("out", new NirNode.Output(Shape.of(2, 4, 4)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NirFile.write(f, NirGraph.sequential(n)));
        assertEquals("cannot write node 'conv' (Conv2d): its input_shape is unknown and the graph does not tell it "
                + "(NIR's reader needs it)", e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(f)), "the old file is untouched");
        assertEquals(Set.of("old.nir"), listing());
    }

    @Test
    void whatJhdfCannotWriteIsRefusedBeforeWriting() throws IOException {
        // jHDF 0.13 writes no dataset without elements: an empty edge list, an empty array, an empty shape
        NirGraph lone = new NirGraph(Map.of("in", new NirNode.Input(Shape.of(4))), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NirFile.write(dir.resolve("lone.nir"), lone));
        assertEquals("cannot write the top-level graph: it has no edges, and the HDF5 library (jHDF) cannot write "
                + "the empty edge list NIR expects", e.getMessage());
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("in", new NirNode.Input(Shape.of(1)));
        n.put("s", new NirNode.Scale(NirArray.float32(new float[0])));
        e = assertThrows(IllegalArgumentException.class,
                () -> NirFile.write(dir.resolve("empty.nir"), NirGraph.sequential(n)));
        assertEquals("cannot write node 's' (Scale): scale has shape [0] with no elements, which the HDF5 library "
                + "(jHDF) cannot write", e.getMessage());
        assertEquals(Set.of(), listing(), "nothing written, no temporaries");
    }

    @Test
    void overwritingReplacesTheFileAndLeavesNoTemporaries() throws IOException {
        Path f = dir.resolve("sub/dir/net.nir");
        NirFile.write(f, TestGraphs.allTypes());
        NirGraph small = TestGraphs.conv1dChain();
        NirFile.write(f, small);
        assertEquals(small, NirFile.read(f).graph());
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(List.of("net.nir"), s.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
        assertFalse(Files.exists(dir.resolve("sub/dir/.net.nir.tmp")));
    }

    private Set<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(HashSet::new));
        }
    }

    @Test
    void neuronDefaultsAreWrittenOut() throws IOException {
        // NIR's reader fills v_reset and w_in itself, but its writer writes them: so do we
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("in", new NirNode.Input(Shape.of(2)));
        n.put("lif", new NirNode.CubaLIF(full(1, 2), full(1, 2), full(1, 2), full(0, 2), full(1, 2), null, null));
        NirGraph g = NirGraph.sequential(n);
        Path f = dir.resolve("defaults.nir");
        NirFile.write(f, g);
        try (HdfFile h = new HdfFile(f)) {
            assertTrue(((Group) h.getByPath("node/nodes/lif")).getChildren().containsKey("v_reset"));
            assertTrue(((Group) h.getByPath("node/nodes/lif")).getChildren().containsKey("w_in"));
        }
    }
}
