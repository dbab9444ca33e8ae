package io.snn4j.bench.symseq;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * SymSeq's default task targets ({@code symseq.tasks.default}) on a symbol sequence: one entry per position, null
 * where no decision is due (SymSeq's {@code accept} mask is "not null").
 */
public final class SymSeqTargets {
    private SymSeqTargets() {
    }

    /**
     * n-step memory: position i recalls {@code seq[i - n]} (null for i < n). SymSeq's
     * {@code memory_targets(seq, n_mem)} with {@code n_mem = n - 1} (its "n-step memory" label).
     */
    public static List<String> memory(List<String> seq, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("memory targets: n must be >= 1, got " + n);
        }
        List<String> r = new ArrayList<>(seq.size());
        for (int i = 0; i < seq.size(); i++) {
            r.add(i >= n ? seq.get(i - n) : null);
        }
        return r;
    }

    /**
     * n-step prediction: position i predicts {@code seq[i + n]} (null when past the end). SymSeq's
     * {@code prediction_targets(seq, n_pred)} with {@code n_pred = n - 1}.
     */
    public static List<String> prediction(List<String> seq, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("prediction targets: n must be >= 1, got " + n);
        }
        List<String> r = new ArrayList<>(seq.size());
        for (int i = 0; i < seq.size(); i++) {
            r.add(i + n < seq.size() ? seq.get(i + n) : null);
        }
        return r;
    }

    /**
     * Grammaticality classification on strings joined by {@code eos}: the position just before each EOS gets the
     * next grammaticality flag, every other position null. As SymSeq's {@code grammaticality_classification}, a
     * last string without a following EOS gets no decision.
     */
    public static List<Boolean> grammaticality(List<String> stream, List<Boolean> grammatical, String eos) {
        List<Boolean> r = new ArrayList<>(stream.size());
        Iterator<Boolean> g = grammatical.iterator();
        for (int i = 0; i < stream.size(); i++) {
            boolean due = i + 1 < stream.size() && stream.get(i + 1).equals(eos);
            r.add(due ? (g.hasNext() ? g.next() : null) : null);
        }
        return r;
    }
}
