package io.snn4j.core.neuron;

import io.snn4j.core.Rng;
import io.snn4j.core.layer.LayerSpec;

/**
 * Recurrent leaky integrate-and-fire, as snnTorch's {@code snn.RLeaky} with {@code linear_features = N}: the
 * previous step's output spikes S[t-1] are fed back,
 * U[t] = beta U[t-1] + I[t] + rec(S[t-1]) - R[t] theta, rec(S) = W S + b (all-to-all, the default) or V * S
 * (one-to-one), with the detached reset R[t] = step(U[t-1] - theta) and S[t] = step(U[t] - theta). Note the
 * bias enters at every step, including the first. The zero reset follows snnTorch: the whole new membrane is
 * zeroed, U[t] = (1 - R[t]) (beta U[t-1] + I[t] + rec). Input {@code [T, B, N]}.
 *
 * <p>Parameters: {@code recurrent.weight} [N, N] ([out, in]) and {@code recurrent.bias} [N], initialised
 * U(-1/sqrt(N), 1/sqrt(N)) like PyTorch, or {@code V} [N] (snnTorch's V is a scalar unless given as a tensor;
 * here it is always one gain per neuron, all starting at {@code v}); plus beta/threshold when learnable.
 */
public final class RLeaky extends RecurrentNeuron {

    RLeaky(Builder b, Rng rng) {
        super("rleaky", Cell.RLEAKY, b, false, rng);
    }

    /** Options for an RLeaky layer of {@code neurons} neurons. */
    public static Builder builder(int neurons) {
        return new Builder(neurons);
    }

    /** Options for {@link RLeaky}. */
    public static final class Builder extends RBuilder<Builder> {
        Builder(int n) {
            super(n);
        }

        /** @param rng source of the initial all-to-all weights (unused for one-to-one) */
        public RLeaky build(Rng rng) {
            return new RLeaky(this, rng);
        }
    }

    /** Builds from a spec: neurons (required), beta, threshold, reset, reset_delay, learn_beta, learn_threshold, surrogate, per_neuron, all_to_all, bias, v, learn_recurrent. */
    public static RLeaky fromSpec(LayerSpec s, Rng rng) {
        s.checkKeys(KEYS);
        Builder b = builder(specNeurons(s));
        b.readRecurrent(s);
        return b.build(rng);
    }

    @Override
    public LayerSpec spec() {
        return new LayerSpec(type, recurrentSpec(false));
    }
}
