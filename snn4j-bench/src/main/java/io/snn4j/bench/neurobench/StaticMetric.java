package io.snn4j.bench.neurobench;

/** A metric of the model alone (NeuroBench's {@code StaticMetric}): footprint, parameters, connection sparsity. */
public interface StaticMetric extends Metric {

    /**
     * @return a {@code Long}, {@code Double} or a {@code Map<String, Object>} of those
     * @throws BenchmarkException when the metric does not apply to the model
     */
    Object compute(BenchModel model);
}
