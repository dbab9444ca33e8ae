package io.snn4j.nir.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.RLeaky;
import io.snn4j.data.io.Npy;
import io.snn4j.nir.NirFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared snnTorch oracles ({@code ../shared/data/snntorch-oracles}): each network as snnTorch exported it to
 * NIR, read with the {@code snntorch} preset and run on the case's input, gives snnTorch's output spikes exactly
 * and its membrane within 1e-5.
 */
class SnnTorchOracleNirTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ff2", "ff3", "syn", "rec"})
    void reproducesSnnTorch(String name) throws Exception {
        Path dir = ConvertSharedData.dir("snntorch-oracles");
        Assumptions.assumeTrue(dir != null && Files.exists(dir.resolve(name + ".nir")),
                "../shared/data/snntorch-oracles absent");
        Converted c = NirToSnn.convert(NirFile.read(dir.resolve(name + ".nir")).graph(),
                ConversionOptions.of(Preset.SNNTORCH));
        assertInstanceOf(Sequential.class, c.network(), "a chain (the recurrent layer is one RLeaky)");
        if (name.equals("rec")) {
            assertInstanceOf(RLeaky.class, ((Sequential) c.network()).get(1));
        }
        Tensor x = Npy.read(dir.resolve(name + ".input.npy")).toTensor();
        Tensor spikes = Npy.read(dir.resolve(name + ".spikes.npy")).toTensor();
        Tensor mem = Npy.read(dir.resolve(name + ".membrane.npy")).toTensor();
        Simulation.Result r = Simulation.run(c, x);
        assertArrayEquals(spikes.shape(), r.output().shape());
        assertArrayEquals(spikes.data(), r.output().data(), 0f, name + ": spikes");
        assertArrayEquals(mem.shape(), r.membrane().shape());
        float worst = 0;
        for (int i = 0; i < mem.size(); i++) {
            worst = Math.max(worst, Math.abs(mem.data()[i] - r.membrane().data()[i]));
        }
        assertTrue(worst <= 1e-5f, name + ": membrane differs by " + worst);
        assertTrue(spikes.sum() > 0, "the oracle has spikes");
        assertEquals(1e-4, c.dt());
    }
}
