package io.snn4j.core.layer;

/**
 * {@code max(0, x)} element-wise, as PyTorch's {@code nn.ReLU} (NaN stays NaN; the derivative at 0 is 0). Spec
 * type {@code relu}, no keys.
 */
public final class Relu extends Activation {

    @Override
    public String type() {
        return "relu";
    }

    @Override
    float apply(float x) {
        return x < 0f ? 0f : x;
    }

    @Override
    float derivative(float y) {
        return y > 0f ? 1f : 0f;
    }
}
