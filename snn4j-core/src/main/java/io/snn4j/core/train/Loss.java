package io.snn4j.core.train;

import io.snn4j.core.Tensor;

/**
 * A loss on a network's output sequence {@code [T, B, C]} (spikes or membranes) against class labels
 * (or, for regression losses, see the implementation). Returns the value and its gradient in one pass.
 */
public interface Loss {

    /** The mean loss over the batch and its gradient with respect to {@code output} ({@code [T, B, C]}). */
    LossValue compute(Tensor output, int[] labels);

    /** The predicted class of each sample from the same output, {@code [B]} (used for accuracy). */
    int[] predict(Tensor output);

    /** Name as used in configs, e.g. {@code ce_count}. */
    String name();
}
