package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;

/** Mean squared error per batch: {@code mean((preds - labels)^2)}. */
public final class Mse implements WorkloadMetric {
    @Override
    public String name() {
        return "MSE";
    }

    @Override
    public Object call(BenchModel model, Tensor preds, BenchBatch data) {
        MetricSupport.checkShapes(name(), preds, data, "");
        float[] p = preds.data();
        float[] y = data.labels().data();
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double d = (double) p[i] - y[i];
            s += d * d;
        }
        return s / p.length;
    }
}
