package io.snn4j.bench.symseq;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SymSeq's string-set metrics ({@code symseq.metrics.stringset}: distances, information, associative chunk
 * strength), computed as SymSeq computes them and tested against SymSeq's own values.
 *
 * <p><b>Log bases.</b> Mutual information, normalised mutual information (a ratio of bits) and the string-set
 * entropy are in <b>bits</b> (log base 2), as in SymSeq. The per-string entropies inside the mutual information are
 * {@link StringMetrics#entropy(List)}: Shannon entropy with the Miller-Madow correction, SymSeq's default.
 *
 * <p>A string is a list of symbols and a string set a list of strings. Distances and information compare symbols
 * as tokens, except the normalised compression distance, which compresses the symbols joined without separator
 * (as SymSeq and {@link StringMetrics#compressibility(List)} do).
 *
 * <p>Where SymSeq raises or divides by zero, these methods throw an {@link IllegalArgumentException} naming the
 * argument, or return the value stated in their documentation; docs/symseq.md lists every difference.
 */
public final class StringSetMetrics {
    private static final double LN2 = Math.log(2);

    private StringSetMetrics() {
    }

    /** Distance of {@link #pairwiseDistances(List, Distance)} (SymSeq's {@code metric}). */
    public enum Distance {
        /** {@link #editDistance(List, List)} (SymSeq's default). */
        EDIT,
        /** {@link #hammingDistance(List, List)}; NaN for a pair of unequal lengths. */
        HAMMING,
        /** {@link #normalizedCompressionDistance(List, List)}. */
        NCD
    }

    /** How {@link #mutualInformation(List, List, MiMethod)} forms the joint entropy (SymSeq's {@code method}). */
    public enum MiMethod {
        /** Entropy of the concatenation {@code a + b} (SymSeq's default). */
        JOINT,
        /** Entropy of the position-wise pairs {@code (a_i, b_i)}; the strings must have equal lengths. */
        ALIGNED
    }

    /** Value of {@link #pairwiseMutualInformation(List, Information, MiMethod)} (SymSeq's {@code metric}). */
    public enum Information {
        /** {@link #mutualInformation(List, List, MiMethod)} (SymSeq's default). */
        MI,
        /** {@link #normalizedMutualInformation(List, List, MiMethod)}. */
        NMI
    }

    // ---------------------------------------------------------------- distances

    /**
     * Hamming distance (SymSeq's {@code hamming_distance}): the number of positions at which the two strings hold
     * different symbols.
     *
     * @throws IllegalArgumentException when the strings have different lengths (SymSeq raises too)
     */
    public static int hammingDistance(List<String> a, List<String> b) {
        checkString("hamming distance", "a", a);
        checkString("hamming distance", "b", b);
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("hamming distance: the strings must have equal lengths, got "
                    + a.size() + " and " + b.size());
        }
        int d = 0;
        for (int i = 0; i < a.size(); i++) {
            if (!Objects.equals(a.get(i), b.get(i))) {
                d++;
            }
        }
        return d;
    }

    /** Edit (Levenshtein) distance with substitution cost 1 (see {@link #editDistance(List, List, int)}). */
    public static int editDistance(List<String> a, List<String> b) {
        return editDistance(a, b, 1);
    }

    /**
     * Edit (Levenshtein) distance as SymSeq's {@code edit_distance} (NLTK's {@code edit_distance} without
     * transpositions): the least total cost of insertions and deletions (cost 1 each) and substitutions (cost
     * {@code substitutionCost}, 0 when the symbols are equal) that turns {@code a} into {@code b}.
     *
     * @param substitutionCost at least 0; with 2 or more a substitution never beats a deletion plus an insertion
     */
    public static int editDistance(List<String> a, List<String> b, int substitutionCost) {
        checkString("edit distance", "a", a);
        checkString("edit distance", "b", b);
        if (substitutionCost < 0) {
            throw new IllegalArgumentException("edit distance: substitution cost must be >= 0, got "
                    + substitutionCost);
        }
        int m = b.size();
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            cur[0] = i;
            String x = a.get(i - 1);
            for (int j = 1; j <= m; j++) {
                int sub = prev[j - 1] + (Objects.equals(x, b.get(j - 1)) ? 0 : substitutionCost);
                cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), sub);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }

    /** Normalised edit distance with substitution cost 1 (see {@link #stringSimilarity(List, List, int)}). */
    public static double stringSimilarity(List<String> a, List<String> b) {
        return stringSimilarity(a, b, 1);
    }

    /**
     * SymSeq's {@code string_similarity}: the edit distance divided by the length of the longer string. Despite the
     * name it is a distance: 0 for equal strings, 1 for strings with nothing in common.
     *
     * @throws IllegalArgumentException when both strings are empty (SymSeq divides by zero)
     */
    public static double stringSimilarity(List<String> a, List<String> b, int substitutionCost) {
        int d = editDistance(a, b, substitutionCost);
        int len = Math.max(a.size(), b.size());
        if (len == 0) {
            throw new IllegalArgumentException("string similarity: both strings are empty");
        }
        return (double) d / len;
    }

    /** {@link #averageStringSimilarity(List, List, int)} with substitution cost 1. */
    public static double averageStringSimilarity(List<List<String>> set, List<String> s) {
        return averageStringSimilarity(set, s, 1);
    }

    /**
     * SymSeq's {@code average_string_similarity}: the mean of {@link #stringSimilarity(List, List, int)} between
     * {@code s} and each string of {@code set}.
     *
     * @throws IllegalArgumentException when the set is empty (SymSeq returns NaN with a warning) or a pair of
     *                                  strings is empty
     */
    public static double averageStringSimilarity(List<List<String>> set, List<String> s, int substitutionCost) {
        checkSet("average string similarity", "the string set", set);
        if (set.isEmpty()) {
            throw new IllegalArgumentException("average string similarity: the string set is empty");
        }
        double sum = 0;
        for (List<String> x : set) {
            sum += stringSimilarity(x, s, substitutionCost);
        }
        return sum / set.size();
    }

    /**
     * Normalised compression distance (Cilibrasi and Vitanyi 2005) as SymSeq's
     * {@code normalized_compression_distance}: {@code (C(xy) - min(C(x), C(y))) / max(C(x), C(y))}, where x and y
     * are the UTF-8 bytes of each string's symbols joined without separator, xy their concatenation, and C the
     * length in bytes of one gzip member at DEFLATE level 9 (Python's {@code gzip.compress}, header and trailer
     * included, as {@link StringMetrics#compressibility(List)}). Roughly in [0, 1]; it can be slightly negative or
     * above 1, is not 0 for equal strings, and is not symmetric ({@code C(xy)} and {@code C(yx)} can differ).
     * Defined for empty strings (an empty gzip member has 20 bytes).
     */
    public static double normalizedCompressionDistance(List<String> a, List<String> b) {
        checkString("normalized compression distance", "a", a);
        checkString("normalized compression distance", "b", b);
        return ncd(a, b, gzipLength(a), gzipLength(b));
    }

    /** C(s): gzip length of the symbols joined without separator. */
    private static int gzipLength(List<String> s) {
        return StringMetrics.gzipLength(String.join("", s).getBytes(StandardCharsets.UTF_8));
    }

    /** NCD given C(a) and C(b), which a pairwise matrix computes once per string. */
    private static double ncd(List<String> a, List<String> b, int cx, int cy) {
        int cxy = StringMetrics.gzipLength((String.join("", a) + String.join("", b)).getBytes(StandardCharsets.UTF_8));
        int den = Math.max(cx, cy);
        return den == 0 ? 0.0 : (double) (cxy - Math.min(cx, cy)) / den;
    }

    /** Pairwise edit distances (see {@link #pairwiseDistances(List, Distance)}). */
    public static double[][] pairwiseDistances(List<List<String>> set) {
        return pairwiseDistances(set, Distance.EDIT);
    }

    /**
     * SymSeq's {@code pairwise_distances}: the symmetric T x T matrix of the distance between strings i and j of
     * the set, i != j, computed for i &lt; j as {@code d(s_i, s_j)} and mirrored (NCD is not symmetric). The diagonal
     * is 0 (not computed, also for NCD, whose value for equal strings is not 0). For HAMMING a pair of unequal lengths
     * is NaN. An empty set gives a 0 x 0 matrix.
     */
    public static double[][] pairwiseDistances(List<List<String>> set, Distance metric) {
        checkSet("pairwise distances", "the string set", set);
        checkNotNull("pairwise distances", "metric", metric);
        int t = set.size();
        double[][] d = new double[t][t];
        int[] c = new int[metric == Distance.NCD ? t : 0];
        for (int i = 0; i < c.length; i++) {
            c[i] = gzipLength(set.get(i));
        }
        forEachRow(t, i -> {
            for (int j = i + 1; j < t; j++) {
                List<String> a = set.get(i);
                List<String> b = set.get(j);
                double v = switch (metric) {
                    case EDIT -> editDistance(a, b);
                    case HAMMING -> a.size() == b.size() ? hammingDistance(a, b) : Double.NaN;
                    case NCD -> ncd(a, b, c[i], c[j]);
                };
                d[i][j] = v;
                d[j][i] = v;
            }
        });
        return d;
    }

    /**
     * Runs {@code row} for every i in [0, t) on snn4j's threads ({@code Parallel}); row i computes the pairs (i, j),
     * j &gt;= i, which no other row touches, so the matrix is the same for every thread count. Rows are taken in
     * pairs (r, t - 1 - r) so that each chunk has about the same number of pairs.
     */
    private static void forEachRow(int t, java.util.function.IntConsumer row) {
        int half = (t + 1) / 2;
        io.snn4j.core.kernel.Parallel.forRange(half, 1000L * t, (from, to) -> {
            for (int r = from; r < to; r++) {
                row.accept(r);
                if (t - 1 - r != r) {
                    row.accept(t - 1 - r);
                }
            }
        });
    }

    // ---------------------------------------------------------------- information

    /** Mutual information by the JOINT method, in bits (see {@link #mutualInformation(List, List, MiMethod)}). */
    public static double mutualInformation(List<String> a, List<String> b) {
        return mutualInformation(a, b, MiMethod.JOINT);
    }

    /**
     * SymSeq's {@code mutual_information_strings}, in bits: {@code max(0, H(a) + H(b) - H(a, b))} with H
     * {@link StringMetrics#entropy(List)} (Shannon entropy of the symbol frequencies with the Miller-Madow
     * correction). The joint entropy {@code H(a, b)} is, for JOINT, the entropy of the concatenated string
     * {@code a + b} (so it is not the mutual information of a joint distribution, and the Miller-Madow terms need
     * not cancel); for ALIGNED, the entropy of the position-wise symbol pairs {@code (a_i, b_i)}.
     *
     * @throws IllegalArgumentException for ALIGNED when the strings have different lengths (SymSeq raises too)
     */
    public static double mutualInformation(List<String> a, List<String> b, MiMethod method) {
        checkString("mutual information", "a", a);
        checkString("mutual information", "b", b);
        checkNotNull("mutual information", "method", method);
        return mi(a, b, method, StringMetrics.entropy(a), StringMetrics.entropy(b));
    }

    /** MI given H(a) and H(b), which a pairwise matrix and NMI compute once. */
    private static double mi(List<String> a, List<String> b, MiMethod method, double ha, double hb) {
        double hxy;
        if (method == MiMethod.JOINT) {
            List<String> ab = new ArrayList<>(a.size() + b.size());
            ab.addAll(a);
            ab.addAll(b);
            hxy = StringMetrics.entropy(ab);
        } else {
            if (a.size() != b.size()) {
                throw new IllegalArgumentException("mutual information (aligned): the strings must have equal "
                        + "lengths, got " + a.size() + " and " + b.size());
            }
            // each distinct pair becomes one token, in order of first appearance, so the counts are the pairs'
            Map<List<String>, String> ids = new HashMap<>();
            List<String> pairs = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                pairs.add(ids.computeIfAbsent(Arrays.asList(a.get(i), b.get(i)),
                        k -> Integer.toString(ids.size())));
            }
            hxy = StringMetrics.entropy(pairs);
        }
        return Math.max(0.0, ha + hb - hxy);
    }

    /**
     * Normalised mutual information by the JOINT method (see
     * {@link #normalizedMutualInformation(List, List, MiMethod)}).
     */
    public static double normalizedMutualInformation(List<String> a, List<String> b) {
        return normalizedMutualInformation(a, b, MiMethod.JOINT);
    }

    /**
     * SymSeq's {@code normalized_mutual_information}: {@code 2 I(a; b) / (H(a) + H(b))}, clipped to [0, 1], with I
     * {@link #mutualInformation(List, List, MiMethod)} and H {@link StringMetrics#entropy(List)} (both in bits, so
     * the ratio has no unit). 0 when {@code H(a) + H(b) = 0} (both strings constant or empty).
     */
    public static double normalizedMutualInformation(List<String> a, List<String> b, MiMethod method) {
        checkString("mutual information", "a", a);
        checkString("mutual information", "b", b);
        checkNotNull("mutual information", "method", method);
        return nmi(a, b, method, StringMetrics.entropy(a), StringMetrics.entropy(b));
    }

    private static double nmi(List<String> a, List<String> b, MiMethod method, double ha, double hb) {
        double mi = mi(a, b, method, ha, hb);
        double den = ha + hb;
        if (den == 0) {
            return 0.0;
        }
        return Math.min(1.0, Math.max(0.0, 2 * mi / den));
    }

    /**
     * Pairwise mutual information by the JOINT method (see
     * {@link #pairwiseMutualInformation(List, Information, MiMethod)}).
     */
    public static double[][] pairwiseMutualInformation(List<List<String>> set) {
        return pairwiseMutualInformation(set, Information.MI, MiMethod.JOINT);
    }

    /**
     * SymSeq's {@code pairwise_mutual_information}: the symmetric T x T matrix of MI or NMI between strings i and
     * j, diagonal included (the MI of a string with itself). For ALIGNED a pair of unequal lengths is NaN. An empty
     * set gives a 0 x 0 matrix.
     */
    public static double[][] pairwiseMutualInformation(List<List<String>> set, Information metric, MiMethod method) {
        checkSet("pairwise mutual information", "the string set", set);
        checkNotNull("pairwise mutual information", "metric", metric);
        checkNotNull("pairwise mutual information", "method", method);
        int t = set.size();
        double[][] r = new double[t][t];
        double[] h = new double[t];
        for (int i = 0; i < t; i++) {
            h[i] = StringMetrics.entropy(set.get(i));
        }
        forEachRow(t, i -> {
            for (int j = i; j < t; j++) {
                List<String> a = set.get(i);
                List<String> b = set.get(j);
                double v;
                if (method == MiMethod.ALIGNED && a.size() != b.size()) {
                    v = Double.NaN;
                } else {
                    v = metric == Information.MI ? mi(a, b, method, h[i], h[j]) : nmi(a, b, method, h[i], h[j]);
                }
                r[i][j] = v;
                r[j][i] = v;
            }
        });
        return r;
    }

    /** String-set entropy with a uniform distribution over the distinct strings (SymSeq's default). */
    public static double stringSetEntropy(List<List<String>> set) {
        return stringSetEntropy(set, false);
    }

    /**
     * SymSeq's {@code string_set_entropy}, in bits: {@code H = -sum_s p_s log2(p_s + 1e-12)} over the distinct
     * strings s of the set, with {@code p_s = count_s / T} when {@code useFrequencies} (T strings), else
     * {@code 1 / U} for each of the U distinct strings (so about {@code log2 U}). The {@code 1e-12} is SymSeq's
     * guard and is kept: it lowers the value by about {@code U * 1.4e-12} bits. 0 for an empty set (SymSeq divides
     * by zero in the uniform case). SymSeq warns when T &lt; 20 (an unreliable estimate); this does not.
     */
    public static double stringSetEntropy(List<List<String>> set, boolean useFrequencies) {
        checkSet("string-set entropy", "the string set", set);
        if (set.isEmpty()) {
            return 0.0;
        }
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (List<String> s : set) {
            counts.merge(List.copyOf(s), 1, Integer::sum);
        }
        double h = 0;
        if (useFrequencies) {
            for (int c : counts.values()) {
                double p = (double) c / set.size();
                h -= p * (Math.log(p + 1e-12) / LN2);
            }
        } else {
            double p = 1.0 / counts.size();
            for (int i = 0; i < counts.size(); i++) {
                h -= p * (Math.log(p + 1e-12) / LN2);
            }
        }
        return h;
    }

    // ---------------------------------------------------------------- associative chunk strength

    /** Global ACS over bigrams and trigrams (see {@link #globalAcsKnowlton96(List, List, int, int)}). */
    public static double[] globalAcsKnowlton96(List<List<String>> train, List<List<String>> test) {
        return globalAcsKnowlton96(train, test, 2, 3);
    }

    /**
     * Global associative chunk strength (Knowlton and Squire 1996) as SymSeq's {@code global_acs_knowlton96}: for
     * each test string, the mean over all its n-grams, {@code nMin <= n <= nMax}, of the number of times that
     * n-gram occurs in the training strings (overlapping occurrences, pooled over the set). 0 for a test string
     * shorter than {@code nMin}.
     *
     * @return one value per test string, in order
     */
    public static double[] globalAcsKnowlton96(List<List<String>> train, List<List<String>> test, int nMin,
            int nMax) {
        String what = "global ACS (Knowlton 1996)";
        checkSet(what, "the training set", train);
        checkSet(what, "the test set", test);
        checkRange(what, nMin, nMax);
        List<Map<List<String>, Integer>> freq = new ArrayList<>();
        for (int n = nMin; n <= nMax; n++) {
            freq.add(ngramCounts(train, n));
        }
        double[] r = new double[test.size()];
        for (int t = 0; t < test.size(); t++) {
            List<String> s = test.get(t);
            long sum = 0;
            int total = 0;
            for (int n = nMin; n <= nMax; n++) {
                Map<List<String>, Integer> f = freq.get(n - nMin);
                for (int i = 0; i + n <= s.size(); i++) {
                    sum += f.getOrDefault(s.subList(i, i + n), 0);
                    total++;
                }
            }
            r[t] = total > 0 ? (double) sum / total : 0.0;
        }
        return r;
    }

    /** Anchor ACS over bigrams and trigrams (see {@link #anchorAcsKnowlton96(List, List, int, int)}). */
    public static double[] anchorAcsKnowlton96(List<List<String>> train, List<List<String>> test) {
        return anchorAcsKnowlton96(train, test, 2, 3);
    }

    /**
     * Anchor associative chunk strength (Knowlton and Squire 1996) as SymSeq's {@code anchor_acs_knowlton96}: for
     * each n with {@code nMin <= n <= nMax} and n no longer than the test string, half the sum of the number of
     * training strings that begin with the test string's first n-gram and the number that end with its last
     * n-gram; the value is the mean of these over those n, 0 when the test string is shorter than {@code nMin}.
     *
     * @return one value per test string, in order
     */
    public static double[] anchorAcsKnowlton96(List<List<String>> train, List<List<String>> test, int nMin,
            int nMax) {
        String what = "anchor ACS (Knowlton 1996)";
        checkSet(what, "the training set", train);
        checkSet(what, "the test set", test);
        checkRange(what, nMin, nMax);
        List<Map<List<String>, Integer>> first = new ArrayList<>();
        List<Map<List<String>, Integer>> last = new ArrayList<>();
        for (int n = nMin; n <= nMax; n++) {
            Map<List<String>, Integer> f = new HashMap<>();
            Map<List<String>, Integer> l = new HashMap<>();
            for (List<String> s : train) {
                if (s.size() >= n) {
                    f.merge(List.copyOf(s.subList(0, n)), 1, Integer::sum);
                    l.merge(List.copyOf(s.subList(s.size() - n, s.size())), 1, Integer::sum);
                }
            }
            first.add(f);
            last.add(l);
        }
        double[] r = new double[test.size()];
        for (int t = 0; t < test.size(); t++) {
            List<String> s = test.get(t);
            double sum = 0;
            int count = 0;
            for (int n = nMin; n <= nMax; n++) {
                if (s.size() >= n) {
                    int score = first.get(n - nMin).getOrDefault(s.subList(0, n), 0)
                            + last.get(n - nMin).getOrDefault(s.subList(s.size() - n, s.size()), 0);
                    sum += score / 2.0;
                    count++;
                }
            }
            r[t] = count > 0 ? sum / count : 0.0;
        }
        return r;
    }

    /** Bailey and Pothos ACS over bigrams and trigrams (see {@link #acsBailey2008(List, List, int, int)}). */
    public static double[] acsBailey2008(List<List<String>> train, List<List<String>> test) {
        return acsBailey2008(train, test, 2, 3);
    }

    /**
     * Chunk strength of Bailey and Pothos (2008) as SymSeq's {@code acs_bailey2008}: for each n with
     * {@code nMin <= n <= nMax}, a chunk g (n-gram) has strength {@code F(g) / (F(g) + E_n)}, where F(g) is the
     * number of occurrences of g in the training strings and {@code E_n} the mean of F over the distinct n-grams
     * that occur there (strength 0 when no training string has an n-gram). A test string's value is the mean
     * strength over all its n-grams of all those n, 0 when it is shorter than {@code nMin}.
     *
     * @return one value per test string, in order, in [0, 1)
     */
    public static double[] acsBailey2008(List<List<String>> train, List<List<String>> test, int nMin, int nMax) {
        String what = "ACS (Bailey 2008)";
        checkSet(what, "the training set", train);
        checkSet(what, "the test set", test);
        checkRange(what, nMin, nMax);
        double[] sum = new double[test.size()];
        int[] count = new int[test.size()];
        for (int n = nMin; n <= nMax; n++) {
            Map<List<String>, Integer> f = ngramCounts(train, n);
            long total = 0;
            for (int c : f.values()) {
                total += c;
            }
            double en = f.isEmpty() ? 0 : (double) total / f.size();
            for (int t = 0; t < test.size(); t++) {
                List<String> s = test.get(t);
                for (int i = 0; i + n <= s.size(); i++) {
                    int fg = f.getOrDefault(s.subList(i, i + n), 0);
                    sum[t] += en > 0 ? fg / (fg + en) : 0.0;
                    count[t]++;
                }
            }
        }
        double[] r = new double[test.size()];
        for (int t = 0; t < r.length; t++) {
            r[t] = count[t] > 0 ? sum[t] / count[t] : 0.0;
        }
        return r;
    }

    /** Occurrences of each n-gram in the strings of {@code set} (overlapping, pooled). */
    private static Map<List<String>, Integer> ngramCounts(List<List<String>> set, int n) {
        Map<List<String>, Integer> f = new HashMap<>();
        for (List<String> s : set) {
            for (int i = 0; i + n <= s.size(); i++) {
                f.merge(List.copyOf(s.subList(i, i + n)), 1, Integer::sum);
            }
        }
        return f;
    }

    private static void checkRange(String what, int nMin, int nMax) {
        if (nMin < 1 || nMax < nMin) {
            throw new IllegalArgumentException(what + ": the n-gram range must satisfy 1 <= nMin <= nMax, got nMin "
                    + nMin + ", nMax " + nMax);
        }
    }

    private static void checkNotNull(String what, String name, Object o) {
        if (o == null) {
            throw new IllegalArgumentException(what + ": " + name + " is null");
        }
    }

    private static void checkString(String what, String name, List<String> s) {
        if (s == null) {
            throw new IllegalArgumentException(what + ": string " + name + " is null");
        }
        for (int i = 0; i < s.size(); i++) {
            if (s.get(i) == null) {
                throw new IllegalArgumentException(what + ": symbol " + i + " of string " + name + " is null");
            }
        }
    }

    private static void checkSet(String what, String name, List<List<String>> set) {
        if (set == null) {
            throw new IllegalArgumentException(what + ": " + name + " is null");
        }
        for (int i = 0; i < set.size(); i++) {
            checkString(what, i + " of " + name, set.get(i));
        }
    }
}
