package io.snn4j.core.train;

import io.snn4j.core.Tensor;

/**
 * One mini-batch: input {@code [T, B, ...]}, one class label per sample ({@code [B]}) and, optionally, per-step
 * targets.
 *
 * <p>Per-step targets are for tasks with a decision at several time steps of a sample (sequence labelling,
 * next-symbol prediction): {@code stepTargets[t * B + b]} (time-major {@code [T, B]}, like the input) is the class
 * due at step t of sample b, or -1 where no decision is due. Ordinary batches have none ({@code null}); core's
 * losses ignore them, a loss that needs them reads them through {@link Loss#compute(Tensor, Batch)} and
 * {@link Loss#predict(Tensor, Batch)}. The arrays are not copied.
 *
 * @param input       {@code [T, B, ...]}
 * @param labels      one class label per sample, {@code [B]}
 * @param stepTargets per-step targets {@code [T * B]} (class index, or -1 for no decision), or null
 */
public record Batch(Tensor input, int[] labels, int[] stepTargets) {
    public Batch {
        if (input == null || labels == null) {
            throw new IllegalArgumentException("batch: input and labels are required, got "
                    + (input == null ? "no input" : "no labels"));
        }
        if (input.rank() < 3) {
            throw new IllegalArgumentException("batch input must be [T, B, ...], got rank " + input.rank());
        }
        if (labels.length != input.dim(1)) {
            throw new IllegalArgumentException("batch has " + input.dim(1) + " samples but " + labels.length
                    + " labels");
        }
        if (stepTargets != null) {
            int t = input.dim(0);
            int b = input.dim(1);
            if (stepTargets.length != t * b) {
                throw new IllegalArgumentException("batch has " + t + " steps and " + b + " samples, so its step "
                        + "targets must have T * B = " + (t * b) + " entries (time-major [T, B]), got "
                        + stepTargets.length);
            }
            for (int i = 0; i < stepTargets.length; i++) {
                if (stepTargets[i] < -1) {
                    throw new IllegalArgumentException("batch step target " + stepTargets[i] + " at step " + i / b
                            + " of sample " + i % b + "; expected a class index >= 0 or -1 (no decision)");
                }
            }
        }
    }

    /** An ordinary batch: input and one label per sample, no per-step targets. */
    public Batch(Tensor input, int[] labels) {
        this(input, labels, null);
    }

    /** Number of samples, B. */
    public int size() {
        return labels.length;
    }

    /** Number of time steps, T. */
    public int steps() {
        return input.dim(0);
    }

    /** Whether this batch carries per-step targets. */
    public boolean hasStepTargets() {
        return stepTargets != null;
    }
}
