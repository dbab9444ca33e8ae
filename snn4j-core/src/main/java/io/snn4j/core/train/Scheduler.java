package io.snn4j.core.train;

import java.util.Map;

/**
 * Changes an optimizer's learning rate between epochs. The {@link Trainer} calls {@link #step} once after
 * each epoch, which sets the learning rate for the next epoch.
 */
public interface Scheduler {

    /**
     * @param epoch  the 0-based epoch just completed
     * @param metric the monitored value of that epoch (validation loss by default; ignored by schedules that
     *               depend only on the epoch)
     */
    void step(int epoch, double metric);

    /** Internal state for checkpoints (empty for schedules that depend only on the epoch). */
    default Map<String, Double> state() {
        return Map.of();
    }

    /** Restores what {@link #state()} returned. */
    default void loadState(Map<String, Double> state) {
    }
}
