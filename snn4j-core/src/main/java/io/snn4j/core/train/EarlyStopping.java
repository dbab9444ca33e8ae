package io.snn4j.core.train;

import java.util.List;

/**
 * Stops training when the monitored metric has not improved by more than {@code minDelta} for
 * {@code patience} epochs. It decides from {@link Trainer#history()} alone, so it behaves the same after a
 * resume from a checkpoint.
 */
public final class EarlyStopping implements Callback {
    private final String monitor;
    private final int patience;
    private final double minDelta;

    /**
     * @param monitor  {@code val_loss}, {@code val_acc}, {@code train_loss} or {@code train_acc}
     * @param patience epochs without improvement before stopping, >= 1
     * @param minDelta smallest change that counts as an improvement, >= 0
     */
    public EarlyStopping(String monitor, int patience, double minDelta) {
        Trainer.metricOf(new EpochMetrics(0, 0, 0, 0, 0, 0, 0), monitor); // validates the name
        if (patience < 1) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 1 epoch, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("EarlyStopping: minDelta must be >= 0, got " + minDelta);
        }
        this.monitor = monitor;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochMetrics metrics) {
        if (epochsWithoutImprovement(trainer.history()) >= patience) {
            trainer.requestStop();
        }
    }

    /** Epochs since the best value of the monitored metric (0 when the last epoch was the best). */
    int epochsWithoutImprovement(List<EpochMetrics> history) {
        boolean maximize = monitor.endsWith("_acc");
        double best = Double.NaN;
        int since = 0;
        for (EpochMetrics m : history) {
            double v = Trainer.metricOf(m, monitor);
            if (Double.isNaN(v)) {
                throw new IllegalStateException("EarlyStopping monitors '" + monitor
                        + "' but it is not available (no validation source given to fit?)");
            }
            boolean better = Double.isNaN(best) || (maximize ? v > best + minDelta : v < best - minDelta);
            if (better) {
                best = v;
                since = 0;
            } else {
                since++;
            }
        }
        return since;
    }
}
