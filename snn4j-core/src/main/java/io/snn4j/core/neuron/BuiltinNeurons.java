package io.snn4j.core.neuron;

/** Registers the built-in neuron layers with {@link io.snn4j.core.layer.Layers}. */
public final class BuiltinNeurons {
    private BuiltinNeurons() {
    }

    public static void registerAll() {
        // filled in as neuron models are added: Layers.register("leaky", Leaky::fromSpec); ...
    }
}
