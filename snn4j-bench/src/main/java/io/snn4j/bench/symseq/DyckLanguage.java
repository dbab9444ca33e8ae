package io.snn4j.bench.symseq;

import io.snn4j.core.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * k-Dyck languages (well-nested strings over k bracket types), as SymSeq's {@code DyckGenerator}.
 *
 * <p>Brackets default to {@code (a, A), (b, B), ...}; distractors (symbols that may be inserted anywhere and are
 * ignored by the grammar) default to {@code "0", "1"}, inserted only when asked. Two generation modes:
 * <ul>
 *   <li>STACK: start with one random opening bracket; while brackets are open, open another (type uniform) with
 *       probability {@code pOpen} (in (0, 0.5), so strings stay finite), otherwise close the innermost. Variable
 *       length.</li>
 *   <li>UNIFORM: exactly {@code targetPairs} pairs, the bracket structure uniform over the Catalan-many
 *       structures (the outermost pair encloses k pairs with probability {@code C_k C_(n-1-k) / C_n}, recursively),
 *       each pair's type uniform.</li>
 * </ul>
 * With {@code maxDepth > 0}, strings deeper than that are rejected and drawn again (up to 1000 times).
 */
public final class DyckLanguage {
    /** How strings are drawn. */
    public enum Mode {
        STACK, UNIFORM
    }

    /** The ways {@link #generateNongrammatical} corrupts a string, SymSeq's strategies. */
    public enum Violation {
        /** A closing bracket becomes another closing bracket. */
        REPLACE_CLOSE,
        /** A closing bracket is inserted at a random position. */
        INSERT_EXTRA_CLOSE,
        /** A random symbol is deleted. */
        DELETE_TOKEN,
        /** Two adjacent symbols are swapped. */
        SWAP_ADJACENT,
        /** The string is cut at a random position. */
        TRUNCATE
    }

    private static final int MAX_PAIRS = 35;
    private final Mode mode;
    private final List<String> opens;
    private final List<String> closes;
    private final Map<String, String> closeToOpen = new LinkedHashMap<>();
    private final List<String> distractors;
    private final double pOpen;
    private final int targetPairs;
    private final int maxDepth;
    private final List<String> alphabet;

    private DyckLanguage(Builder b) {
        this.mode = b.mode;
        if (b.opens == null) {
            if (b.k < 1 || b.k > 26) {
                throw new IllegalArgumentException("Dyck language: k (bracket types) must be in [1, 26] with the "
                        + "default brackets, got " + b.k);
            }
            List<String> o = new ArrayList<>();
            List<String> c = new ArrayList<>();
            for (int i = 0; i < b.k; i++) {
                o.add(String.valueOf((char) ('a' + i)));
                c.add(String.valueOf((char) ('A' + i)));
            }
            this.opens = List.copyOf(o);
            this.closes = List.copyOf(c);
        } else {
            this.opens = List.copyOf(b.opens);
            this.closes = List.copyOf(b.closes);
        }
        for (int i = 0; i < opens.size(); i++) {
            if (closeToOpen.put(closes.get(i), opens.get(i)) != null || opens.contains(closes.get(i))) {
                throw new IllegalArgumentException("Dyck language: bracket symbols must all differ, '"
                        + closes.get(i) + "' is used twice");
            }
        }
        if (new TreeSet<>(opens).size() != opens.size()) {
            throw new IllegalArgumentException("Dyck language: opening brackets must all differ: " + opens);
        }
        List<String> d = b.distractors != null ? b.distractors : defaultDistractors(b.nDistractors);
        for (String x : d) {
            if (opens.contains(x) || closes.contains(x)) {
                throw new IllegalArgumentException("Dyck language: distractor '" + x
                        + "' is also a bracket symbol");
            }
        }
        this.distractors = List.copyOf(d);
        if (mode == Mode.STACK && !(b.pOpen > 0 && b.pOpen < 0.5)) {
            throw new IllegalArgumentException("Dyck language: in stack mode pOpen must be in (0, 0.5), got "
                    + b.pOpen);
        }
        if (mode == Mode.UNIFORM && (b.targetPairs < 1 || b.targetPairs > MAX_PAIRS)) {
            throw new IllegalArgumentException("Dyck language: in uniform mode the number of pairs must be in [1, "
                    + MAX_PAIRS + "], got " + b.targetPairs);
        }
        if (b.maxDepth < 0) {
            throw new IllegalArgumentException("Dyck language: max depth must be >= 1, or 0 for none; got "
                    + b.maxDepth);
        }
        this.pOpen = b.pOpen;
        this.targetPairs = b.targetPairs;
        this.maxDepth = b.maxDepth;
        TreeSet<String> all = new TreeSet<>(opens);
        all.addAll(closes);
        all.addAll(distractors);
        this.alphabet = List.copyOf(all);
    }

    private static List<String> defaultDistractors(int n) {
        if (n < 0 || n > 10) {
            throw new IllegalArgumentException("Dyck language: default distractors are the digits, so their number "
                    + "must be in [0, 10], got " + n);
        }
        List<String> d = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            d.add(Integer.toString(i));
        }
        return d;
    }

    /** Starts a k-Dyck language in the given mode. */
    public static Builder builder(int k, Mode mode) {
        return new Builder(k, mode);
    }

    /** Options of a {@link DyckLanguage}. */
    public static final class Builder {
        private final int k;
        private final Mode mode;
        private List<String> opens;
        private List<String> closes;
        private List<String> distractors;
        private int nDistractors = 2;
        private double pOpen = 0.3;
        private int targetPairs;
        private int maxDepth;

        private Builder(int k, Mode mode) {
            if (mode == null) {
                throw new IllegalArgumentException("Dyck language: mode is null; valid: stack, uniform");
            }
            this.k = k;
            this.mode = mode;
        }

        /** Custom brackets: {@code opens[i]} closes with {@code closes[i]}; there must be k of each. */
        public Builder brackets(List<String> openSymbols, List<String> closeSymbols) {
            if (openSymbols.size() != k || closeSymbols.size() != k) {
                throw new IllegalArgumentException("Dyck language: " + openSymbols.size() + " opening and "
                        + closeSymbols.size() + " closing brackets given for k = " + k);
            }
            this.opens = List.copyOf(openSymbols);
            this.closes = List.copyOf(closeSymbols);
            return this;
        }

        /** Probability of opening while brackets are open, stack mode (0.3). */
        public Builder pOpen(double p) {
            this.pOpen = p;
            return this;
        }

        /** Pairs per string, uniform mode. */
        public Builder targetPairs(int n) {
            this.targetPairs = n;
            return this;
        }

        /** Deepest nesting allowed, 0 for no limit (0). */
        public Builder maxDepth(int d) {
            this.maxDepth = d;
            return this;
        }

        /** Custom distractor symbols (replaces the default digits). */
        public Builder distractors(List<String> d) {
            this.distractors = List.copyOf(d);
            return this;
        }

        /** Number of default digit distractors (2). */
        public Builder defaultDistractors(int n) {
            this.nDistractors = n;
            return this;
        }

        public DyckLanguage build() {
            return new DyckLanguage(this);
        }
    }

    /** All symbols (opening and closing brackets, distractors), sorted. */
    public List<String> alphabet() {
        return alphabet;
    }

    public List<String> openBrackets() {
        return opens;
    }

    public List<String> closeBrackets() {
        return closes;
    }

    public List<String> distractors() {
        return distractors;
    }

    public Mode mode() {
        return mode;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** A well-nested string within the depth limit, without distractors. */
    public List<String> generateString(Rng rng) {
        return generateString(rng, 0);
    }

    /** A well-nested string within the depth limit with {@code nDistractors} distractors inserted at random. */
    public List<String> generateString(Rng rng, int nDistractors) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            List<String> s = mode == Mode.STACK ? sampleStack(rng) : sampleUniform(rng, targetPairs);
            if (respectsMaxDepth(s)) {
                return injectDistractors(s, nDistractors, rng);
            }
        }
        throw new IllegalStateException("Dyck language: no string within max depth " + maxDepth
                + " in 1000 attempts; raise maxDepth or lower pOpen");
    }

    private List<String> sampleStack(Rng rng) {
        List<String> s = new ArrayList<>();
        ArrayList<Integer> stack = new ArrayList<>();
        int first = rng.nextInt(opens.size());
        s.add(opens.get(first));
        stack.add(first);
        while (!stack.isEmpty()) {
            if (rng.nextDouble() < pOpen) {
                int t = rng.nextInt(opens.size());
                s.add(opens.get(t));
                stack.add(t);
            } else {
                s.add(closes.get(stack.remove(stack.size() - 1)));
            }
        }
        return s;
    }

    private List<String> sampleUniform(Rng rng, int pairs) {
        long[] c = catalan(pairs);
        List<String> out = new ArrayList<>(2 * pairs);
        fill(out, pairs, c, rng);
        return out;
    }

    private void fill(List<String> out, int n, long[] c, Rng rng) {
        if (n == 0) {
            return;
        }
        long total = c[n];
        long r = uniformLong(rng, total);
        int k = 0;
        long acc = 0;
        for (; k < n; k++) {
            acc += c[k] * c[n - 1 - k];
            if (r < acc) {
                break;
            }
        }
        int t = rng.nextInt(opens.size());
        out.add(opens.get(t));
        fill(out, k, c, rng);
        out.add(closes.get(t));
        fill(out, n - 1 - k, c, rng);
    }

    private static long uniformLong(Rng rng, long bound) {
        long limit = Long.MAX_VALUE - Long.MAX_VALUE % bound;
        long v;
        do {
            v = rng.nextLong() >>> 1;
        } while (v >= limit);
        return v % bound;
    }

    /** Catalan numbers C_0..C_n (exact in a long up to n = 35). */
    public static long[] catalan(int n) {
        if (n < 0 || n > 35) {
            throw new IllegalArgumentException("Catalan numbers: n must be in [0, 35], got " + n);
        }
        long[] c = new long[n + 1];
        c[0] = 1;
        for (int m = 1; m <= n; m++) {
            long s = 0;
            for (int k = 0; k < m; k++) {
                s += c[k] * c[m - 1 - k];
            }
            c[m] = s;
        }
        return c;
    }

    private List<String> injectDistractors(List<String> s, int n, Rng rng) {
        if (n < 0) {
            throw new IllegalArgumentException("Dyck language: number of distractors must be >= 0, got " + n);
        }
        if (n == 0 || distractors.isEmpty()) {
            return List.copyOf(s);
        }
        List<String> t = new ArrayList<>(s);
        for (int i = 0; i < n; i++) {
            int pos = rng.nextInt(t.size() + 1);
            t.add(pos, distractors.get(rng.nextInt(distractors.size())));
        }
        return List.copyOf(t);
    }

    /**
     * Whether the brackets are balanced and properly nested, distractors ignored (SymSeq's {@code _is_valid_dyck});
     * a symbol that is neither bracket nor distractor makes the string invalid. The empty string is valid.
     */
    public boolean isValid(List<String> s) {
        ArrayList<String> stack = new ArrayList<>();
        for (String tok : s) {
            if (distractors.contains(tok)) {
                continue;
            }
            if (opens.contains(tok)) {
                stack.add(tok);
            } else if (closeToOpen.containsKey(tok)) {
                if (stack.isEmpty() || !stack.get(stack.size() - 1).equals(closeToOpen.get(tok))) {
                    return false;
                }
                stack.remove(stack.size() - 1);
            } else {
                return false;
            }
        }
        return stack.isEmpty();
    }

    /** Whether no prefix has more than {@code maxDepth} open brackets (always true without a limit). */
    public boolean respectsMaxDepth(List<String> s) {
        if (maxDepth == 0) {
            return true;
        }
        int depth = 0;
        for (String tok : s) {
            if (opens.contains(tok)) {
                if (++depth > maxDepth) {
                    return false;
                }
            } else if (closeToOpen.containsKey(tok)) {
                depth--;
            }
        }
        return true;
    }

    /** Whether the string belongs to this language: {@link #isValid} and {@link #respectsMaxDepth}, non-empty. */
    public boolean isGrammatical(List<String> s) {
        return !s.isEmpty() && isValid(s) && respectsMaxDepth(s);
    }

    /**
     * An invalid string: a generated string corrupted {@code nDeviants} times, each time by a strategy drawn
     * uniformly from {@code strategies} (all five when empty), drawn again until the result is not valid (SymSeq's
     * {@code generate_nongrammatical_strings} with {@code verify_illegal}).
     */
    public List<String> generateNongrammatical(Rng rng, int nDeviants, List<Violation> strategies) {
        if (nDeviants < 1) {
            throw new IllegalArgumentException("Dyck language: the number of deviants must be >= 1, got "
                    + nDeviants);
        }
        List<Violation> strat = strategies == null || strategies.isEmpty() ? Arrays.asList(Violation.values())
                : strategies;
        for (int attempt = 0; attempt < 1000; attempt++) {
            List<String> s = new ArrayList<>(generateString(rng));
            for (int i = 0; i < nDeviants; i++) {
                s = violate(s, strat.get(rng.nextInt(strat.size())), rng);
            }
            if (!isValid(s)) {
                return List.copyOf(s);
            }
        }
        throw new IllegalStateException("Dyck language: could not produce an invalid string in 1000 attempts");
    }

    private List<String> violate(List<String> s, Violation v, Rng rng) {
        if (s.isEmpty()) {
            return s;
        }
        List<String> t = new ArrayList<>(s);
        switch (v) {
            case REPLACE_CLOSE -> {
                List<Integer> pos = new ArrayList<>();
                for (int i = 0; i < t.size(); i++) {
                    if (closeToOpen.containsKey(t.get(i))) {
                        pos.add(i);
                    }
                }
                if (!pos.isEmpty()) {
                    int i = pos.get(rng.nextInt(pos.size()));
                    List<String> wrong = new ArrayList<>();
                    for (String c : closes) {
                        if (!c.equals(t.get(i))) {
                            wrong.add(c);
                        }
                    }
                    if (!wrong.isEmpty()) {
                        t.set(i, wrong.get(rng.nextInt(wrong.size())));
                    }
                }
            }
            case INSERT_EXTRA_CLOSE -> t.add(rng.nextInt(t.size() + 1), closes.get(rng.nextInt(closes.size())));
            case DELETE_TOKEN -> t.remove(rng.nextInt(t.size()));
            case SWAP_ADJACENT -> {
                if (t.size() >= 2) {
                    int i = rng.nextInt(t.size() - 1);
                    String x = t.get(i);
                    t.set(i, t.get(i + 1));
                    t.set(i + 1, x);
                }
            }
            case TRUNCATE -> {
                if (t.size() > 1) {
                    t = new ArrayList<>(t.subList(0, 1 + rng.nextInt(t.size() - 1)));
                }
            }
            default -> throw new AssertionError(v);
        }
        return t;
    }

    /** Parses a mode name ({@code stack}, {@code uniform}), case-insensitively. */
    public static Mode mode(String name) {
        try {
            return Mode.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Dyck language: unknown mode '" + name + "'; valid: stack, uniform");
        }
    }
}
