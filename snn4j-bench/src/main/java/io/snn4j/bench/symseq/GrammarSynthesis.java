package io.snn4j.bench.symseq;

import io.snn4j.core.Rng;
import java.util.ArrayList;
import java.util.Locale;

/**
 * Random regular grammars built to a target topological entropy, after SymSeq's
 * {@code ag/synthesis.generate_grammar_with_target_te_complexity}: Glauber dynamics on the transition graph.
 *
 * <p>The grammar has one state per symbol ({@code A, B, C, ...}), {@code startStates} start and
 * {@code terminalStates} terminal states chosen at random, and equiprobable transitions. Its graph starts as a
 * random digraph (each edge between distinct symbols present with probability {@code density}); each step proposes
 * to remove a random edge (with probability equal to the current edge density) or to add a missing one
 * (self-loops included), scores the graph with and without that edge by
 * {@code S = 1 - (TE / target - 1)^2 - (components - 1)} and keeps the version without it with probability
 * {@code 1 / (1 + exp(beta (S+ - S-)))}, {@code beta = 5 n^2 (2 (3 (r - 1))^2 + 1)} where r is the current
 * entropy ratio (or its inverse, whichever is >= 1): SymSeq's score, weights and inflation. It stops at the first
 * graph within {@code tolerance} of the target (relative) that is strongly connected.
 *
 * <p>Differences from SymSeq: the entropy scored here is that of the finished grammar (SymSeq's
 * {@link ArtificialGrammar#topologicalEntropy()}: the symbol graph plus the terminal -> EOS and EOS -> start edges),
 * so the grammar returned has the entropy asked for; SymSeq scores the symbol graph alone and adds EOS afterwards,
 * which raises the entropy. Strong connectivity of that graph (SymSeq penalises weak components) guarantees that
 * every state is reachable and can end a string. SymSeq's late-phase Gaussian sharpening and its
 * {@code ambiguities} (several states per symbol) are left out.
 */
public final class GrammarSynthesis {
    private static final String SYMBOLS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final double target;
    private final int n;
    private int startStates = 1;
    private int terminalStates = 1;
    private double tolerance = 0.01;
    private double density = 0.2;
    private int maxIterations;

    private GrammarSynthesis(double target, int alphabetSize) {
        if (alphabetSize < 2 || alphabetSize > SYMBOLS.length()) {
            throw new IllegalArgumentException("grammar synthesis: alphabet size must be in [2, " + SYMBOLS.length()
                    + "], got " + alphabetSize);
        }
        if (!(target > 0) || !Double.isFinite(target)) {
            throw new IllegalArgumentException("grammar synthesis: target topological entropy must be > 0 (nats), "
                    + "got " + target);
        }
        this.target = target;
        this.n = alphabetSize;
        this.maxIterations = Math.max(5000, 100 * alphabetSize * alphabetSize);
    }

    /** Starts a synthesis of a grammar over {@code alphabetSize} symbols with entropy {@code target} (nats). */
    public static GrammarSynthesis of(double target, int alphabetSize) {
        return new GrammarSynthesis(target, alphabetSize);
    }

    /** Number of start states (1). */
    public GrammarSynthesis startStates(int k) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("grammar synthesis: start states must be in [1, " + n + "], got " + k);
        }
        this.startStates = k;
        return this;
    }

    /** Number of terminal states (1). */
    public GrammarSynthesis terminalStates(int k) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("grammar synthesis: terminal states must be in [1, " + n + "], got "
                    + k);
        }
        this.terminalStates = k;
        return this;
    }

    /** Relative tolerance on the entropy (0.01: SymSeq's stopping score 0.9999). */
    public GrammarSynthesis tolerance(double t) {
        if (!(t > 0 && t < 1)) {
            throw new IllegalArgumentException("grammar synthesis: tolerance must be in (0, 1), got " + t);
        }
        this.tolerance = t;
        return this;
    }

    /** Edge probability of the initial random graph (0.2, SymSeq's p_mean). */
    public GrammarSynthesis density(double d) {
        if (!(d > 0 && d <= 1)) {
            throw new IllegalArgumentException("grammar synthesis: density must be in (0, 1], got " + d);
        }
        this.density = d;
        return this;
    }

    /** Maximum number of Glauber steps ({@code max(5000, 100 n^2)}). */
    public GrammarSynthesis maxIterations(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("grammar synthesis: max iterations must be >= 1, got " + m);
        }
        this.maxIterations = m;
        return this;
    }

    /**
     * Runs the dynamics.
     *
     * @throws IllegalArgumentException when the target exceeds the entropy of the complete graph
     * @throws IllegalStateException    when no strongly connected graph within the tolerance was reached
     */
    public ArtificialGrammar build(Rng rng) {
        int[] perm = permutation(rng, n);
        boolean[] start = new boolean[n];
        for (int i = 0; i < startStates; i++) {
            start[perm[i]] = true;
        }
        perm = permutation(rng, n);
        boolean[] term = new boolean[n];
        for (int i = 0; i < terminalStates; i++) {
            term[perm[i]] = true;
        }
        boolean[][] a = new boolean[n][n];
        for (boolean[] row : a) {
            java.util.Arrays.fill(row, true);
        }
        double maxTe = entropy(a, start, term);
        if (target > maxTe * (1 + tolerance)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "grammar synthesis: target topological "
                    + "entropy %.4g exceeds the largest possible with %d symbols (%.4g, every transition present)",
                    target, n, maxTe));
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = i != j && rng.nextDouble() < density;
            }
        }
        int edges = 0;
        for (boolean[] row : a) {
            for (boolean e : row) {
                edges += e ? 1 : 0;
            }
        }
        double te = entropy(a, start, term);
        int comps = components(a, start, term);
        double best = Double.NaN;
        double inflation = 5.0 * n * n;
        for (int it = 0; it < maxIterations; it++) {
            if (comps == 1 && Math.abs(te / target - 1) <= tolerance) {
                return grammar(a, start, term);
            }
            if (comps == 1 && (Double.isNaN(best) || Math.abs(te - target) < Math.abs(best - target))) {
                best = te;
            }
            boolean remove = edges == n * n || (edges > 0 && rng.nextDouble() < (double) edges / (n * n));
            int pick = rng.nextInt(remove ? edges : n * n - edges);
            int ei = -1;
            int ej = -1;
            for (int i = 0; i < n && ei < 0; i++) {
                for (int j = 0; j < n; j++) {
                    if (a[i][j] == remove && pick-- == 0) {
                        ei = i;
                        ej = j;
                        break;
                    }
                }
            }
            a[ei][ej] = true;
            double tePlus = entropy(a, start, term);
            int cPlus = components(a, start, term);
            a[ei][ej] = false;
            double teMinus = entropy(a, start, term);
            int cMinus = components(a, start, term);
            double ratio = te / target;
            double r = ratio <= 1 ? (ratio == 0 ? 1e6 : 1 / ratio) : ratio;
            double weight = 2 * Math.pow(3 * (r - 1), 2) + 1;
            double sPlus = score(tePlus, cPlus);
            double sMinus = score(teMinus, cMinus);
            double pMinus = 1 / (1 + Math.exp(inflation * weight * (sPlus - sMinus)));
            if (rng.nextDouble() < pMinus) {
                a[ei][ej] = false;
                te = teMinus;
                comps = cMinus;
                edges += remove ? -1 : 0;
            } else {
                a[ei][ej] = true;
                te = tePlus;
                comps = cPlus;
                edges += remove ? 0 : 1;
            }
        }
        if (comps == 1 && Math.abs(te / target - 1) <= tolerance) {
            return grammar(a, start, term);
        }
        throw new IllegalStateException(String.format(Locale.ROOT, "grammar synthesis: no grammar over %d symbols "
                + "within %.3g %% of topological entropy %.4g after %d steps (closest strongly connected: %s); try "
                + "a larger tolerance, more symbols or another seed", n, 100 * tolerance, target, maxIterations,
                Double.isNaN(best) ? "none" : String.format(Locale.ROOT, "%.4g", best)));
    }

    private double score(double te, int components) {
        double x = Double.isFinite(te) ? te / target - 1 : -1;
        return 1 - x * x - (components - 1);
    }

    private static int[] permutation(Rng rng, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        rng.shuffle(p);
        return p;
    }

    /** Successor lists of the grammar graph: symbols 0..n-1, EOS n. */
    private int[][] graph(boolean[][] a, boolean[] start, boolean[] term) {
        int[][] succ = new int[n + 1][];
        for (int i = 0; i < n; i++) {
            ArrayList<Integer> s = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (a[i][j]) {
                    s.add(j);
                }
            }
            if (term[i]) {
                s.add(n);
            }
            succ[i] = s.stream().mapToInt(Integer::intValue).toArray();
        }
        ArrayList<Integer> s = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (start[j]) {
                s.add(j);
            }
        }
        succ[n] = s.stream().mapToInt(Integer::intValue).toArray();
        return succ;
    }

    private double entropy(boolean[][] a, boolean[] start, boolean[] term) {
        return Math.log(Spectral.radiusOfLists(graph(a, start, term)));
    }

    private int components(boolean[][] a, boolean[] start, boolean[] term) {
        return Spectral.componentCount(graph(a, start, term));
    }

    private ArtificialGrammar grammar(boolean[][] a, boolean[] start, boolean[] term) {
        ArtificialGrammar.Builder b = ArtificialGrammar.builder(String.format(Locale.ROOT,
                "random grammar (TE %.4g, %d symbols)", target, n));
        String[] sym = new String[n];
        for (int i = 0; i < n; i++) {
            sym[i] = String.valueOf(SYMBOLS.charAt(i));
        }
        b.alphabet(sym).states(sym);
        for (int i = 0; i < n; i++) {
            if (start[i]) {
                b.start(sym[i]);
            }
            if (term[i]) {
                b.terminal(sym[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            int out = term[i] ? 1 : 0;
            for (int j = 0; j < n; j++) {
                out += a[i][j] ? 1 : 0;
            }
            for (int j = 0; j < n; j++) {
                if (a[i][j]) {
                    b.transition(sym[i], sym[j], 1.0 / out);
                }
            }
            if (term[i]) {
                b.transition(sym[i], "#", 1.0 / out);
            }
        }
        return b.build();
    }
}
