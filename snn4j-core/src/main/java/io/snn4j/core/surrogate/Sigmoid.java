package io.snn4j.core.surrogate;

import io.snn4j.core.layer.LayerSpec;

/**
 * snnTorch's {@code sigmoid}: dS/du = slope s (1 - s) with s = sigmoid(slope u). Written in this form rather than
 * snnTorch's {@code slope e^(-slope u) / (e^(-slope u) + 1)^2}, which overflows to NaN for very negative u.
 */
final class Sigmoid implements Surrogate {
    private final float slope;

    Sigmoid(float slope) {
        this.slope = Surrogates.positive("sigmoid", "slope", slope);
    }

    @Override
    public float grad(float u) {
        double s = 1.0 / (1.0 + Math.exp(-(double) slope * u));
        return (float) (slope * s * (1.0 - s));
    }

    @Override
    public float smooth(float u) {
        return (float) (1.0 / (1.0 + Math.exp(-(double) slope * u)));
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("sigmoid", "slope", Surrogates.num(slope));
    }
}
