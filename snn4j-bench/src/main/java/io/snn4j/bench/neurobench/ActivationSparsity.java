package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;

/**
 * Zero activations over all activations of one batch, over every activation layer (spiking neurons, ReLU,
 * Sigmoid) and every step; the harness averages the batches weighted by their size.
 */
public final class ActivationSparsity implements WorkloadMetric {
    @Override
    public String name() {
        return "ActivationSparsity";
    }

    @Override
    public Object call(BenchModel model, Tensor preds, BenchBatch data) {
        long total = 0;
        long nz = 0;
        for (Activity.Neurons n : MetricSupport.activity(name(), model).neurons().values()) {
            total += n.elements();
            nz += n.nonZero();
        }
        if (total == 0) {
            throw new BenchmarkException("ActivationSparsity: the model has no activation layer (spiking "
                    + "neurons, ReLU or Sigmoid) whose outputs could be counted");
        }
        return (double) (total - nz) / total;
    }
}
