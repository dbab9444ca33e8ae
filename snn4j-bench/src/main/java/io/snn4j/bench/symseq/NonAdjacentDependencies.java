package io.snn4j.bench.symseq;

import io.snn4j.core.Rng;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strings with non-adjacent dependencies between paired symbols {@code (A_i, B_i)}, as SymSeq's
 * {@code NonAdjacentDependencies}, {@code NestedNonAdjacentDependencies} and
 * {@code CrossedNonAdjacentDependencies}.
 * <ul>
 *   <li>ADJACENT ({@code nad}): one frame {@code A_i X ... X B_i} with {@code fillerLength} fillers between the
 *       dependents (SymSeq's {@code NonAdjacentDependencies}; {@code fillerLength = 0} makes the pair truly
 *       adjacent). The pair is uniform; the fillers are one filler, uniform, repeated, or with
 *       {@code randomizeFillers} each drawn uniformly.</li>
 *   <li>NESTED: {@code A_i1 A_i2 ... A_id B_id ... B_i2 B_i1} (mirror order, context-free).</li>
 *   <li>CROSSED: {@code A_i1 A_i2 ... A_id B_i1 B_i2 ... B_id} (same order, context-sensitive).</li>
 * </ul>
 * For NESTED and CROSSED the d = {@code depth} pairs of a string are distinct and in random order; SymSeq always
 * uses all pairs ({@code depth} = number of pairs, the default).
 *
 * <p>Violations (non-grammatical strings) replace one closing symbol {@code B} by a different closing symbol: the
 * last one for ADJACENT (SymSeq's {@code _apply_non_matching_frames}), a random one for NESTED and CROSSED (SymSeq
 * does not implement violations for these).
 */
public final class NonAdjacentDependencies {
    /** The dependency structure. */
    public enum Kind {
        ADJACENT, NESTED, CROSSED
    }

    private final Kind kind;
    private final List<String> openers;
    private final List<String> closers;
    private final List<String> fillers;
    private final int fillerLength;
    private final boolean randomizeFillers;
    private final int depth;
    private final List<String> alphabet;

    private NonAdjacentDependencies(Builder b) {
        this.kind = b.kind;
        String what = "non-adjacent dependencies (" + kind.name().toLowerCase(Locale.ROOT) + ")";
        if (b.pairs < 1) {
            throw new IllegalArgumentException(what + ": the number of dependency pairs must be >= 1, got "
                    + b.pairs);
        }
        List<String> o = new ArrayList<>();
        List<String> c = new ArrayList<>();
        for (int i = 0; i < b.pairs; i++) {
            o.add("A" + i);
            c.add("B" + i);
        }
        this.openers = List.copyOf(o);
        this.closers = List.copyOf(c);
        if (kind == Kind.ADJACENT) {
            if (b.fillers < 0 || (b.fillers == 0 && b.fillerLength > 0)) {
                throw new IllegalArgumentException(what + ": the number of distinct fillers must be >= 1 when "
                        + "fillers are placed (filler length " + b.fillerLength + "), got " + b.fillers);
            }
            if (b.fillerLength < 0) {
                throw new IllegalArgumentException(what + ": filler length must be >= 0, got " + b.fillerLength);
            }
        }
        List<String> f = new ArrayList<>();
        for (int i = 0; kind == Kind.ADJACENT && i < b.fillers; i++) {
            f.add("X" + i);
        }
        this.fillers = List.copyOf(f);
        this.fillerLength = b.fillerLength;
        this.randomizeFillers = b.randomizeFillers;
        int d = b.depth == 0 ? b.pairs : b.depth;
        if (kind != Kind.ADJACENT && (d < 1 || d > b.pairs)) {
            throw new IllegalArgumentException(what + ": depth (pairs per string) must be in [1, " + b.pairs
                    + "], got " + b.depth);
        }
        this.depth = kind == Kind.ADJACENT ? 1 : d;
        TreeSet<String> all = new TreeSet<>(openers);
        all.addAll(closers);
        all.addAll(fillers);
        this.alphabet = List.copyOf(all);
    }

    /** Starts a generator of the given kind. */
    public static Builder builder(Kind kind) {
        return new Builder(kind);
    }

    /** Options of {@link NonAdjacentDependencies}. */
    public static final class Builder {
        private final Kind kind;
        private int pairs = 2;
        private int fillers = 1;
        private int fillerLength = 1;
        private boolean randomizeFillers;
        private int depth;

        private Builder(Kind kind) {
            if (kind == null) {
                throw new IllegalArgumentException("non-adjacent dependencies: kind is null; valid: adjacent, "
                        + "nested, crossed");
            }
            this.kind = kind;
        }

        /** Number of dependency pairs {@code (A_i, B_i)} (2). */
        public Builder pairs(int n) {
            this.pairs = n;
            return this;
        }

        /** Number of distinct fillers {@code X_i} (1; ADJACENT only). */
        public Builder fillers(int n) {
            this.fillers = n;
            return this;
        }

        /** Fillers between the dependents (1; ADJACENT only). */
        public Builder fillerLength(int n) {
            this.fillerLength = n;
            return this;
        }

        /** Draw each filler independently instead of repeating one (false). */
        public Builder randomizeFillers(boolean r) {
            this.randomizeFillers = r;
            return this;
        }

        /** Pairs per string for NESTED and CROSSED (0: all pairs, as SymSeq). */
        public Builder depth(int d) {
            this.depth = d;
            return this;
        }

        public NonAdjacentDependencies build() {
            return new NonAdjacentDependencies(this);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** All symbols, sorted. */
    public List<String> alphabet() {
        return alphabet;
    }

    /** A grammatical string. */
    public List<String> generateString(Rng rng) {
        List<String> s = new ArrayList<>();
        if (kind == Kind.ADJACENT) {
            int i = rng.nextInt(openers.size());
            s.add(openers.get(i));
            if (fillerLength > 0) {
                String one = fillers.get(rng.nextInt(fillers.size()));
                for (int k = 0; k < fillerLength; k++) {
                    s.add(randomizeFillers ? fillers.get(rng.nextInt(fillers.size())) : one);
                }
            }
            s.add(closers.get(i));
            return List.copyOf(s);
        }
        int[] perm = new int[openers.size()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        rng.shuffle(perm);
        for (int k = 0; k < depth; k++) {
            s.add(openers.get(perm[k]));
        }
        for (int k = 0; k < depth; k++) {
            int p = kind == Kind.NESTED ? perm[depth - 1 - k] : perm[k];
            s.add(closers.get(p));
        }
        return List.copyOf(s);
    }

    /**
     * Whether the string has this structure: ADJACENT, an opener, {@code fillerLength} fillers (all the same unless
     * fillers are randomised) and the matching closer; NESTED / CROSSED, {@code depth} openers then {@code depth}
     * closers, each closer matching the opener in mirror (NESTED) or same (CROSSED) order.
     */
    public boolean isGrammatical(List<String> s) {
        if (kind == Kind.ADJACENT) {
            if (s.size() != fillerLength + 2) {
                return false;
            }
            int i = openers.indexOf(s.get(0));
            if (i < 0 || !closers.get(i).equals(s.get(s.size() - 1))) {
                return false;
            }
            for (int k = 1; k <= fillerLength; k++) {
                if (!fillers.contains(s.get(k)) || (!randomizeFillers && !s.get(k).equals(s.get(1)))) {
                    return false;
                }
            }
            return true;
        }
        if (s.size() != 2 * depth) {
            return false;
        }
        Set<String> used = new HashSet<>();
        for (int k = 0; k < depth; k++) {
            int i = openers.indexOf(s.get(k));
            if (i < 0 || !used.add(s.get(k))) {
                return false;
            }
            int p = kind == Kind.NESTED ? 2 * depth - 1 - k : depth + k;
            if (!closers.get(i).equals(s.get(p))) {
                return false;
            }
        }
        return true;
    }

    /** A non-grammatical string: a grammatical one with one closer replaced by another closer. */
    public List<String> generateNongrammatical(Rng rng) {
        if (closers.size() < 2) {
            throw new IllegalArgumentException("non-adjacent dependencies: violations need at least 2 dependency "
                    + "pairs");
        }
        List<String> s = new ArrayList<>(generateString(rng));
        int pos = kind == Kind.ADJACENT ? s.size() - 1 : depth + rng.nextInt(depth);
        List<String> others = new ArrayList<>();
        for (String c : closers) {
            if (!c.equals(s.get(pos))) {
                others.add(c);
            }
        }
        s.set(pos, others.get(rng.nextInt(others.size())));
        return List.copyOf(s);
    }

    /** Parses a kind name ({@code adjacent}, {@code nested}, {@code crossed}), case-insensitively. */
    public static Kind kind(String name) {
        try {
            return Kind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("non-adjacent dependencies: unknown kind '" + name
                    + "'; valid: adjacent, nested, crossed");
        }
    }
}
