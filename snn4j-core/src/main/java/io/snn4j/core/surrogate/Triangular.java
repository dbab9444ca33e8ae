package io.snn4j.core.surrogate;

import io.snn4j.core.layer.LayerSpec;

/**
 * snnTorch's {@code triangular(threshold)}, reproduced as written: dS/du = threshold for u &lt; 0 and
 * -threshold for u &gt;= 0. (Despite its name this is not a triangle-shaped bump: it is the derivative of the
 * tent {@code -threshold |u|}, which is what snnTorch 0.9.4 computes.)
 */
final class Triangular implements Surrogate {
    private final float threshold;

    Triangular(float threshold) {
        this.threshold = Surrogates.positive("triangle", "threshold", threshold);
    }

    @Override
    public float grad(float u) {
        return u >= 0f ? -threshold : threshold;
    }

    @Override
    public float smooth(float u) {
        return -threshold * Math.abs(u);
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("triangle", "threshold", Surrogates.num(threshold));
    }
}
