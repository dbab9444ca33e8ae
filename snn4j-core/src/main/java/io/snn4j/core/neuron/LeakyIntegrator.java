package io.snn4j.core.neuron;

import io.snn4j.core.layer.LayerSpec;

/**
 * A non-spiking readout: U[t] = beta U[t-1] + I[t] (beta clamped to [0, 1]), output = U. Used as the last layer
 * when the loss reads membranes. Any feature shape.
 */
public final class LeakyIntegrator extends ElementNeuron {

    /** A readout with decay {@code beta} per step. */
    public LeakyIntegrator(float beta) {
        this(builder().beta(beta));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for {@link LeakyIntegrator}. */
    public static final class Builder {
        private final Inner b = new Inner();

        Builder() {
            b.beta = 0.9f;
        }

        public Builder beta(float beta) {
            b.beta = beta;
            return this;
        }

        public Builder learnBeta(boolean learn) {
            b.learnBeta = learn;
            return this;
        }

        /** One beta per neuron of this feature shape. */
        public Builder perNeuron(int... shape) {
            b.perNeuron(shape);
            return this;
        }

        public LeakyIntegrator build() {
            return new LeakyIntegrator(this);
        }
    }

    private static final class Inner extends NeuronBuilder<Inner> {
    }

    private LeakyIntegrator(Builder b) {
        this(b.b);
    }

    private LeakyIntegrator(Inner b) {
        super("leaky_integrator", Cell.INTEGRATOR, b, false, false);
    }

    /** Builds from a spec with keys beta, learn_beta, neurons. */
    public static LeakyIntegrator fromSpec(LayerSpec s) {
        s.checkKeys("beta", "learn_beta", "neurons");
        Builder b = builder();
        b.beta((float) s.getDouble("beta", 0.9));
        b.learnBeta(s.getBool("learn_beta", false));
        if (s.has("neurons")) {
            b.perNeuron(s.getInts("neurons", 1, null));
        }
        return b.build();
    }

    @Override
    public void setGradientCheckMode(boolean on) {
        // nothing to smooth: the output is the membrane itself
    }

    @Override
    public LayerSpec spec() {
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("beta", num(beta0));
        m.put("learn_beta", betaP != null && betaP.trainable());
        if (shape != null) {
            m.put("neurons", shapeValue(shape));
        }
        return new LayerSpec(type, m);
    }
}
