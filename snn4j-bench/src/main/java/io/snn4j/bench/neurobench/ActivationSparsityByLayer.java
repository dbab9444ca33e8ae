package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Zero activations over all activations per activation layer, accumulated over all batches. */
public final class ActivationSparsityByLayer implements AccumulatedMetric {
    private final Map<String, long[]> counts = new LinkedHashMap<>();

    @Override
    public String name() {
        return "ActivationSparsityByLayer";
    }

    @Override
    public void reset() {
        counts.clear();
    }

    @Override
    public Object call(BenchModel model, Tensor preds, BenchBatch data) {
        Map<String, Activity.Neurons> ns = MetricSupport.activity(name(), model).neurons();
        if (ns.isEmpty()) {
            throw new BenchmarkException("ActivationSparsityByLayer: the model has no activation layer (spiking "
                    + "neurons, ReLU or Sigmoid)");
        }
        for (Activity.Neurons n : ns.values()) {
            long[] c = counts.computeIfAbsent(n.name(), k -> new long[2]);
            c[0] += n.nonZero();
            c[1] += n.elements();
        }
        return compute();
    }

    @Override
    public Object compute() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long[] c = e.getValue();
            m.put(e.getKey(), c[1] == 0 ? 0.0 : (double) (c[1] - c[0]) / c[1]);
        }
        return m;
    }
}
