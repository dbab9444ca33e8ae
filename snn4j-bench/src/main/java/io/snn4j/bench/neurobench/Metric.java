package io.snn4j.bench.neurobench;

/**
 * A benchmark metric: {@link StaticMetric} (from the model alone), {@link WorkloadMetric} (per batch, averaged over
 * the data weighted by batch size) or {@link AccumulatedMetric} (accumulated over batches), as in NeuroBench.
 */
public interface Metric {

    /** The key of the metric's result, NeuroBench's class name ({@code SynapticOperations}, {@code SMAPE}, ...). */
    String name();
}
