package io.snn4j.core.layer;

import io.snn4j.core.Tensor;

/**
 * A layer that can run as one pass with the {@link Linear} in front of it (engine use: {@link Sequential} calls
 * it for such pairs, see {@link Sequential#setFusion}). The Linear's {@code [T, B, out]} output is then computed
 * row by row inside this layer's kernel and never written to memory; both layers keep what their
 * {@code backward} needs, so the backward pass runs layer by layer as usual.
 */
public interface FusesAfterLinear {
    /**
     * Runs {@code linear} then this layer on {@code x}; the result equals
     * {@code forward(linear.forward(x, training), training)} bit for bit.
     *
     * @return this layer's output, or null when this layer cannot fuse for this configuration (then nothing was
     *         run and the caller runs the two layers one after the other)
     */
    Tensor forwardAfter(Linear linear, Tensor x, boolean training);

    /**
     * Whether {@link #backwardAfter} can run now: both layers hold a training forward's cache and the Linear
     * computes its input gradient row by row ({@link Linear#canFuseBackward()}).
     */
    boolean canBackwardAfter(Linear linear);

    /**
     * Back-propagates through {@code linear} (the layer after this one) and then this layer as one pass: the
     * Linear adds its parameter gradients and hands its input gradient, which is this layer's output gradient, row
     * by row to this layer's kernel instead of writing it to memory. The result and every parameter gradient equal
     * {@code backward(linear.backward(gradOut))} bit for bit. Call only when {@link #canBackwardAfter} is true.
     *
     * @return this layer's input gradient, or null when it is not required
     */
    Tensor backwardAfter(Linear linear, Tensor gradOut);
}
