package io.snn4j.bench.symseq;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.train.Batch;
import io.snn4j.core.train.BatchSource;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Mini-batches of a {@link SymSeqData} encoded by an {@link InputEncoding}: a {@link BatchSource} for core's
 * {@code Trainer} and the full per-step targets and masks ({@link #batches(int)}) for evaluation.
 *
 * <p>The core {@link Batch}es carry the per-step targets ({@link Batch#stepTargets()}, {@code [T * B]}, the class
 * due at each step or -1), which {@link SymSeqLoss} reads. Their labels are the class of each sample's single
 * decision for tasks with one decision per sample (grammaticality, n-AX; {@link #classLabels()}), so core's own
 * losses and classification metrics work on those too, and 0 for the other tasks.
 *
 * <p>Deterministic: the sample order of epoch e (shuffled when asked) and the Poisson spikes depend only on
 * {@code (seed, e)}; batches are built on the calling thread.
 */
public final class SymSeqBatches implements BatchSource {
    private final SymSeqData data;
    private final InputEncoding encoding;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final boolean classLabels;

    private SymSeqBatches(Builder b) {
        this.data = b.data;
        this.encoding = b.encoding;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.shuffle = b.shuffle;
        if (data.size() == 0) {
            throw new IllegalArgumentException(data.task() + ": no samples");
        }
        this.classLabels = data.oneDecisionPerSample();
    }

    /** Starts batches of {@code data} encoded by {@code encoding}. */
    public static Builder builder(SymSeqData data, InputEncoding encoding) {
        return new Builder(data, encoding);
    }

    /** Options of {@link SymSeqBatches}. */
    public static final class Builder {
        private final SymSeqData data;
        private final InputEncoding encoding;
        private int batchSize = 32;
        private long seed;
        private boolean shuffle = true;

        private Builder(SymSeqData data, InputEncoding encoding) {
            if (data == null || encoding == null) {
                throw new IllegalArgumentException("symseq batches: data and encoding are required");
            }
            this.data = data;
            this.encoding = encoding;
        }

        /** Samples per batch (32); the last batch of an epoch may be smaller. */
        public Builder batchSize(int b) {
            if (b < 1) {
                throw new IllegalArgumentException("symseq batches: batch size must be >= 1, got " + b);
            }
            this.batchSize = b;
            return this;
        }

        /** Seeds the order and the spikes (0). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Whether each epoch visits the samples in a new random order (true). */
        public Builder shuffle(boolean s) {
            this.shuffle = s;
            return this;
        }

        public SymSeqBatches build() {
            return new SymSeqBatches(this);
        }
    }

    public SymSeqData data() {
        return data;
    }

    public InputEncoding encoding() {
        return encoding;
    }

    /**
     * Whether the batches' labels are the classes of the samples' single decisions (every sample has exactly one
     * decision); otherwise they are all 0.
     */
    public boolean classLabels() {
        return classLabels;
    }

    /** Input channels per step (the number of input symbols). */
    public int inputSize() {
        return data.symbols().size();
    }

    /** Output classes. */
    public int classes() {
        return data.classes().size();
    }

    @Override
    public int samples() {
        return data.size();
    }

    @Override
    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    @Override
    public Iterator<Batch> epoch(int epoch) {
        Iterator<SymSeqBatch> it = batches(epoch);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Batch next() {
                return it.next().batch();
            }
        };
    }

    /** The batches of epoch {@code epoch} with their per-step targets, masks and sample indices. */
    public Iterator<SymSeqBatch> batches(int epoch) {
        int n = data.size();
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        if (shuffle) {
            new Rng(Rng.streamSeed(seed, 2L * epoch)).shuffle(order);
        }
        Rng spikes = new Rng(Rng.streamSeed(seed, 2L * epoch + 1));
        return new Iterator<>() {
            int next = 0;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public SymSeqBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int b = Math.min(batchSize, n - next);
                int[] idx = Arrays.copyOfRange(order, next, next + b);
                next += b;
                return make(idx, spikes.split());
            }
        };
    }

    /** The batch of the given samples (in that order); {@code rng} draws Poisson spikes (unused for one-hot). */
    public SymSeqBatch make(int[] sampleIndices, Rng rng) {
        int b = sampleIndices.length;
        int w = encoding.window();
        int maxLen = 0;
        for (int s : sampleIndices) {
            if (s < 0 || s >= data.size()) {
                throw new IllegalArgumentException(data.task() + ": sample index " + s + " outside [0, "
                        + data.size() + ")");
            }
            maxLen = Math.max(maxLen, data.inputRef(s).length);
        }
        int t = maxLen * w;
        int a = inputSize();
        float[] x = new float[t * b * a];
        int[] targets = new int[t * b];
        float[] mask = new float[t * b];
        int[] decisions = new int[t * b];
        Arrays.fill(targets, -1);
        Arrays.fill(decisions, -1);
        int[] labels = new int[b];
        boolean poisson = encoding.coding() == InputEncoding.Coding.POISSON;
        if (poisson && rng == null) {
            throw new IllegalArgumentException(data.task() + ": poisson coding needs a random source");
        }
        double rate = encoding.rate();
        double noise = encoding.noise();
        for (int bi = 0; bi < b; bi++) {
            int s = sampleIndices[bi];
            int[] in = data.inputRef(s);
            int[] tg = data.targetsRef(s);
            labels[bi] = classLabels ? singleClass(tg) : 0;
            for (int i = 0; i < in.length; i++) {
                int t0 = i * w;
                for (int k = 0; k < encoding.symbolSteps(); k++) {
                    int row = ((t0 + k) * b + bi) * a;
                    if (!poisson) {
                        x[row + in[i]] = 1f;
                    } else {
                        for (int c = 0; c < a; c++) {
                            double p = c == in[i] ? rate : noise;
                            if (p > 0 && rng.nextDouble() < p) {
                                x[row + c] = 1f;
                            }
                        }
                    }
                }
            }
        }
        fillTargets(sampleIndices, t, targets, mask, decisions);
        Tensor input = Tensor.spikesWithEvents(new Tensor(x, t, b, a));
        return new SymSeqBatch(input, targets, mask, decisions, sampleIndices.clone(), labels);
    }

    /**
     * Writes the per-step targets ([t, B], -1 elsewhere), mask and decision positions of these samples; the arrays
     * start out as -1 / 0 / -1.
     */
    private void fillTargets(int[] sampleIndices, int t, int[] targets, float[] mask, int[] decisions) {
        int b = sampleIndices.length;
        int w = encoding.window();
        for (int bi = 0; bi < b; bi++) {
            int[] tg = data.targetsRef(sampleIndices[bi]);
            for (int i = 0; i < tg.length; i++) {
                if (tg[i] < 0) {
                    continue;
                }
                for (int k = w - encoding.readoutSteps(); k < w; k++) {
                    int step = i * w + k;
                    if (step >= t) {
                        throw new IllegalArgumentException(data.task() + ": sample " + sampleIndices[bi]
                                + " needs " + tg.length * w + " steps but the batch has " + t);
                    }
                    int p = step * b + bi;
                    targets[p] = tg[i];
                    mask[p] = 1f;
                    decisions[p] = i;
                }
            }
        }
    }

    private static int singleClass(int[] tg) {
        for (int v : tg) {
            if (v >= 0) {
                return v;
            }
        }
        throw new IllegalStateException("sample without a decision");
    }


    @Override
    public String toString() {
        return "SymSeqBatches[" + data.task() + ", " + data.size() + " samples, batch " + batchSize + ", "
                + encoding + "]";
    }
}
