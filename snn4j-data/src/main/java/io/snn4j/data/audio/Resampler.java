package io.snn4j.data.audio;

/**
 * Band-limited resampling by windowed-sinc interpolation. Output sample {@code m} is the input interpolated at
 * time {@code m / out} seconds with the kernel {@code h(t) = 2 fc sinc(2 fc t) w(t)}, where the cutoff
 * {@code fc = 0.95 * min(in, out) / 2} removes what the lower rate cannot hold (no aliasing when going down),
 * {@code w} is a Hann window spanning {@link #ZERO_CROSSINGS} zero crossings of the sinc on each side, and
 * samples before the start and after the end count as zero. The output has {@code ceil(n * out / in)} samples.
 * Deterministic and independent of the platform (double arithmetic, no FFT).
 */
public final class Resampler {
    /** Zero crossings of the sinc kept on each side of the kernel's centre. */
    public static final int ZERO_CROSSINGS = 16;
    /** Cutoff as a fraction of the lower Nyquist frequency. */
    public static final double ROLLOFF = 0.95;

    private Resampler() {
    }

    /**
     * @param x   input samples
     * @param in  input sample rate (Hz), ≥ 1
     * @param out output sample rate (Hz), ≥ 1
     * @return a new array; a copy of {@code x} when the rates are equal
     */
    public static float[] resample(float[] x, int in, int out) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("resample: sample rates must be >= 1 Hz, got " + in + " and " + out);
        }
        if (in == out) {
            return x.clone();
        }
        int n = x.length;
        long m = ((long) n * out + in - 1) / in;
        if (m > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("resample: " + m + " output samples are too many");
        }
        float[] y = new float[(int) m];
        double fc = ROLLOFF * Math.min(in, out) / 2.0;   // Hz
        double k = 2 * fc / in;                            // kernel scale in input samples: h(u) = k sinc(k u)
        double half = ZERO_CROSSINGS / k;                  // half-width in input samples
        for (int j = 0; j < y.length; j++) {
            double t = (double) j * in / out;             // position in input samples
            int lo = (int) Math.max(0, Math.ceil(t - half));
            int hi = (int) Math.min(n - 1, Math.floor(t + half));
            double acc = 0;
            for (int i = lo; i <= hi; i++) {
                double u = t - i;
                double ku = k * u;
                double sinc = ku == 0 ? 1 : Math.sin(Math.PI * ku) / (Math.PI * ku);
                double w = 0.5 * (1 + Math.cos(Math.PI * u / half));
                acc += x[i] * k * sinc * w;
            }
            y[j] = (float) acc;
        }
        return y;
    }
}
