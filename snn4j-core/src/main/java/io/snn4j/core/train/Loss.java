package io.snn4j.core.train;

import io.snn4j.core.Tensor;

/**
 * A loss on a network's output sequence {@code [T, B, C]} (spikes or membranes) against class labels
 * (or, for regression losses, see the implementation). Returns the value and its gradient in one pass.
 *
 * <p>The {@link Trainer} calls the batch-aware {@link #compute(Tensor, Batch)} and {@link #predict(Tensor, Batch)}.
 * By default they use the batch's labels only; a loss with per-step targets ({@link Batch#stepTargets()})
 * overrides them.
 */
public interface Loss {

    /** The mean loss over the batch and its gradient with respect to {@code output} ({@code [T, B, C]}). */
    LossValue compute(Tensor output, int[] labels);

    /** The predicted class of each sample from the same output, {@code [B]} (used for accuracy). */
    int[] predict(Tensor output);

    /**
     * The loss of {@code output} on {@code batch}: by default {@link #compute(Tensor, int[])} with the batch's
     * labels. Losses that need per-step targets override this.
     */
    default LossValue compute(Tensor output, Batch batch) {
        return compute(output, batch.labels());
    }

    /**
     * One prediction per sample of {@code batch}, {@code [B]}: the Trainer counts a sample as right when its
     * prediction equals its label. By default {@link #predict(Tensor)}.
     */
    default int[] predict(Tensor output, Batch batch) {
        return predict(output);
    }

    /** Name as used in configs, e.g. {@code ce_count}. */
    String name();
}
