package io.snn4j.core.train;

import java.util.Optional;

/** A {@link CheckpointStore} in memory (for tests and for keeping the best epoch's weights in-process). */
public final class MemoryCheckpointStore implements CheckpointStore {
    private TrainingState state;
    private int saves;

    @Override
    public synchronized void save(TrainingState s) {
        // TrainingState copies its tensors, so later training cannot change what was stored.
        state = new TrainingState(s.epochsCompleted(), s.globalStep(), s.parameters(), s.optimizerState(), s.learningRate(),
                s.schedulerState(), s.history(), s.seed());
        saves++;
    }

    @Override
    public synchronized Optional<TrainingState> load() {
        return Optional.ofNullable(state);
    }

    /** How many times {@link #save} was called. */
    public synchronized int saves() {
        return saves;
    }
}
