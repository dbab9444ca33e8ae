package io.snn4j.bench.symseq;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * SymSeq's string-level complexity metrics ({@code symseq.metrics.string} and the topological entropy of
 * {@code symseq.metrics.grammar}), computed as SymSeq computes them and tested against SymSeq's own values.
 *
 * <p><b>Log bases.</b> The Shannon, block and excess entropies and the entropy rate are in <b>bits</b> (log base 2),
 * as in SymSeq. The topological entropies are in <b>nats</b> (natural log): SymSeq's docstring writes log2 but its
 * code takes {@code np.log}, and we follow the code.
 *
 * <p>A string is a list of symbols. SymSeq joins L-grams into Python strings ({@code "".join}); here they are
 * compared as lists, which gives the same result whenever every symbol is one character (SymSeq's own assumption,
 * since {@code "A1" + "B"} and {@code "A" + "1B"} would collide there).
 */
public final class StringMetrics {
    private static final double LN2 = Math.log(2);

    private StringMetrics() {
    }

    /** How {@link #entropyRate(List, int, RateMethod)} estimates the rate. */
    public enum RateMethod {
        /** From the block-entropy increments {@code h_k = H_{k+1} - H_k} (SymSeq's default). */
        INCREMENTAL,
        /** From {@code H_k / k}. */
        NORMALIZED
    }

    /** Shannon entropy with the Miller-Madow correction, in bits (see {@link #entropy(List, boolean)}). */
    public static double entropy(List<String> s) {
        return entropy(s, true);
    }

    /**
     * Shannon entropy of the symbol frequencies, in bits:
     * {@code H = -sum_a p_a log2 p_a} with {@code p_a = count_a / N}, plus, with {@code biasCorrection}, the
     * Miller-Madow term {@code (M - 1) / (2 N ln 2)} where M is the number of distinct symbols seen (SymSeq's
     * {@code entropy}). 0 for an empty string.
     */
    public static double entropy(List<String> s, boolean biasCorrection) {
        if (s.isEmpty()) {
            return 0.0;
        }
        Map<Object, Integer> counts = new LinkedHashMap<>();
        for (String x : s) {
            counts.merge(x, 1, Integer::sum);
        }
        return entropyOfCounts(counts.values(), s.size(), biasCorrection);
    }

    private static double entropyOfCounts(Iterable<Integer> counts, int n, boolean biasCorrection) {
        double h = 0;
        int m = 0;
        for (int c : counts) {
            double p = (double) c / n;
            h -= p * (Math.log(p) / LN2);
            m++;
        }
        if (biasCorrection) {
            h += (m - 1) / (2.0 * n * LN2);
        }
        return h;
    }

    /** Block entropy {@code H_L} without bias correction, in bits (SymSeq's default). */
    public static double blockEntropy(List<String> s, int blockSize) {
        return blockEntropy(s, blockSize, false);
    }

    /**
     * Block entropy {@code H_L = -sum_g p_g log2 p_g} over the {@code N - L + 1} overlapping L-grams g of the string,
     * in bits, optionally with the Miller-Madow correction over L-grams. 0 when the string is shorter than L.
     */
    public static double blockEntropy(List<String> s, int blockSize, boolean biasCorrection) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("block entropy: block size must be >= 1, got " + blockSize);
        }
        int n = s.size();
        if (n < blockSize) {
            return 0.0;
        }
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i + blockSize <= n; i++) {
            counts.merge(List.copyOf(s.subList(i, i + blockSize)), 1, Integer::sum);
        }
        return entropyOfCounts(counts.values(), n - blockSize + 1, biasCorrection);
    }

    /** Entropy rate by the incremental method, in bits per symbol (see {@link #entropyRate(List, int, RateMethod)}). */
    public static double entropyRate(List<String> s, int maxBlockSize) {
        return entropyRate(s, maxBlockSize, RateMethod.INCREMENTAL);
    }

    /**
     * Entropy-rate estimate {@code h_mu}, in bits per symbol, with SymSeq's convergence heuristics
     * ({@code entropy_rate}). When the string is shorter than {@code maxBlockSize + 1}, the largest block becomes
     * {@code max(2, N / 3)}.
     * <ul>
     *   <li>INCREMENTAL: {@code h_k = H_{k+1} - H_k} for k up to the largest block (no increments: the corrected
     *       Shannon entropy). With at least 4 increments: if one after the first three falls below 0.7 times the
     *       mean of the first three, the mean of the increments from there on (or that increment alone when it is
     *       the last); otherwise, if the last three have mean > 0.01 and coefficient of variation < 0.1, their
     *       mean. Otherwise the mean of the first {@code max(2, count / 2)} increments.</li>
     *   <li>NORMALIZED: {@code H_k / k}; with at least 4 values the mean of the last three if their coefficient of
     *       variation is below 0.05, otherwise the median of the last three.</li>
     * </ul>
     */
    public static double entropyRate(List<String> s, int maxBlockSize, RateMethod method) {
        if (maxBlockSize < 1) {
            throw new IllegalArgumentException("entropy rate: max block size must be >= 1, got " + maxBlockSize);
        }
        int max = maxBlockSize;
        if (s.size() < max + 1) {
            max = Math.max(2, s.size() / 3);
        }
        if (method == RateMethod.INCREMENTAL) {
            double[] h = new double[max];
            for (int k = 1; k <= max; k++) {
                h[k - 1] = blockEntropy(s, k);
            }
            double[] inc = new double[Math.max(0, max - 1)];
            for (int k = 1; k < max; k++) {
                inc[k - 1] = h[k] - h[k - 1];
            }
            if (inc.length == 0) {
                return entropy(s);
            }
            if (inc.length >= 4) {
                int early = Math.min(3, inc.length);
                double meanEarly = mean(inc, 0, early);
                for (int i = early; i < inc.length; i++) {
                    if (inc[i] < 0.7 * meanEarly) {
                        return inc.length - i >= 2 ? mean(inc, i, inc.length) : inc[i];
                    }
                }
                double meanLast = mean(inc, inc.length - 3, inc.length);
                double stdLast = std(inc, inc.length - 3, inc.length);
                if (meanLast > 0.01 && stdLast / meanLast < 0.1) {
                    return meanLast;
                }
            }
            int use = Math.max(2, inc.length / 2);
            return mean(inc, 0, Math.min(use, inc.length));
        }
        double[] norm = new double[max];
        for (int k = 1; k <= max; k++) {
            norm[k - 1] = blockEntropy(s, k) / k;
        }
        int from = Math.max(0, norm.length - 3);
        if (norm.length >= 4) {
            double m = mean(norm, from, norm.length);
            if (std(norm, from, norm.length) / m < 0.05) {
                return m;
            }
        }
        double[] last = Arrays.copyOfRange(norm, from, norm.length);
        Arrays.sort(last);
        int k = last.length;
        return k % 2 == 1 ? last[k / 2] : 0.5 * (last[k / 2 - 1] + last[k / 2]);
    }

    /**
     * Effective measure complexity (excess entropy) as SymSeq's {@code emc}.
     *
     * @param emc          the excess entropy E in bits, at least 0
     * @param entropyRate  {@code h_mu} in bits per symbol, {@link #entropyRate(List, int)}
     * @param excessCurve  {@code E(L) = H_L - L h_mu} for L = 1..maxBlockSize
     */
    public record Emc(double emc, double entropyRate, double[] excessCurve) {
    }

    /**
     * Excess entropy: {@code h_mu} by the incremental method, the curve {@code E(L) = H_L - L h_mu}; with at least 4
     * points, its maximum over the first {@code max(3, 2 * count / 3)} points and the mean of the run of values
     * within 5 % of that peak (0.01 when the peak is 0) starting at the peak, or the peak alone when that run is a
     * single value; with fewer points the maximum of the curve. Never below 0.
     */
    public static Emc emc(List<String> s, int maxBlockSize) {
        double hmu = entropyRate(s, maxBlockSize, RateMethod.INCREMENTAL);
        double[] curve = new double[maxBlockSize];
        for (int l = 1; l <= maxBlockSize; l++) {
            curve[l - 1] = blockEntropy(s, l) - l * hmu;
        }
        double e;
        if (curve.length >= 4) {
            int search = Math.max(3, curve.length * 2 / 3);
            int peakIdx = 0;
            for (int i = 1; i < Math.min(search, curve.length); i++) {
                if (curve[i] > curve[peakIdx]) {
                    peakIdx = i;
                }
            }
            double peak = curve[peakIdx];
            double tol = peak != 0 ? 0.05 * Math.abs(peak) : 0.01;
            int end = peakIdx;
            while (end < curve.length && Math.abs(curve[end] - peak) <= tol) {
                end++;
            }
            e = end - peakIdx >= 2 ? mean(curve, peakIdx, end) : peak;
        } else {
            e = Double.NEGATIVE_INFINITY;
            for (double v : curve) {
                e = Math.max(e, v);
            }
        }
        return new Emc(Math.max(0.0, e), hmu, curve);
    }

    /**
     * gzip compressibility as SymSeq's {@code compressibility}: the length in bytes of one gzip member (10-byte
     * header, DEFLATE at level 9 as Python's {@code gzip.compress}, 8-byte CRC-32/size trailer) of the UTF-8 bytes of
     * the symbols joined without separator, divided by the number of symbols. Header and trailer are included, so
     * short strings give values above 1.
     */
    public static double compressibility(List<String> s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("compressibility: the string is empty");
        }
        return (double) gzipLength(String.join("", s).getBytes(StandardCharsets.UTF_8)) / s.size();
    }

    /** Length of {@code data} as one gzip member compressed at level 9. */
    static int gzipLength(byte[] data) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.size();
    }

    /** LZW complexity normalised by the string length (see {@link #lzwComplexity(List, boolean)}). */
    public static double lzwComplexity(List<String> s) {
        return lzwComplexity(s, true);
    }

    /**
     * LZW complexity as SymSeq's {@code lzw_complexity}: the number of codes LZW emits when it encodes the
     * string (the dictionary starts with every single symbol; each emitted phrase adds the phrase plus the next
     * symbol), divided by the number of symbols when {@code normalized}. This is LZW (Welch 1984), not the LZ76
     * complexity of Lempel and Ziv. SymSeq seeds its dictionary with the 256 characters {@code chr(0..255)} and
     * works on joined strings, so it only accepts single-character symbols below U+0100; here symbols are
     * tokens, which gives SymSeq's count for those strings and extends it to any symbols.
     */
    public static double lzwComplexity(List<String> s, boolean normalized) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("LZW complexity: the string is empty");
        }
        // a phrase is known by an id; a longer phrase is the pair (id of its prefix, last symbol)
        Map<String, Integer> single = new HashMap<>();
        Map<List<Object>, Integer> dict = new HashMap<>();
        int next = 0;
        int codes = 0;
        int w = -1;
        for (String c : s) {
            Integer one = single.get(c);
            if (one == null) {
                one = next++;
                single.put(c, one);
            }
            if (w == -1) {
                w = one;
                continue;
            }
            List<Object> key = List.of(w, c);
            Integer wc = dict.get(key);
            if (wc != null) {
                w = wc;
            } else {
                codes++;
                dict.put(key, next++);
                w = one;
            }
        }
        if (w != -1) {
            codes++;
        }
        return normalized ? (double) codes / s.size() : codes;
    }

    /**
     * Topological entropy by SymSeq's direct method, in nats: {@code ln(lambda_max)} of a binary transition matrix,
     * lambda_max its Perron root (the spectral radius, the eigenvalue with the largest real part). It is the
     * exponential growth rate of the number of distinct paths of length n. {@code -Infinity} when the matrix has no
     * cycle.
     *
     * @param binary a square 0/1 matrix (rows sources, columns targets, or the transpose: the value is the same)
     */
    public static double topologicalEntropy(int[][] binary) {
        for (int i = 0; i < binary.length; i++) {
            for (int j = 0; j < binary[i].length; j++) {
                if (binary[i][j] != 0 && binary[i][j] != 1) {
                    throw new IllegalArgumentException("topological entropy: the direct method needs a binary "
                            + "transition table, entry [" + i + "][" + j + "] is " + binary[i][j]);
                }
            }
        }
        return Math.log(Spectral.radiusOfMatrix(binary));
    }

    /**
     * Result of {@link #topologicalEntropyLift}.
     *
     * @param lift      index (0-based) of the last lift computed, as SymSeq returns it
     * @param entropy   the estimate in nats (NaN when the first lift already failed)
     * @param entropies {@code ln lambda_max} of the (k+1)-gram transition matrix for each lift k computed
     */
    public record LiftResult(int lift, double entropy, double[] entropies) {
    }

    /**
     * Topological entropy of an observed string by SymSeq's lift method, in nats: for k = 1, 2, ... up to
     * {@code maxLift}, the binary transition matrix between the distinct k-grams of the string (k-gram g to h when h
     * follows g with a shift of one somewhere in the string) and {@code ln lambda_max} of it. Stops when a value is
     * NaN or negative (keeping the previous one), or when the last two values agree after rounding their difference
     * to one decimal ({@code np.round(diff, 1) == 0}, keeping the earlier one). SymSeq takes the eigenvalue of
     * largest magnitude from ARPACK; this takes the Perron root, which is the same unless ARPACK returns a complex
     * eigenvalue of equal modulus (periodic k-gram graphs).
     */
    public static LiftResult topologicalEntropyLift(List<String> s, int maxLift) {
        if (maxLift < 1) {
            throw new IllegalArgumentException("topological entropy (lift): max lift must be >= 1, got " + maxLift);
        }
        if (s.size() < 2) {
            throw new IllegalArgumentException("topological entropy (lift): the string needs at least 2 symbols, has "
                    + s.size());
        }
        List<Double> te = new ArrayList<>();
        double top = 0;
        int lift;
        for (lift = 0; lift < maxLift; lift++) {
            int n = lift + 1;
            if (s.size() < n + 1) {
                break;
            }
            te.add(Math.log(Spectral.radiusOfLists(ngramTransitions(s, n))));
            double last = te.get(te.size() - 1);
            if (Double.isNaN(last) || last < 0) {
                if (te.size() > 1) {
                    top = te.get(te.size() - 2);
                } else {
                    top = Double.NaN;
                    lift = 0;
                }
                break;
            }
            if (te.size() > 1 && Math.rint((last - te.get(te.size() - 2)) * 10) == 0) {
                top = te.get(te.size() - 2);
                break;
            }
            top = last;
            if (Double.isInfinite(top)) {
                break;
            }
        }
        if (lift == maxLift) {
            lift = maxLift - 1;
        }
        double[] all = new double[te.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = te.get(i);
        }
        return new LiftResult(lift, top, all);
    }

    /** Successor lists of the binary transition matrix between the distinct n-grams of {@code s}. */
    static int[][] ngramTransitions(List<String> s, int n) {
        Map<List<String>, Integer> ids = new HashMap<>();
        int count = s.size() - n + 1;
        int[] seq = new int[count];
        for (int i = 0; i < count; i++) {
            List<String> g = List.copyOf(s.subList(i, i + n));
            Integer id = ids.get(g);
            if (id == null) {
                id = ids.size();
                ids.put(g, id);
            }
            seq[i] = id;
        }
        List<java.util.Set<Integer>> succ = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            succ.add(new java.util.TreeSet<>());
        }
        for (int i = 0; i + 1 < count; i++) {
            succ.get(seq[i]).add(seq[i + 1]);
        }
        int[][] r = new int[ids.size()][];
        for (int i = 0; i < r.length; i++) {
            r[i] = succ.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return r;
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }

    /** Population standard deviation (NumPy's default). */
    private static double std(double[] v, int from, int to) {
        double m = mean(v, from, to);
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (v[i] - m) * (v[i] - m);
        }
        return Math.sqrt(s / (to - from));
    }
}
