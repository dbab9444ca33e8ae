package io.snn4j.bench.symseq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Samples of a symbolic-sequence task: per sample, its input symbols (indices into {@link #symbols()}) and a target
 * per position (an index into {@link #classes()}, or -1 where no decision is due).
 */
public final class SymSeqData {
    private final String task;
    private final List<String> symbols;
    private final List<String> classes;
    private final List<int[]> inputs;
    private final List<int[]> targets;

    /**
     * @param task    task name, for messages
     * @param symbols input symbols, one input channel each, in channel order
     * @param classes target class names, one output each
     * @param inputs  per sample, its symbols as indices into {@code symbols} (at least one)
     * @param targets per sample, one entry per input position: a class index or -1 (no decision)
     */
    public SymSeqData(String task, List<String> symbols, List<String> classes, List<int[]> inputs,
                      List<int[]> targets) {
        this.task = task;
        this.symbols = List.copyOf(symbols);
        this.classes = List.copyOf(classes);
        if (symbols.isEmpty() || classes.isEmpty()) {
            throw new IllegalArgumentException(task + ": no input symbols or no target classes");
        }
        if (inputs.size() != targets.size()) {
            throw new IllegalArgumentException(task + ": " + inputs.size() + " inputs but " + targets.size()
                    + " target lists");
        }
        List<int[]> in = new ArrayList<>(inputs.size());
        List<int[]> tg = new ArrayList<>(inputs.size());
        for (int s = 0; s < inputs.size(); s++) {
            int[] x = inputs.get(s);
            int[] y = targets.get(s);
            if (x.length == 0) {
                throw new IllegalArgumentException(task + ": sample " + s + " is empty");
            }
            if (y.length != x.length) {
                throw new IllegalArgumentException(task + ": sample " + s + " has " + x.length + " symbols but "
                        + y.length + " targets");
            }
            for (int i = 0; i < x.length; i++) {
                if (x[i] < 0 || x[i] >= symbols.size()) {
                    throw new IllegalArgumentException(task + ": sample " + s + " position " + i + ": symbol index "
                            + x[i] + " outside [0, " + symbols.size() + ")");
                }
                if (y[i] < -1 || y[i] >= classes.size()) {
                    throw new IllegalArgumentException(task + ": sample " + s + " position " + i + ": target "
                            + y[i] + " outside [-1, " + classes.size() + ")");
                }
            }
            in.add(x.clone());
            tg.add(y.clone());
        }
        this.inputs = List.copyOf(in);
        this.targets = List.copyOf(tg);
    }

    public String task() {
        return task;
    }

    /** Input symbols in channel order. */
    public List<String> symbols() {
        return symbols;
    }

    /** Target class names in output order. */
    public List<String> classes() {
        return classes;
    }

    public int size() {
        return inputs.size();
    }

    /** The symbols of sample {@code s} as indices (a copy). */
    public int[] input(int s) {
        return inputs.get(s).clone();
    }

    /** The targets of sample {@code s}, -1 where no decision is due (a copy). */
    public int[] targets(int s) {
        return targets.get(s).clone();
    }

    int[] inputRef(int s) {
        return inputs.get(s);
    }

    int[] targetsRef(int s) {
        return targets.get(s);
    }

    /** The symbols of sample {@code s} by name. */
    public List<String> string(int s) {
        List<String> r = new ArrayList<>();
        for (int x : inputs.get(s)) {
            r.add(symbols.get(x));
        }
        return r;
    }

    /** Longest sample, in symbols. */
    public int maxLength() {
        int m = 0;
        for (int[] x : inputs) {
            m = Math.max(m, x.length);
        }
        return m;
    }

    /** Number of decisions (positions with a target) over all samples. */
    public int decisions() {
        int d = 0;
        for (int[] y : targets) {
            for (int v : y) {
                d += v >= 0 ? 1 : 0;
            }
        }
        return d;
    }

    /** Decisions per target class. */
    public int[] classCounts() {
        int[] c = new int[classes.size()];
        for (int[] y : targets) {
            for (int v : y) {
                if (v >= 0) {
                    c[v]++;
                }
            }
        }
        return c;
    }

    /** The most frequent target class (the lowest index on ties). */
    public int majorityClass() {
        int[] c = classCounts();
        int best = 0;
        for (int i = 1; i < c.length; i++) {
            if (c[i] > c[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * For each input symbol, the target class most often paired with it (lowest index on ties; the majority class
     * for symbols never seen with a decision): the bigram baseline "predict from the current symbol alone".
     */
    public int[] bigramPredictor() {
        int[][] c = new int[symbols.size()][classes.size()];
        for (int s = 0; s < inputs.size(); s++) {
            int[] x = inputs.get(s);
            int[] y = targets.get(s);
            for (int i = 0; i < x.length; i++) {
                if (y[i] >= 0) {
                    c[x[i]][y[i]]++;
                }
            }
        }
        int major = majorityClass();
        int[] r = new int[symbols.size()];
        for (int a = 0; a < r.length; a++) {
            int best = -1;
            for (int k = 0; k < classes.size(); k++) {
                if (c[a][k] > 0 && (best < 0 || c[a][k] > c[a][best])) {
                    best = k;
                }
            }
            r[a] = best < 0 ? major : best;
        }
        return r;
    }

    /** Whether every sample has exactly one decision (then the decision's class can serve as the sample label). */
    public boolean oneDecisionPerSample() {
        for (int[] y : targets) {
            if (Arrays.stream(y).filter(v -> v >= 0).count() != 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "SymSeqData[" + task + ", " + size() + " samples, " + decisions() + " decisions, symbols " + symbols
                + ", classes " + classes + "]";
    }
}
