package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;

/**
 * A model under benchmark, as NeuroBench's {@code NeuroBenchModel}: it runs a batch and reports what its layers did
 * (what NeuroBench's forward hooks record) and what it is made of (for the static metrics).
 * {@link SnnModel} wraps any engine network; other models (a reservoir, an ANN baseline) implement this directly
 * and fill their {@link Activity} themselves.
 */
public interface BenchModel {

    /**
     * Runs one batch from the model's reset state.
     *
     * @param inputs the (pre-processed) inputs, {@code [B, T, ...]} for a model with a time axis
     * @return the raw output, {@code [B, T, ...]} for a model with a time axis (post-processors turn it into
     *         predictions)
     * @throws BenchmarkException when the inputs do not fit the model
     */
    Tensor run(Tensor inputs);

    /** What the layers did during the last {@link #run}, or null before the first run. */
    Activity lastActivity();

    /** Parameters, constant buffers and connection weights, for the static metrics. */
    Structure structure();
}
