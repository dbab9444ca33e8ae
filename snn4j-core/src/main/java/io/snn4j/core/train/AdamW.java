package io.snn4j.core.train;

import io.snn4j.core.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay, PyTorch 1.13's {@code torch.optim.AdamW}: each step first shrinks the
 * weights, {@code w *= 1 - lr * weightDecay}, then applies the Adam update without any L2 term.
 */
public final class AdamW extends Adam {

    /** AdamW with betas (0.9, 0.999), eps 1e-8 and weight decay 0.01 (PyTorch's defaults). */
    public AdamW(List<Parameter> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0.01);
    }

    /** @see Adam#Adam(List, double, double, double, double, double) */
    public AdamW(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super("AdamW", params, lr, beta1, beta2, eps, weightDecay);
    }

    @Override
    void update(float[] w, float[] g, Map<String, float[]> state) {
        float shrink = (float) (1 - lr * weightDecay);
        for (int i = 0; i < w.length; i++) {
            w[i] *= shrink;
        }
        adamUpdate(w, g, state, 0f);
    }
}
