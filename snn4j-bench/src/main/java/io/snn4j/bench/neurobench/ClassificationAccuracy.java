package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;

/** Fraction of predictions equal to the labels, per batch (in float32, as NeuroBench's {@code torch.mean}). */
public final class ClassificationAccuracy implements WorkloadMetric {
    @Override
    public String name() {
        return "ClassificationAccuracy";
    }

    @Override
    public Object call(BenchModel model, Tensor preds, BenchBatch data) {
        MetricSupport.checkShapes(name(), preds, data, " (turn spike outputs [B, T, classes] into class indices [B] with the"
                + " choose_max_count post-processor)");
        float[] p = preds.data();
        float[] y = data.labels().data();
        long eq = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == y[i]) {
                eq++;
            }
        }
        return (double) ((float) eq / (float) p.length);
    }
}
