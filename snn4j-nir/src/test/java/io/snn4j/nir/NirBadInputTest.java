package io.snn4j.nir;

import static io.snn4j.nir.RawH5.map;
import static io.snn4j.nir.RawH5.nirFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not NIR graphs: each fails with a NirFormatException naming the file, node and field. */
class NirBadInputTest {

    @TempDir
    Path dir;

    private Path file(String name, Map<String, Object> content) {
        Path f = dir.resolve(name);
        RawH5.write(f, content);
        return f;
    }

    private String rejected(Path f) {
        NirFormatException e = assertThrows(NirFormatException.class, () -> NirFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        return e.getMessage().substring(f.toString().length() + 2);
    }

    private static Map<String, Object> lif(float[] tau, float[] r) {
        return map("type", "LIF", "tau", tau, "r", r, "v_leak", new float[tau.length],
                "v_threshold", new float[] {1, 1, 1, 1}, "v_reset", new float[4]);
    }

    private static Map<String, Object> input(long... shape) {
        return map("type", "Input", "shape", shape);
    }

    private static final String[][] IN_TO_LIF = {{"input", "lif"}};

    @Test
    void notFilesOrNotHdf5() throws IOException {
        assertThrows(NoSuchFileException.class, () -> NirFile.read(dir.resolve("missing.nir")));
        assertEquals("is a folder, not a NIR file", rejected(dir));
        Path empty = Files.write(dir.resolve("empty.nir"), new byte[0]);
        assertEquals("empty file; expected a NIR file (HDF5)", rejected(empty));
        Path text = Files.writeString(dir.resolve("model.nir"), "{\"layers\": []}\n".repeat(100));
        assertEquals("not an HDF5 file (no HDF5 signature); expected a NIR file", rejected(text));
    }

    @Test
    void truncatedFilesFailCleanly() throws IOException {
        Path whole = dir.resolve("whole.nir");
        NirFile.write(whole, TestGraphs.allTypes());
        byte[] bytes = Files.readAllBytes(whole);
        int failures = 0;
        int[] lengths = {8, 9, 48, 100, 200, 512, 1000, 2000, bytes.length / 4, bytes.length / 2,
            bytes.length * 3 / 4, bytes.length - 100, bytes.length - 1};
        for (int n : lengths) {
            Path cut = Files.write(dir.resolve("cut" + n + ".nir"), Arrays.copyOf(bytes, n));
            try {
                // either the missing part was not needed (then the graph is whole) or a clean error
                assertEquals(TestGraphs.allTypes(), NirFile.read(cut).graph(), "cut at " + n);
            } catch (NirFormatException e) {
                assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
                failures++;
            }
        }
        assertTrue(failures >= lengths.length - 2, failures + " of " + lengths.length + " cuts rejected");
    }

    @Test
    void corruptBytesNeverEscapeAsOtherExceptions() throws IOException {
        Path whole = dir.resolve("whole.nir");
        NirFile.write(whole, TestGraphs.allTypes(), false);
        byte[] bytes = Files.readAllBytes(whole);
        Random rnd = new Random(42);
        for (int k = 0; k < 60; k++) {
            byte[] b = bytes.clone();
            int at = 8 + rnd.nextInt(b.length - 8);
            for (int j = 0; j < 4 && at + j < b.length; j++) {
                b[at + j] = (byte) rnd.nextInt(256);
            }
            Path f = Files.write(dir.resolve("bad" + k + ".nir"), b);
            try {
                NirFile.read(f);
            } catch (NirFormatException e) {
                assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("corruption at byte " + at + " escaped as " + e, e);
            }
        }
    }

    @Test
    void notANirLayout() {
        assertEquals("no 'node' group at the root (found: version, weights); not a NIR file",
                rejected(file("other.h5", map("version", "1.0", "weights", new float[] {1, 2}))));
        assertEquals("a NIR file from before NIR 0.1 ('nodes' and 'edges' at the root, no 'node' group); not "
                        + "supported: re-export it with NIR 0.1 or newer",
                rejected(file("old.nir", map("nodes", map("0", map("type", "LIF")), "edges", new long[] {0, 1}))));
        assertEquals("the root node is a LIF, expected a NIRGraph",
                rejected(file("root.nir", map("version", "1.0.7", "node", lif(new float[4], new float[4])))));
        assertEquals("the top-level graph: missing required field 'edges'",
                rejected(file("noedges.nir", map("node", map("type", "NIRGraph", "nodes", map())))));
    }

    @Test
    void unknownTypesAndMissingFieldsNameTheNode() {
        assertEquals("node 'spiky' (SpikyNeuron): unknown node type 'SpikyNeuron' (NIR's types: Affine, AvgPool2d, "
                        + "Conv1d, Conv2d, CubaLI, CubaLIF, Delay, Flatten, I, IF, Input, LI, LIF, Linear, NIRGraph, "
                        + "Output, Scale, SumPool2d, Threshold)",
                rejected(file("unknown.nir", nirFile(map("input", input(4), "spiky", map("type", "SpikyNeuron")),
                        new String[][] {{"input", "spiky"}}))));
        Map<String, Object> noTau = lif(new float[4], new float[4]);
        noTau.remove("tau");
        assertEquals("node 'lif' (LIF): missing required field 'tau'",
                rejected(file("notau.nir", nirFile(map("input", input(4), "lif", noTau), IN_TO_LIF))));
        assertEquals("node 'lif': no 'type' field; expected a NIR node (a group with a 'type' string; found: tau)",
                rejected(file("notype.nir", nirFile(map("input", input(4), "lif", map("tau", new float[4])),
                        IN_TO_LIF))));
        assertEquals("node 'lif', field 'type': is not a string (it holds int64 numbers)",
                rejected(file("numtype.nir", nirFile(map("input", input(4), "lif", map("type", 3L)), IN_TO_LIF))));
        assertEquals("node 'lif': is a dataset, expected a node (a group with a 'type')",
                rejected(file("dataset.nir", nirFile(map("input", input(4), "lif", new float[4]), IN_TO_LIF))));
        assertEquals("node 'input' (Input): missing required field 'shape'",
                rejected(file("noshape.nir", nirFile(map("input", map("type", "Input"), "lif",
                        lif(new float[4], new float[4])), IN_TO_LIF))));
    }

    @Test
    void wrongShapesNameNodeAndField() {
        assertEquals("node 'lif' (LIF), field 'r': has shape [3], expected [4] (the shape of tau)",
                rejected(file("r.nir", nirFile(map("input", input(4), "lif", lif(new float[4], new float[3])),
                        IN_TO_LIF))));
        assertEquals("node 'fc' (Affine), field 'bias': has shape [3], expected [2] (the weight's shape without its last "
                        + "dimension)",
                rejected(file("bias.nir", nirFile(map("input", input(4), "fc", map("type", "Affine",
                        "weight", new float[2][4], "bias", new float[3])), new String[][] {{"input", "fc"}}))));
        assertEquals("node 'conv' (Conv2d), field 'weight': has shape [4, 2, 3], expected 4 dimensions [C_out, C_in / groups,"
                        + " kH, kW]",
                rejected(file("conv.nir", nirFile(map("input", input(2, 8, 8), "conv", map("type", "Conv2d",
                        "input_shape", new long[] {8, 8}, "weight", new float[4][2][3], "stride", new long[] {1, 1},
                        "padding", new long[] {0, 0}, "dilation", new long[] {1, 1}, "groups", 1L,
                        "bias", new float[4])), new String[][] {{"input", "conv"}}))));
        assertEquals("node 'pool' (SumPool2d), field 'stride': has shape [3], expected one value or 2 values (one "
                        + "per spatial dimension)",
                rejected(file("pool.nir", nirFile(map("input", input(2, 8, 8), "pool", map("type", "SumPool2d",
                        "kernel_size", new long[] {2, 2}, "stride", new long[] {2, 2, 2},
                        "padding", new long[] {0, 0})), new String[][] {{"input", "pool"}}))));
        assertEquals("node 'lif' (CubaLIF), field 'w_in': has shape [3], which does not broadcast to the neurons' "
                        + "shape [4]",
                rejected(file("win.nir", nirFile(map("input", input(4), "lif", map("type", "CubaLIF",
                        "tau_syn", new float[4], "tau_mem", new float[4], "r", new float[4], "v_leak", new float[4],
                        "v_threshold", new float[4], "w_in", new float[3])), IN_TO_LIF))));
        assertEquals("node 'input' (Input), field 'shape': holds 2.5, expected integers",
                rejected(file("fshape.nir", nirFile(map("input", map("type", "Input", "shape", new double[] {2.5}),
                        "lif", lif(new float[4], new float[4])), IN_TO_LIF))));
        assertEquals("node 'lif' (LIF), field 'tau': holds strings, expected numbers",
                rejected(file("strtau.nir", nirFile(map("input", input(4), "lif", map("type", "LIF", "tau", "fast")),
                        IN_TO_LIF))));
    }

    @Test
    void danglingAndMalformedEdges() {
        assertEquals("the top-level graph: edge input -> lif2 names node 'lif2', which is not in the graph (its "
                        + "nodes: input, lif)",
                rejected(file("dangling.nir", nirFile(map("input", input(4), "lif", lif(new float[4],
                        new float[4])), new String[][] {{"input", "lif2"}}))));
        assertEquals("the top-level graph, field 'edges': holds int64 numbers of shape [2, 2], expected an [n, 2] "
                        + "array of node names",
                rejected(file("numedges.nir", map("node", map("type", "NIRGraph", "nodes", map("input", input(4)),
                        "edges", new long[][] {{0, 1}, {1, 2}})))));
        assertEquals("the top-level graph, field 'edges': holds strings of shape [3], expected an [n, 2] array of "
                        + "node names",
                rejected(file("flatedges.nir", map("node", map("type", "NIRGraph", "nodes", map("input", input(4)),
                        "edges", new String[] {"input", "lif", "x"})))));
    }
}
