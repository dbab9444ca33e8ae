package io.snn4j.core.train;

import io.snn4j.core.Tensor;

/**
 * snnTorch {@code ce_max_membrane_loss}: cross-entropy of each output's maximum membrane over time. The
 * gradient flows only into the step holding the maximum (the first one on ties).
 */
final class CeMaxMembraneLoss extends OutputLoss {

    @Override
    public LossValue compute(Tensor output, int[] labels) {
        check(output, labels);
        int b = output.dim(1);
        int c = output.dim(2);
        int[] at = new int[b * c];
        double[] max = maxOverTime(output, at);
        float[] g = new float[b * c];
        double loss = crossEntropy(max, 0, b, c, labels, g, 0, 1.0 / b);
        Tensor grad = new Tensor(output.shape());
        for (int i = 0; i < b * c; i++) {
            grad.data()[at[i] * b * c + i] = g[i];
        }
        return new LossValue((float) loss, grad);
    }

    private static double[] maxOverTime(Tensor output, int[] at) {
        int t = output.dim(0);
        int bc = output.stride0();
        float[] d = output.data();
        double[] m = new double[bc];
        for (int i = 0; i < bc; i++) {
            m[i] = d[i];
        }
        for (int k = 1; k < t; k++) {
            for (int i = 0; i < bc; i++) {
                if (d[k * bc + i] > m[i]) {
                    m[i] = d[k * bc + i];
                    at[i] = k;
                }
            }
        }
        return m;
    }

    @Override
    public int[] predict(Tensor output) {
        checkOutput(output);
        return argmax(maxOverTime(output, new int[output.stride0()]), output.dim(1), output.dim(2));
    }

    @Override
    public String name() {
        return "ce_max_membrane";
    }
}
