package io.snn4j.nir.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Graph;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.IF;
import io.snn4j.core.neuron.RSynaptic;
import io.snn4j.nir.NirFile;
import io.snn4j.nir.NirFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every NIR file in {@code ../shared/data/nir} converts under every preset and runs, or is refused with the message
 * this test expects: the subgraph file whose edges name a node that does not exist (NIR's own reader fails on it
 * too), and, under the snntorch preset, a LIF with a leak potential (snnTorch has none).
 */
class SharedNirConversionTest {

    /** file -> preset -> the start of the expected error (files and presets not listed must convert). */
    private static final Map<String, Map<Preset, String>> REFUSED = Map.of(
            "braille_noDelay_bias_zero_subgraph.nir", Map.of(
                    Preset.SNNTORCH, "graph 'lif1': edge input -> lif names node 'lif', which is not in the graph",
                    Preset.NORSE, "graph 'lif1': edge input -> lif names node 'lif', which is not in the graph",
                    Preset.NIR, "graph 'lif1': edge input -> lif names node 'lif', which is not in the graph"),
            "two_lif_neurons.nir", Map.of(Preset.SNNTORCH, "node 'lif1' (LIF), field 'v_leak': the snntorch preset "
                    + "needs 0 (snnTorch has no leak potential)"));

    private static Tensor input(int[] features, int steps, int batch, long seed) {
        int[] shape = new int[features.length + 2];
        shape[0] = steps;
        shape[1] = batch;
        System.arraycopy(features, 0, shape, 2, features.length);
        Tensor x = new Tensor(shape);
        Rng r = new Rng(seed);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = r.uniform(0, 1) < 0.3 ? 1f : 0f;
        }
        return x;
    }

    @Test
    void everySharedFileConvertsOrIsRefusedClearly() throws Exception {
        Path dir = ConvertSharedData.dir("nir");
        Assumptions.assumeTrue(dir != null, "../shared/data/nir absent");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".nir")).sorted().toList();
        }
        assertTrue(files.size() >= 6, "shared files: " + files);
        int converted = 0;
        for (Path f : files) {
            for (Preset p : Preset.values()) {
                String expected = REFUSED.getOrDefault(f.getFileName().toString(), Map.of()).get(p);
                if (expected != null) {
                    RuntimeException e = assertThrows(RuntimeException.class,
                            () -> NirToSnn.convert(NirFile.read(f).graph(), ConversionOptions.of(p)), f + " " + p);
                    assertTrue(e instanceof NirFormatException || e instanceof NirConversionException, e.toString());
                    assertTrue(e.getMessage().contains(expected), f + " " + p + ": " + e.getMessage());
                    continue;
                }
                Converted c = NirToSnn.convert(NirFile.read(f).graph(), ConversionOptions.of(p));
                Simulation.Result r = Simulation.run(c, input(c.inputShape(), 30, 2, 1));
                assertEquals(30, r.output().dim(0), f + " " + p);
                assertEquals(2, r.output().dim(1));
                assertArrayEquals(r.output().shape(), r.membrane().shape(), f + " " + p);
                converted++;
            }
        }
        assertEquals(files.size() * 3 - 4, converted);
    }

    @Test
    void brailleIsAnRSynapticChainForSnnTorchAndARecurrentGraphOtherwise() throws Exception {
        Path dir = ConvertSharedData.dir("nir");
        Assumptions.assumeTrue(dir != null, "../shared/data/nir absent");
        Path f = dir.resolve("braille_noDelay_bias_zero.nir");
        Converted s = NirToSnn.convert(NirFile.read(f).graph(), ConversionOptions.of(Preset.SNNTORCH));
        Sequential seq = assertInstanceOf(Sequential.class, s.network());
        assertInstanceOf(RSynaptic.class, seq.get(1));
        assertEquals("lif2", s.probeNode());
        Converted n = NirToSnn.convert(NirFile.read(f).graph(), ConversionOptions.of(Preset.NIR));
        assertTrue(assertInstanceOf(Graph.class, n.network()).isRecurrent());
        assertEquals("lif1_w_rec", n.layerNames().get("lif1.w_rec"));
    }

    @Test
    void sinabsCnnRunsIfNeuronsWithSubtractResetUnderSnnTorch() throws Exception {
        Path dir = ConvertSharedData.dir("nir");
        Assumptions.assumeTrue(dir != null, "../shared/data/nir absent");
        Converted s = NirToSnn.convert(NirFile.read(dir.resolve("cnn_sinabs.nir")).graph(),
                ConversionOptions.of(Preset.SNNTORCH));
        Sequential seq = assertInstanceOf(Sequential.class, s.network());
        assertInstanceOf(IF.class, seq.get(1));
        assertEquals("subtract", seq.get(1).spec().config().get("reset"));
        Converted norse = NirToSnn.convert(NirFile.read(dir.resolve("lif_rockpool.nir")).graph(),
                ConversionOptions.of(Preset.NORSE));
        assertEquals(List.of("node '1_LIFNeuronTorch' (LIF), field 'r': Norse ignores it (found 24.0197, not 1); "
                + "so does the norse preset"), norse.warnings());
    }
}
