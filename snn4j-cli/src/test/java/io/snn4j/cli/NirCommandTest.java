package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.nir.NirArray;
import io.snn4j.nir.NirFile;
import io.snn4j.nir.NirGraph;
import io.snn4j.nir.NirNode;
import io.snn4j.nir.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NirCommandTest {

    private static NirArray f32(int n, float v) {
        return NirArray.full(NirArray.DType.FLOAT32, Shape.of(n), v);
    }

    /** input [4] -> fc (Affine 4 -> 3) -> lif [3] -> output, with a recurrent rec: lif -> rec -> lif. */
    private static Path smallNet(Path dir) throws Exception {
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("input", new NirNode.Input(Shape.of(4)));
        n.put("fc", new NirNode.Affine(NirArray.full(NirArray.DType.FLOAT32, Shape.of(3, 4), 0.5), f32(3, 0)));
        n.put("lif", new NirNode.LIF(f32(3, 1e-3f), f32(3, 10), f32(3, 0), f32(3, 1), null, Map.of("reset", "zero")));
        n.put("rec", new NirNode.Linear(NirArray.full(NirArray.DType.FLOAT32, Shape.of(3, 3), 0.1)));
        n.put("output", new NirNode.Output(Shape.of(3)));
        NirGraph g = new NirGraph(n, java.util.List.of(new NirGraph.Edge("input", "fc"),
                new NirGraph.Edge("fc", "lif"), new NirGraph.Edge("lif", "output"), new NirGraph.Edge("lif", "rec"),
                new NirGraph.Edge("rec", "lif")));
        Path f = dir.resolve("net.nir");
        NirFile.write(f, g);
        return f;
    }

    @Test
    void infoPrintsNodesShapesParametersAndEdges(@TempDir Path dir) throws Exception {
        Path f = smallNet(dir);
        Cli r = Cli.run("nir", "info", f.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err());
        assertEquals(String.join("\n",
                "NIR file: " + f + " (version 1.0.7)",
                "graph: 5 nodes, 5 edges, 39 parameters",
                "  node    type    input  output  params  fields",
                "  input   Input   [4]    [4]          0",
                "  fc      Affine  [4]    [3]         15  weight: [3, 4] float32; bias: [3] float32",
                "  lif     LIF     [3]    [3]         15  tau, r, v_leak, v_threshold, v_reset: [3] float32; "
                        + "metadata: reset",
                "  output  Output  [3]    [3]          0",
                "  rec     Linear  [3]    [3]          9  weight: [3, 3] float32",
                "edges:",
                "  input -> fc",
                "  fc -> lif",
                "  lif -> output",
                "  lif -> rec",
                "  rec -> lif",
                ""), r.out());
        // plain 'info' recognises NIR files too
        Cli plain = Cli.run("info", f.toString());
        assertEquals(0, plain.exit(), plain.toString());
        assertEquals(r.out(), plain.out());
    }

    @Test
    void badFilesAreOneLineErrorsWithExitCode1(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.nir"), "not hdf5 at all");
        Cli r = Cli.run("nir", "info", junk.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("snn4j: error: " + junk + ": not an HDF5 file (no HDF5 signature); expected a NIR file\n",
                r.err());
        Path missing = dir.resolve("none.nir");
        r = Cli.run("nir", "info", missing.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("snn4j: error: " + missing + ": no such file (expected a NIR file)\n", r.err());
        byte[] whole = Files.readAllBytes(smallNet(dir));
        Path cut = Files.write(dir.resolve("cut.nir"), Arrays.copyOf(whole, whole.length / 2));
        r = Cli.run("nir", "info", cut.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("snn4j: error: " + cut + ": "), r.toString());
        assertEquals(1, r.err().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void theBrokenSharedFileNamesTheMissingNode() {
        Path f = null;
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/data/nir/braille_noDelay_bias_zero_subgraph.nir");
            if (Files.isRegularFile(c)) {
                f = c;
                break;
            }
        }
        Assumptions.assumeTrue(f != null, "../shared/data/nir not found");
        Cli r = Cli.run("nir", "info", f.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("snn4j: error: " + f + ": graph 'lif1': edge input -> lif names node 'lif', which is not in the "
                + "graph (its nodes: input, lif1, lin, output)\n", r.err());
    }

    @Test
    void usage() {
        Cli r = Cli.run("nir", "info");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("Missing required parameter: 'FILE'"), r.toString());
        assertTrue(r.err().contains("snn4j nir info --help"), r.toString());
        Cli nir = Cli.run("nir");
        assertEquals(0, nir.exit(), nir.toString());
        assertTrue(nir.out().contains("Usage: snn4j nir") && nir.out().contains("info"), nir.toString());
        Cli help = Cli.run("nir", "info", "--help");
        assertEquals(0, help.exit(), help.toString());
        assertTrue(help.out().startsWith("Usage: snn4j nir info"), help.toString());
        assertTrue(Cli.run("--help").out().contains("nir"));
    }
}
