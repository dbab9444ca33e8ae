package io.snn4j.core.surrogate;

import io.snn4j.core.layer.LayerSpec;

/** snnTorch's {@code fast_sigmoid}: dS/du = 1 / (slope |u| + 1)^2. */
final class FastSigmoid implements Surrogate {
    private final float slope;

    FastSigmoid(float slope) {
        this.slope = Surrogates.positive("fast_sigmoid", "slope", slope);
    }

    @Override
    public float grad(float u) {
        float d = slope * Math.abs(u) + 1f;
        return 1f / (d * d);
    }

    @Override
    public float smooth(float u) {
        // u / (1 + slope |u|) has exactly the derivative above on both sides of 0.
        return (float) (0.5 + u / (1.0 + (double) slope * Math.abs(u)));
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("fast_sigmoid", "slope", Surrogates.num(slope));
    }
}
