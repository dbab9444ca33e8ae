package io.snn4j.core.surrogate;

import io.snn4j.core.layer.LayerSpec;

/** snnTorch's {@code atan}: dS/du = (alpha/2) / (1 + (pi/2 alpha u)^2). */
final class ATan implements Surrogate {
    private final float alpha;
    private final float halfAlpha;
    private final float scale;

    ATan(float alpha) {
        this.alpha = Surrogates.positive("atan", "alpha", alpha);
        this.halfAlpha = alpha / 2f;
        this.scale = (float) (Math.PI / 2 * alpha);
    }

    @Override
    public float grad(float u) {
        float z = scale * u;
        return halfAlpha / (1f + z * z);
    }

    @Override
    public float smooth(float u) {
        // d/du [atan(pi/2 alpha u) / pi] = grad(u); the 0.5 offset makes it look like the step it stands for.
        return (float) (0.5 + Math.atan((double) scale * u) / Math.PI);
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("atan", "alpha", Surrogates.num(alpha));
    }
}
