package io.snn4j.core.train;

import io.snn4j.core.Tensor;

/** snnTorch {@code ce_rate_loss}: cross-entropy of the spikes at each step, averaged over steps and batch. */
final class CeRateLoss extends OutputLoss {

    @Override
    public LossValue compute(Tensor output, int[] labels) {
        check(output, labels);
        int t = output.dim(0);
        int b = output.dim(1);
        int c = output.dim(2);
        float[] d = output.data();
        Tensor grad = new Tensor(output.shape());
        double total = 0;
        for (int k = 0; k < t; k++) {
            double[] z = toDouble(d, k * b * c, b * c);
            total += crossEntropy(z, 0, b, c, labels, grad.data(), k * b * c, 1.0 / ((double) b * t));
        }
        return new LossValue((float) (total / t), grad);
    }

    @Override
    public int[] predict(Tensor output) {
        return predictByCount(output);
    }

    @Override
    public String name() {
        return "ce_rate";
    }
}
