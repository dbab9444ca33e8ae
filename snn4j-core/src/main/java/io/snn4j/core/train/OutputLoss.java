package io.snn4j.core.train;

import io.snn4j.core.Tensor;
import java.util.Arrays;

/**
 * Shared checks and cross-entropy arithmetic for the losses on {@code [T, B, C]} outputs. Sums are taken in
 * double so that a loss does not depend on summation order beyond float32's last bit.
 */
abstract class OutputLoss implements Loss {

    /** Throws unless {@code output} is {@code [T, B, C]} with T, B, C > 0 and labels in [0, C). */
    final void check(Tensor output, int[] labels) {
        int[] s = output.shape();
        if (s.length != 3 || s[0] == 0 || s[1] == 0 || s[2] == 0) {
            throw new IllegalArgumentException(name() + ": expected output [T, B, C] with T, B, C > 0, got "
                    + Arrays.toString(s));
        }
        if (labels == null || labels.length != s[1]) {
            throw new IllegalArgumentException(name() + ": output has batch size " + s[1] + " but "
                    + (labels == null ? "no" : Integer.toString(labels.length)) + " labels were given");
        }
        for (int b = 0; b < labels.length; b++) {
            if (labels[b] < 0 || labels[b] >= s[2]) {
                throw new IllegalArgumentException(name() + ": label " + labels[b] + " of sample " + b
                        + " is outside [0, " + s[2] + ") (the output has " + s[2] + " classes)");
            }
        }
    }

    final void checkOutput(Tensor output) {
        int[] s = output.shape();
        if (s.length != 3 || s[0] == 0 || s[1] == 0 || s[2] == 0) {
            throw new IllegalArgumentException(name() + ": expected output [T, B, C] with T, B, C > 0, got "
                    + Arrays.toString(s));
        }
    }

    /** Sum over time: {@code [T, B, C] -> [B * C]} in double. */
    static double[] sumOverTime(Tensor output) {
        int t = output.dim(0);
        int bc = output.stride0();
        float[] d = output.data();
        double[] r = new double[bc];
        for (int k = 0; k < t; k++) {
            for (int i = 0; i < bc; i++) {
                r[i] += d[k * bc + i];
            }
        }
        return r;
    }

    /**
     * Mean over the batch of {@code -log softmax(z_b)[y_b]}; writes {@code (softmax(z_b) - onehot(y_b)) * scale}
     * into {@code grad} at {@code gradOffset} (row-major {@code [B, C]}).
     */
    static double crossEntropy(double[] z, int zOffset, int batch, int classes, int[] labels, float[] grad,
                               int gradOffset, double scale) {
        double total = 0;
        double[] p = new double[classes];
        for (int b = 0; b < batch; b++) {
            int o = zOffset + b * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z[o + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                p[c] = Math.exp(z[o + c] - max);
                sum += p[c];
            }
            double logSum = max + Math.log(sum);
            total += logSum - z[o + labels[b]];
            if (grad != null) {
                int g = gradOffset + b * classes;
                for (int c = 0; c < classes; c++) {
                    double d = p[c] / sum - (c == labels[b] ? 1 : 0);
                    grad[g + c] = (float) (d * scale);
                }
            }
        }
        return total / batch;
    }

    static double[] toDouble(float[] f, int from, int n) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = f[from + i];
        }
        return r;
    }

    /** Row-wise argmax of {@code [B, C]}; the first maximum wins, as {@code torch.argmax} on CPU. */
    static int[] argmax(double[] v, int batch, int classes) {
        int[] r = new int[batch];
        for (int b = 0; b < batch; b++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (v[b * classes + c] > v[b * classes + best]) {
                    best = c;
                }
            }
            r[b] = best;
        }
        return r;
    }

    /** Prediction from spike counts, for the spike-based losses. */
    final int[] predictByCount(Tensor output) {
        checkOutput(output);
        return argmax(sumOverTime(output), output.dim(1), output.dim(2));
    }

    /** Predictions from the time-summed membrane (same argmax as the time mean). */
    final int[] predictByMeanMembrane(Tensor output) {
        checkOutput(output);
        return argmax(sumOverTime(output), output.dim(1), output.dim(2));
    }

    @Override
    public String toString() {
        return name();
    }
}
