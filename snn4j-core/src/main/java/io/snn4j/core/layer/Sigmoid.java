package io.snn4j.core.layer;

/** {@code 1 / (1 + exp(-x))} element-wise, as PyTorch's {@code nn.Sigmoid}. Spec type {@code sigmoid}, no keys. */
public final class Sigmoid extends Activation {

    @Override
    public String type() {
        return "sigmoid";
    }

    @Override
    float apply(float x) {
        return AbstractRecurrent.sigmoid(x);
    }

    @Override
    float derivative(float y) {
        return y * (1f - y);
    }
}
