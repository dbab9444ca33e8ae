package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;

/**
 * Zero weights over all weights of the connection layers: Linear and Conv weights (biases excluded), the
 * all-to-all recurrent map of RLeaky/RSynaptic (an {@code nn.Linear} in snnTorch, bias excluded), and every
 * weight and bias of recurrent cells and layers. As NeuroBench: the ratio in float32, rounded to 4 decimals.
 */
public final class ConnectionSparsity implements StaticMetric {
    @Override
    public String name() {
        return "ConnectionSparsity";
    }

    @Override
    public Object compute(BenchModel model) {
        long zeros = 0;
        long total = 0;
        for (Structure.Connection c : model.structure().connections()) {
            for (Tensor t : c.arrays()) {
                total += t.size();
                zeros += t.size() - OpCounts.countNonZero(t.data());
            }
        }
        if (total == 0) {
            throw new BenchmarkException("ConnectionSparsity: the model has no connection layer (Linear, Conv1d, "
                    + "Conv2d, recurrent map or cell) whose weights could be counted");
        }
        return MetricSupport.round4((float) zeros / (float) total);
    }
}
