package io.snn4j.core;

import java.util.SplittableRandom;

/**
 * A seeded random source. Every random choice in snn4j (initialisation, encoders, dropout, shuffling) draws
 * from an {@code Rng} so that a run is reproducible from its seed; {@link #split()} gives independent streams
 * for parallel work without making results depend on thread timing.
 */
public final class Rng {
    private final SplittableRandom r;

    public Rng(long seed) {
        this.r = new SplittableRandom(seed);
    }

    private Rng(SplittableRandom r) {
        this.r = r;
    }

    /**
     * The seed of stream {@code stream} of {@code seed}: the SplitMix64 finaliser of
     * {@code seed + golden * (stream + 1)}, so nearby seeds and stream indices (epochs, say) give unrelated
     * generators without storing any.
     */
    public static long streamSeed(long seed, long stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public Rng split() {
        return new Rng(r.split());
    }

    /** Uniform in [0, 1). */
    public float nextFloat() {
        return (float) ((r.nextLong() >>> 40) * 0x1.0p-24);
    }

    public double nextDouble() {
        return r.nextDouble();
    }

    /** Uniform in [lo, hi). */
    public float uniform(float lo, float hi) {
        return lo + (hi - lo) * nextFloat();
    }

    public int nextInt(int bound) {
        return r.nextInt(bound);
    }

    public long nextLong() {
        return r.nextLong();
    }

    /** Standard normal (Box-Muller, one value per call). */
    public double nextGaussian() {
        double u1;
        do {
            u1 = r.nextDouble();
        } while (u1 <= 0);
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Fisher-Yates shuffle of {@code a} in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}
