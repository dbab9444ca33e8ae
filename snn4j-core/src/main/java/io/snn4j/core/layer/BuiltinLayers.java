package io.snn4j.core.layer;

/** Registers the built-in synapse and shape layers with {@link Layers}. */
final class BuiltinLayers {
    private BuiltinLayers() {
    }

    static void registerAll() {
        // filled in as layers are added: Layers.register("linear", Linear::fromSpec); ...
    }
}
