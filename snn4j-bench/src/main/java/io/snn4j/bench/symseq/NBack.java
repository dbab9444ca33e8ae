package io.snn4j.bench.symseq;

import io.snn4j.core.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * n-back sequences with an exact number of matches and optional lures, as SymSeq's {@code NBack}.
 *
 * <p>Position i (i >= n) is a match when {@code s[i] == s[i - n]}. Per sequence of length L: reserve
 * {@code round(pMatch (L - n))} match positions among [n, L) (or a Binomial count in SAMPLE mode), then, per lure
 * offset k, {@code round(pLure_k (L - max(n, n + k)))} lure positions among the free ones in
 * [max(n, n + k), L) (lag-1 lures at least 2 apart); fill: the first n positions uniformly, matches copy
 * {@code s[i - n]}, lures copy {@code s[i - (n + k)]}, other positions are uniform among the symbols that create no
 * accidental match (and, with {@code avoidAccidentalLures}, no accidental lure) and keep every lure from also
 * being a match. A sequence whose realised matches or lures differ from the plan is drawn again (up to
 * {@code maxAttempts} times). Every symbol string is admissible: "grammaticality" here is
 * {@link #conforms conformance} to the planned match count.
 */
public final class NBack {
    /** How the match count of a sequence is set. */
    public enum CountMode {
        /** Exactly {@code round(pMatch (L - n))} (SymSeq's default). */
        ROUND,
        /** {@code Binomial(L - n, pMatch)}. */
        SAMPLE
    }

    private final int n;
    private final int length;
    private final List<String> alphabet;
    private final double pMatch;
    private final int[] lureOffsets;
    private final double[] pLure;
    private final boolean avoidAccidentalMatches;
    private final boolean avoidAccidentalLures;
    private final CountMode countMode;
    private final int maxAttempts;

    private NBack(Builder b) {
        this.n = b.n;
        this.length = b.length;
        if (n < 1) {
            throw new IllegalArgumentException("n-back: n must be >= 1, got " + n);
        }
        if (b.alphabet != null) {
            List<String> a = new ArrayList<>(b.alphabet);
            a.sort(null);
            if (new HashSet<>(a).size() != a.size()) {
                throw new IllegalArgumentException("n-back: the alphabet has repeated symbols: " + b.alphabet);
            }
            this.alphabet = List.copyOf(a);
        } else {
            if (b.alphabetSize < 1) {
                throw new IllegalArgumentException("n-back: alphabet size must be >= 1, got " + b.alphabetSize);
            }
            List<String> a = new ArrayList<>();
            for (int i = 0; i < b.alphabetSize; i++) {
                a.add(Integer.toString(i));
            }
            a.sort(null);
            this.alphabet = List.copyOf(a);
        }
        if (!(b.pMatch >= 0 && b.pMatch <= 1)) {
            throw new IllegalArgumentException("n-back: pMatch must be in [0, 1], got " + b.pMatch);
        }
        this.pMatch = b.pMatch;
        this.lureOffsets = b.lureOffsets.clone();
        Set<Integer> seen = new HashSet<>();
        for (int k : lureOffsets) {
            if (k == 0) {
                throw new IllegalArgumentException("n-back: lure offsets must not contain 0 (that is a true match)");
            }
            if (n + k <= 0) {
                throw new IllegalArgumentException("n-back: invalid lure offset " + k + ": n + k must be >= 1 (n = "
                        + n + ")");
            }
            if (!seen.add(k)) {
                throw new IllegalArgumentException("n-back: lure offsets must be unique, got "
                        + Arrays.toString(lureOffsets));
            }
        }
        this.pLure = new double[lureOffsets.length];
        for (int i = 0; i < pLure.length; i++) {
            pLure[i] = b.pLure;
            if (!(pLure[i] >= 0 && pLure[i] <= 1)) {
                throw new IllegalArgumentException("n-back: pLure must be in [0, 1], got " + pLure[i]);
            }
        }
        this.avoidAccidentalMatches = b.avoidAccidentalMatches;
        this.avoidAccidentalLures = b.avoidAccidentalLures;
        if (alphabet.size() < 2 && (avoidAccidentalMatches || lureOffsets.length > 0)) {
            throw new IllegalArgumentException("n-back: the alphabet needs at least 2 symbols when accidental "
                    + "matches are avoided or lures are configured");
        }
        this.countMode = b.countMode;
        if (b.maxAttempts < 1) {
            throw new IllegalArgumentException("n-back: max attempts must be >= 1, got " + b.maxAttempts);
        }
        this.maxAttempts = b.maxAttempts;
        if (length <= n) {
            throw new IllegalArgumentException("n-back: sequence length must be > n (length " + length + ", n = " + n
                    + ")");
        }
        for (int k : lureOffsets) {
            if (Math.max(n, n + k) >= length) {
                throw new IllegalArgumentException("n-back: lure offset " + k + " has no room in a sequence of "
                        + length + " (n = " + n + ")");
            }
        }
        int total = intendedMatches();
        for (int c : intendedLures().values()) {
            total += c;
        }
        if (total > length - n) {
            throw new IllegalArgumentException("n-back: cannot fit " + intendedMatches() + " matches and "
                    + (total - intendedMatches()) + " lures into " + (length - n) + " positions (length " + length
                    + ", n = " + n + ")");
        }
    }

    /** Starts an n-back generator (SymSeq's defaults: length 30, 8 symbols, pMatch 0.3, no lures). */
    public static Builder builder(int n) {
        return new Builder(n);
    }

    /** Options of {@link NBack}. */
    public static final class Builder {
        private final int n;
        private int length = 30;
        private List<String> alphabet;
        private int alphabetSize = 8;
        private double pMatch = 0.3;
        private int[] lureOffsets = new int[0];
        private double pLure;
        private boolean avoidAccidentalMatches = true;
        private boolean avoidAccidentalLures;
        private CountMode countMode = CountMode.ROUND;
        private int maxAttempts = 100;

        private Builder(int n) {
            this.n = n;
        }

        public Builder length(int l) {
            this.length = l;
            return this;
        }

        /** Symbols {@code "0", "1", ...} (8). */
        public Builder alphabetSize(int a) {
            this.alphabetSize = a;
            this.alphabet = null;
            return this;
        }

        public Builder alphabet(List<String> a) {
            this.alphabet = List.copyOf(a);
            return this;
        }

        public Builder pMatch(double p) {
            this.pMatch = p;
            return this;
        }

        /** Lure lags relative to n, e.g. {@code -1, 1} for (n-1)- and (n+1)-back lures; one rate for all. */
        public Builder lures(double rate, int... offsets) {
            this.lureOffsets = offsets.clone();
            this.pLure = rate;
            return this;
        }

        public Builder avoidAccidentalMatches(boolean a) {
            this.avoidAccidentalMatches = a;
            return this;
        }

        public Builder avoidAccidentalLures(boolean a) {
            this.avoidAccidentalLures = a;
            return this;
        }

        public Builder countMode(CountMode m) {
            this.countMode = m;
            return this;
        }

        public Builder maxAttempts(int m) {
            this.maxAttempts = m;
            return this;
        }

        public NBack build() {
            return new NBack(this);
        }
    }

    public int n() {
        return n;
    }

    public int length() {
        return length;
    }

    public List<String> alphabet() {
        return alphabet;
    }

    /** {@code round(pMatch (L - n))}, half to even as NumPy/Python round. */
    public int intendedMatches() {
        return (int) Math.rint(pMatch * (length - n));
    }

    /** Planned lures per offset. */
    public Map<Integer, Integer> intendedLures() {
        Map<Integer, Integer> r = new LinkedHashMap<>();
        for (int i = 0; i < lureOffsets.length; i++) {
            int k = lureOffsets[i];
            r.put(k, (int) Math.rint(pLure[i] * (length - Math.max(n, n + k))));
        }
        return r;
    }

    private static final int BURN_IN = -2;
    private static final int FILLER = -1;
    private static final int MATCH = 0;

    /** A sequence as planned (see the class comment). */
    public List<String> generateString(Rng rng) {
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            int[] role = allocate(rng);
            if (role == null) {
                continue;
            }
            String[] seq = fill(role, rng);
            if (seq != null && verify(seq, role)) {
                return List.of(seq);
            }
        }
        throw new IllegalStateException("n-back: no valid sequence in " + maxAttempts
                + " attempts; use more symbols or fewer matches and lures");
    }

    /** Roles: BURN_IN, FILLER, MATCH, or 1 + index of the lure offset. */
    private int[] allocate(Rng rng) {
        int[] role = new int[length];
        Arrays.fill(role, FILLER);
        for (int i = 0; i < n; i++) {
            role[i] = BURN_IN;
        }
        int nMatch = countMode == CountMode.ROUND ? intendedMatches() : binomial(rng, length - n, pMatch);
        List<Integer> eligible = new ArrayList<>();
        for (int i = n; i < length; i++) {
            eligible.add(i);
        }
        for (int i : choose(rng, eligible, nMatch)) {
            role[i] = MATCH;
        }
        Map<Integer, Integer> planned = intendedLures();
        for (int li = 0; li < lureOffsets.length; li++) {
            int k = lureOffsets[li];
            int start = Math.max(n, n + k);
            List<Integer> free = new ArrayList<>();
            for (int i = start; i < length; i++) {
                if (role[i] == FILLER) {
                    free.add(i);
                }
            }
            int count = countMode == CountMode.ROUND ? planned.get(k) : binomial(rng, length - start, pLure[li]);
            List<Integer> chosen;
            if (n + k == 1) {
                chosen = chooseSpaced(rng, free, count);
                if (chosen == null) {
                    throw new IllegalStateException("n-back: cannot place " + count + " lag-1 lures (offset " + k
                            + ") at least 2 apart in [" + start + ", " + length + ")");
                }
            } else {
                if (count > free.size()) {
                    throw new IllegalStateException("n-back: cannot place " + count + " lures at offset " + k
                            + ": only " + free.size() + " positions free");
                }
                chosen = choose(rng, free, count);
            }
            for (int i : chosen) {
                role[i] = 1 + li;
            }
        }
        return role;
    }

    private static int binomial(Rng rng, int trials, double p) {
        int c = 0;
        for (int i = 0; i < trials; i++) {
            if (rng.nextDouble() < p) {
                c++;
            }
        }
        return c;
    }

    private static List<Integer> choose(Rng rng, List<Integer> from, int k) {
        int[] idx = new int[from.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        List<Integer> r = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            r.add(from.get(idx[i]));
        }
        return r;
    }

    private static List<Integer> chooseSpaced(Rng rng, List<Integer> from, int k) {
        if (k == 0) {
            return List.of();
        }
        int[] order = new int[from.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
        List<Integer> chosen = new ArrayList<>();
        for (int o : order) {
            int pos = from.get(o);
            boolean ok = true;
            for (int c : chosen) {
                ok &= Math.abs(pos - c) >= 2;
            }
            if (ok) {
                chosen.add(pos);
                if (chosen.size() == k) {
                    return chosen;
                }
            }
        }
        return null;
    }

    private String[] fill(int[] role, Rng rng) {
        // positions whose value must differ from an earlier one so that a lure is not also a match
        Map<Integer, List<Integer>> extra = new LinkedHashMap<>();
        for (int i = 0; i < length; i++) {
            if (role[i] > 0) {
                int k = lureOffsets[role[i] - 1];
                int lureSrc = i - (n + k);
                int matchSrc = i - n;
                extra.computeIfAbsent(Math.max(lureSrc, matchSrc), x -> new ArrayList<>())
                        .add(Math.min(lureSrc, matchSrc));
            }
        }
        String[] s = new String[length];
        for (int i = 0; i < length; i++) {
            if (role[i] == BURN_IN) {
                s[i] = alphabet.get(rng.nextInt(alphabet.size()));
            } else if (role[i] == MATCH) {
                s[i] = s[i - n];
            } else if (role[i] > 0) {
                s[i] = s[i - (n + lureOffsets[role[i] - 1])];
            } else {
                Set<String> forbidden = new HashSet<>();
                if (avoidAccidentalMatches && i >= n) {
                    forbidden.add(s[i - n]);
                }
                if (avoidAccidentalLures) {
                    for (int k : lureOffsets) {
                        int src = i - (n + k);
                        if (src >= 0 && src < i) {
                            forbidden.add(s[src]);
                        }
                    }
                }
                for (int src : extra.getOrDefault(i, List.of())) {
                    if (src >= 0 && src < i && s[src] != null) {
                        forbidden.add(s[src]);
                    }
                }
                List<String> allowed = new ArrayList<>();
                for (String a : alphabet) {
                    if (!forbidden.contains(a)) {
                        allowed.add(a);
                    }
                }
                if (allowed.isEmpty()) {
                    return null;
                }
                s[i] = allowed.get(rng.nextInt(allowed.size()));
            }
        }
        return s;
    }

    private boolean verify(String[] s, int[] role) {
        for (int i = n; i < length; i++) {
            boolean match = s[i].equals(s[i - n]);
            if (role[i] == MATCH && !match) {
                return false;
            }
            if (avoidAccidentalMatches && match && role[i] != MATCH) {
                return false;
            }
        }
        for (int li = 0; li < lureOffsets.length; li++) {
            int k = lureOffsets[li];
            for (int i = Math.max(n, n + k); i < length; i++) {
                boolean lure = !s[i].equals(s[i - n]) && s[i].equals(s[i - (n + k)]);
                if (role[i] == 1 + li && !lure) {
                    return false;
                }
                if (avoidAccidentalLures && lure && role[i] != 1 + li) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Per position: -1 for the first n, 1 for an n-back match, 0 otherwise (SymSeq's {@code label_sequence}). */
    public int[] labels(List<String> s) {
        int[] r = new int[s.size()];
        for (int i = 0; i < s.size(); i++) {
            r[i] = i < n ? -1 : (s.get(i).equals(s.get(i - n)) ? 1 : 0);
        }
        return r;
    }

    /**
     * Per position: -1 burn-in, 1 match, 2 + j a lure at {@code lureOffsets[j]} (the first that applies), 0 otherwise
     * (SymSeq's {@code label_sequence_multiclass}).
     */
    public int[] multiclassLabels(List<String> s) {
        int[] r = new int[s.size()];
        for (int i = 0; i < s.size(); i++) {
            if (i < n) {
                r[i] = -1;
                continue;
            }
            if (s.get(i).equals(s.get(i - n))) {
                r[i] = 1;
                continue;
            }
            for (int j = 0; j < lureOffsets.length; j++) {
                int src = i - (n + lureOffsets[j]);
                if (src >= 0 && src < s.size() && s.get(i).equals(s.get(src))) {
                    r[i] = 2 + j;
                    break;
                }
            }
        }
        return r;
    }

    /** Number of n-back matches in the sequence. */
    public int matchCount(List<String> s) {
        int c = 0;
        for (int v : labels(s)) {
            c += v == 1 ? 1 : 0;
        }
        return c;
    }

    /**
     * Whether a sequence could have come from this generator: its length, symbols from the alphabet and, in ROUND
     * mode, exactly the planned number of matches.
     */
    public boolean conforms(List<String> s) {
        if (s.size() != length || !alphabet.containsAll(s)) {
            return false;
        }
        return countMode != CountMode.ROUND || matchCount(s) == intendedMatches();
    }
}
