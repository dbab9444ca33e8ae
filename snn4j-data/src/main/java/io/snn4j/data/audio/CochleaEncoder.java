package io.snn4j.data.audio;

import io.snn4j.core.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Audio to spikes, a simplified cochlea in the spirit of how the Spiking Heidelberg Digits were made (Cramer et
 * al. 2020 used a hydrodynamic basilar-membrane model, inner hair cells and bushy cells; this encoder keeps the
 * same stages with simpler standard models):
 *
 * <ol>
 *   <li><b>Input</b>: mono samples, resampled to {@code sample_rate} ({@link Resampler}) and normalised
 *       ({@code normalize}: {@code peak} scales the largest magnitude to 1, {@code rms} the root mean square to
 *       0.1, {@code none} keeps the level).</li>
 *   <li><b>Basilar membrane</b>: a {@link GammatoneFilterbank} of {@code channels} 4th-order gammatone filters,
 *       centre frequencies ERB-spaced from {@code f_min} to {@code f_max}, unit gain at the centre.</li>
 *   <li><b>Inner hair cell</b>: half-wave rectification {@code r = max(y, 0)}, then compression: {@code log}
 *       {@code c = ln(1 + r / r0) / ln(1 + 1 / r0)} with {@code r0 = 10^(-range_db / 20)} (a logarithmic map of
 *       the {@code range_db} decibels below full scale onto [0, 1], 0 for silence), {@code power}
 *       {@code c = r^exponent}, or {@code none}; then a one-pole low-pass at {@code hair_cell_cutoff} Hz (the
 *       hair cell's membrane; 0 turns it off).</li>
 *   <li><b>Spiking cell</b> (bushy-cell stand-in): the hair-cell output averaged over each step of {@code dt}
 *       seconds is the input current {@code I[t]} of one leaky integrate-and-fire neuron per channel,
 *       {@code v[t] = beta v[t-1] + (1 - beta) gain I[t]}, {@code beta = exp(-dt / tau)} (so a constant input
 *       settles at {@code v = gain I}); a spike when {@code v >= threshold}, then {@code v} is reset to 0
 *       ({@code reset: zero}) or reduced by the threshold ({@code subtract}) and the neuron is silent for
 *       {@code refractory} seconds. At most one spike per channel and step.</li>
 * </ol>
 *
 * <p>The result is {@link AudioSpikes}: events at steps of {@code dt}, {@code ceil(n / (sample_rate dt))} steps
 * for {@code n} resampled samples; {@link #encodeDense} sums every {@code bin} steps into one (spike counts).
 * Deterministic: no randomness, double arithmetic, the same numbers on every platform and thread count.
 */
public final class CochleaEncoder {
    private final Params p;
    private final GammatoneFilterbank bank;

    public CochleaEncoder(Params params) {
        this.p = params;
        this.bank = new GammatoneFilterbank(params.channels, params.fMin, params.fMax(), params.sampleRate);
    }

    /** The settings. */
    public Params params() {
        return p;
    }

    /** Centre frequency of each channel in Hz. */
    public double[] centreFrequencies() {
        return bank.centreFrequencies();
    }

    /** Spikes of every channel for the signal (resampled first when its rate differs). */
    public AudioSpikes encode(Audio audio) {
        float[] x = audio.resampled(p.sampleRate).samples();
        x = normalise(x);
        int n = x.length;
        double spt = p.sampleRate * p.dt;   // samples per step
        int steps = (int) Math.ceil(n / spt - 1e-9);
        int[] bounds = new int[steps + 1];
        for (int t = 0; t <= steps; t++) {
            bounds[t] = (int) Math.min(n, Math.floor(t * spt + 1e-9));
        }
        bounds[steps] = n;
        double r0 = Math.pow(10, -p.rangeDb / 20);
        double logNorm = 1 / Math.log1p(1 / r0);
        double lp = p.hairCellCutoff > 0 ? 1 - Math.exp(-2 * Math.PI * p.hairCellCutoff / p.sampleRate) : 1;
        double beta = Math.exp(-p.dt / p.tau);
        int refractorySteps = (int) Math.round(p.refractory / p.dt);
        double[] y = new double[n];
        // per channel: spike steps, merged afterwards into time order
        int[][] spikeSteps = new int[p.channels][];
        int total = 0;
        int[] buf = new int[Math.max(16, steps)];
        for (int c = 0; c < p.channels; c++) {
            bank.filter(x, c, y);
            double e = 0;
            double v = 0;
            int silentUntil = -1;
            int count = 0;
            for (int t = 0; t < steps; t++) {
                double sum = 0;
                for (int i = bounds[t]; i < bounds[t + 1]; i++) {
                    double r = y[i] > 0 ? y[i] : 0;
                    double comp;
                    switch (p.compression) {
                        case LOG -> comp = Math.log1p(r / r0) * logNorm;
                        case POWER -> comp = Math.pow(r, p.exponent);
                        default -> comp = r;
                    }
                    e += lp * (comp - e);
                    sum += e;
                }
                int len = bounds[t + 1] - bounds[t];
                double current = len > 0 ? sum / len : 0;
                v = beta * v + (1 - beta) * p.gain * current;
                if (t <= silentUntil) {
                    continue;
                }
                if (v >= p.threshold) {
                    buf[count++] = t;
                    v = p.reset == Reset.ZERO ? 0 : v - p.threshold;
                    silentUntil = t + refractorySteps;
                }
            }
            spikeSteps[c] = Arrays.copyOf(buf, count);
            total += count;
        }
        int[] ts = new int[total];
        int[] us = new int[total];
        // merge: by step, then channel (counting sort over steps)
        int[] perStep = new int[steps + 1];
        for (int[] s : spikeSteps) {
            for (int t : s) {
                perStep[t + 1]++;
            }
        }
        for (int t = 0; t < steps; t++) {
            perStep[t + 1] += perStep[t];
        }
        for (int c = 0; c < p.channels; c++) {
            for (int t : spikeSteps[c]) {
                int k = perStep[t]++;
                ts[k] = t;
                us[k] = c;
            }
        }
        return new AudioSpikes(steps, p.channels, p.dt, ts, us);
    }

    /** {@link #encode} as spike counts per {@code bin} steps, {@code [ceil(steps / bin), channels]}. */
    public Tensor encodeDense(Audio audio) {
        return encode(audio).toDense(p.bin);
    }

    private float[] normalise(float[] x) {
        if (p.normalize == Normalize.NONE || x.length == 0) {
            return x;
        }
        double s = 0;
        if (p.normalize == Normalize.PEAK) {
            for (float v : x) {
                s = Math.max(s, Math.abs(v));
            }
        } else {
            for (float v : x) {
                s += (double) v * v;
            }
            s = Math.sqrt(s / x.length) / 0.1;
        }
        if (!(s > 0) || !Double.isFinite(s)) {
            return x;   // silence stays silence
        }
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] / s);
        }
        return out;
    }

    /** How the signal's level is normalised before filtering. */
    public enum Normalize { PEAK, RMS, NONE }

    /** The hair cell's compression. */
    public enum Compression { LOG, POWER, NONE }

    /** What a spike does to the membrane. */
    public enum Reset { ZERO, SUBTRACT }

    /**
     * The encoder's settings; {@link #defaults()} then {@link #with(String, Object)} per option. Option names
     * (as in YAML configs and {@link #toMap()}): see {@link #KEYS}.
     */
    public static final class Params {
        /** Option names, in the order {@link #toMap()} lists them. */
        public static final List<String> KEYS = List.of("channels", "sample_rate", "f_min", "f_max", "normalize",
                "compression", "range_db", "exponent", "hair_cell_cutoff", "dt", "tau", "gain", "threshold",
                "reset", "refractory", "bin");

        int channels = 64;
        int sampleRate = 16000;
        double fMin = 50;
        double fMaxGiven = 0;   // 0: 0.45 sample_rate
        Normalize normalize = Normalize.PEAK;
        Compression compression = Compression.LOG;
        double rangeDb = 60;
        double exponent = 0.3;
        double hairCellCutoff = 1000;
        double dt = 0.001;
        double tau = 0.005;
        double gain = 5;
        double threshold = 1;
        Reset reset = Reset.ZERO;
        double refractory = 0;
        int bin = 1;

        private Params() {
        }

        /** 64 channels, 16 kHz, 50 Hz .. 0.45 sample_rate, peak normalisation, 60 dB log compression, 1 kHz hair
         * cell, dt 1 ms, tau 5 ms, gain 5, threshold 1, reset to zero, no refractory period, bin 1. */
        public static Params defaults() {
            return new Params();
        }

        private Params copy() {
            Params q = new Params();
            q.channels = channels;
            q.sampleRate = sampleRate;
            q.fMin = fMin;
            q.fMaxGiven = fMaxGiven;
            q.normalize = normalize;
            q.compression = compression;
            q.rangeDb = rangeDb;
            q.exponent = exponent;
            q.hairCellCutoff = hairCellCutoff;
            q.dt = dt;
            q.tau = tau;
            q.gain = gain;
            q.threshold = threshold;
            q.reset = reset;
            q.refractory = refractory;
            q.bin = bin;
            return q;
        }

        /** Number of channels. */
        public int channels() {
            return channels;
        }

        /** Sample rate the signal is resampled to. */
        public int sampleRate() {
            return sampleRate;
        }

        /** Seconds per step. */
        public double dt() {
            return dt;
        }

        /** Steps summed into one output step by {@link CochleaEncoder#encodeDense}. */
        public int bin() {
            return bin;
        }

        /** Highest centre frequency (Hz): as given, or 0.45 times the sample rate. */
        public double fMax() {
            return fMaxGiven > 0 ? fMaxGiven : 0.45 * sampleRate;
        }

        /**
         * A copy with one option changed.
         *
         * @param key   one of {@link #KEYS}
         * @param value a number (Integer, Long, Double, ...) or, for {@code normalize}, {@code compression} and
         *              {@code reset}, a name; a numeric string is accepted for numbers
         * @throws IllegalArgumentException {@code <key>: <what was expected>, got <value>}
         */
        public Params with(String key, Object value) {
            Params q = copy();
            q.set(key, value);
            q.check(key);
            return q;
        }

        private void set(String key, Object value) {
            Params q = this;
            switch (key) {
                case "channels" -> q.channels = integer(key, value, 1, 10_000);
                case "sample_rate" -> q.sampleRate = integer(key, value, 100, 1_000_000);
                case "f_min" -> q.fMin = number(key, value, 0, false);
                case "f_max" -> q.fMaxGiven = number(key, value, 0, true);
                case "normalize" -> q.normalize = Normalize.valueOf(name(key, value, "peak", "rms", "none"));
                case "compression" -> q.compression = Compression.valueOf(name(key, value, "log", "power", "none"));
                case "range_db" -> q.rangeDb = number(key, value, 0, false);
                case "exponent" -> q.exponent = number(key, value, 0, false);
                case "hair_cell_cutoff" -> q.hairCellCutoff = number(key, value, 0, true);
                case "dt" -> q.dt = number(key, value, 0, false);
                case "tau" -> q.tau = number(key, value, 0, false);
                case "gain" -> q.gain = number(key, value, 0, false);
                case "threshold" -> q.threshold = number(key, value, 0, false);
                case "reset" -> q.reset = Reset.valueOf(name(key, value, "zero", "subtract"));
                case "refractory" -> q.refractory = number(key, value, 0, true);
                case "bin" -> q.bin = integer(key, value, 1, 1_000_000);
                default -> throw new IllegalArgumentException(key + ": unknown option; expected one of "
                        + String.join(", ", KEYS));
            }
        }

        /** A copy with every entry of {@code options} applied in order ({@link #with}). */
        public Params with(Map<String, ?> options) {
            Params q = copy();
            for (Map.Entry<String, ?> e : options.entrySet()) {
                q.set(e.getKey(), e.getValue());
            }
            q.check(options.containsKey("f_max") ? "f_max" : options.containsKey("sample_rate") ? "sample_rate"
                    : options.containsKey("f_min") ? "f_min" : "dt");
            return q;
        }

        private void check(String key) {
            if (!(fMax() < sampleRate / 2.0)) {
                throw new IllegalArgumentException(key + ": f_max " + fmt(fMax()) + " Hz must be below half the"
                        + " sample rate (" + fmt(sampleRate / 2.0) + " Hz)");
            }
            if (!(fMin <= fMax())) {
                throw new IllegalArgumentException(key + ": f_min " + fmt(fMin) + " Hz must not exceed f_max "
                        + fmt(fMax()) + " Hz");
            }
            if (sampleRate * dt < 1) {
                throw new IllegalArgumentException(key + ": dt " + fmt(dt) + " s is shorter than one sample at "
                        + sampleRate + " Hz");
            }
        }

        /** Every option with its value (f_max resolved), for configs, cache keys and provenance. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("channels", channels);
            m.put("sample_rate", sampleRate);
            m.put("f_min", fMin);
            m.put("f_max", fMax());
            m.put("normalize", normalize.name().toLowerCase(Locale.ROOT));
            m.put("compression", compression.name().toLowerCase(Locale.ROOT));
            m.put("range_db", rangeDb);
            m.put("exponent", exponent);
            m.put("hair_cell_cutoff", hairCellCutoff);
            m.put("dt", dt);
            m.put("tau", tau);
            m.put("gain", gain);
            m.put("threshold", threshold);
            m.put("reset", reset.name().toLowerCase(Locale.ROOT));
            m.put("refractory", refractory);
            m.put("bin", bin);
            return m;
        }

        /** A stable one-line description of every option ({@code key=value,...}), used in cache keys. */
        public String canonical() {
            StringBuilder s = new StringBuilder();
            for (Map.Entry<String, Object> e : toMap().entrySet()) {
                if (s.length() > 0) {
                    s.append(',');
                }
                s.append(e.getKey()).append('=').append(e.getValue());
            }
            return s.toString();
        }

        @Override
        public String toString() {
            return canonical();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Params q && q.canonical().equals(canonical());
        }

        @Override
        public int hashCode() {
            return canonical().hashCode();
        }

        private static String fmt(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }

        private static int integer(String key, Object v, int min, int max) {
            long x;
            if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                x = ((Number) v).longValue();
            } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                x = (long) n.doubleValue();
            } else if (v instanceof String s && s.strip().matches("[+-]?\\d+")) {
                x = Long.parseLong(s.strip());
            } else {
                throw new IllegalArgumentException(key + ": expected a whole number between " + min + " and " + max
                        + ", got " + show(v));
            }
            if (x < min || x > max) {
                throw new IllegalArgumentException(key + ": expected a whole number between " + min + " and " + max
                        + ", got " + x);
            }
            return (int) x;
        }

        private static double number(String key, Object v, double min, boolean minAllowed) {
            double x;
            if (v instanceof Number n) {
                x = n.doubleValue();
            } else if (v instanceof String s) {
                try {
                    x = Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(key + ": expected a number, got " + show(v));
                }
            } else {
                throw new IllegalArgumentException(key + ": expected a number, got " + show(v));
            }
            if (!Double.isFinite(x) || x < min || (!minAllowed && x == min)) {
                throw new IllegalArgumentException(key + ": expected a finite number " + (minAllowed ? ">= " : "> ")
                        + fmt(min) + ", got " + show(v));
            }
            return x;
        }

        private static String name(String key, Object v, String... choices) {
            if (v instanceof String s && Arrays.asList(choices).contains(s.strip().toLowerCase(Locale.ROOT))) {
                return s.strip().toUpperCase(Locale.ROOT);
            }
            throw new IllegalArgumentException(key + ": expected one of " + String.join(", ", choices) + ", got "
                    + show(v));
        }

        private static String show(Object v) {
            return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
        }
    }
}
