package io.snn4j.core.train;

import io.snn4j.core.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with PyTorch 1.13's {@code torch.optim.SGD} update: with {@code d = g + wd w},
 * the momentum buffer starts as {@code d} and then becomes {@code m buf + (1 - dampening) d}; the step is
 * {@code w -= lr (d + m buf)} with Nesterov, else {@code w -= lr buf} ({@code w -= lr d} without momentum).
 */
public final class Sgd extends AbstractOptimizer {
    private final float momentum;
    private final float dampening;
    private final float weightDecay;
    private final boolean nesterov;

    /** Plain SGD (no momentum). */
    public Sgd(List<Parameter> params, double lr) {
        this(params, lr, 0, 0, 0, false);
    }

    public Sgd(List<Parameter> params, double lr, double momentum) {
        this(params, lr, momentum, 0, 0, false);
    }

    /**
     * @param lr          learning rate (per step)
     * @param momentum    in [0, 1)
     * @param dampening   in [0, 1]; must be 0 with Nesterov
     * @param weightDecay L2 penalty added to the gradient, >= 0
     */
    public Sgd(List<Parameter> params, double lr, double momentum, double dampening, double weightDecay,
               boolean nesterov) {
        super("Sgd", params, lr);
        require(momentum >= 0 && momentum < 1, "Sgd: momentum must be in [0, 1), got " + momentum);
        require(dampening >= 0 && dampening <= 1, "Sgd: dampening must be in [0, 1], got " + dampening);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "Sgd: weight decay must be >= 0, got "
                + weightDecay);
        require(!nesterov || (momentum > 0 && dampening == 0),
                "Sgd: Nesterov momentum requires momentum > 0 and dampening 0");
        this.momentum = (float) momentum;
        this.dampening = (float) dampening;
        this.weightDecay = (float) weightDecay;
        this.nesterov = nesterov;
    }

    @Override
    void update(float[] w, float[] g, Map<String, float[]> state) {
        float lrF = (float) lr;
        float[] buf = momentum != 0 ? state.get("momentum_buffer") : null;
        boolean first = momentum != 0 && buf == null;
        if (first) {
            buf = buffer(state, "momentum_buffer", w.length);
        }
        for (int i = 0; i < w.length; i++) {
            float d = g[i];
            if (weightDecay != 0) {
                d = d + weightDecay * w[i];
            }
            if (momentum != 0) {
                buf[i] = first ? d : buf[i] * momentum + (1 - dampening) * d;
                d = nesterov ? d + momentum * buf[i] : buf[i];
            }
            w[i] = w[i] - lrF * d;
        }
    }
}
