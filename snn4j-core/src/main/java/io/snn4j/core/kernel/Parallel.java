package io.snn4j.core.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fixed pool for the kernels. Work is split into contiguous index ranges that depend only on the range
 * length and the thread count, and each task writes only its own range, so results never depend on timing:
 * the same inputs give bit-identical outputs with 1 or N threads, as long as a kernel reduces within a range
 * in a fixed order.
 */
public final class Parallel {
    private static volatile int threads = Math.max(1, Integer.getInteger("snn4j.threads",
            Runtime.getRuntime().availableProcessors()));
    private static ExecutorService pool;

    private Parallel() {
    }

    public static int threads() {
        return threads;
    }

    /** Sets the number of worker threads (1 = run on the caller). */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        if (n != threads && pool != null) {
            pool.shutdown();
            pool = null;
        }
        threads = n;
    }

    private static synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "snn4j-kernel");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    /** A body over the half-open range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over [0, n) split into at most {@link #threads()} contiguous chunks. Runs inline when
     * {@code n * costPerItem} is below about 32k operations, where a hand-off costs more than it saves.
     */
    public static void forRange(int n, long costPerItem, RangeBody body) {
        int k = threads;
        if (k <= 1 || n < 2 || (long) n * costPerItem < 32_768) {
            body.run(0, n);
            return;
        }
        k = Math.min(k, n);
        List<Future<?>> fs = new ArrayList<>(k - 1);
        ExecutorService p = pool();
        for (int c = 1; c < k; c++) {
            int from = (int) ((long) n * c / k);
            int to = (int) ((long) n * (c + 1) / k);
            fs.add(p.submit(() -> body.run(from, to)));
        }
        body.run(0, (int) ((long) n / k));
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error er) {
                    throw er;
                }
                throw new IllegalStateException(c);
            }
        }
    }

}
