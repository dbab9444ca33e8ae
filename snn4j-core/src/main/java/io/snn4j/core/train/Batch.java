package io.snn4j.core.train;

import io.snn4j.core.Tensor;

/** One mini-batch: input {@code [T, B, ...]} and one class label per sample ({@code [B]}). */
public record Batch(Tensor input, int[] labels) {
    public Batch {
        if (input.rank() < 3) {
            throw new IllegalArgumentException("batch input must be [T, B, ...], got rank " + input.rank());
        }
        if (labels.length != input.dim(1)) {
            throw new IllegalArgumentException("batch has " + input.dim(1) + " samples but " + labels.length
                    + " labels");
        }
    }

    public int size() {
        return labels.length;
    }
}
