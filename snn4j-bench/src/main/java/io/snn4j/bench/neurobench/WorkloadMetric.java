package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;

/**
 * A metric of one batch (NeuroBench's {@code WorkloadMetric}). The harness reports the mean over batches weighted by
 * their size, {@code sum(value * B) / samples}, so {@link #call} must return a number.
 */
public interface WorkloadMetric extends Metric {

    /**
     * @param model the model right after it ran the batch ({@link BenchModel#lastActivity()} holds what it did)
     * @param preds the post-processed output
     * @param data  the batch as the data gave it, before pre-processing
     * @return the batch's value: a {@code Double} (a {@code Map} for an {@link AccumulatedMetric})
     * @throws BenchmarkException when the metric does not apply (shapes that disagree, no layer to measure)
     */
    Object call(BenchModel model, Tensor preds, BenchBatch data);
}
