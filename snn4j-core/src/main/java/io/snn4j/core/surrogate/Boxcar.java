package io.snn4j.core.surrogate;

import io.snn4j.core.layer.LayerSpec;

/**
 * Rectangular (boxcar) surrogate of unit area: dS/du = 1/width when |u| &lt; width/2, else 0. Not in snnTorch
 * 0.9.4; it is the "rectangular" pseudo-derivative of Wu et al. (2018).
 */
final class Boxcar implements Surrogate {
    private final float width;
    private final float half;
    private final float height;

    Boxcar(float width) {
        this.width = Surrogates.positive("boxcar", "width", width);
        this.half = width / 2f;
        this.height = 1f / width;
    }

    @Override
    public float grad(float u) {
        return Math.abs(u) < half ? height : 0f;
    }

    @Override
    public float smooth(float u) {
        float c = Math.max(-half, Math.min(half, u));
        return c * height + 0.5f;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("boxcar", "width", Surrogates.num(width));
    }
}
