package io.snn4j.core.surrogate;

import io.snn4j.core.layer.LayerSpec;

/** snnTorch's {@code straight_through_estimator}: the gradient passes unchanged (dS/du = 1). */
final class StraightThrough implements Surrogate {
    static final StraightThrough INSTANCE = new StraightThrough();

    private StraightThrough() {
    }

    @Override
    public float grad(float u) {
        return 1f;
    }

    @Override
    public float smooth(float u) {
        return u;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("straight_through");
    }
}
