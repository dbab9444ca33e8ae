package io.snn4j.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NIR files of the shared data: the NIR paper's files (written by Norse, Rockpool, Sinabs, snnTorch with NIR
 * 0.1 and 0.2) and snnTorch's oracle networks (NIR 1.0.7, gzip). Skipped when ../shared is absent.
 */
class NirSharedFilesTest {

    private static final String BROKEN = "braille_noDelay_bias_zero_subgraph.nir";

    @TempDir
    Path tmp;

    private static Path nirDir() {
        Path d = SharedData.dir("nir");
        Assumptions.assumeTrue(d != null, "../shared/data/nir not found");
        return d;
    }

    private static Path oracleDir() {
        Path d = SharedData.dir("snntorch-oracles");
        Assumptions.assumeTrue(d != null, "../shared/data/snntorch-oracles not found");
        return d;
    }

    private static List<Path> allFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path d : new Path[] {SharedData.dir("nir"), SharedData.dir("snntorch-oracles")}) {
            if (d != null) {
                try (Stream<Path> s = Files.list(d)) {
                    files.addAll(s.filter(p -> p.toString().endsWith(".nir")).sorted().collect(Collectors.toList()));
                }
            }
        }
        Assumptions.assumeFalse(files.isEmpty(), "no shared NIR files");
        return files;
    }

    @Test
    void everySharedFileReadsAndRoundTripsExceptTheBrokenOne() throws IOException {
        int read = 0;
        for (Path f : allFiles()) {
            if (f.getFileName().toString().equals(BROKEN)) {
                continue;
            }
            NirFile nir = NirFile.read(f);
            assertFalse(nir.graph().nodes().isEmpty(), f.toString());
            assertFalse(nir.graph().inputNames().isEmpty(), f + " has an Input");
            Path copy = tmp.resolve(f.getFileName());
            NirFile.write(copy, nir.graph());
            assertEquals(nir.graph(), NirFile.read(copy).graph(), f + " through our writer");
            read++;
        }
        assertTrue(read >= 5, "read " + read);
    }

    @Test
    void theSubgraphFileIsRejectedNamingTheMissingNode() {
        Path f = nirDir().resolve(BROKEN);
        // its subgraph 'lif1' holds input, lif1, lin, output, but its edges say 'lif'
        NirFormatException e = assertThrows(NirFormatException.class, () -> NirFile.read(f));
        assertEquals(f + ": graph 'lif1': edge input -> lif names node 'lif', which is not in the graph (its nodes: "
                + "input, lif1, lin, output)", e.getMessage());
        assertEquals(f, e.file());
    }

    @Test
    void snnTorchOracleNetworks() throws IOException {
        NirFile ff2 = NirFile.read(oracleDir().resolve("ff2.nir"));
        assertEquals("1.0.7", ff2.version());
        assertEquals(List.of(), ff2.warnings());
        NirGraph g = ff2.graph();
        assertEquals(List.of("0", "1", "2", "3", "input", "output"), new ArrayList<>(g.nodes().keySet()));
        assertEquals(5, g.edges().size());
        NirNode.Affine fc = (NirNode.Affine) g.node("0");
        assertEquals(Shape.of(13, 20), fc.weight().shape());
        assertEquals(NirArray.DType.FLOAT32, fc.weight().dtype());
        NirNode.LIF lif = (NirNode.LIF) g.node("3");
        // values as h5py shows them: r = tau / dt with snnTorch's dt = 1e-4
        assertEquals(8.276127f, (float) lif.r().get(0));
        assertEquals(lif.r().get(0) * 1e-4, lif.tau().get(0), 1e-9);
        assertTrue(lif.vReset().isAll(0) && lif.vThreshold().isAll(1));
        assertEquals(Shape.of(20), g.inferShapes().output("input"));
        assertEquals(Shape.of(5), g.inferShapes().input("output"));
        assertEquals(433, g.parameterCount());

        NirGraph rec = NirFile.read(oracleDir().resolve("rec.nir")).graph();
        NirNode.LIF recurrent = (NirNode.LIF) rec.node("1.lif"); // a literal dotted name
        assertEquals(NirArray.DType.FLOAT64, recurrent.tau().dtype(), "snnTorch wrote this layer in float64");
        assertTrue(rec.edges().contains(new NirGraph.Edge("1.w_rec", "1.lif")));
        assertTrue(rec.edges().contains(new NirGraph.Edge("1.lif", "1.w_rec")));

        NirNode.CubaLIF syn = (NirNode.CubaLIF) NirFile.read(oracleDir().resolve("syn.nir")).graph().node("1");
        assertEquals(5.0000005f, (float) syn.wIn().get(0), "w_in = tau_syn / dt for alpha 0.8, float32 rounding");
    }

    @Test
    void nirPaperFilesFromOlderVersions() throws IOException {
        Path d = nirDir();
        NirFile norse = NirFile.read(d.resolve("lif_norse.nir"));
        assertEquals("0.1.1", norse.version());
        assertTrue(norse.warnings().contains("node '1' (LIF): no v_reset; NIR's default (zeros) used"),
                norse.warnings().toString());
        assertEquals(NirArray.float32(new float[] {0}), ((NirNode.LIF) norse.graph().node("1")).vReset());

        NirFile sinabs = NirFile.read(d.resolve("cnn_sinabs.nir"));
        NirGraph.ShapeReport s = sinabs.graph().inferShapes();
        assertEquals(List.of(), s.mismatches());
        assertEquals(Shape.of(2, 34, 34), s.output("input"));
        assertEquals(Shape.of(16, 16, 16), s.output("0"));
        assertEquals(Shape.of(16, 8, 8), s.output("4"), "SumPool2d 2x2");
        assertEquals(Shape.of(128), s.output("8"), "Flatten of [8, 4, 4] from dimension 0");
        assertEquals(Shape.of(10), s.output("12"));
        NirNode.Conv2d conv = (NirNode.Conv2d) sinabs.graph().node("0");
        assertEquals(Shape.of(34, 34), conv.inputShape());
        assertEquals(Shape.of(2, 2), conv.stride());
        assertEquals(NirNode.Padding.of(1, 1), conv.padding());
        assertEquals(66800, sinabs.graph().parameterCount());

        NirFile braille = NirFile.read(d.resolve("braille_noDelay_bias_zero.nir"));
        NirNode.CubaLIF c = (NirNode.CubaLIF) braille.graph().node("lif1.lif");
        assertEquals(NirArray.DType.FLOAT64, c.tauMem().dtype());
        assertEquals(Shape.of(38), c.vReset().shape());
        assertTrue(c.vReset().isAll(0));

        // Rockpool's output says [1, 1, 1] where the LIF gives [1]: NIR's own type check rejects the file; we read
        // it and report the edge
        NirFile rockpool = NirFile.read(d.resolve("lif_rockpool.nir"));
        assertEquals(List.of("edge 1_LIFNeuronTorch -> output: '1_LIFNeuronTorch' gives [1], 'output' takes "
                + "[1, 1, 1]"), rockpool.graph().inferShapes().mismatches());

        NirGraph two = NirFile.read(d.resolve("two_lif_neurons.nir")).graph();
        assertEquals(List.of("in"), two.inputNames());
        assertEquals(NirArray.DType.FLOAT64, ((NirNode.Linear) two.node("linear1")).weight().dtype());
    }
}
