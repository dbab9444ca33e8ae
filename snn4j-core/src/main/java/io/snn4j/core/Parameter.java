package io.snn4j.core;

/**
 * A trainable array and its gradient. Gradients accumulate ({@code +=}) during backward passes until
 * {@link #zeroGrad()}; optimizers read {@link #grad()} and update {@link #value()} in place.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;
    private boolean trainable;

    public Parameter(String name, Tensor value) {
        this(name, value, true);
    }

    public Parameter(String name, Tensor value, boolean trainable) {
        this.name = name;
        this.value = value;
        this.grad = new Tensor(value.shape());
        this.trainable = trainable;
    }

    /** Short name within its layer, such as {@code weight}, {@code bias}, {@code beta}. */
    public String name() {
        return name;
    }

    public Tensor value() {
        return value;
    }

    public Tensor grad() {
        return grad;
    }

    public boolean trainable() {
        return trainable;
    }

    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
    }

    public void zeroGrad() {
        grad.fill(0f);
    }
}
