package io.snn4j.core.train;

import io.snn4j.core.Tensor;

/**
 * snnTorch {@code mse_membrane_loss} with time-constant targets: at every step the membrane of the labelled
 * class is pulled towards {@code onTarget} and the others towards {@code offTarget}; the per-step mean squared
 * error (over batch and classes) is averaged over the T steps.
 *
 * <p>As in snnTorch ({@code targets_convert} builds the targets as {@code clamp(onehot * on, min=off)} when
 * {@code on > off}), a negative {@code offTarget} below a larger {@code onTarget} acts as 0.
 */
final class MseMembraneLoss extends OutputLoss {
    private final double onTarget;
    private final double offTarget;

    MseMembraneLoss(double onTarget, double offTarget) {
        if (!Double.isFinite(onTarget) || !Double.isFinite(offTarget)) {
            throw new IllegalArgumentException("mse_membrane: on_target and off_target must be finite, got "
                    + onTarget + ", " + offTarget);
        }
        this.onTarget = onTarget;
        this.offTarget = onTarget > offTarget ? Math.max(0, offTarget) : offTarget;
    }

    @Override
    public LossValue compute(Tensor output, int[] labels) {
        check(output, labels);
        int t = output.dim(0);
        int b = output.dim(1);
        int c = output.dim(2);
        float[] d = output.data();
        Tensor grad = new Tensor(output.shape());
        float[] g = grad.data();
        double scale = 2.0 / ((double) b * c * t);
        double total = 0;
        for (int k = 0; k < t; k++) {
            double step = 0;
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < c; j++) {
                    int idx = (k * b + i) * c + j;
                    double diff = d[idx] - (j == labels[i] ? onTarget : offTarget);
                    step += diff * diff;
                    g[idx] = (float) (diff * scale);
                }
            }
            total += step / ((double) b * c);
        }
        return new LossValue((float) (total / t), grad);
    }

    @Override
    public int[] predict(Tensor output) {
        return predictByMeanMembrane(output);
    }

    @Override
    public String name() {
        return "mse_membrane";
    }
}
