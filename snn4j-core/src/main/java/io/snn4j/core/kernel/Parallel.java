package io.snn4j.core.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed pool for the kernels. Work is split into contiguous index ranges that depend only on the range
 * length and the thread count, and each task writes only its own range, so results never depend on timing:
 * the same inputs give bit-identical outputs with 1 or N threads, as long as a kernel reduces within a range
 * in a fixed order.
 *
 * <p>A training step makes dozens of short parallel calls (0.05-1 ms each), so the hand-off must cost
 * microseconds, not the tens of microseconds of an executor's park and unpark on a 2-core virtual machine:
 * the workers spin for a while ({@link #SPIN_NANOS}) after each task before they park, and the caller spins on
 * their completion. A call made while the pool serves another caller (another thread, or a kernel called from
 * inside a parallel body) runs on its caller's thread alone, which gives the same results.
 */
public final class Parallel {
    /** How long an idle worker spins before parking, and a waiting caller before yielding. */
    static final long SPIN_NANOS = 200_000;

    private static volatile int threads = Math.max(1, Integer.getInteger("snn4j.threads",
            Runtime.getRuntime().availableProcessors()));
    private static Worker[] workers = new Worker[0];
    private static final AtomicBoolean BUSY = new AtomicBoolean();

    private Parallel() {
    }

    public static int threads() {
        return threads;
    }

    /** Sets the number of threads (1 = run on the caller). */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        threads = n;
    }

    /** A body over the half-open range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** One worker thread: takes a chunk from its slot, runs it, reports completion. */
    private static final class Worker implements Runnable {
        final Thread thread;
        volatile RangeBody body;
        volatile int from;
        volatile int to;
        /** Incremented when a task is posted / finished; equal when idle. */
        volatile long posted;
        volatile long done;
        volatile Throwable failure;
        volatile boolean parked;

        Worker(int index) {
            thread = new Thread(this, "snn4j-kernel-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void post(RangeBody b, int f, int t) {
            body = b;
            from = f;
            to = t;
            failure = null;
            posted = posted + 1;
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long spinStart = System.nanoTime();
                while (posted == seen) {
                    if (System.nanoTime() - spinStart < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (posted == seen) {
                            LockSupport.park(this);
                        }
                        parked = false;
                        spinStart = System.nanoTime();
                    }
                }
                seen = posted;
                try {
                    body.run(from, to);
                } catch (Throwable e) {
                    failure = e;
                }
                body = null;
                done = seen;
            }
        }
    }

    private static synchronized Worker[] workers(int n) {
        if (workers.length < n) {
            Worker[] w = java.util.Arrays.copyOf(workers, n);
            for (int i = workers.length; i < n; i++) {
                w[i] = new Worker(i + 1);
            }
            workers = w;
        }
        return workers;
    }

    /**
     * Runs {@code body} over [0, n) split into at most {@link #threads()} contiguous chunks. Runs inline when
     * {@code n * costPerItem} is below about 32k operations, where a hand-off costs more than it saves.
     */
    public static void forRange(int n, long costPerItem, RangeBody body) {
        int k = threads;
        if (k <= 1 || n < 2 || (long) n * costPerItem < 32_768 || !BUSY.compareAndSet(false, true)) {
            body.run(0, n);
            return;
        }
        try {
            k = Math.min(k, n);
            Worker[] ws = workers(k - 1);
            for (int c = 1; c < k; c++) {
                ws[c - 1].post(body, (int) ((long) n * c / k), (int) ((long) n * (c + 1) / k));
            }
            Throwable mine = null;
            try {
                body.run(0, (int) ((long) n / k));
            } catch (Throwable e) {
                mine = e;
            }
            Throwable theirs = null;
            for (int c = 1; c < k; c++) {
                Worker w = ws[c - 1];
                long target = w.posted;
                long spinStart = System.nanoTime();
                while (w.done != target) {
                    if (System.nanoTime() - spinStart < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        Thread.yield();
                    }
                }
                if (theirs == null && w.failure != null) {
                    theirs = w.failure;
                }
            }
            rethrow(mine != null ? mine : theirs);
        } finally {
            BUSY.set(false);
        }
    }

    private static void rethrow(Throwable e) {
        if (e == null) {
            return;
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error er) {
            throw er;
        }
        throw new IllegalStateException(e);
    }
}
