package io.snn4j.bench.mackeyglass;

/**
 * Symmetric mean absolute percentage error as NeuroBench defines it ({@code neurobench/metrics/workload/smape.py}):
 * {@code 200 * mean(|p - y| / (|p| + |y|))}, in [0, 200]; a NaN mean (a NaN prediction, or p = y = 0) counts
 * as 200, the worst score.
 */
public final class Smape {
    private Smape() {
    }

    /** sMAPE of {@code predictions} against {@code targets} (same length, >= 1). */
    public static double of(double[] predictions, double[] targets) {
        if (predictions.length != targets.length || predictions.length == 0) {
            throw new IllegalArgumentException("sMAPE needs predictions and targets of the same non-zero length, got "
                    + predictions.length + " and " + targets.length);
        }
        double sum = 0;
        for (int i = 0; i < predictions.length; i++) {
            double p = predictions[i];
            double y = targets[i];
            sum += Math.abs(p - y) / (Math.abs(p) + Math.abs(y));
        }
        double s = 200 * (sum / predictions.length);
        return Double.isNaN(s) ? 200 : s;
    }
}
