package io.snn4j.core.train;

/** Hooks into {@link Trainer#fit}. All methods default to doing nothing. */
public interface Callback {

    default void onTrainStart(Trainer trainer, int epochs, int batchesPerEpoch) {
    }

    /**
     * After each optimizer step.
     *
     * @param batch   0-based index within the epoch
     * @param loss    this batch's loss
     * @param correct correctly classified samples of this batch
     * @param size    samples in this batch
     */
    default void onBatchEnd(Trainer trainer, int epoch, int batch, double loss, int correct, int size) {
    }

    /** After each epoch (and its validation); call {@link Trainer#requestStop()} to end training early. */
    default void onEpochEnd(Trainer trainer, EpochMetrics metrics) {
    }

    default void onTrainEnd(Trainer trainer) {
    }
}
