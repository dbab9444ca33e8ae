package io.snn4j.core.kernel;

/**
 * Vector API forms of the parts of {@code io.snn4j.core.neuron.RecurrentKernel}: the event sum of the recurrent
 * input and fused steps of one sample of the recurrent leaky neuron (see {@link SimdKernels#leakyForwardRow} and
 * {@link SimdKernels#leakyBackwardRow}: the plain loops' arithmetic exactly, so both paths give the same bits).
 * Each call returns false, doing nothing, when the Vector API kernels are not in use: the caller then runs its
 * plain loops.
 */
public final class NeuronRows {
    private NeuronRows() {
    }

    /** Whether the calls below run (the Vector API kernels are in use). */
    public static boolean active() {
        return Simd.kernels() != null;
    }

    /**
     * {@code acc[0..n) += sum over p in [from, to) of val[p] * rows[idx[p]][0..n)}: one fused multiply-add per event
     * and element, in ascending p, so the sum does not depend on how the events are found (the Vector API event
     * accumulate, {@link SimdKernels#eventRows}).
     */
    public static boolean eventSum(float[] acc, float[][] rows, int[] idx, float[] val, int from, int to, int n) {
        SimdKernels simd = Simd.kernels();
        if (simd == null) {
            return false;
        }
        simd.eventRows(acc, rows, idx, val, from, to, n);
        return true;
    }

    /** See {@link SimdKernels#leakyForwardRow}. */
    public static boolean leakyForward(int reset, int n, float[] x, int xo, float[] rec, float[] bb, float[] tt,
            float[] u, float[] sp, float[] mem, float[] spk, int o) {
        SimdKernels simd = Simd.kernels();
        if (simd == null) {
            return false;
        }
        simd.leakyForwardRow(reset, n, x, xo, rec, bb, tt, u, sp, mem, spk, o);
        return true;
    }

    /** See {@link SimdKernels#leakyBackwardRow}. */
    public static boolean leakyBackward(int reset, int n, float[] prev, float[] sg, float[] gOut, int o,
            float[] bb, float[] tt, float[] cU, float[] cK, float[] g, float[] gIn, float[] gRec, double[] pb,
            double[] pt, double[] pBias) {
        SimdKernels simd = Simd.kernels();
        if (simd == null) {
            return false;
        }
        simd.leakyBackwardRow(reset, n, prev, sg, gOut, o, bb, tt, cU, cK, g, gIn, gRec, pb, pt, pBias);
        return true;
    }

    /**
     * {@code acc[0..n) += sum over p in [from, to) of val[p] * src[r][off[r] .. off[r] + n)} with {@code r = idx[p]}:
     * the rows read in place, a strip of acc in registers over the events, one fused multiply-add per event and
     * element in ascending p (see {@link SimdKernels#eventRowsAt}).
     */
    public static boolean eventRowsAt(float[] acc, float[][] src, int[] off, int[] idx, float[] val, int from,
            int to, int n) {
        SimdKernels simd = Simd.kernels();
        if (simd == null) {
            return false;
        }
        simd.eventRowsAt(acc, src, off, idx, val, from, to, n);
        return true;
    }
}
