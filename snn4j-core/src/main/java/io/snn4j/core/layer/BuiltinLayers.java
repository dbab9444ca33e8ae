package io.snn4j.core.layer;

/** Registers the built-in synapse, shape and conventional (ANN) layers with {@link Layers}. */
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
        Layers.register("lstm", Lstm::fromSpec);
        Layers.register("gru", Gru::fromSpec);
        Layers.register("rnn", Rnn::fromSpec);
        Layers.register("relu", (spec, rng) -> Activation.fromSpec(spec));
        Layers.register("sigmoid", (spec, rng) -> Activation.fromSpec(spec));
        Layers.register("tanh", (spec, rng) -> Activation.fromSpec(spec));
        Layers.register("layernorm", (spec, rng) -> LayerNorm.fromSpec(spec));
    }
}
