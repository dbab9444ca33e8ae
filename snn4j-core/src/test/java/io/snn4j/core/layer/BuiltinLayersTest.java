package io.snn4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltinLayersTest {

    @Test
    void everyBuiltInSynapseAndShapeLayerIsRegistered() {
        assertTrue(Layers.types().containsAll(List.of("linear", "conv1d", "conv2d", "maxpool2d", "avgpool2d",
                "flatten", "dropout", "batchnorm_tt", "graph", "sequential")), Layers.types().toString());
    }

    @Test
    void aConfigListBuildsAConvolutionalNetworkWithConsistentShapes() {
        LayerSpec spec = Layers.toSpec(Map.of("type", "sequential", "layers", List.of(
                Map.of("type", "conv2d", "in_channels", 1, "out_channels", 4, "kernel_size", 3, "padding", 1),
                Map.of("type", "maxpool2d", "kernel_size", 2),
                Map.of("type", "batchnorm_tt", "num_features", 4, "time_steps", 5),
                Map.of("type", "flatten"),
                Map.of("type", "dropout", "p", 0.2, "seed", 3),
                Map.of("type", "linear", "in_features", 64, "out_features", 10))));
        Layer net = Layers.create(spec, new Rng(1));
        assertArrayEquals(new int[] {10}, net.outputShape(new int[] {1, 8, 8}));
        assertEquals(net.spec(), Layers.create(net.spec(), new Rng(2)).spec());
    }

    @Test
    void missingRequiredKeysAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layers.create(LayerSpec.of("conv2d", "in_channels", 1, "out_channels", 2), new Rng(1)));
        assertTrue(e.getMessage().contains("kernel_size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Layers.create(LayerSpec.of("linear", "in_features", 3), new Rng(1)));
        assertTrue(e.getMessage().contains("out_features"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Layers.create(LayerSpec.of("flatten", "start_dim", 1), new Rng(1)));
        assertTrue(e.getMessage().contains("start_dim"), e.getMessage());
    }
}
