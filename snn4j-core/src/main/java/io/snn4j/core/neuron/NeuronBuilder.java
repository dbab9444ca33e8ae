package io.snn4j.core.neuron;

import io.snn4j.core.layer.LayerSpec;
import io.snn4j.core.surrogate.Surrogate;
import io.snn4j.core.surrogate.Surrogates;

/** Options shared by the spiking neuron builders, with snnTorch's defaults. */
abstract class NeuronBuilder<B extends NeuronBuilder<B>> {
    float beta = 1f;
    float alpha = 1f;
    float threshold = 1f;
    Reset reset = Reset.SUBTRACT;
    boolean resetDelay = true;
    float gsf = 1f;
    Surrogate surrogate = Surrogates.atan();
    boolean learnBeta;
    boolean learnThreshold;
    boolean learnAlpha;
    int[] shape;

    @SuppressWarnings("unchecked")
    B self() {
        return (B) this;
    }

    /** Firing threshold theta (default 1): a spike when U &gt; theta. */
    public B threshold(float threshold) {
        this.threshold = threshold;
        return self();
    }

    /** Reset mechanism (default {@link Reset#SUBTRACT}). */
    public B reset(Reset reset) {
        this.reset = java.util.Objects.requireNonNull(reset, "reset");
        return self();
    }

    /**
     * snnTorch's {@code reset_delay} (default true): the reset triggered by a spike at step t is applied at t+1.
     * With false, it is applied immediately after the spike, at step t.
     */
    public B resetDelay(boolean resetDelay) {
        this.resetDelay = resetDelay;
        return self();
    }

    /** Surrogate gradient for dS/dU (default {@link Surrogates#atan()}). */
    public B surrogate(Surrogate surrogate) {
        this.surrogate = surrogate;
        return self();
    }

    /** Makes the threshold a trainable parameter named {@code threshold}. */
    public B learnThreshold(boolean learn) {
        this.learnThreshold = learn;
        return self();
    }

    /**
     * One beta/threshold/alpha per neuron instead of one shared value; the input's feature shape must then equal
     * {@code shape}. They start equal; each is a {@link io.snn4j.core.Parameter} ({@code beta}, {@code threshold},
     * {@code alpha}) whose values can be set neuron by neuron, trainable only when learnable.
     */
    public B perNeuron(int... shape) {
        this.shape = shape.clone();
        return self();
    }

    /** Reads the spec keys common to spiking models. */
    void readCommon(LayerSpec s) {
        threshold = (float) s.getDouble("threshold", threshold);
        try {
            reset = Reset.parse(s.getString("reset", "subtract"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(s.type() + ": " + e.getMessage(), e);
        }
        resetDelay = s.getBool("reset_delay", true);
        learnThreshold = s.getBool("learn_threshold", false);
        if (s.has("surrogate")) {
            surrogate = Surrogates.fromConfig(s.config().get("surrogate"));
        }
        if (s.has("neurons")) {
            shape = s.getInts("neurons", 1, null);
        }
    }
}
