package io.snn4j.bench.symseq;

import io.snn4j.core.Rng;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * n-AX, the conditional one-back task (AX-CPT style) as a regular grammar, after SymSeq's {@code nAX}.
 *
 * <p>A trial is {@code [context_i, cue_i, fillers..., probe_j]}. The probe is the target when j == i, a lure
 * otherwise. The grammar (states: contexts, cues, probes, one filler state per context and filler, EOS) lets a cue
 * or filler move uniformly to any filler of its context or to any probe, so targets and lures are all grammatical;
 * {@link #isGrammatical} is acceptance by that grammar. Defaults as SymSeq: contexts 1, 2; cues A, B; probes X, Y;
 * fillers C, D, Z; {@code pTarget} 0.6.
 *
 * <p>Sampling: context i with probability {@code contextProbs[i]} (uniform by default), probe context j with
 * probability {@code pTarget} for j == i and {@code (1 - pTarget) / (n - 1)} otherwise; fillers: a fixed number
 * (each uniform) or, with {@code fillers < 0}, as the grammar's walk makes them (each step a filler with probability
 * F / (F + P)). SymSeq draws i and j the same way but then generates a string from any start state and only
 * checks that it ends with probe j, so its context is not the one drawn (the target rate then does not follow
 * {@code pTarget}); here the trial starts with context i.
 */
public final class NAX {
    private final List<String> contexts;
    private final List<String> cues;
    private final List<String> probes;
    private final List<String> fillers;
    private final double[] contextProbs;
    private final double pTarget;
    private final ArtificialGrammar grammar;

    /** The default n-AX (2 contexts) with target probability {@code pTarget}. */
    public NAX(double pTarget) {
        this(List.of("1", "2"), List.of("A", "B"), List.of("X", "Y"), List.of("C", "D", "Z"), null, pTarget);
    }

    /**
     * @param contexts     context symbols (at least 2)
     * @param cues         the cue of each context
     * @param probes       the probe (target) of each context
     * @param fillers      filler symbols (may be empty)
     * @param contextProbs probability of each context, or null for uniform (normalised to sum 1)
     * @param pTarget      probability that the probe is the context's own
     */
    public NAX(List<String> contexts, List<String> cues, List<String> probes, List<String> fillers,
               double[] contextProbs, double pTarget) {
        int n = contexts.size();
        if (n < 2) {
            throw new IllegalArgumentException("n-AX: at least 2 contexts are needed, got " + n);
        }
        if (cues.size() != n || probes.size() != n) {
            throw new IllegalArgumentException("n-AX: one cue and one probe per context are needed; " + n
                    + " contexts, " + cues.size() + " cues, " + probes.size() + " probes");
        }
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (List<String> l : List.of(contexts, cues, probes, fillers)) {
            for (String s : l) {
                if (!all.add(s)) {
                    throw new IllegalArgumentException("n-AX: symbol '" + s + "' is used twice (contexts, cues, "
                            + "probes and fillers must all differ)");
                }
            }
        }
        if (!(pTarget >= 0 && pTarget <= 1)) {
            throw new IllegalArgumentException("n-AX: pTarget must be in [0, 1], got " + pTarget);
        }
        this.contexts = List.copyOf(contexts);
        this.cues = List.copyOf(cues);
        this.probes = List.copyOf(probes);
        this.fillers = List.copyOf(fillers);
        this.pTarget = pTarget;
        this.contextProbs = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double p = contextProbs == null ? 1.0 : contextProbs[i];
            if (!(p >= 0) || !Double.isFinite(p)) {
                throw new IllegalArgumentException("n-AX: context probability " + p + " is negative or not finite");
            }
            this.contextProbs[i] = p;
            sum += p;
        }
        if (contextProbs != null && contextProbs.length != n) {
            throw new IllegalArgumentException("n-AX: " + contextProbs.length + " context probabilities for " + n
                    + " contexts");
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("n-AX: context probabilities sum to 0");
        }
        for (int i = 0; i < n; i++) {
            this.contextProbs[i] /= sum;
        }
        this.grammar = buildGrammar();
    }

    private ArtificialGrammar buildGrammar() {
        List<String> alphabet = new ArrayList<>();
        alphabet.addAll(contexts);
        alphabet.addAll(cues);
        alphabet.addAll(probes);
        alphabet.addAll(fillers);
        List<String> states = new ArrayList<>(new LinkedHashSet<>(contexts));
        states.addAll(cues);
        states.addAll(probes);
        for (String c : contexts) {
            for (String f : fillers) {
                states.add(f + "(" + c + ")");
            }
        }
        ArtificialGrammar.Builder b = ArtificialGrammar.builder("n-AX").alphabet(alphabet.toArray(String[]::new))
                .states(states.toArray(String[]::new)).start(contexts.toArray(String[]::new))
                .terminal(probes.toArray(String[]::new));
        int fan = fillers.size() + probes.size();
        for (int i = 0; i < contexts.size(); i++) {
            String c = contexts.get(i);
            b.transition(c, cues.get(i), 1.0);
            List<String> sources = new ArrayList<>();
            sources.add(cues.get(i));
            for (String f : fillers) {
                sources.add(f + "(" + c + ")");
            }
            for (String src : sources) {
                for (String f : fillers) {
                    b.transition(src, f + "(" + c + ")", 1.0 / fan);
                }
                for (String p : probes) {
                    b.transition(src, p, 1.0 / fan);
                }
            }
        }
        for (String p : probes) {
            b.transition(p, "#", 1.0);
        }
        return b.build();
    }

    /** The underlying grammar. */
    public ArtificialGrammar grammar() {
        return grammar;
    }

    public List<String> alphabet() {
        return grammar.alphabet();
    }

    /** A trial with fillers as the grammar's walk makes them. */
    public List<String> generateString(Rng rng) {
        return generateString(rng, -1);
    }

    /** A trial with exactly {@code nFillers} fillers, or, when negative, as many as the grammar's walk makes. */
    public List<String> generateString(Rng rng, int nFillers) {
        int n = contexts.size();
        int i = draw(rng, contextProbs);
        double[] row = new double[n];
        for (int j = 0; j < n; j++) {
            row[j] = j == i ? pTarget : (1 - pTarget) / (n - 1);
        }
        int j = draw(rng, row);
        List<String> s = new ArrayList<>();
        s.add(contexts.get(i));
        s.add(cues.get(i));
        if (nFillers >= 0) {
            if (nFillers > 0 && fillers.isEmpty()) {
                throw new IllegalArgumentException("n-AX: " + nFillers + " fillers asked but there are no fillers");
            }
            for (int k = 0; k < nFillers; k++) {
                s.add(fillers.get(rng.nextInt(fillers.size())));
            }
        } else {
            int fan = fillers.size() + probes.size();
            while (rng.nextInt(fan) < fillers.size()) {
                s.add(fillers.get(rng.nextInt(fillers.size())));
            }
        }
        s.add(probes.get(j));
        return List.copyOf(s);
    }

    private static int draw(Rng rng, double[] p) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int k = 0; k < p.length - 1; k++) {
            acc += p[k];
            if (u < acc) {
                return k;
            }
        }
        return p.length - 1;
    }

    /** Acceptance by the n-AX grammar. */
    public boolean isGrammatical(List<String> s) {
        return grammar.isGrammatical(s);
    }

    /** Whether a (grammatical) trial's probe belongs to its context. */
    public boolean isTarget(List<String> s) {
        return labelTrial(s).target();
    }

    /** SymSeq's trial label: {@code "C{i}->T"} for a target, {@code "C{i}->L({j})"} for a lure (1-based). */
    public record TrialLabel(String label, boolean target) {
    }

    /**
     * The trial's label as SymSeq's {@code label_trial}: ("", false) when the trial is shorter than 3, the cue is
     * not the context's or the last symbol is no probe.
     */
    public TrialLabel labelTrial(List<String> s) {
        if (s.size() < 3) {
            return new TrialLabel("", false);
        }
        int i = contexts.indexOf(s.get(0));
        if (i < 0 || !cues.get(i).equals(s.get(1))) {
            return new TrialLabel("", false);
        }
        int j = probes.indexOf(s.get(s.size() - 1));
        if (j < 0) {
            return new TrialLabel("", false);
        }
        return i == j ? new TrialLabel("C" + (i + 1) + "->T", true)
                : new TrialLabel("C" + (i + 1) + "->L(" + (j + 1) + ")", false);
    }
}
