package io.snn4j.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.snn4j.core.Rng;

/** Random matrices of a given density and a tolerance-aware comparison. */
final class KernelTestSupport {
    private KernelTestSupport() {
    }

    /** Values in [-1, 1), each non-zero with probability {@code density}; {@code binary} makes them 1. */
    static float[] random(Rng rng, int n, double density, boolean binary) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            if (rng.nextFloat() < density) {
                a[i] = binary ? 1f : rng.uniform(-1f, 1f);
            }
        }
        return a;
    }

    /** Float32 sums of k terms of size <= 1 are off by about k * 2^-24 at most. */
    static void assertClose(float[] expected, float[] actual, int k, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double tol = 1e-5 * Math.max(1, k);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, what + " at " + i);
        }
    }

    /** Runs {@code body} with the Vector API kernels switched on or off, restoring the previous setting. */
    static void withSimd(boolean on, Runnable body) {
        boolean before = Simd.enabled;
        Simd.enabled = on;
        try {
            body.run();
        } finally {
            Simd.enabled = before;
        }
    }

    /** Runs {@code body} with the given thread count, restoring the previous one. */
    static void withThreads(int n, Runnable body) {
        int before = Parallel.threads();
        Parallel.setThreads(n);
        try {
            body.run();
        } finally {
            Parallel.setThreads(before);
        }
    }
}
