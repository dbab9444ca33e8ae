package io.snn4j.core.neuron;

import io.snn4j.core.Rng;
import io.snn4j.core.layer.LayerSpec;

/**
 * Recurrent second-order LIF, as snnTorch's {@code snn.RSynaptic} with {@code linear_features = N}: the fed-back
 * spikes enter the synaptic current, syn[t] = alpha syn[t-1] + I[t] + rec(S[t-1]);
 * U[t] = beta U[t-1] + syn[t] - R[t] theta, rec as in {@link RLeaky}. The zero reset zeroes the new membrane and
 * leaves syn unchanged, as snnTorch does. {@code resetDelay(false)} applies the reset within the step as the
 * other models do (in snnTorch 0.9.4, RSynaptic's {@code reset_delay=False} branch has no effect on the state).
 * Input {@code [T, B, N]}.
 */
public final class RSynaptic extends RecurrentNeuron {

    RSynaptic(Builder b, Rng rng) {
        super("rsynaptic", Cell.RSYNAPTIC, b, true, rng);
    }

    public static Builder builder(int neurons) {
        return new Builder(neurons);
    }

    /** Options for {@link RSynaptic}. */
    public static final class Builder extends RBuilder<Builder> {
        Builder(int n) {
            super(n);
            alpha = 0.8f;
        }

        public Builder alpha(float alpha) {
            this.alpha = alpha;
            return this;
        }

        public Builder learnAlpha(boolean learn) {
            this.learnAlpha = learn;
            return this;
        }

        public RSynaptic build(Rng rng) {
            return new RSynaptic(this, rng);
        }
    }

    /** Builds from a spec: the {@link RLeaky} keys plus alpha and learn_alpha. */
    public static RSynaptic fromSpec(LayerSpec s, Rng rng) {
        String[] keys = java.util.Arrays.copyOf(KEYS, KEYS.length + 2);
        keys[KEYS.length] = "alpha";
        keys[KEYS.length + 1] = "learn_alpha";
        s.checkKeys(keys);
        Builder b = builder(specNeurons(s));
        b.readRecurrent(s);
        b.alpha = (float) s.getDouble("alpha", b.alpha);
        b.learnAlpha = s.getBool("learn_alpha", false);
        return b.build(rng);
    }

    @Override
    public LayerSpec spec() {
        return new LayerSpec(type, recurrentSpec(true));
    }
}
