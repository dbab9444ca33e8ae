package io.snn4j.core.encode;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;

/**
 * Spike encoders with snnTorch 0.9.4's {@code spikegen} semantics. Static data of shape {@code [...]} (for
 * example {@code [B, N]}) becomes a spike train {@code [T, ...]} of zeros and ones; {@link #delta} turns a
 * time series {@code [T, ...]} into spikes of the same shape.
 */
public final class Encoders {
    private static final float EPSILON = 1e-7f;

    private Encoders() {
    }

    /** {@link #rate(Tensor, int, float, float, Rng)} with gain 1 and offset 0. */
    public static Tensor rate(Tensor data, int numSteps, Rng rng) {
        return rate(data, numSteps, 1f, 0f, rng);
    }

    /**
     * Rate (Bernoulli) coding: at every step each element spikes with probability
     * {@code clamp(x * gain + offset, 0, 1)}, independently.
     *
     * @param data     any shape; values are probabilities per step after gain and offset
     * @param numSteps T, >= 1
     * @return {@code [T, ...data.shape]}
     */
    public static Tensor rate(Tensor data, int numSteps, float gain, float offset, Rng rng) {
        checkSteps("rate", numSteps);
        if (rng == null) {
            throw new IllegalArgumentException("rate: a seeded Rng is required");
        }
        float[] d = data.data();
        float[] p = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            float v = d[i] * gain + offset;
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException("rate: data holds NaN at flat index " + i);
            }
            p[i] = Math.max(0f, Math.min(1f, v));
        }
        Tensor out = new Tensor(withTime(numSteps, data.shape()));
        float[] o = out.data();
        for (int t = 0; t < numSteps; t++) {
            int base = t * d.length;
            for (int i = 0; i < d.length; i++) {
                o[base + i] = rng.nextFloat() < p[i] ? 1f : 0f;
            }
        }
        return out;
    }

    /** {@link #latency(Tensor, int, float, float, int, boolean, boolean, boolean)} with snnTorch's defaults (threshold 0.01, tau 1, log code). */
    public static Tensor latency(Tensor data, int numSteps) {
        return latency(data, numSteps, 0.01f, 1f, 0, false, false, false);
    }

    /** Latency coding without a first-spike offset; see the full overload. */
    public static Tensor latency(Tensor data, int numSteps, float threshold, float tau, boolean linear,
                                 boolean normalize, boolean clip) {
        return latency(data, numSteps, threshold, tau, 0, linear, normalize, clip);
    }

    /**
     * Latency (time-to-first-spike) coding: every element spikes once, brighter values earlier. The spike
     * time (in steps) is {@code tau * ln(x / (x - threshold))} with {@code x} raised to at least
     * {@code threshold + 1e-7} (log code), or {@code min(tau (1 - x), tau (1 - threshold))} (linear code), plus
     * {@code firstSpikeTime}, rounded half to even. With {@code normalize} the times are rescaled to end at
     * {@code numSteps - 1} (the linear code uses {@code tau = numSteps - 1 - firstSpikeTime}). With {@code clip}
     * elements below {@code threshold} do not spike at all.
     *
     * @param data      values in [0, 1], any shape
     * @param numSteps  T, >= 1
     * @param threshold in (0, 1)
     * @param tau       RC time constant in steps, > 0
     * @return {@code [T, ...data.shape]}
     * @throws IllegalArgumentException when data leave [0, 1], or a spike time falls after step T-1 (use a
     *                                  smaller tau, {@code normalize}, or more steps), as snnTorch does
     */
    public static Tensor latency(Tensor data, int numSteps, float threshold, float tau, int firstSpikeTime,
                                 boolean linear, boolean normalize, boolean clip) {
        checkSteps("latency", numSteps);
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("latency: threshold must be in (0, 1), got " + threshold);
        }
        if (!(tau > 0) || Float.isInfinite(tau)) {
            throw new IllegalArgumentException("latency: tau must be > 0 steps, got " + tau);
        }
        if (firstSpikeTime < 0 || firstSpikeTime > numSteps - 1) {
            throw new IllegalArgumentException("latency: firstSpikeTime must be in [0, numSteps - 1] = [0, "
                    + (numSteps - 1) + "], got " + firstSpikeTime);
        }
        float[] d = data.data();
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] >= 0 && d[i] <= 1)) {
                throw new IllegalArgumentException("latency: data must be in [0, 1], got " + d[i]
                        + " at flat index " + i);
            }
        }
        float[] time = linear ? linearTimes(d, numSteps, threshold, tau, firstSpikeTime, normalize)
                : logTimes(d, numSteps, threshold, tau, firstSpikeTime, normalize);
        float maxRounded = Float.NEGATIVE_INFINITY;
        for (float t : time) {
            maxRounded = Math.max(maxRounded, (float) Math.rint(t));
        }
        if (d.length > 0 && maxRounded > numSteps - 1) {
            throw new IllegalArgumentException("latency: the latest spike time " + (long) maxRounded
                    + " is after the last step " + (numSteps - 1) + "; decrease tau, set normalize, or use more steps");
        }
        Tensor out = new Tensor(withTime(numSteps, data.shape()));
        float[] o = out.data();
        for (int i = 0; i < d.length; i++) {
            if (clip && d[i] < threshold) {
                continue;
            }
            int t = (int) Math.rint(time[i]);
            o[t * d.length + i] = 1f;
        }
        return out;
    }

    // float32 arithmetic in snnTorch's order, so that rounding to steps agrees at the .5 boundaries.
    private static float[] logTimes(float[] d, int numSteps, float threshold, float tau, int fst, boolean normalize) {
        float[] t = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            float x = Math.max(d[i], threshold + EPSILON);
            t[i] = tau * (float) Math.log(x / (x - threshold));
            if (fst > 0) {
                t[i] += fst;
            }
        }
        if (normalize) {
            float max = Float.NEGATIVE_INFINITY;
            for (float v : t) {
                max = Math.max(max, v - fst);
            }
            for (int i = 0; i < t.length; i++) {
                t[i] = (t[i] - fst) * (numSteps - fst - 1) / max + fst;
            }
        }
        return t;
    }

    private static float[] linearTimes(float[] d, int numSteps, float threshold, float tau, int fst,
                                       boolean normalize) {
        float tauEff = normalize ? numSteps - 1 - fst : tau;
        float cap = -tauEff * (threshold - 1);
        float[] t = new float[d.length];
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < d.length; i++) {
            t[i] = Math.min(-tauEff * (d[i] - 1), cap) + fst;
            min = Math.min(min, t[i]);
            max = Math.max(max, t[i]);
        }
        if (normalize && min < 0) {
            for (int i = 0; i < t.length; i++) {
                t[i] = (t[i] - min) * (1 / (max - min)) * (numSteps - 1);
            }
        }
        return t;
    }

    /** {@link #delta(Tensor, float, boolean, boolean)} with threshold 0.1, no padding, no off spikes. */
    public static Tensor delta(Tensor data) {
        return delta(data, 0.1f, false, false);
    }

    /** {@link #delta(Tensor, float, boolean, boolean)} without padding or off spikes. */
    public static Tensor delta(Tensor data, float threshold) {
        return delta(data, threshold, false, false);
    }

    /**
     * Delta modulation: a spike (1) where {@code x[t] - x[t-1] >= threshold}; with {@code offSpike} also -1 where
     * {@code x[t] - x[t-1] <= -threshold}. Step 0 is compared with 0, or with itself when {@code padding} (then
     * it never spikes).
     *
     * @param data {@code [T, ...]}, T >= 1
     * @return {@code [T, ...]} of 0, 1 (and -1)
     */
    public static Tensor delta(Tensor data, float threshold, boolean padding, boolean offSpike) {
        if (data.rank() < 1 || data.dim(0) < 1) {
            throw new IllegalArgumentException("delta: data must be a time series [T, ...] with T >= 1, got shape "
                    + java.util.Arrays.toString(data.shape()));
        }
        if (Float.isNaN(threshold)) {
            throw new IllegalArgumentException("delta: threshold is NaN");
        }
        int steps = data.dim(0);
        int n = data.stride0();
        float[] d = data.data();
        Tensor out = new Tensor(data.shape());
        float[] o = out.data();
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                float prev = t > 0 ? d[(t - 1) * n + i] : (padding ? d[i] : 0f);
                float diff = d[t * n + i] - prev;
                float s = diff >= threshold ? 1f : 0f;
                if (offSpike && diff <= -threshold) {
                    s -= 1f;
                }
                o[t * n + i] = s;
            }
        }
        return out;
    }

    private static void checkSteps(String what, int numSteps) {
        if (numSteps < 1) {
            throw new IllegalArgumentException(what + ": numSteps must be >= 1, got " + numSteps);
        }
    }

    private static int[] withTime(int steps, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = steps;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
