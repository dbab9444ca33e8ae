package io.snn4j.core.train;

import io.snn4j.core.Tensor;

/**
 * Cross-entropy on the time mean of a non-spiking readout's membrane ({@code F.cross_entropy(mem.mean(0), y)}
 * in PyTorch terms), mean over the batch. The usual loss for a {@code LeakyIntegrator} output layer.
 */
final class CeReadoutLoss extends OutputLoss {

    @Override
    public LossValue compute(Tensor output, int[] labels) {
        check(output, labels);
        int t = output.dim(0);
        int b = output.dim(1);
        int c = output.dim(2);
        double[] mean = sumOverTime(output);
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= t;
        }
        float[] g = new float[b * c];
        double loss = crossEntropy(mean, 0, b, c, labels, g, 0, 1.0 / ((double) b * t));
        Tensor grad = new Tensor(output.shape());
        for (int k = 0; k < t; k++) {
            System.arraycopy(g, 0, grad.data(), k * b * c, b * c);
        }
        return new LossValue((float) loss, grad);
    }

    @Override
    public int[] predict(Tensor output) {
        return predictByMeanMembrane(output);
    }

    @Override
    public String name() {
        return "ce_readout";
    }
}
