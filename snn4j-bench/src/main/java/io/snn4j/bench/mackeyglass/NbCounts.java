package io.snn4j.bench.mackeyglass;

import io.snn4j.core.Tensor;

/**
 * NeuroBench's counting rules for the Mackey-Glass models' own loops (the harness's {@code OpCounts} works on the
 * engine's float32 layers; these also take the float64 arrays of the ESN and the readouts): the spiking test and
 * effective operations of a fully connected map.
 */
final class NbCounts {
    private NbCounts() {
    }

    /** NeuroBench's spiking test of one value: -1, 0 or 1 (NaN fails). */
    static boolean spiking(double v) {
        return v == 0 || v == 1 || v == -1;
    }

    /** NeuroBench's spiking test of a call's input: every value is -1, 0 or 1. */
    static boolean spiking(double[] x) {
        for (double v : x) {
            if (!spiking(v)) {
                return false;
            }
        }
        return true;
    }

    static boolean spiking(float[] x) {
        for (float v : x) {
            if (!spiking(v)) {
                return false;
            }
        }
        return true;
    }

    /** Effective operations of a fully connected map on one input: the sum of {@code perInput[i]} over non-zero x[i]. */
    static long effective(double[] x, int[] perInput) {
        long n = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0) {
                n += perInput[i];
            }
        }
        return n;
    }

    static long effective(float[] x, int[] perInput) {
        long n = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0f) {
                n += perInput[i];
            }
        }
        return n;
    }

    /** For a single-output map with weights {@code w}: 1 where the weight is non-zero. */
    static int[] nonZero(double[] w) {
        int[] c = new int[w.length];
        for (int i = 0; i < w.length; i++) {
            c[i] = w[i] != 0 ? 1 : 0;
        }
        return c;
    }

    /** Non-zero values of {@code w}. */
    static int countNonZero(double[] w) {
        int c = 0;
        for (double v : w) {
            if (v != 0) {
                c++;
            }
        }
        return c;
    }

    /**
     * A float32 tensor of float64 values for the static metrics, which read sizes and zeros: a non-zero value too
     * small for float32 stays non-zero (the smallest float32 of its sign), so the zero count is the float64 one.
     */
    static Tensor tensor(double[] v, int... shape) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            float x = (float) v[i];
            f[i] = x == 0f && v[i] != 0 ? Math.copySign(Float.MIN_VALUE, (float) Math.signum(v[i])) : x;
        }
        return new Tensor(f, shape);
    }
}
