package io.snn4j.core.neuron;

import io.snn4j.core.layer.Layers;

/** Registers the built-in neuron layers with {@link io.snn4j.core.layer.Layers}. */
public final class BuiltinNeurons {
    private BuiltinNeurons() {
    }

    /** Registers {@code leaky}, {@code if}, {@code synaptic}, {@code leaky_integrator}, {@code rleaky}, {@code rsynaptic}. */
    public static void registerAll() {
        Layers.register("leaky", (spec, rng) -> Leaky.fromSpec(spec));
        Layers.register("if", (spec, rng) -> IF.fromSpec(spec));
        Layers.register("synaptic", (spec, rng) -> Synaptic.fromSpec(spec));
        Layers.register("leaky_integrator", (spec, rng) -> LeakyIntegrator.fromSpec(spec));
        Layers.register("rleaky", RLeaky::fromSpec);
        Layers.register("rsynaptic", RSynaptic::fromSpec);
    }
}
