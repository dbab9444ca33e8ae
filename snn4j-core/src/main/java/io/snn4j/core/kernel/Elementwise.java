package io.snn4j.core.kernel;

/** Small fused loops on row-major arrays that the layers share (bias add, column sums, transpose, scale). */
public final class Elementwise {
    private Elementwise() {
    }

    /** {@code dst[cols, rows] = src[rows, cols]^T} (both contiguous from their offsets). */
    public static void transpose(float[] src, int srcOff, int rows, int cols, float[] dst, int dstOff) {
        // 32 x 32 blocks keep both the read and the write side within a few cache lines.
        final int bs = 32;
        for (int r0 = 0; r0 < rows; r0 += bs) {
            int r1 = Math.min(rows, r0 + bs);
            for (int c0 = 0; c0 < cols; c0 += bs) {
                int c1 = Math.min(cols, c0 + bs);
                for (int r = r0; r < r1; r++) {
                    int s = srcOff + r * cols;
                    for (int c = c0; c < c1; c++) {
                        dst[dstOff + c * rows + r] = src[s + c];
                    }
                }
            }
        }
    }

    /** Sets every row of {@code y[rows, n]} to {@code v[n]}. */
    public static void fillRows(float[] y, int yOff, int rows, float[] v, int n) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(v, 0, y, yOff + r * n, n);
        }
    }

    /** {@code y[r, :] += v} for every row of {@code y[rows, n]}. */
    public static void addRows(float[] y, int yOff, int rows, float[] v, int n) {
        for (int r = 0; r < rows; r++) {
            int o = yOff + r * n;
            for (int j = 0; j < n; j++) {
                y[o + j] += v[j];
            }
        }
    }

    /** {@code acc[j] += sum over rows r of x[r, j]} for {@code x[rows, n]}, rows added in ascending order. */
    public static void addColumnSums(float[] x, int xOff, int rows, int n, float[] acc) {
        // Column sums are reduced in a local buffer first so that the running sum keeps one rounding per row.
        float[] s = new float[n];
        for (int r = 0; r < rows; r++) {
            int o = xOff + r * n;
            for (int j = 0; j < n; j++) {
                s[j] += x[o + j];
            }
        }
        for (int j = 0; j < n; j++) {
            acc[j] += s[j];
        }
    }

    /** {@code x[i] *= s} over {@code [off, off + len)}. */
    public static void scale(float[] x, int off, int len, float s) {
        for (int i = off; i < off + len; i++) {
            x[i] *= s;
        }
    }

    /** Number of non-zero values in {@code x[off, off + len)}. */
    public static int countNonZero(float[] x, int off, int len) {
        int n = 0;
        for (int i = off; i < off + len; i++) {
            n += x[i] != 0f ? 1 : 0;
        }
        return n;
    }
}
