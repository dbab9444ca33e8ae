package io.snn4j.bench.symseq;

import io.snn4j.core.Tensor;
import io.snn4j.core.train.Loss;
import io.snn4j.core.train.LossValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-step cross-entropy for symbolic-sequence tasks: at every step where a decision is due, softmax cross-entropy
 * of the network's output at that step ({@code [C]} logits, e.g. a Linear readout's currents or a non-spiking
 * neuron's membrane) against the target class, averaged over all such steps of the batch; no loss elsewhere.
 *
 * <p>With core's {@code Trainer}: build it over every source it will see ({@code SymSeqLoss.of(train, val)}); the
 * sources' batches carry sample keys ({@link SymSeqBatches.LabelMode#SAMPLE_KEYS}) from which the loss finds the
 * per-step targets. {@link #predict} returns, per sample, its key when every decision of the sample is right
 * (the decision's prediction is the argmax of the output summed over its steps) and -1 otherwise, so the Trainer's
 * accuracy is the fraction of sequences without an error; {@link SymSeqEvaluation} gives the per-decision accuracy.
 * {@code predict} reads the targets of the preceding {@link #compute} call on the same output, which is the order
 * in which the Trainer calls them.
 */
public final class SymSeqLoss implements Loss {
    private final Map<Integer, SymSeqBatches> sources = new LinkedHashMap<>();
    private Tensor lastOutput;
    private int[] lastTargets;
    private int[] lastDecisions;
    private int[] lastLabels;

    private SymSeqLoss() {
    }

    /**
     * A loss that knows the targets of these sources.
     *
     * @throws IllegalArgumentException when a source uses class labels or two sources disagree on the classes
     */
    public static SymSeqLoss of(SymSeqBatches... sources) {
        SymSeqLoss l = new SymSeqLoss();
        for (SymSeqBatches s : sources) {
            l.add(s);
        }
        return l;
    }

    /** Makes the targets of another source known. */
    public SymSeqLoss add(SymSeqBatches s) {
        if (s.labelMode() != SymSeqBatches.LabelMode.SAMPLE_KEYS) {
            throw new IllegalArgumentException("symseq loss: source " + s.data().task()
                    + " labels its batches with classes; the per-step loss needs sample keys");
        }
        for (SymSeqBatches o : sources.values()) {
            if (o.classes() != s.classes()) {
                throw new IllegalArgumentException("symseq loss: sources with " + o.classes() + " and "
                        + s.classes() + " classes");
            }
        }
        SymSeqBatches prev = sources.putIfAbsent(s.tag(), s);
        if (prev != null && prev != s) {
            throw new IllegalArgumentException("symseq loss: too many sources (their keys collide); build one loss "
                    + "over the sources of one run");
        }
        return this;
    }

    @Override
    public String name() {
        return "symseq_step_ce";
    }

    @Override
    public LossValue compute(Tensor output, int[] labels) {
        int[][] td = targetsOf(output, labels);
        int[] targets = td[0];
        LossValue v = stepCrossEntropy(output, targets);
        lastOutput = output;
        lastTargets = targets;
        lastDecisions = td[1];
        lastLabels = labels.clone();
        return v;
    }

    /** The loss of a batch from its own per-step targets (no source lookup). */
    public static LossValue compute(SymSeqBatch batch, Tensor output) {
        check(output, batch.steps(), batch.size());
        return stepCrossEntropy(output, batch.targets());
    }

    private static void check(Tensor output, int t, int b) {
        int[] s = output.shape();
        if (s.length != 3 || s[0] != t || s[1] != b) {
            throw new IllegalArgumentException("symseq loss: expected output [" + t + ", " + b
                    + ", classes], got " + Arrays.toString(s));
        }
    }

    /** Per-step targets and decision positions ([T * B] each) of the batch entries named by their keys. */
    private int[][] targetsOf(Tensor output, int[] labels) {
        int[] shape = output.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("symseq loss: expected output [T, B, C], got "
                    + Arrays.toString(shape));
        }
        int t = shape[0];
        int b = shape[1];
        if (labels.length != b) {
            throw new IllegalArgumentException("symseq loss: output has batch size " + b + " but " + labels.length
                    + " labels were given");
        }
        int[] targets = new int[t * b];
        int[] decisions = new int[t * b];
        Arrays.fill(targets, -1);
        Arrays.fill(decisions, -1);
        int[] one = new int[t];
        int[] oneDec = new int[t];
        for (int bi = 0; bi < b; bi++) {
            SymSeqBatches src = sources.get(labels[bi] >>> SymSeqBatches.KEY_BITS);
            int sample = labels[bi] & ((1 << SymSeqBatches.KEY_BITS) - 1);
            if (src == null || sample >= src.samples()) {
                throw new IllegalArgumentException("symseq loss: label " + labels[bi] + " of batch entry " + bi
                        + " is no sample key of the sources this loss was built over (build it with "
                        + "SymSeqLoss.of(train, validation, ...))");
            }
            if (shape[2] != src.classes()) {
                throw new IllegalArgumentException("symseq loss: the output has " + shape[2] + " classes but task "
                        + src.data().task() + " has " + src.classes());
            }
            Arrays.fill(one, -1);
            Arrays.fill(oneDec, -1);
            src.fillTargets(new int[]{sample}, t, one, null, oneDec);
            for (int k = 0; k < t; k++) {
                targets[k * b + bi] = one[k];
                decisions[k * b + bi] = oneDec[k];
            }
        }
        return new int[][]{targets, decisions};
    }

    /**
     * Mean softmax cross-entropy over the steps with a target ({@code targets[t * B + b] >= 0}); the gradient is
     * {@code (softmax - onehot) / count} there and 0 elsewhere. 0 (with a zero gradient) when no step has a target.
     */
    static LossValue stepCrossEntropy(Tensor output, int[] targets) {
        int t = output.dim(0);
        int b = output.dim(1);
        int c = output.dim(2);
        if (targets.length != t * b) {
            throw new IllegalArgumentException("symseq loss: " + targets.length + " step targets for output "
                    + Arrays.toString(output.shape()));
        }
        float[] o = output.data();
        Tensor grad = new Tensor(output.shape());
        float[] g = grad.data();
        int count = 0;
        for (int v : targets) {
            if (v >= 0) {
                if (v >= c) {
                    throw new IllegalArgumentException("symseq loss: target class " + v + " but the output has " + c
                            + " classes");
                }
                count++;
            }
        }
        if (count == 0) {
            return new LossValue(0f, grad);
        }
        double total = 0;
        double[] p = new double[c];
        for (int r = 0; r < t * b; r++) {
            int y = targets[r];
            if (y < 0) {
                continue;
            }
            int off = r * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, o[off + k]);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                p[k] = Math.exp(o[off + k] - max);
                sum += p[k];
            }
            total += max + Math.log(sum) - o[off + y];
            for (int k = 0; k < c; k++) {
                g[off + k] = (float) ((p[k] / sum - (k == y ? 1 : 0)) / count);
            }
        }
        return new LossValue((float) (total / count), grad);
    }

    @Override
    public int[] predict(Tensor output) {
        if (output != lastOutput) {
            throw new IllegalStateException("symseq loss: predict needs compute on the same output first (the "
                    + "Trainer calls them in that order); use SymSeqEvaluation to score a network");
        }
        int b = output.dim(1);
        boolean[] ok = allDecisionsRight(output, lastTargets, lastDecisions);
        int[] r = new int[b];
        for (int i = 0; i < b; i++) {
            r[i] = ok[i] ? lastLabels[i] : -1;
        }
        return r;
    }

    /**
     * Per batch entry: whether each of its decisions is right; a decision's prediction is the argmax of the output
     * summed over its steps (the consecutive steps with the same decision position).
     */
    static boolean[] allDecisionsRight(Tensor output, int[] targets, int[] decisions) {
        int b = output.dim(1);
        boolean[] ok = new boolean[b];
        Arrays.fill(ok, true);
        forEachDecision(output, targets, decisions, (bi, position, target, predicted) -> {
            if (predicted != target) {
                ok[bi] = false;
            }
        });
        return ok;
    }

    /** Receives one decision: batch entry, position in the sample, target and predicted class. */
    interface DecisionVisitor {
        void accept(int batchEntry, int position, int target, int predicted);
    }

    /** Visits every decision of a batch output, in order of batch entry then time. */
    static void forEachDecision(Tensor output, int[] targets, int[] decisions, DecisionVisitor v) {
        int t = output.dim(0);
        int b = output.dim(1);
        int c = output.dim(2);
        float[] o = output.data();
        double[] acc = new double[c];
        for (int bi = 0; bi < b; bi++) {
            int k = 0;
            while (k < t) {
                int d = decisions[k * b + bi];
                if (d < 0) {
                    k++;
                    continue;
                }
                int y = targets[k * b + bi];
                Arrays.fill(acc, 0);
                while (k < t && decisions[k * b + bi] == d) {
                    int off = (k * b + bi) * c;
                    for (int j = 0; j < c; j++) {
                        acc[j] += o[off + j];
                    }
                    k++;
                }
                v.accept(bi, d, y, argmax(acc));
            }
        }
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
