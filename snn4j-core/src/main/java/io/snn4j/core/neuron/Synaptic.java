package io.snn4j.core.neuron;

import io.snn4j.core.layer.LayerSpec;

/**
 * Second-order LIF with a synaptic current, as snnTorch's {@code snn.Synaptic}:
 * syn[t] = alpha syn[t-1] + I[t]; U[t] = beta U[t-1] + syn[t] - R[t] theta (subtract), with the detached reset
 * R[t] = step(U[t-1] - theta) and S[t] = step(U[t] - theta). The zero reset follows snnTorch exactly:
 * U[t] = (1 - R[t]) (beta U[t-1] + syn[t]), i.e. the whole new membrane (current input included) is zeroed while
 * the synaptic current is left unchanged. alpha and beta are clamped to [0, 1] in the update. Any feature shape.
 */
public final class Synaptic extends ElementNeuron {

    /** A Synaptic layer with current decay {@code alpha} and membrane decay {@code beta}, per step. */
    public Synaptic(float alpha, float beta) {
        this(builder().alpha(alpha).beta(beta));
    }

    Synaptic(Builder b) {
        super("synaptic", Cell.SYNAPTIC, b, true, true);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for {@link Synaptic}. */
    public static final class Builder extends NeuronBuilder<Builder> {
        Builder() {
            alpha = 0.8f;
            beta = 0.9f;
        }

        /** Synaptic current decay per step, clamped to [0, 1]. */
        public Builder alpha(float alpha) {
            this.alpha = alpha;
            return this;
        }

        /** Membrane decay per step, clamped to [0, 1]. */
        public Builder beta(float beta) {
            this.beta = beta;
            return this;
        }

        public Builder learnAlpha(boolean learn) {
            this.learnAlpha = learn;
            return this;
        }

        public Builder learnBeta(boolean learn) {
            this.learnBeta = learn;
            return this;
        }

        /** Output spikes are this value instead of 1. */
        public Builder gradedSpikesFactor(float factor) {
            this.gsf = factor;
            return this;
        }

        public Synaptic build() {
            return new Synaptic(this);
        }
    }

    /** Builds from a spec: alpha, beta, threshold, reset, reset_delay, learn_alpha, learn_beta, learn_threshold, surrogate, neurons, graded_spikes_factor. */
    public static Synaptic fromSpec(LayerSpec s) {
        s.checkKeys("alpha", "beta", "threshold", "reset", "reset_delay", "learn_alpha", "learn_beta",
                "learn_threshold", "surrogate", "neurons", "graded_spikes_factor");
        Builder b = builder();
        b.readCommon(s);
        b.alpha = (float) s.getDouble("alpha", b.alpha);
        b.beta = (float) s.getDouble("beta", b.beta);
        b.learnAlpha = s.getBool("learn_alpha", false);
        b.learnBeta = s.getBool("learn_beta", false);
        b.gsf = (float) s.getDouble("graded_spikes_factor", 1.0);
        return b.build();
    }

    /** Synaptic current after each step of the last forward call, {@code [T, B, ...]}. */
    public io.snn4j.core.Tensor lastSynapticCurrent() {
        // after an inference forward both are rebuilt on request
        lastMembrane();
        return lastSyn;
    }

    private io.snn4j.core.Tensor lastSyn;

    @Override
    void kernelForward(Cell c, Trace tr, boolean keep) {
        super.kernelForward(c, tr, keep);
        int[] s = new int[tr.featureShape.length + 2];
        s[0] = tr.steps;
        s[1] = tr.batch;
        System.arraycopy(tr.featureShape, 0, s, 2, tr.featureShape.length);
        lastSyn = tr.syn == null ? null : new io.snn4j.core.Tensor(tr.syn, s);
    }

    @Override
    public LayerSpec spec() {
        var m = commonSpec(true, true, true);
        if (shape != null) {
            m.put("neurons", shapeValue(shape));
        }
        return new LayerSpec(type, m);
    }
}
