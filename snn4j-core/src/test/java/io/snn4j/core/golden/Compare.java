package io.snn4j.core.golden;

import java.util.Arrays;

/**
 * Array comparison for the golden tests. The error of an array is {@code max|got - expected|} divided by
 * {@code max(max|expected|, floor)}: relative to the array's scale, so that an element that nearly cancels
 * (a gradient summed over many steps and samples) is judged by the precision float32 can give it, and the floor
 * keeps an all-tiny array from demanding more than absolute precision {@code floor * rel}.
 * (snnTorch's own float32 gradients differ from a float64 run of the same network by at most 3.5e-6 of this
 * measure, 1e-7 typically; see {@code float32_error} in the case files.)
 */
final class Compare {
    private Compare() {
    }

    /** The worst element of a comparison. */
    record Result(double error, int index, float expected, float got, int firstBadStep) {
    }

    /**
     * @param stepSize elements per time step (for arrays {@code [T, ...]}), or 0 when the array has no time axis
     * @param tol      elements whose scaled difference exceeds this mark {@code firstBadStep}
     */
    static Result compare(float[] got, float[] expected, double floor, int stepSize, double tol) {
        if (got.length != expected.length) {
            throw new AssertionError("size " + got.length + " differs from the golden size " + expected.length);
        }
        double scale = floor;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double worst = -1;
        int at = -1;
        int firstBad = -1;
        for (int i = 0; i < got.length; i++) {
            double d = Math.abs((double) got[i] - expected[i]);
            if (Double.isNaN(d)) {
                d = Double.POSITIVE_INFINITY;
            }
            if (d > worst) {
                worst = d;
                at = i;
            }
            if (d / scale > tol && firstBad < 0) {
                firstBad = stepSize > 0 ? i / stepSize : 0;
            }
        }
        return new Result(worst / scale, at, at < 0 ? 0 : expected[at], at < 0 ? 0 : got[at], firstBad);
    }

    /** Number of elements that differ exactly (for spikes, which must be identical). */
    static int mismatches(float[] got, float[] expected) {
        if (got.length != expected.length) {
            throw new AssertionError("size " + got.length + " differs from the golden size " + expected.length);
        }
        int n = 0;
        for (int i = 0; i < got.length; i++) {
            if (Float.compare(got[i], expected[i]) != 0) {
                n++;
            }
        }
        return n;
    }

    /** The first index where the arrays differ, or -1. */
    static int firstMismatch(float[] got, float[] expected) {
        for (int i = 0; i < got.length; i++) {
            if (Float.compare(got[i], expected[i]) != 0) {
                return i;
            }
        }
        return -1;
    }

    /** A flat index as a multi-index of {@code shape}, e.g. {@code [3, 1, 7]}. */
    static String index(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return Arrays.toString(idx);
    }
}
