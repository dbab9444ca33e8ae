package io.snn4j.data.audio;

/**
 * A mono audio signal: samples in [-1, 1] (full scale) at {@code sampleRate} samples per second.
 *
 * @param samples    the signal (not copied)
 * @param sampleRate samples per second, ≥ 1
 */
public record Audio(float[] samples, int sampleRate) {
    public Audio {
        if (sampleRate < 1) {
            throw new IllegalArgumentException("audio: sample rate must be >= 1 Hz, got " + sampleRate);
        }
        if (samples == null) {
            throw new IllegalArgumentException("audio: samples must not be null");
        }
    }

    /** Duration in seconds. */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }

    /** This signal at another sample rate ({@link Resampler#resample}); itself when the rate is the same. */
    public Audio resampled(int rate) {
        return rate == sampleRate ? this : new Audio(Resampler.resample(samples, sampleRate, rate), rate);
    }

    /** A sine of {@code hz} Hz and amplitude {@code amplitude} for {@code seconds} seconds (tests, examples). */
    public static Audio tone(double hz, double amplitude, double seconds, int sampleRate) {
        int n = (int) Math.round(seconds * sampleRate);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return new Audio(x, sampleRate);
    }
}
