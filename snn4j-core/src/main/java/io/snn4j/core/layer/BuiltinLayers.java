package io.snn4j.core.layer;

/** Registers the built-in synapse and shape layers with {@link Layers}. */
final class BuiltinLayers {
    private BuiltinLayers() {
    }

    static void registerAll() {
        Layers.register("linear", Linear::fromSpec);
        Layers.register("conv1d", Conv1d::fromSpec);
        Layers.register("conv2d", Conv2d::fromSpec);
        Layers.register("maxpool2d", (spec, rng) -> MaxPool2d.fromSpec(spec));
        Layers.register("avgpool2d", (spec, rng) -> AvgPool2d.fromSpec(spec));
        Layers.register("flatten", (spec, rng) -> Flatten.fromSpec(spec));
        Layers.register("dropout", Dropout::fromSpec);
        Layers.register("batchnorm_tt", (spec, rng) -> BatchNormTT.fromSpec(spec));
        Layers.register("graph", Graph::fromSpec);
    }
}
