package io.snn4j.bench.symseq;

import io.snn4j.core.Tensor;
import io.snn4j.core.train.Batch;
import io.snn4j.core.train.Loss;
import io.snn4j.core.train.LossValue;
import java.util.Arrays;

/**
 * Per-step cross-entropy for symbolic-sequence tasks: at every step where a decision is due, softmax cross-entropy
 * of the network's output at that step ({@code [C]} logits, e.g. a Linear readout's currents or a non-spiking
 * neuron's membrane) against the target class, averaged over all such steps of the batch; no loss elsewhere.
 *
 * <p>The targets are the batch's per-step targets ({@link Batch#stepTargets()}), which {@link SymSeqBatches} puts
 * into its batches; core's {@code Trainer} passes the batch to {@link #compute(Tensor, Batch)} and
 * {@link #predict(Tensor, Batch)}. The loss keeps no state: one instance serves any number of sources and threads.
 * A decision spans the readout steps of one symbol window of the {@link InputEncoding} the loss was built with;
 * its prediction is the argmax of the output summed over those steps.
 *
 * <p>{@link #predict(Tensor, Batch)} gives, per sample:
 * <ul>
 *   <li>for a sample whose label is the class of its only decision (the one-decision tasks, grammaticality and
 *       n-AX, whose batches are labelled with that class): the predicted class;</li>
 *   <li>otherwise its label when every decision of the sample is right, -1 when one is wrong.</li>
 * </ul>
 * So the Trainer's accuracy is the fraction of <em>sequences</em> with every decision right (for one-decision tasks
 * the ordinary classification accuracy, with a meaningful confusion matrix); {@link SymSeqEvaluation} gives the
 * per-decision accuracy and the baselines.
 */
public final class SymSeqLoss implements Loss {
    private final InputEncoding encoding;

    private SymSeqLoss(InputEncoding encoding) {
        this.encoding = encoding;
    }

    /** The loss for batches made with {@code encoding} (its window delimits the decisions). */
    public static SymSeqLoss of(InputEncoding encoding) {
        if (encoding == null) {
            throw new IllegalArgumentException("symseq loss: the input encoding is required");
        }
        return new SymSeqLoss(encoding);
    }

    public InputEncoding encoding() {
        return encoding;
    }

    @Override
    public String name() {
        return "symseq_step_ce";
    }

    /** Not available: this loss needs the batch's per-step targets ({@link #compute(Tensor, Batch)}). */
    @Override
    public LossValue compute(Tensor output, int[] labels) {
        throw new UnsupportedOperationException("symseq loss: needs the batch's per-step targets; call "
                + "compute(output, batch) with a batch of SymSeqBatches (the Trainer does)");
    }

    /** Not available: predictions need the batch's per-step targets ({@link #predict(Tensor, Batch)}). */
    @Override
    public int[] predict(Tensor output) {
        throw new UnsupportedOperationException("symseq loss: needs the batch's per-step targets; call "
                + "predict(output, batch) with a batch of SymSeqBatches (the Trainer does), or use SymSeqEvaluation");
    }

    @Override
    public LossValue compute(Tensor output, Batch batch) {
        int[] targets = checked(output, batch);
        return stepCrossEntropy(output, targets);
    }

    @Override
    public int[] predict(Tensor output, Batch batch) {
        int[] targets = checked(output, batch);
        int b = batch.size();
        int[] labels = batch.labels();
        boolean[] ok = new boolean[b];
        Arrays.fill(ok, true);
        int[] count = new int[b];
        int[] target = new int[b];
        int[] predicted = new int[b];
        forEachDecision(output, targets, encoding.window(), (bi, position, y, p) -> {
            count[bi]++;
            target[bi] = y;
            predicted[bi] = p;
            if (p != y) {
                ok[bi] = false;
            }
        });
        int[] r = new int[b];
        for (int i = 0; i < b; i++) {
            if (count[i] == 1 && labels[i] == target[i]) {
                r[i] = predicted[i];
            } else {
                r[i] = ok[i] ? labels[i] : -1;
            }
        }
        return r;
    }

    /** The batch's step targets, after checking them against the output and the encoding's windows. */
    private int[] checked(Tensor output, Batch batch) {
        if (!batch.hasStepTargets()) {
            throw new IllegalArgumentException("symseq loss: the batch has no per-step targets (make the batches "
                    + "with SymSeqBatches)");
        }
        int t = batch.steps();
        int b = batch.size();
        check(output, t, b);
        int[] targets = batch.stepTargets();
        int c = output.dim(2);
        int w = encoding.window();
        if (t % w != 0) {
            throw new IllegalArgumentException("symseq loss: the batch has " + t + " steps, not a multiple of the "
                    + "encoding's " + w + " steps per symbol (was it made with another encoding?)");
        }
        for (int bi = 0; bi < b; bi++) {
            for (int t0 = 0; t0 < t; t0 += w) {
                int y = -1;
                for (int k = t0; k < t0 + w; k++) {
                    int v = targets[k * b + bi];
                    if (v >= c) {
                        throw new IllegalArgumentException("symseq loss: target class " + v + " at step " + k
                                + " of sample " + bi + " but the output has " + c + " classes");
                    }
                    if (v >= 0) {
                        if (y >= 0 && v != y) {
                            throw new IllegalArgumentException("symseq loss: sample " + bi + " has targets " + y
                                    + " and " + v + " within the symbol window of steps [" + t0 + ", " + (t0 + w)
                                    + "); expected one decision per window of " + w + " steps (was the batch made "
                                    + "with another encoding?)");
                        }
                        y = v;
                    }
                }
            }
        }
        return targets;
    }

    /** The loss of a batch from its own per-step targets. */
    public static LossValue compute(SymSeqBatch batch, Tensor output) {
        check(output, batch.steps(), batch.size());
        return stepCrossEntropy(output, batch.targets());
    }

    private static void check(Tensor output, int t, int b) {
        int[] s = output.shape();
        if (s.length != 3 || s[0] != t || s[1] != b || s[2] == 0) {
            throw new IllegalArgumentException("symseq loss: expected output [" + t + ", " + b
                    + ", classes], got " + Arrays.toString(s));
        }
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

    /** Receives one decision: batch entry, position in the sample, target and predicted class. */
    interface DecisionVisitor {
        void accept(int batchEntry, int position, int target, int predicted);
    }

    /**
     * Visits every decision of a batch output, in order of batch entry then time. The decision of position i is
     * made of the steps with a target in the symbol window {@code [i W, (i + 1) W)}; its prediction is the argmax
     * of the output summed over them (the first maximum wins).
     */
    static void forEachDecision(Tensor output, int[] targets, int window, DecisionVisitor v) {
        int t = output.dim(0);
        int b = output.dim(1);
        int c = output.dim(2);
        float[] o = output.data();
        double[] acc = new double[c];
        for (int bi = 0; bi < b; bi++) {
            for (int t0 = 0; t0 < t; t0 += window) {
                int y = -1;
                Arrays.fill(acc, 0);
                for (int k = t0; k < Math.min(t, t0 + window); k++) {
                    int r = k * b + bi;
                    if (targets[r] < 0) {
                        continue;
                    }
                    y = targets[r];
                    int off = r * c;
                    for (int j = 0; j < c; j++) {
                        acc[j] += o[off + j];
                    }
                }
                if (y >= 0) {
                    v.accept(bi, t0 / window, y, argmax(acc));
                }
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

    @Override
    public String toString() {
        return name() + "[" + encoding.window() + " steps per symbol]";
    }
}
