package io.snn4j.core.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PyTorch's {@code ReduceLROnPlateau} with relative threshold: a metric improves when it is below
 * {@code best (1 - threshold)} (mode min) or above {@code best (1 + threshold)} (mode max); after more than
 * {@code patience} epochs without improvement the rate is multiplied by {@code factor} (not below
 * {@code minLr}), then {@code cooldown} epochs pass before bad epochs are counted again.
 */
public final class ReduceOnPlateau implements Scheduler {
    /** Whether smaller ({@code MIN}, losses) or larger ({@code MAX}, accuracies) metrics are better. */
    public enum Mode { MIN, MAX }

    private final Optimizer opt;
    private final Mode mode;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldown;
    private final double minLr;
    private double best;
    private int badEpochs;
    private int cooldownLeft;

    /** factor 0.1, patience 10, threshold 1e-4, no cooldown, minLr 0 (PyTorch's defaults). */
    public ReduceOnPlateau(Optimizer opt, Mode mode) {
        this(opt, mode, 0.1, 10, 1e-4, 0, 0);
    }

    public ReduceOnPlateau(Optimizer opt, Mode mode, double factor, int patience) {
        this(opt, mode, factor, patience, 1e-4, 0, 0);
    }

    /**
     * @param factor    in (0, 1)
     * @param patience  epochs without improvement tolerated, >= 0
     * @param threshold relative improvement that counts, >= 0
     * @param cooldown  epochs after a reduction during which bad epochs are not counted, >= 0
     * @param minLr     lower bound of the rate, >= 0
     */
    public ReduceOnPlateau(Optimizer opt, Mode mode, double factor, int patience, double threshold, int cooldown,
                           double minLr) {
        if (mode == null) {
            throw new IllegalArgumentException("ReduceOnPlateau: mode must be MIN or MAX");
        }
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceOnPlateau: factor must be in (0, 1), got " + factor);
        }
        if (patience < 0 || cooldown < 0) {
            throw new IllegalArgumentException("ReduceOnPlateau: patience and cooldown must be >= 0, got "
                    + patience + ", " + cooldown);
        }
        if (!(threshold >= 0) || !(minLr >= 0)) {
            throw new IllegalArgumentException("ReduceOnPlateau: threshold and minLr must be >= 0, got "
                    + threshold + ", " + minLr);
        }
        this.opt = opt;
        this.mode = mode;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    @Override
    public void step(int epoch, double metric) {
        boolean better = mode == Mode.MIN ? metric < best * (1 - threshold) : metric > best * (1 + threshold);
        if (better) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            double old = opt.learningRate();
            double lr = Math.max(old * factor, minLr);
            // PyTorch ignores reductions smaller than its eps of 1e-8.
            if (old - lr > 1e-8) {
                opt.setLearningRate(lr);
            }
            cooldownLeft = cooldown;
            badEpochs = 0;
        }
    }

    @Override
    public Map<String, Double> state() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("best", best);
        m.put("bad_epochs", (double) badEpochs);
        m.put("cooldown_left", (double) cooldownLeft);
        return m;
    }

    @Override
    public void loadState(Map<String, Double> state) {
        best = state.getOrDefault("best", best);
        badEpochs = state.getOrDefault("bad_epochs", 0.0).intValue();
        cooldownLeft = state.getOrDefault("cooldown_left", 0.0).intValue();
    }
}
