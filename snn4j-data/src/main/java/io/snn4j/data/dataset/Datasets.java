package io.snn4j.data.dataset;

import io.snn4j.core.Tensor;
import io.snn4j.data.digits.ClassificationDataset;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Adapters and helpers for {@link Dataset}s. */
public final class Datasets {
    private Datasets() {
    }

    /**
     * An in-memory {@link ClassificationDataset} as a static dataset whose samples are its features times
     * {@code scale}, shaped {@code shape} (e.g. the digits: scale 1/16, shape {@code [64]} or {@code [1, 8, 8]}).
     */
    public static Dataset of(ClassificationDataset data, float scale, String name, int... shape) {
        if (Tensor.sizeOf(shape) != data.features()) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " does not hold "
                    + data.features() + " features");
        }
        int[] sh = shape.clone();
        return new Dataset() {
            @Override
            public int size() {
                return data.size();
            }

            @Override
            public int classes() {
                return data.classes();
            }

            @Override
            public int label(int i) {
                return data.label(i);
            }

            @Override
            public Tensor sample(int i) {
                float[] f = data.sample(i);
                for (int k = 0; k < f.length; k++) {
                    f[k] *= scale;
                }
                return new Tensor(f, sh);
            }

            @Override
            public int[] shape() {
                return sh.clone();
            }

            @Override
            public boolean temporal() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /**
     * The same samples with another per-sample (static) or per-step (temporal) shape of the same size, e.g.
     * images {@code [1, 28, 28]} as vectors {@code [784]} (a view; samples are reshaped as they are read).
     */
    public static Dataset reshaped(Dataset d, int... shape) {
        if (Tensor.sizeOf(shape) != Tensor.sizeOf(d.shape())) {
            throw new IllegalArgumentException(d.name() + ": cannot reshape samples of " + Arrays.toString(d.shape())
                    + " to " + Arrays.toString(shape));
        }
        if (Arrays.equals(shape, d.shape())) {
            return d;
        }
        int[] sh = shape.clone();
        return new Dataset() {
            @Override
            public int size() {
                return d.size();
            }

            @Override
            public int classes() {
                return d.classes();
            }

            @Override
            public int label(int i) {
                return d.label(i);
            }

            @Override
            public Tensor sample(int i) {
                Tensor s = d.sample(i);
                if (!d.temporal()) {
                    return new Tensor(s.data(), sh);
                }
                int[] full = new int[sh.length + 1];
                full[0] = s.dim(0);
                System.arraycopy(sh, 0, full, 1, sh.length);
                return new Tensor(s.data(), full);
            }

            @Override
            public int[] shape() {
                return sh.clone();
            }

            @Override
            public boolean temporal() {
                return d.temporal();
            }

            @Override
            public String name() {
                return d.name();
            }
        };
    }

    /**
     * Loads (and so converts and caches) every sample with {@code threads} threads, calling {@code progress}
     * with the number done so far after each sample (from any thread). Useful before training so that the first
     * epoch does not convert while it trains. Rethrows the first failure.
     */
    public static void preload(Dataset d, int threads, IntConsumer progress) {
        int n = d.size();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable work = () -> {
            int i;
            while ((i = next.getAndIncrement()) < n) {
                d.sample(i);
                int k = done.incrementAndGet();
                if (progress != null) {
                    progress.accept(k);
                }
            }
        };
        if (threads <= 1 || n < 2) {
            work.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n), r -> {
            Thread t = new Thread(r, "snn4j-preload");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?>[] fs = new Future<?>[Math.min(threads, n)];
            for (int t = 0; t < fs.length; t++) {
                fs[t] = pool.submit(work);
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    next.set(n);
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (c instanceof Error er) {
                        throw er;
                    }
                    throw new IllegalStateException(c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("preload interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
