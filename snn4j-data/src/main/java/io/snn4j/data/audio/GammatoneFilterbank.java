package io.snn4j.data.audio;

/**
 * A bank of 4th-order gammatone filters, the standard linear model of the basilar membrane's frequency analysis
 * (Patterson et al. 1992). Channel {@code c} has the impulse response {@code t^3 exp(-2 pi b t) cos(2 pi f_c t)}
 * with bandwidth {@code b = 1.019 ERB(f_c)}, {@code ERB(f) = 24.7 (4.37 f / 1000 + 1)} Hz (Glasberg and Moore
 * 1990). Centre frequencies are equally spaced on the ERB-rate scale {@code E(f) = 21.4 log10(1 + 0.00437 f)}
 * from {@code fMin} (channel 0) to {@code fMax} (the last channel).
 *
 * <p>Implementation (Holdsworth et al. 1988): the signal is shifted down by {@code f_c} (multiplied by
 * {@code exp(-i 2 pi f_c t)}), passed through four cascaded one-pole low-pass filters
 * {@code s <- a s + (1 - a) z} with {@code a = exp(-2 pi b / fs)}, shifted back up, and twice the real part is
 * taken. The gain is exactly 1 at the centre frequency, so a pure tone of amplitude A at {@code f_c} gives
 * (after the filter's rise time) a sinusoid of amplitude A in channel {@code c} and less in every other channel.
 */
public final class GammatoneFilterbank {
    private final int sampleRate;
    private final double[] centres;

    /**
     * @param channels   number of filters, ≥ 1
     * @param fMin       centre frequency of channel 0 (Hz), &gt; 0
     * @param fMax       centre frequency of the last channel (Hz), ≥ fMin and below half the sample rate
     * @param sampleRate samples per second of the signals to filter
     */
    public GammatoneFilterbank(int channels, double fMin, double fMax, int sampleRate) {
        if (channels < 1) {
            throw new IllegalArgumentException("gammatone filterbank: channels must be >= 1, got " + channels);
        }
        if (!(fMin > 0) || !(fMax >= fMin) || !(fMax < sampleRate / 2.0)) {
            throw new IllegalArgumentException("gammatone filterbank: need 0 < f_min <= f_max < sample_rate / 2 = "
                    + sampleRate / 2.0 + " Hz, got f_min " + fMin + " Hz, f_max " + fMax + " Hz");
        }
        this.sampleRate = sampleRate;
        this.centres = new double[channels];
        double e0 = erbRate(fMin);
        double e1 = erbRate(fMax);
        for (int c = 0; c < channels; c++) {
            double e = channels == 1 ? (e0 + e1) / 2 : e0 + (e1 - e0) * c / (channels - 1);
            centres[c] = inverseErbRate(e);
        }
        if (channels > 1) {
            centres[0] = fMin;
            centres[channels - 1] = fMax;
        }
    }

    /** Number of channels. */
    public int channels() {
        return centres.length;
    }

    /** Sample rate the filters are designed for. */
    public int sampleRate() {
        return sampleRate;
    }

    /** Centre frequencies in Hz, ascending (a copy). */
    public double[] centreFrequencies() {
        return centres.clone();
    }

    /** Equivalent rectangular bandwidth of the auditory filter at {@code f} Hz (Glasberg and Moore 1990). */
    public static double erb(double f) {
        return 24.7 * (4.37 * f / 1000 + 1);
    }

    /** ERB-rate (number of ERBs below {@code f}). */
    public static double erbRate(double f) {
        return 21.4 * Math.log10(1 + 0.00437 * f);
    }

    /** Inverse of {@link #erbRate}. */
    public static double inverseErbRate(double e) {
        return (Math.pow(10, e / 21.4) - 1) / 0.00437;
    }

    /**
     * Filters {@code x} through channel {@code c} into {@code out} ({@code out.length >= x.length}); the filter
     * starts at rest.
     */
    public void filter(float[] x, int c, double[] out) {
        double fc = centres[c];
        double b = 1.019 * erb(fc);
        double a = Math.exp(-2 * Math.PI * b / sampleRate);
        double g = 1 - a;
        double w = 2 * Math.PI * fc / sampleRate;
        double cw = Math.cos(w);
        double sw = Math.sin(w);
        double r1 = 0, i1 = 0, r2 = 0, i2 = 0, r3 = 0, i3 = 0, r4 = 0, i4 = 0;
        double pr = 1;
        double pi = 0;   // phasor exp(+i w n), re-synchronised exactly every 256 samples
        for (int n = 0; n < x.length; n++) {
            if ((n & 255) == 0) {
                double ph = w * n;
                pr = Math.cos(ph);
                pi = Math.sin(ph);
            }
            double v = x[n];
            // z = x exp(-i w n)
            double zr = v * pr;
            double zi = -v * pi;
            r1 = a * r1 + g * zr;
            i1 = a * i1 + g * zi;
            r2 = a * r2 + g * r1;
            i2 = a * i2 + g * i1;
            r3 = a * r3 + g * r2;
            i3 = a * i3 + g * i2;
            r4 = a * r4 + g * r3;
            i4 = a * i4 + g * i3;
            // y = 2 Re(s4 exp(+i w n))
            out[n] = 2 * (r4 * pr - i4 * pi);
            double nr = pr * cw - pi * sw;
            pi = pr * sw + pi * cw;
            pr = nr;
        }
    }
}
