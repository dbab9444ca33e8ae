package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;

/**
 * Symmetric mean absolute percentage error per batch: {@code 200 mean(|p - y| / (|p| + |y|))}; when any term
 * is 0/0 (a prediction and its label both zero) the batch's mean is NaN, which NeuroBench turns into 200.
 */
public final class Smape implements WorkloadMetric {
    @Override
    public String name() {
        return "SMAPE";
    }

    @Override
    public Object call(BenchModel model, Tensor preds, BenchBatch data) {
        MetricSupport.checkShapes(name(), preds, data, "");
        float[] p = preds.data();
        float[] y = data.labels().data();
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += Math.abs((double) p[i] - y[i]) / (Math.abs((double) p[i]) + Math.abs((double) y[i]));
        }
        double v = 200 * s / p.length;
        return Double.isNaN(v) ? 200.0 : v;
    }
}
