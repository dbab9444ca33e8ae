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

    // ---- segments: gradient checkpointing over time (see Sequential#setCheckpointEvery) ----
    //
    // A sequence [T, B, ...] can be run as consecutive segments [K, B, ...]: forwardSegment continues from the
    // state another segment ended in (segmentState), so running all segments in order gives the same outputs as
    // forward. Back-propagation runs the segments in reverse order, each right after re-running its forward with
    // training = true: beginBackwardSegments(), then backwardSegment for the last segment, ..., the first, then
    // endBackwardSegments(). Between those calls the layer carries the gradient with respect to the state at the
    // segment boundary (and any partial parameter gradients) itself, so the result equals backward's.

    /** Whether this layer implements the segment methods below (stateful layers that support checkpointing). */
    default boolean supportsSegments() {
        return false;
    }

    /**
     * Runs {@code x [K, B, ...]} starting from {@code start}, a value returned by {@link #segmentState()} (null =
     * the reset state). With {@code training} the cache for {@link #backwardSegment} is kept.
     *
     * @throws IllegalArgumentException when {@code start} does not belong to a batch of this shape
     */
    default Tensor forwardSegment(Tensor x, Object start, boolean training) {
        throw new UnsupportedOperationException(type() + " does not support segments (checkpointing over time)");
    }

    /** The state after the last step of the last {@link #forwardSegment} call: an opaque value never modified. */
    default Object segmentState() {
        throw new UnsupportedOperationException(type() + " does not support segments (checkpointing over time)");
    }

    /** Starts a segmented backward pass: the carried state gradient is zero (as after the last step). */
    default void beginBackwardSegments() {
        throw new UnsupportedOperationException(type() + " does not support segments (checkpointing over time)");
    }

    /**
     * Back-propagates through the last {@link #forwardSegment} made with {@code training}, using and then
     * replacing the carried state gradient; parameter gradients may be held back until
     * {@link #endBackwardSegments()}.
     *
     * @return dLoss/dInput {@code [K, B, ...]} or null when not required
     */
    default Tensor backwardSegment(Tensor gradOut) {
        throw new UnsupportedOperationException(type() + " does not support segments (checkpointing over time)");
    }

    /** Ends a segmented backward pass after its earliest segment: adds any held-back parameter gradients. */
    default void endBackwardSegments() {
        throw new UnsupportedOperationException(type() + " does not support segments (checkpointing over time)");
    }

    /**
     * A promise from the container for the next calls until it says otherwise: the tensors that
     * {@link #forward} (when {@code outputs}) and {@link #backward} (when {@code inputGrads}) return are only passed
     * on to the neighbouring layer and are not read after this layer's next call of the same method. The layer may
     * then write its next results into the same arrays instead of allocating new ones (a {@code [T, B, 256]}
     * sequence is 6.5 MB per array at T 100, B 64; allocating and first touching one costs about 0.2 ms).
     * Results of inference and training forwards are kept apart, so an inference call between a training forward
     * and its backward is safe. Layers may ignore the promise (the default).
     */
    default void setReuseBuffers(boolean outputs, boolean inputGrads) {
    }

    /**
     * A hint from the container: whether the layer after this one reads attached event lists
     * ({@link Tensor#events()}), so that a spiking layer lists its output spikes (on by default) or saves the scan
     * (off, e.g. for the last layer). Layers that never list ignore it.
     */
    default void setListOutputs(boolean on) {
    }
}
