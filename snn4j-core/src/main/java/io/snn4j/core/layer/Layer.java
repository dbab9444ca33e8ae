package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import java.util.List;

/**
 * A building block of a spiking network: a synapse (Linear, Conv2d, ...), a neuron population (Leaky, ...)
 * or a shape operation (Flatten, ...).
 *
 * <p>Three ways to run a layer:
 * <ul>
 *   <li><b>Whole sequence</b>, the fast path for training: {@link #forward} on {@code [T, B, ...]} starting from
 *   the reset state, then {@link #backward} with the gradient of the loss with respect to the output
 *   ({@code [T, B, ...]}); parameter gradients accumulate into {@link Parameter#grad()}.</li>
 *   <li><b>Stateful step</b> for online use: {@link #step} on {@code [B, ...]}, keeping state between calls until
 *   {@link #resetState()}. No gradients.</li>
 *   <li><b>Recorded steps</b> for graphs with recurrent edges: {@link #beginSteps}, then {@link #forwardStep}
 *   for t = 0..T-1, then {@link #backwardStep} for t = T-1..0 (reverse order). Equivalent to the whole
 *   sequence path, one step at a time.</li>
 * </ul>
 * Shapes exclude time and batch: a Linear layer maps feature shape {@code [N]} to {@code [M]}.
 */
public interface Layer {

    /** Short type name as used in model files and configs, e.g. {@code linear}, {@code leaky}. */
    String type();

    /**
     * The per-step feature shape this layer outputs for the given per-step input shape (both without T and B).
     *
     * @throws IllegalArgumentException naming the layer and the expected shape when {@code inputShape} does not fit
     */
    int[] outputShape(int[] inputShape);

    /** Trainable and fixed parameters, in a stable order, named locally ({@code weight}, {@code bias}, ...). */
    List<Parameter> parameters();

    /**
     * Runs a whole sequence from the reset state.
     *
     * @param x        input {@code [T, B, ...]}
     * @param training true to keep what {@link #backward} needs (and to apply dropout, batch statistics)
     * @return output {@code [T, B, ...]}
     */
    Tensor forward(Tensor x, boolean training);

    /**
     * Back-propagates through the last {@link #forward} call made with {@code training = true}.
     *
     * @param gradOut dLoss/dOutput, {@code [T, B, ...]}
     * @return dLoss/dInput {@code [T, B, ...]}, or {@code null} when {@link #setInputGradRequired} was set false
     */
    Tensor backward(Tensor gradOut);

    /** Whether {@link #backward} must compute the input gradient (false for the first layer saves work). */
    void setInputGradRequired(boolean required);

    /** One stateful inference step: {@code [B, ...] -> [B, ...]}. */
    Tensor step(Tensor x);

    /** Forgets the state kept by {@link #step} and {@link #forwardStep}. */
    void resetState();

    /** Starts a recorded step sequence (resets state, clears recorded steps). */
    void beginSteps(boolean training);

    /** One recorded step {@code [B, ...] -> [B, ...]}, continuing from the previous step's state. */
    Tensor forwardStep(Tensor x);

    /** Back-propagates through the most recent not yet back-propagated {@link #forwardStep}. */
    Tensor backwardStep(Tensor gradOut);

    /** The architecture of this layer (type and hyper-parameters), enough to rebuild it without weights. */
    LayerSpec spec();
}
