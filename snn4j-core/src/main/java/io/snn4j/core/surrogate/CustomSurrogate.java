package io.snn4j.core.surrogate;

import io.snn4j.core.layer.LayerSpec;
import java.util.function.DoubleUnaryOperator;

/** A user-supplied surrogate made of two functions (see {@link Surrogates#custom}). */
final class CustomSurrogate implements Surrogate {
    private final String name;
    private final DoubleUnaryOperator grad;
    private final DoubleUnaryOperator smooth;

    CustomSurrogate(String name, DoubleUnaryOperator grad, DoubleUnaryOperator smooth) {
        this.name = name;
        this.grad = grad;
        this.smooth = smooth;
    }

    @Override
    public float grad(float u) {
        return (float) grad.applyAsDouble(u);
    }

    @Override
    public float smooth(float u) {
        return (float) smooth.applyAsDouble(u);
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of(name);
    }
}
