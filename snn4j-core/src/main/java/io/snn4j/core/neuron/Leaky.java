package io.snn4j.core.neuron;

import io.snn4j.core.layer.LayerSpec;

/**
 * The leaky integrate-and-fire neuron, as snnTorch's {@code snn.Leaky}. Per step, with the previous membrane
 * U[t-1], input current I[t] (added unscaled) and the detached reset signal R[t] = step(U[t-1] - theta):
 * <ul>
 *   <li>subtract (default): U[t] = beta U[t-1] + I[t] - R[t] theta</li>
 *   <li>zero: U[t] = beta (1 - R[t]) U[t-1] + I[t]</li>
 *   <li>none: U[t] = beta U[t-1] + I[t]</li>
 * </ul>
 * and S[t] = graded_spikes_factor * step(U[t] - theta), strictly greater. With {@code resetDelay(false)} the
 * reset is applied in the same step: U[t] -= (S[t] - R[t]) theta (subtract) or (S[t] - R[t]) U[t] (zero).
 * beta is clamped to [0, 1] in the update, as snnTorch does, so values outside are accepted and act as 0 or 1
 * (a learnable beta gets no gradient while outside). beta = exp(-dt / tau) for a time step dt and membrane time
 * constant tau (both in seconds). Works element-wise on any feature shape {@code [T, B, ...]}.
 */
public final class Leaky extends ElementNeuron {

    /** A Leaky layer with decay rate {@code beta} and snnTorch's other defaults. */
    public Leaky(float beta) {
        this(builder().beta(beta));
    }

    Leaky(Builder b) {
        super("leaky", Cell.LEAKY, b, false, true);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for {@link Leaky}; defaults are snnTorch's (beta has none there; here 0.9). */
    public static final class Builder extends NeuronBuilder<Builder> {
        Builder() {
            beta = 0.9f;
        }

        /** Membrane decay per step, clamped to [0, 1] in the update. */
        public Builder beta(float beta) {
            this.beta = beta;
            return this;
        }

        /** Makes beta a trainable parameter named {@code beta}. */
        public Builder learnBeta(boolean learn) {
            this.learnBeta = learn;
            return this;
        }

        /** Output spikes are this value instead of 1 (snnTorch's {@code graded_spikes_factor}). */
        public Builder gradedSpikesFactor(float factor) {
            this.gsf = factor;
            return this;
        }

        public Leaky build() {
            return new Leaky(this);
        }
    }

    /** Builds from a spec with keys beta, threshold, reset, reset_delay, learn_beta, learn_threshold, surrogate, neurons, graded_spikes_factor. */
    public static Leaky fromSpec(LayerSpec s) {
        s.checkKeys("beta", "threshold", "reset", "reset_delay", "learn_beta", "learn_threshold", "surrogate",
                "neurons", "graded_spikes_factor");
        Builder b = builder();
        b.readCommon(s);
        b.beta = (float) s.getDouble("beta", b.beta);
        b.learnBeta = s.getBool("learn_beta", false);
        b.gsf = (float) s.getDouble("graded_spikes_factor", 1.0);
        return b.build();
    }

    @Override
    public LayerSpec spec() {
        var m = commonSpec(true, false, true);
        if (shape != null) {
            m.put("neurons", shapeValue(shape));
        }
        return new LayerSpec(type, m);
    }
}
