package io.snn4j.data.audio;

import io.snn4j.core.Tensor;

/**
 * Spikes of a bank of channels, as events sorted by time step then channel: event {@code k} is a spike of
 * channel {@code units[k]} at step {@code steps[k]} (time {@code steps[k] * dt} seconds). {@code numSteps} is the
 * length of the recording in steps; there may be no events at all.
 *
 * <p>The same information SHD stores per sample ({@code spikes/times} in seconds, {@code spikes/units}).
 */
public final class AudioSpikes {
    private final int numSteps;
    private final int channels;
    private final double dt;
    private final int[] steps;
    private final int[] units;

    /**
     * @param numSteps length in steps, ≥ 0
     * @param channels number of channels, ≥ 1
     * @param dt       seconds per step
     * @param steps    step of each event, non-decreasing, in [0, numSteps) (not copied)
     * @param units    channel of each event, in [0, channels) (not copied)
     */
    public AudioSpikes(int numSteps, int channels, double dt, int[] steps, int[] units) {
        if (steps.length != units.length) {
            throw new IllegalArgumentException("audio spikes: " + steps.length + " steps but " + units.length
                    + " units");
        }
        if (numSteps < 0 || channels < 1) {
            throw new IllegalArgumentException("audio spikes: need numSteps >= 0 and channels >= 1, got "
                    + numSteps + " and " + channels);
        }
        for (int k = 0; k < steps.length; k++) {
            if (steps[k] < 0 || steps[k] >= numSteps || units[k] < 0 || units[k] >= channels
                    || (k > 0 && steps[k] < steps[k - 1])) {
                throw new IllegalArgumentException("audio spikes: event " + k + " (step " + steps[k] + ", unit "
                        + units[k] + ") is out of range or out of order");
            }
        }
        this.numSteps = numSteps;
        this.channels = channels;
        this.dt = dt;
        this.steps = steps;
        this.units = units;
    }

    /** Length in steps. */
    public int numSteps() {
        return numSteps;
    }

    /** Number of channels. */
    public int channels() {
        return channels;
    }

    /** Seconds per step. */
    public double dt() {
        return dt;
    }

    /** Number of spikes. */
    public int count() {
        return steps.length;
    }

    /** Step of each spike (a copy). */
    public int[] steps() {
        return steps.clone();
    }

    /** Channel of each spike (a copy). */
    public int[] units() {
        return units.clone();
    }

    /** Time of each spike in seconds, {@code step * dt} (SHD's {@code spikes/times}). */
    public double[] times() {
        double[] t = new double[steps.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = steps[k] * dt;
        }
        return t;
    }

    /** Spikes per channel. */
    public int[] countsPerChannel() {
        int[] c = new int[channels];
        for (int u : units) {
            c[u]++;
        }
        return c;
    }

    /** The spike train as a {@code [numSteps, channels]} tensor of zeros and ones. */
    public Tensor toDense() {
        return toDense(1);
    }

    /**
     * Spike counts per {@code bin} consecutive steps: {@code [ceil(numSteps / bin), channels]}, entry
     * {@code [t, c]} = spikes of channel c in steps {@code [t bin, (t + 1) bin)} (the last bin may be shorter).
     */
    public Tensor toDense(int bin) {
        if (bin < 1) {
            throw new IllegalArgumentException("audio spikes: bin must be >= 1, got " + bin);
        }
        int t = (numSteps + bin - 1) / bin;
        Tensor out = new Tensor(t, channels);
        float[] d = out.data();
        for (int k = 0; k < steps.length; k++) {
            d[(steps[k] / bin) * channels + units[k]] += 1f;
        }
        return out;
    }
}
