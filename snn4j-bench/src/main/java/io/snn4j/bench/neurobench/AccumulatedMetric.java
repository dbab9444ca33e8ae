package io.snn4j.bench.neurobench;

/**
 * A workload metric that accumulates over batches (NeuroBench's {@code AccumulatedMetric}): {@link #reset()} before
 * the first batch, {@link #call} per batch, and the result is {@link #compute()} after the last.
 */
public interface AccumulatedMetric extends WorkloadMetric {

    void reset();

    /** The value over all batches so far. */
    Object compute();
}
