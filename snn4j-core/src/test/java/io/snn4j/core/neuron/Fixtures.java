package io.snn4j.core.neuron;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Layer;

/** Shared inputs of the neuron tests. */
final class Fixtures {
    /** The input sequence of snntorch-semantics.md's golden tables. */
    static final float[] X = {0.3f, 0.5f, 0.6f, 0.0f, 0.9f, 0.2f, 0.7f, 0.0f, 1.5f, 0.1f};
    /** Weights of the probed loss sum(W * spikes) in benchmarks/peers/neuron_values.py. */
    static final float[] W = {0.5f, -1.0f, 0.25f, 2.0f, 1.0f, -0.5f, 0.75f, 0.1f, 0.3f, -0.2f};

    private Fixtures() {
    }

    /** {@code values} as a sequence {@code [T, 1, 1]}. */
    static Tensor column(float[] values) {
        return Tensor.of(values, values.length, 1, 1);
    }

    static Tensor random(Rng rng, float lo, float hi, int... shape) {
        Tensor t = new Tensor(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = rng.uniform(lo, hi);
        }
        return t;
    }

    static Parameter param(Layer l, String name) {
        for (Parameter p : l.parameters()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + l.parameters().stream().map(Parameter::name).toList());
    }

    static void zeroGrads(Layer l) {
        l.parameters().forEach(Parameter::zeroGrad);
    }
}
