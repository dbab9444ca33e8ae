package io.snn4j.bench.mackeyglass;

import java.util.Locale;

/**
 * Hyperparameters of {@link LifReservoir}.
 *
 * @param neurons         LIF neurons N, >= 1
 * @param window          number of most recent series values fed to the neurons, >= 1
 * @param beta            membrane decay per step, in [0, 1]
 * @param threshold       firing threshold, > 0
 * @param inputScale      input weights are N(0, 1) * inputScale / sqrt(window)
 * @param biasScale       constant input currents are N(0, 1) * biasScale
 * @param connectProb     probability that a recurrent synapse exists, in (0, 1]
 * @param recurrentRadius spectral radius the recurrent weight matrix (acting on spikes) is scaled to, >= 0 (0: no
 *                        recurrent synapses)
 * @param substeps        LIF steps per series point, >= 1 (the point's input current is held over them)
 * @param ridge           ridge parameter of the readout, >= 0
 * @param warmupPoints    training points left out of the readout fit
 */
public record LifReservoirConfig(int neurons, int window, double beta, double threshold, double inputScale,
                                 double biasScale, double connectProb, double recurrentRadius, int substeps,
                                 double ridge, int warmupPoints) {

    public LifReservoirConfig {
        if (neurons < 1) {
            throw new IllegalArgumentException("LIF reservoir size must be >= 1, got " + neurons);
        }
        if (window < 1) {
            throw new IllegalArgumentException("LIF input window must be >= 1 values, got " + window);
        }
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("LIF beta must be in [0, 1], got " + beta);
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("LIF threshold must be a finite number > 0, got " + threshold);
        }
        if (!Double.isFinite(inputScale) || !Double.isFinite(biasScale)) {
            throw new IllegalArgumentException("LIF input and bias scales must be finite, got " + inputScale + " and "
                    + biasScale);
        }
        if (!(connectProb > 0 && connectProb <= 1)) {
            throw new IllegalArgumentException("LIF connection probability must be in (0, 1], got " + connectProb);
        }
        if (!(recurrentRadius >= 0) || Double.isInfinite(recurrentRadius)) {
            throw new IllegalArgumentException("LIF recurrent spectral radius must be a finite number >= 0, got "
                    + recurrentRadius);
        }
        if (substeps < 1) {
            throw new IllegalArgumentException("LIF substeps must be >= 1, got " + substeps);
        }
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("LIF ridge parameter must be a finite number >= 0, got " + ridge);
        }
        if (warmupPoints < 0) {
            throw new IllegalArgumentException("LIF warm-up must be >= 0 points, got " + warmupPoints);
        }
    }

    /**
     * The configuration {@code snn} runs: 400 neurons on a window of 8 values, beta 0.95, 40 steps per point, no
     * recurrent synapses (recurrence did not help in our search, see docs/mackey-glass.md), ridge 1e-4.
     */
    public static LifReservoirConfig defaults() {
        return new LifReservoirConfig(400, 8, 0.95, 1.0, 3.0, 0.5, 0.1, 0.0, 40, 1e-4, EsnConfig.WARMUP_POINTS);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "N=%d window=%d beta=%s threshold=%s input_scale=%s bias_scale=%s p=%s "
                + "rho=%s substeps=%d ridge=%s warmup=%d", neurons, window, beta, threshold, inputScale, biasScale,
                connectProb, recurrentRadius, substeps, ridge, warmupPoints);
    }
}
