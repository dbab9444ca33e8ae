package io.snn4j.core.train;

import io.snn4j.core.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Adam with PyTorch 1.13's {@code torch.optim.Adam} update (weight decay is an L2 term added to the gradient;
 * use {@link AdamW} for decoupled decay):
 * {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; w -= lr / (1-b1^t) * m / (sqrt(v) / sqrt(1-b2^t) + eps)}.
 */
public class Adam extends AbstractOptimizer {
    final float beta1;
    final float beta2;
    final float eps;
    final float weightDecay;

    /** Adam with betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(List<Parameter> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    /**
     * @param lr          learning rate (per step)
     * @param beta1       first-moment decay in [0, 1)
     * @param beta2       second-moment decay in [0, 1)
     * @param eps         added to the denominator, >= 0
     * @param weightDecay L2 penalty added to the gradient, >= 0
     */
    public Adam(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this("Adam", params, lr, beta1, beta2, eps, weightDecay);
    }

    Adam(String name, List<Parameter> params, double lr, double beta1, double beta2, double eps,
         double weightDecay) {
        super(name, params, lr);
        require(beta1 >= 0 && beta1 < 1, name + ": beta1 must be in [0, 1), got " + beta1);
        require(beta2 >= 0 && beta2 < 1, name + ": beta2 must be in [0, 1), got " + beta2);
        require(eps >= 0 && Double.isFinite(eps), name + ": eps must be >= 0, got " + eps);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), name + ": weight decay must be >= 0, got "
                + weightDecay);
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.eps = (float) eps;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    void update(float[] w, float[] g, Map<String, float[]> state) {
        adamUpdate(w, g, state, weightDecay);
    }

    final void adamUpdate(float[] w, float[] g, Map<String, float[]> state, float l2) {
        float[] m = buffer(state, "exp_avg", w.length);
        float[] v = buffer(state, "exp_avg_sq", w.length);
        // Bias corrections in double as PyTorch computes them in Python floats.
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, steps));
        float stepSize = (float) (lr / bc1);
        float bc2 = (float) bc2Sqrt;
        for (int i = 0; i < w.length; i++) {
            float gi = l2 != 0 ? g[i] + l2 * w[i] : g[i];
            m[i] = m[i] * beta1 + (1 - beta1) * gi;
            v[i] = v[i] * beta2 + (1 - beta2) * gi * gi;
            float denom = (float) Math.sqrt(v[i]) / bc2 + eps;
            w[i] = w[i] - stepSize * (m[i] / denom);
        }
    }
}
