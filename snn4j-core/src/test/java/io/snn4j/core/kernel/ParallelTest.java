package io.snn4j.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void everyIndexRunsOnceInFixedChunks() {
        KernelTestSupport.withThreads(3, () -> {
            for (int n : new int[] {2, 3, 7, 1000, 100_000}) {
                int[] hits = new int[n];
                ConcurrentHashMap<String, Boolean> chunks = new ConcurrentHashMap<>();
                for (int rep = 0; rep < 50; rep++) {
                    Parallel.forRange(n, 1_000_000, (from, to) -> {
                        chunks.put(from + "-" + to, true);
                        for (int i = from; i < to; i++) {
                            hits[i]++;
                        }
                    });
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(50, hits[i], "index " + i + " of " + n);
                }
                // the split depends on n and the thread count only
                assertEquals(Math.min(3, n), chunks.size(), "chunks for n " + n + ": " + chunks.keySet());
            }
        });
    }

    @Test
    void aCallFromInsideAParallelBodyRunsInlineWithTheSameResult() {
        KernelTestSupport.withThreads(2, () -> {
            long[] sums = new long[2];
            AtomicInteger inner = new AtomicInteger();
            Parallel.forRange(2, 1_000_000, (from, to) -> {
                for (int c = from; c < to; c++) {
                    int cc = c;
                    long[] part = new long[1];
                    Parallel.forRange(1000, 1_000_000, (f, t) -> {
                        inner.incrementAndGet();
                        long s = 0;
                        for (int i = f; i < t; i++) {
                            s += i;
                        }
                        synchronized (part) {
                            part[0] += s;
                        }
                    });
                    sums[cc] = part[0];
                }
            });
            assertArrayEquals(new long[] {499_500, 499_500}, sums);
            assertTrue(inner.get() >= 2);
        });
    }

    @Test
    void failuresInAnyChunkReachTheCaller() {
        KernelTestSupport.withThreads(2, () -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forRange(100,
                    1_000_000, (from, to) -> {
                        if (from > 0) {
                            throw new IllegalStateException("chunk " + from);
                        }
                    }));
            assertEquals("chunk 50", e.getMessage());
            // the pool still works afterwards
            int[] n = new int[100];
            Parallel.forRange(100, 1_000_000, (from, to) -> {
                for (int i = from; i < to; i++) {
                    n[i] = 1;
                }
            });
            assertEquals(100, java.util.Arrays.stream(n).sum());
        });
    }

    @Test
    void callsFromSeveralThreadsAtOnceAllComplete() throws Exception {
        KernelTestSupport.withThreads(2, () -> {
            Thread[] ts = new Thread[4];
            long[] results = new long[ts.length];
            for (int k = 0; k < ts.length; k++) {
                int kk = k;
                ts[k] = new Thread(() -> {
                    for (int rep = 0; rep < 200; rep++) {
                        long[] s = new long[3];
                        Parallel.forRange(3, 1_000_000, (from, to) -> {
                            for (int i = from; i < to; i++) {
                                s[i] = i + 1;
                            }
                        });
                        results[kk] += s[0] + s[1] + s[2];
                    }
                });
                ts[k].start();
            }
            for (Thread t : ts) {
                try {
                    t.join(60_000);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            for (long r : results) {
                assertEquals(200 * 6, r);
            }
        });
    }
}
