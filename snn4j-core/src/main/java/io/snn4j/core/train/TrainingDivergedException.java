package io.snn4j.core.train;

/**
 * Training produced (or was fed) a NaN or infinite value. The message names the epoch, the global step
 * (0-based batch index counted from the start of training) and where the value appeared: {@code input},
 * {@code loss}, {@code gradient of 0.weight} or {@code 0.weight} (after the optimizer step).
 */
public final class TrainingDivergedException extends RuntimeException {
    private final int epoch;
    private final long step;
    private final String where;

    public TrainingDivergedException(int epoch, long step, String where, String detail) {
        super("training diverged at epoch " + epoch + ", step " + step + ": non-finite value in " + where
                + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
        this.epoch = epoch;
        this.step = step;
        this.where = where;
    }

    /** 0-based epoch. */
    public int epoch() {
        return epoch;
    }

    /** 0-based global batch index. */
    public long step() {
        return step;
    }

    /** {@code input}, {@code loss}, {@code gradient of <path>} or a parameter path such as {@code 0.weight}. */
    public String where() {
        return where;
    }
}
