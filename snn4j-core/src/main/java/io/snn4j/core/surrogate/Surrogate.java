package io.snn4j.core.surrogate;

import io.snn4j.core.layer.LayerSpec;

/**
 * The spike function's stand-in derivative. The forward pass is always the Heaviside step
 * {@code S = 1 if u > 0 else 0} with {@code u = U - threshold}; the backward pass uses
 * {@link #grad(float)} in place of the step's derivative.
 *
 * <p>{@link #smooth(float)} is a function whose derivative is exactly {@link #grad(float)}. Neurons use it in
 * place of the step only in gradient-check mode, so that finite differences can verify the surrogate backward
 * pass end to end (see {@code io.snn4j.core.GradCheck}).
 */
public interface Surrogate {

    /** dS/du used in the backward pass, at {@code u = U - threshold}. */
    float grad(float u);

    /** A smooth stand-in for the step whose derivative equals {@link #grad(float)} (up to a constant). */
    float smooth(float u);

    /** The name and hyper-parameters, as in model files ({@code type} is e.g. {@code atan}). */
    LayerSpec spec();
}
