package io.snn4j.core.train;

import io.snn4j.core.Tensor;

/**
 * snnTorch {@code mse_count_loss}: the spike count of each output over the T steps is pulled towards
 * {@code int(T * correctRate)} for the labelled class and {@code int(T * incorrectRate)} for the others; the
 * loss is the mean squared error over batch and classes, divided by T.
 */
final class MseCountLoss extends OutputLoss {
    private final double correctRate;
    private final double incorrectRate;

    MseCountLoss(double correctRate, double incorrectRate) {
        checkRate("correct_rate", correctRate);
        checkRate("incorrect_rate", incorrectRate);
        this.correctRate = correctRate;
        this.incorrectRate = incorrectRate;
    }

    private static void checkRate(String what, double r) {
        if (!(r >= 0 && r <= 1)) {
            throw new IllegalArgumentException("mse_count: " + what + " must be in [0, 1] (a firing rate per step), got "
                    + r);
        }
    }

    @Override
    public LossValue compute(Tensor output, int[] labels) {
        check(output, labels);
        int t = output.dim(0);
        int b = output.dim(1);
        int c = output.dim(2);
        // Python's int() truncates; the rates are non-negative so (int) matches. The product is taken in
        // double as in Python.
        int on = (int) (t * correctRate);
        int off = (int) (t * incorrectRate);
        double[] counts = sumOverTime(output);
        double total = 0;
        float[] g = new float[b * c];
        double scale = 2.0 / ((double) b * c * t);
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < c; j++) {
                double diff = counts[i * c + j] - (j == labels[i] ? on : off);
                total += diff * diff;
                g[i * c + j] = (float) (diff * scale);
            }
        }
        Tensor grad = new Tensor(output.shape());
        for (int k = 0; k < t; k++) {
            System.arraycopy(g, 0, grad.data(), k * b * c, b * c);
        }
        return new LossValue((float) (total / ((double) b * c) / t), grad);
    }

    @Override
    public int[] predict(Tensor output) {
        return predictByCount(output);
    }

    @Override
    public String name() {
        return "mse_count";
    }
}
