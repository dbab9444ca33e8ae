package io.snn4j.core.train;

import io.snn4j.core.Parameter;
import java.util.Collection;

/** Gradient clipping, applied between the backward pass and the optimizer step. */
public final class GradClip {
    private GradClip() {
    }

    /**
     * Scales all trainable gradients together so that their global L2 norm is at most {@code maxNorm}, as
     * {@code torch.nn.utils.clip_grad_norm_}: the factor is {@code min(1, maxNorm / (norm + 1e-6))}.
     *
     * @return the global L2 norm before clipping (NaN or infinite when a gradient is)
     */
    public static double clipNorm(Collection<Parameter> params, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clipNorm: maxNorm must be > 0, got " + maxNorm);
        }
        double sq = 0;
        for (Parameter p : params) {
            if (p.trainable()) {
                for (float g : p.grad().data()) {
                    sq += (double) g * g;
                }
            }
        }
        double norm = Math.sqrt(sq);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            float c = (float) coef;
            for (Parameter p : params) {
                if (p.trainable()) {
                    float[] g = p.grad().data();
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= c;
                    }
                }
            }
        }
        return norm;
    }

    /** Clamps every trainable gradient element into {@code [-maxValue, maxValue]}. */
    public static void clipValue(Collection<Parameter> params, double maxValue) {
        if (!(maxValue > 0)) {
            throw new IllegalArgumentException("clipValue: maxValue must be > 0, got " + maxValue);
        }
        float m = (float) maxValue;
        for (Parameter p : params) {
            if (p.trainable()) {
                float[] g = p.grad().data();
                for (int i = 0; i < g.length; i++) {
                    g[i] = Math.max(-m, Math.min(m, g[i]));
                }
            }
        }
    }
}
