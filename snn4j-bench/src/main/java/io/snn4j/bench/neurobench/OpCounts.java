package io.snn4j.bench.neurobench;

/**
 * Synaptic-operation counts with NeuroBench's definitions ({@code neurobench/metrics/utils/layers}): an operation
 * is one (weight, input) pair that a layer multiplies; <em>effective</em> operations are the pairs where both are
 * non-zero (NeuroBench binarises the input and a copy of the layer, zeroes the bias and sums the output), the
 * <em>dense</em> count takes every weight and input as non-zero (so zero padding, which has no weight-input pair,
 * is still excluded). Biases are never counted. Counts are exact 64-bit integers.
 */
final class OpCounts {
    private OpCounts() {
    }

    /**
     * NeuroBench's spiking test: a call's input counts as spikes (accumulates, AC) when every value is -1, 0 or 1,
     * otherwise as multiply-accumulates (MAC). NaN fails the test.
     */
    static boolean isSpiking(float[] x, int off, int n) {
        for (int i = off; i < off + n; i++) {
            float v = x[i];
            if (v != 0f && v != 1f && v != -1f) {
                return false;
            }
        }
        return true;
    }

    /**
     * For a weight {@code [out, in]} (PyTorch layout): how many outputs each input feeds through a non-zero
     * weight ({@code NaN} counts as non-zero, as {@code w != 0} does in PyTorch).
     */
    static int[] nonZeroPerInput(float[] w, int out, int in) {
        int[] c = new int[in];
        for (int o = 0; o < out; o++) {
            int base = o * in;
            for (int i = 0; i < in; i++) {
                if (w[base + i] != 0f) {
                    c[i]++;
                }
            }
        }
        return c;
    }

    /** Effective operations of a fully connected map: {@code sum over rows, non-zero inputs i of perInput[i]}. */
    static long dense1d(float[] x, int rows, int in, int[] perInput) {
        long n = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * in;
            for (int i = 0; i < in; i++) {
                if (x[base + i] != 0f) {
                    n += perInput[i];
                }
            }
        }
        return n;
    }

    /**
     * Per input element {@code (c, y, x)} of a 2-D convolution (no dilation, no groups), the number of
     * (output channel, output position) pairs it meets through a non-zero weight ({@code dense}: through any
     * weight). Input positions that no kernel window covers get 0; zero padding is never an input element.
     *
     * @param w weight {@code [outC, inC, kH, kW]}
     */
    static long[] conv2dTable(float[] w, int outC, int inC, int kh, int kw, int h, int wd, int sh, int sw,
            int ph, int pw, boolean dense) {
        int oh = (h + 2 * ph - kh) / sh + 1;
        int ow = (wd + 2 * pw - kw) / sw + 1;
        long[] perTap = new long[inC * kh * kw];
        for (int o = 0; o < outC; o++) {
            for (int i = 0; i < perTap.length; i++) {
                if (dense || w[o * perTap.length + i] != 0f) {
                    perTap[i]++;
                }
            }
        }
        boolean[][] rowOk = windows(h, kh, sh, ph, oh);
        boolean[][] colOk = windows(wd, kw, sw, pw, ow);
        long[] t = new long[inC * h * wd];
        for (int c = 0; c < inC; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < wd; x++) {
                    long s = 0;
                    for (int ky = 0; ky < kh; ky++) {
                        if (!rowOk[y][ky]) {
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++) {
                            if (colOk[x][kx]) {
                                s += perTap[(c * kh + ky) * kw + kx];
                            }
                        }
                    }
                    t[(c * h + y) * wd + x] = s;
                }
            }
        }
        return t;
    }

    /** Whether input position {@code i} meets kernel tap {@code k} at some output position. */
    private static boolean[][] windows(int n, int k, int stride, int pad, int outN) {
        boolean[][] ok = new boolean[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                int p = i + pad - j;
                ok[i][j] = p >= 0 && p % stride == 0 && p / stride < outN;
            }
        }
        return ok;
    }

    /** Sum over samples of {@code table[e]} for the non-zero input elements {@code e} of each sample. */
    static long perElement(float[] x, int rows, long[] table) {
        int n = table.length;
        long s = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * n;
            for (int e = 0; e < n; e++) {
                if (x[base + e] != 0f) {
                    s += table[e];
                }
            }
        }
        return s;
    }

    static long sum(long[] table) {
        long s = 0;
        for (long v : table) {
            s += v;
        }
        return s;
    }

    /** Element-wise weights {@code v [n]} on inputs {@code [rows, n]}: the pairs where both are non-zero. */
    static long elementwise(float[] x, int rows, float[] v) {
        int n = v.length;
        long s = 0;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                if (x[r * n + j] != 0f && v[j] != 0f) {
                    s++;
                }
            }
        }
        return s;
    }

    static long countNonZero(float[] x) {
        long n = 0;
        for (float v : x) {
            if (v != 0f) {
                n++;
            }
        }
        return n;
    }
}
