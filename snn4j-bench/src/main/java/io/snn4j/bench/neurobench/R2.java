package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;
import java.util.Arrays;

/**
 * R2 of two-dimensional outputs {@code [N, 2]} (NeuroBench's primate-reaching velocity), accumulated over all
 * batches: per column {@code 1 - SSE / (N var(labels))} with the population variance, then the mean of the
 * two columns.
 */
public final class R2 implements AccumulatedMetric {
    private double sseX;
    private double sseY;
    private final java.util.List<float[]> labels = new java.util.ArrayList<>();
    private long n;

    @Override
    public String name() {
        return "R2";
    }

    @Override
    public void reset() {
        sseX = 0;
        sseY = 0;
        labels.clear();
        n = 0;
    }

    @Override
    public Object call(BenchModel model, Tensor preds, BenchBatch data) {
        MetricSupport.checkShapes(name(), preds, data, "");
        if (preds.rank() != 2 || preds.dim(1) != 2) {
            throw new BenchmarkException("R2: NeuroBench defines R2 for two-dimensional outputs [N, 2] (the mean "
                    + "of both columns' R2); the predictions have shape " + Arrays.toString(preds.shape()));
        }
        float[] p = preds.data();
        float[] y = data.labels().data();
        for (int i = 0; i < preds.dim(0); i++) {
            double dx = (double) y[2 * i] - p[2 * i];
            double dy = (double) y[2 * i + 1] - p[2 * i + 1];
            sseX += dx * dx;
            sseY += dy * dy;
        }
        labels.add(y.clone());
        n += preds.dim(0);
        return compute();
    }

    @Override
    public Object compute() {
        if (n == 0) {
            return 0.0;
        }
        double rx = 1 - sseX / sumSquares(0);
        double ry = 1 - sseY / sumSquares(1);
        return (rx + ry) / 2;
    }

    private double sumSquares(int col) {
        double mean = 0;
        for (float[] y : labels) {
            for (int i = col; i < y.length; i += 2) {
                mean += y[i];
            }
        }
        mean /= n;
        double s = 0;
        for (float[] y : labels) {
            for (int i = col; i < y.length; i += 2) {
                s += (y[i] - mean) * (y[i] - mean);
            }
        }
        if (s == 0) {
            throw new BenchmarkException("R2: the labels of column " + col + " are all equal, so their variance "
                    + "is zero and R2 is undefined");
        }
        return s;
    }
}
