package io.snn4j.jmh;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.Parallel;
import io.snn4j.core.kernel.Simd;

/** Seeded inputs shared by the benchmarks, built in {@code @Setup} so that they are never timed. */
final class BenchData {
    /** The fixed seed: every fork measures on the same numbers. */
    static final long SEED = 42L;

    private BenchData() {
    }

    /** Bernoulli spikes: each entry is 1 with probability {@code density}, else 0. */
    static Tensor spikes(Rng rng, float density, int... shape) {
        Tensor t = new Tensor(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextFloat() < density ? 1f : 0f;
        }
        return t;
    }

    /** Independent normal values with standard deviation {@code scale}. */
    static Tensor normal(Rng rng, float scale, int... shape) {
        Tensor t = new Tensor(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian() * scale;
        }
        return t;
    }

    /** Uniform values in [-1, 1): dense, with no exact zeros to skip. */
    static float[] uniform(Rng rng, int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = rng.uniform(-1f, 1f);
        }
        return d;
    }

    /** Sets the kernel thread count and prints, once per fork, which kernels are running. */
    static void threads(int threads) {
        Parallel.setThreads(threads);
        System.out.println("snn4j kernels: " + Simd.describe() + ", threads " + Parallel.threads());
    }

    /** Parses {@code "AxBxC"} into {@code {A, B, C}}. */
    static int[] dims(String s) {
        String[] p = s.split("x");
        int[] d = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = Integer.parseInt(p[i]);
        }
        return d;
    }
}
