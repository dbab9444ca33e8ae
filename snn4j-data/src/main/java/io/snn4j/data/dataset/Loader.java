package io.snn4j.data.dataset;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.encode.Encoders;
import io.snn4j.core.train.Batch;
import io.snn4j.core.train.BatchSource;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Mini-batches of a {@link Dataset} as time-major spike tensors {@code [T, B, ...shape]} for training
 * ({@link BatchSource}); the last batch of an epoch may be smaller.
 *
 * <ul>
 *   <li><b>Static samples</b> are rate-coded as snnTorch's {@code spikegen.rate}: at every one of {@code steps}
 *       steps each value {@code x} spikes with probability {@code clamp(x * gain, 0, 1)}, independently.</li>
 *   <li><b>Temporal samples</b> {@code [T_i, ...]} are stacked along the batch axis and padded with zeros at the
 *       end to the longest sample of the batch, or, with {@link Builder#steps(int)}, cut or padded to exactly
 *       that many steps.</li>
 * </ul>
 * The input tensors carry their event lists ({@link Tensor#spikesWithEvents}), so that the first layer reads only
 * the spikes.
 *
 * <p>Deterministic: the sample order of epoch {@code e} (shuffled when asked) and the spikes of each batch depend
 * only on {@code (seed, e)}. For the same samples, seed and settings the batches are exactly those of
 * {@link io.snn4j.data.digits.RateCodedBatches}. Batches are prepared one ahead on a background thread
 * ({@link Builder#prefetch}); that changes nothing in their content.
 */
public final class Loader implements BatchSource {
    /** Prepares batches ahead; idle threads end after a minute. */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "snn4j-loader");
        t.setDaemon(true);
        return t;
    });
    private final Dataset data;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final int steps;
    private final float gain;
    private final boolean prefetch;
    private final boolean events;

    private Loader(Builder b) {
        this.data = b.data;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.shuffle = b.shuffle;
        this.steps = b.steps;
        this.gain = b.gain;
        this.prefetch = b.prefetch;
        this.events = b.events;
        if (!data.temporal() && steps < 1) {
            throw new IllegalArgumentException(data.name() + ": static samples need steps >= 1 for rate coding");
        }
    }

    /** Starts a loader of {@code data}. */
    public static Builder of(Dataset data) {
        return new Builder(data);
    }

    /** Options of a {@link Loader}. */
    public static final class Builder {
        private final Dataset data;
        private int batchSize = 64;
        private long seed = 0;
        private boolean shuffle = true;
        private int steps = 0;
        private float gain = 1f;
        private boolean prefetch = true;
        private boolean events = true;

        private Builder(Dataset data) {
            if (data.size() == 0) {
                throw new IllegalArgumentException(data.name() + ": no samples");
            }
            this.data = data;
        }

        /** Samples per batch (64). */
        public Builder batchSize(int b) {
            if (b < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + b);
            }
            this.batchSize = b;
            return this;
        }

        /** Seeds shuffling and rate coding (0). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Whether each epoch visits the samples in a new random order (true). */
        public Builder shuffle(boolean s) {
            this.shuffle = s;
            return this;
        }

        /**
         * Static data: time steps of rate coding (required). Temporal data: cut or pad every batch to exactly this
         * many steps; 0 (the default) pads each batch to its longest sample.
         */
        public Builder steps(int t) {
            if (t < 0) {
                throw new IllegalArgumentException("steps must be >= 0, got " + t);
            }
            this.steps = t;
            return this;
        }

        /** Static data: spike probability per step = clamp(value * gain, 0, 1) (1). */
        public Builder gain(float g) {
            if (!(g > 0) || !Float.isFinite(g)) {
                throw new IllegalArgumentException("gain must be a positive number, got " + g);
            }
            this.gain = g;
            return this;
        }

        /** Whether the next batch is prepared on a background thread while the current one is used (true). */
        public Builder prefetch(boolean p) {
            this.prefetch = p;
            return this;
        }

        /** Whether batch inputs carry their event lists (true). */
        public Builder events(boolean e) {
            this.events = e;
            return this;
        }

        public Loader build() {
            return new Loader(this);
        }
    }

    /** The samples. */
    public Dataset data() {
        return data;
    }

    @Override
    public int samples() {
        return data.size();
    }

    @Override
    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** Shape of one sample at one step, {@code shape()} of the dataset. */
    public int[] inputShape() {
        return data.shape();
    }

    @Override
    public Iterator<Batch> epoch(int epoch) {
        int n = data.size();
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        if (shuffle) {
            new Rng(Rng.streamSeed(seed, 2L * epoch)).shuffle(order);
        }
        Rng spikes = new Rng(Rng.streamSeed(seed, 2L * epoch + 1));
        return new Iterator<>() {
            int next = 0;
            CompletableFuture<Batch> ahead;

            @Override
            public boolean hasNext() {
                return next < n || ahead != null;
            }

            private CompletableFuture<Batch> submit() {
                int from = next;
                int b = Math.min(batchSize, n - from);
                Rng rng = data.temporal() ? null : spikes.split();
                next += b;
                if (!prefetch) {
                    return CompletableFuture.completedFuture(make(order, from, b, rng));
                }
                return CompletableFuture.supplyAsync(() -> make(order, from, b, rng), WORKERS);
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CompletableFuture<Batch> cur = ahead != null ? ahead : submit();
                ahead = next < n ? submit() : null;
                try {
                    return cur.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("loader interrupted", e);
                } catch (ExecutionException e) {
                    ahead = null;
                    next = n;
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error er) {
                        throw er;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        };
    }

    /** Batch of samples {@code order[from .. from + b)}. */
    private Batch make(int[] order, int from, int b, Rng rng) {
        int[] labels = new int[b];
        for (int k = 0; k < b; k++) {
            labels[k] = data.label(order[from + k]);
        }
        Tensor x = data.temporal() ? stack(order, from, b) : rate(order, from, b, rng);
        return new Batch(events ? Tensor.spikesWithEvents(x) : x, labels);
    }

    private Tensor rate(int[] order, int from, int b, Rng rng) {
        int[] shape = data.shape();
        int d = Tensor.sizeOf(shape);
        float[] probs = new float[b * d];
        for (int k = 0; k < b; k++) {
            Tensor s = data.sample(order[from + k]);
            System.arraycopy(s.data(), 0, probs, k * d, d);
        }
        for (int i = 0; i < probs.length; i++) {
            probs[i] = Math.min(1f, Math.max(0f, probs[i] * gain));
        }
        int[] bs = new int[shape.length + 1];
        bs[0] = b;
        System.arraycopy(shape, 0, bs, 1, shape.length);
        return Encoders.rate(new Tensor(probs, bs), steps, rng);
    }

    private Tensor stack(int[] order, int from, int b) {
        int[] shape = data.shape();
        int d = Tensor.sizeOf(shape);
        Tensor[] s = new Tensor[b];
        int t = 0;
        for (int k = 0; k < b; k++) {
            s[k] = data.sample(order[from + k]);
            if (s[k].size() != s[k].dim(0) * d) {
                throw new IllegalStateException(data.name() + ": sample " + order[from + k] + " has shape "
                        + Arrays.toString(s[k].shape()) + ", expected [T, " + Arrays.toString(shape) + "]");
            }
            t = Math.max(t, s[k].dim(0));
        }
        if (steps > 0) {
            t = steps;
        }
        t = Math.max(t, 1);
        int[] full = new int[shape.length + 2];
        full[0] = t;
        full[1] = b;
        System.arraycopy(shape, 0, full, 2, shape.length);
        Tensor x = new Tensor(full);
        float[] o = x.data();
        for (int k = 0; k < b; k++) {
            float[] src = s[k].data();
            int len = Math.min(t, s[k].dim(0));
            for (int step = 0; step < len; step++) {
                System.arraycopy(src, step * d, o, (step * b + k) * d, d);
            }
        }
        return x;
    }

}
