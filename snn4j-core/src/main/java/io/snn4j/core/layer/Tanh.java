package io.snn4j.core.layer;

/** The hyperbolic tangent element-wise, as PyTorch's {@code nn.Tanh}. Spec type {@code tanh}, no keys. */
public final class Tanh extends Activation {

    @Override
    public String type() {
        return "tanh";
    }

    @Override
    float apply(float x) {
        return AbstractRecurrent.tanh(x);
    }

    @Override
    float derivative(float y) {
        return 1f - y * y;
    }
}
