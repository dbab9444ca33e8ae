package io.snn4j.core.kernel;

import java.util.Arrays;

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

    /**
     * {@code reuse} when it has at least {@code rows} rows of at least {@code cols} floats, otherwise a new
     * {@code [rows][cols]} array. Contents are not cleared.
     */
    public static float[][] ensureRows(float[][] reuse, int rows, int cols) {
        if (reuse != null && reuse.length >= rows && (rows == 0 || reuse[0].length >= cols)) {
            return reuse;
        }
        return new float[rows][cols];
    }

    /**
     * Copies {@code src[rows, cols]} (contiguous from {@code srcOff}) into separate row arrays, in parallel over
     * rows; the kernels' inner loops vectorise only on unoffset arrays.
     *
     * @param reuse destination reused when large enough (see {@link #ensureRows}), or null
     * @return the rows, {@code [rows][>= cols]}
     */
    public static float[][] toRows(float[] src, int srcOff, int rows, int cols, float[][] reuse) {
        float[][] dst = ensureRows(reuse, rows, cols);
        Parallel.forRange(rows, cols, (from, to) -> {
            for (int r = from; r < to; r++) {
                System.arraycopy(src, srcOff + r * cols, dst[r], 0, cols);
            }
        });
        return dst;
    }

    /**
     * {@code dst[c][r] = src[r, c]} for {@code src[rows, cols]} contiguous from {@code srcOff}, e.g. a weight
     * {@code [out, in]} into input rows {@code [in][out]}.
     *
     * @param reuse destination reused when large enough (see {@link #ensureRows}), or null
     * @return the transposed rows, {@code [cols][>= rows]}
     */
    public static float[][] transposeToRows(float[] src, int srcOff, int rows, int cols, float[][] reuse) {
        float[][] dst = ensureRows(reuse, cols, rows);
        final int bs = 32;
        Parallel.forRange((cols + bs - 1) / bs, (long) bs * rows, (from, to) -> {
            for (int c0 = from * bs; c0 < Math.min(cols, to * bs); c0 += bs) {
                int c1 = Math.min(cols, c0 + bs);
                for (int r0 = 0; r0 < rows; r0 += bs) {
                    int r1 = Math.min(rows, r0 + bs);
                    for (int r = r0; r < r1; r++) {
                        int s = srcOff + r * cols;
                        for (int c = c0; c < c1; c++) {
                            dst[c][r] = src[s + c];
                        }
                    }
                }
            }
        });
        return dst;
    }

    /**
     * {@code dst[r, c] += src[c][r]} for {@code dst[rows, cols]} contiguous from {@code dstOff}, e.g. a gradient
     * of the transposed weight {@code [in][out]} added to the weight's gradient {@code [out, in]}.
     */
    public static void addTransposedRows(float[][] src, float[] dst, int dstOff, int rows, int cols) {
        final int bs = 32;
        Parallel.forRange((rows + bs - 1) / bs, (long) bs * cols, (from, to) -> {
            for (int r0 = from * bs; r0 < Math.min(rows, to * bs); r0 += bs) {
                int r1 = Math.min(rows, r0 + bs);
                for (int c0 = 0; c0 < cols; c0 += bs) {
                    int c1 = Math.min(cols, c0 + bs);
                    for (int r = r0; r < r1; r++) {
                        int d = dstOff + r * cols;
                        for (int c = c0; c < c1; c++) {
                            dst[d + c] += src[c][r];
                        }
                    }
                }
            }
        });
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

    /** Columns per task of the column sums: enough work per task, few enough columns to stay in L1. */
    private static final int COLUMN_BLOCK = 256;

    /**
     * {@code acc[j] += sum over rows r of x[r, j]} for {@code x[rows, n]}, parallel over blocks of columns. Each
     * column is summed from zero in ascending row order and then added to {@code acc}, whatever the thread
     * count.
     */
    public static void addColumnSums(float[] x, int xOff, int rows, int n, float[] acc) {
        int blocks = (n + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
        SimdKernels simd = Simd.kernels();
        Parallel.forRange(blocks, (long) rows * Math.min(n, COLUMN_BLOCK), (from, to) -> {
            float[] s = new float[COLUMN_BLOCK];
            for (int blk = from; blk < to; blk++) {
                int j0 = blk * COLUMN_BLOCK;
                int len = Math.min(COLUMN_BLOCK, n - j0);
                if (simd != null) {
                    // the same order of additions, with the columns in vector lanes (C2 leaves the plain loop
                    // scalar: it reads x at an offset)
                    simd.columnSums(x, xOff, rows, n, j0, len, s);
                    for (int j = 0; j < len; j++) {
                        acc[j0 + j] += s[j];
                    }
                    continue;
                }
                Arrays.fill(s, 0f);
                for (int r = 0; r < rows; r++) {
                    int o = xOff + r * n + j0;
                    for (int j = 0; j < len; j++) {
                        s[j] += x[o + j];
                    }
                }
                for (int j = 0; j < len; j++) {
                    acc[j0 + j] += s[j];
                }
            }
        });
    }

    /**
     * {@link #addColumnSums(float[], int, int, int, float[])} of {@code x} held as rows {@code [rows][>= n]},
     * with the same order of additions (so the same result).
     */
    public static void addColumnSums(float[][] x, int rows, int n, float[] acc) {
        int blocks = (n + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
        Parallel.forRange(blocks, (long) rows * Math.min(n, COLUMN_BLOCK), (from, to) -> {
            float[] s = new float[n];
            for (int blk = from; blk < to; blk++) {
                int j0 = blk * COLUMN_BLOCK;
                int j1 = Math.min(n, j0 + COLUMN_BLOCK);
                for (int r = 0; r < rows; r++) {
                    float[] row = x[r];
                    for (int j = j0; j < j1; j++) {
                        s[j] += row[j];
                    }
                }
                for (int j = j0; j < j1; j++) {
                    acc[j] += s[j];
                }
            }
        });
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
