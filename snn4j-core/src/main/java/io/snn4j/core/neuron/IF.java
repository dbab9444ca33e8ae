package io.snn4j.core.neuron;

import io.snn4j.core.layer.LayerSpec;

/**
 * Integrate-and-fire: a {@link Leaky} neuron without leak (beta = 1), with the same threshold, reset and
 * surrogate options: U[t] = U[t-1] + I[t] - R[t] theta (subtract), S[t] = step(U[t] - theta).
 */
public final class IF extends ElementNeuron {

    /** An IF layer with threshold 1 and subtract reset. */
    public IF() {
        this(builder());
    }

    IF(Builder b) {
        super("if", Cell.LEAKY, b, false, true);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for {@link IF}. */
    public static final class Builder extends NeuronBuilder<Builder> {
        Builder() {
            beta = 1f;
        }

        /** Output spikes are this value instead of 1. */
        public Builder gradedSpikesFactor(float factor) {
            this.gsf = factor;
            return this;
        }

        public IF build() {
            return new IF(this);
        }
    }

    /** Builds from a spec with keys threshold, reset, reset_delay, learn_threshold, surrogate, neurons, graded_spikes_factor. */
    public static IF fromSpec(LayerSpec s) {
        s.checkKeys("threshold", "reset", "reset_delay", "learn_threshold", "surrogate", "neurons",
                "graded_spikes_factor");
        Builder b = builder();
        b.readCommon(s);
        b.gsf = (float) s.getDouble("graded_spikes_factor", 1.0);
        return b.build();
    }

    @Override
    public LayerSpec spec() {
        var m = commonSpec(false, false, true);
        if (shape != null) {
            m.put("neurons", shapeValue(shape));
        }
        return new LayerSpec(type, m);
    }
}
