package io.snn4j.core.train;

import java.util.Optional;

/**
 * Where a {@link Trainer} keeps its latest {@link TrainingState}. The Trainer saves only at the end of a
 * successful epoch, so a stored state is always a good one. Implementations must make {@link #save}
 * all-or-nothing (the file-based store in {@code snn4j-data} writes a temporary file and renames it).
 */
public interface CheckpointStore {

    /** Replaces the stored state. */
    void save(TrainingState state);

    /** The stored state, or empty when nothing was saved yet. */
    Optional<TrainingState> load();
}
