package io.snn4j.core.train;

import java.util.Iterator;

/**
 * Produces the batches of one epoch. Deterministic: the same epoch index gives the same batches (shuffling
 * and stochastic encoding are seeded from the source's seed and the epoch index).
 */
public interface BatchSource {

    /** Number of samples per epoch. */
    int samples();

    /** The batches of epoch {@code epoch} (0-based). */
    Iterator<Batch> epoch(int epoch);

    /** Batches per epoch, or -1 when unknown (used only for progress reporting). */
    default int batchesPerEpoch() {
        return -1;
    }
}
