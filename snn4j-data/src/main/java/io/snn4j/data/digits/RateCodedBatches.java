package io.snn4j.data.digits;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.encode.Encoders;
import io.snn4j.core.train.Batch;
import io.snn4j.core.train.BatchSource;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Mini-batches of a {@link ClassificationDataset}, rate-coded into spike trains as snnTorch's
 * {@code spikegen.rate}: each feature is scaled to a firing probability {@code p = clamp(x * scale, 0, 1)} and
 * every time step spikes independently with probability {@code p}. Batch inputs are {@code [T, B, D]}, the
 * last batch of an epoch may be smaller.
 *
 * <p>Deterministic: the sample order of epoch {@code e} (shuffled when asked) and the spikes of each batch
 * depend only on {@code (seed, e)}, so a resumed run sees the same batches as an uninterrupted one.
 */
public final class RateCodedBatches implements BatchSource {
    private final ClassificationDataset data;
    private final int steps;
    private final int batchSize;
    private final float scale;
    private final long seed;
    private final boolean shuffle;

    /**
     * @param data      the samples
     * @param steps     time steps T per sample, ≥ 1
     * @param batchSize samples per batch B, ≥ 1
     * @param scale     factor from feature value to spike probability per step ({@code 1/16} for digits)
     * @param seed      seeds shuffling and spike generation
     * @param shuffle   whether each epoch visits the samples in a new random order
     */
    public RateCodedBatches(ClassificationDataset data, int steps, int batchSize, float scale, long seed,
                            boolean shuffle) {
        if (steps < 1) {
            throw new IllegalArgumentException("rate-coded batches: steps must be >= 1, got " + steps);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("rate-coded batches: batch size must be >= 1, got " + batchSize);
        }
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("rate-coded batches: scale must be a positive number, got " + scale);
        }
        this.data = data;
        this.steps = steps;
        this.batchSize = batchSize;
        this.scale = scale;
        this.seed = seed;
        this.shuffle = shuffle;
    }

    /** The digits dataset's usual coding: probability = pixel / 16. */
    public static RateCodedBatches digits(ClassificationDataset data, int steps, int batchSize, long seed,
                                          boolean shuffle) {
        return new RateCodedBatches(data, steps, batchSize, 1f / Digits.MAX_VALUE, seed, shuffle);
    }

    @Override
    public int samples() {
        return data.size();
    }

    /** Time steps per sample. */
    public int steps() {
        return steps;
    }

    /** Number of batches per epoch. */
    @Override
    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** The underlying samples. */
    public ClassificationDataset data() {
        return data;
    }

    @Override
    public Iterator<Batch> epoch(int epoch) {
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
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
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int b = Math.min(batchSize, n - next);
                Tensor x = encode(order, next, b, spikes.split());
                int[] labels = new int[b];
                for (int k = 0; k < b; k++) {
                    labels[k] = data.label(order[next + k]);
                }
                next += b;
                return new Batch(x, labels);
            }
        };
    }

    private Tensor encode(int[] order, int from, int b, Rng rng) {
        int d = data.features();
        float[] probs = new float[b * d];
        for (int k = 0; k < b; k++) {
            data.copySample(order[from + k], probs, k * d);
        }
        for (int i = 0; i < probs.length; i++) {
            probs[i] = Math.min(1f, Math.max(0f, probs[i] * scale));
        }
        return Encoders.rate(new Tensor(probs, b, d), steps, rng);
    }

}
