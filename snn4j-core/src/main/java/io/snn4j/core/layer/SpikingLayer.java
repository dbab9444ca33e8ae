package io.snn4j.core.layer;

import io.snn4j.core.Tensor;

/** A neuron population: it has membranes, and (unless it is a readout) emits spikes. */
public interface SpikingLayer extends Layer {

    /** Membrane potential after each step of the last {@link #forward} call, {@code [T, B, ...]}, or null. */
    Tensor lastMembrane();

    /** Number of neurons per sample. */
    int neurons();

    /**
     * Gradient-check mode: the forward pass emits {@code surrogate.smooth(U - threshold)} instead of the step
     * (the reset still uses the hard step, which is what "detached" means), so finite differences see exactly
     * the derivative that the backward pass computes. Never on in training.
     */
    void setGradientCheckMode(boolean on);
}
