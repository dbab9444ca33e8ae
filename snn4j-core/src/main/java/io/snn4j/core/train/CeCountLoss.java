package io.snn4j.core.train;

import io.snn4j.core.Tensor;

/** snnTorch {@code ce_count_loss}: cross-entropy of the spike counts (summed over time), mean over the batch. */
final class CeCountLoss extends OutputLoss {

    @Override
    public LossValue compute(Tensor output, int[] labels) {
        check(output, labels);
        int t = output.dim(0);
        int b = output.dim(1);
        int c = output.dim(2);
        double[] counts = sumOverTime(output);
        float[] g = new float[b * c];
        double loss = crossEntropy(counts, 0, b, c, labels, g, 0, 1.0 / b);
        Tensor grad = new Tensor(output.shape());
        for (int k = 0; k < t; k++) {
            System.arraycopy(g, 0, grad.data(), k * b * c, b * c);
        }
        return new LossValue((float) loss, grad);
    }

    @Override
    public int[] predict(Tensor output) {
        return predictByCount(output);
    }

    @Override
    public String name() {
        return "ce_count";
    }
}
