package io.snn4j.core.kernel;

/**
 * Dense float32 matrix products on row-major arrays with offsets: {@code C[M,N] (+)= A[M,K] B[K,N]} and the two
 * transposed variants a Linear layer's backward pass needs.
 *
 * <p>The fast versions tile {@code K} and {@code N} so a block of {@code B} stays in cache, and update one row of
 * {@code C} from four rows of {@code B} at a time in a plain indexed loop, the shape HotSpot's auto-vectoriser
 * turns into SIMD code. Work is split over rows of {@code C} with {@link Parallel#forRange}; every element of
 * {@code C} is reduced by one thread in an order fixed by {@code K} alone, so results are bit-identical for any
 * thread count. The {@code *Reference} versions are the textbook triple loops the tests compare against.
 */
public final class Gemm {
    /** Columns of B (and C) per tile; 256 floats = 1 KiB per row of the tile. */
    static final int NB = 256;
    /** Rows of B per tile: a 128 x 256 tile of B is 128 KiB, which fits in L2. */
    static final int KB = 128;

    private Gemm() {
    }

    /**
     * {@code C = A B} or {@code C += A B}.
     *
     * @param a          {@code [m, k]} starting at {@code aOff}
     * @param b          {@code [k, n]} starting at {@code bOff}
     * @param c          {@code [m, n]} starting at {@code cOff}
     * @param accumulate add to {@code C} instead of overwriting it
     */
    public static void mm(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
            boolean accumulate) {
        checkDims(m, k, n);
        Parallel.forRange(m, (long) k * n, (from, to) -> {
            if (!accumulate) {
                java.util.Arrays.fill(c, cOff + from * n, cOff + to * n, 0f);
            }
            mmRows(a, aOff, k, 1, b, bOff, c, cOff, k, n, from, to);
        });
    }

    /**
     * {@code C (+)= A^T B}, e.g. a weight gradient {@code delta^T x}.
     *
     * @param a {@code [k, m]} starting at {@code aOff}
     * @param b {@code [k, n]} starting at {@code bOff}
     * @param c {@code [m, n]} starting at {@code cOff}
     */
    public static void mmTransA(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
            boolean accumulate) {
        checkDims(m, k, n);
        Parallel.forRange(m, (long) k * n, (from, to) -> {
            if (!accumulate) {
                java.util.Arrays.fill(c, cOff + from * n, cOff + to * n, 0f);
            }
            mmRows(a, aOff, 1, m, b, bOff, c, cOff, k, n, from, to);
        });
    }

    /**
     * {@code C (+)= A B^T}. Transposes {@code B} into a scratch array, then runs {@link #mm}.
     *
     * @param a {@code [m, k]} starting at {@code aOff}
     * @param b {@code [n, k]} starting at {@code bOff}
     * @param c {@code [m, n]} starting at {@code cOff}
     */
    public static void mmTransB(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
            boolean accumulate) {
        checkDims(m, k, n);
        float[] bt = new float[k * n];
        Elementwise.transpose(b, bOff, n, k, bt, 0);
        mm(a, aOff, bt, 0, c, cOff, m, k, n, accumulate);
    }

    /**
     * Rows {@code [from, to)} of {@code C += A' B}, where element (i, p) of A' is
     * {@code a[aOff + i * rowStride + p * colStride]} (row-major A: (k, 1); transposed A: (1, m)).
     */
    private static void mmRows(float[] a, int aOff, int rowStride, int colStride, float[] b, int bOff,
            float[] c, int cOff, int k, int n, int from, int to) {
        for (int k0 = 0; k0 < k; k0 += KB) {
            int k1 = Math.min(k, k0 + KB);
            for (int j0 = 0; j0 < n; j0 += NB) {
                int j1 = Math.min(n, j0 + NB);
                int i = from;
                // Two rows of C share each load of B (measured ~25% faster than one row at a time). Every
                // element still gets the same sequence of roundings as in the one-row loop, so pairing, which
                // depends on where a thread's range starts, never changes the result.
                for (; i + 1 < to; i += 2) {
                    int cRow = cOff + i * n;
                    int aRow = aOff + i * rowStride;
                    int aRow1 = aRow + rowStride;
                    int p = k0;
                    for (; p + 3 < k1; p += 4) {
                        int q = p * colStride;
                        axpy4x2(a[aRow + q], a[aRow + q + colStride], a[aRow + q + 2 * colStride],
                                a[aRow + q + 3 * colStride], a[aRow1 + q], a[aRow1 + q + colStride],
                                a[aRow1 + q + 2 * colStride], a[aRow1 + q + 3 * colStride], b, bOff + p * n, n, c,
                                cRow, j0, j1);
                    }
                    for (; p < k1; p++) {
                        axpy1(a[aRow + p * colStride], b, bOff + p * n, c, cRow, j0, j1);
                        axpy1(a[aRow1 + p * colStride], b, bOff + p * n, c, cRow + n, j0, j1);
                    }
                }
                for (; i < to; i++) {
                    int cRow = cOff + i * n;
                    int aRow = aOff + i * rowStride;
                    int p = k0;
                    for (; p + 3 < k1; p += 4) {
                        int q = p * colStride;
                        axpy4(a[aRow + q], a[aRow + q + colStride], a[aRow + q + 2 * colStride],
                                a[aRow + q + 3 * colStride], b, bOff + p * n, n, c, cRow, j0, j1);
                    }
                    for (; p < k1; p++) {
                        axpy1(a[aRow + p * colStride], b, bOff + p * n, c, cRow, j0, j1);
                    }
                }
            }
        }
    }

    /** {@link #axpy4} for two consecutive rows of C ({@code cRow} and {@code cRow + ld}) at once. */
    private static void axpy4x2(float a0, float a1, float a2, float a3, float e0, float e1, float e2, float e3,
            float[] b, int r0, int ld, float[] c, int cRow, int j0, int j1) {
        int r1 = r0 + ld;
        int r2 = r1 + ld;
        int r3 = r2 + ld;
        int c1 = cRow + ld;
        for (int j = j0; j < j1; j++) {
            float b0 = b[r0 + j];
            float b1 = b[r1 + j];
            float b2 = b[r2 + j];
            float b3 = b[r3 + j];
            c[cRow + j] += a0 * b0 + a1 * b1 + a2 * b2 + a3 * b3;
            c[c1 + j] += e0 * b0 + e1 * b1 + e2 * b2 + e3 * b3;
        }
    }

    /** {@code c[cRow + j] += a0 b[r0 + j] + a1 b[r1 + j] + ...} for four consecutive rows of b, j in [j0, j1). */
    static void axpy4(float a0, float a1, float a2, float a3, float[] b, int r0, int ld, float[] c, int cRow,
            int j0, int j1) {
        int r1 = r0 + ld;
        int r2 = r1 + ld;
        int r3 = r2 + ld;
        for (int j = j0; j < j1; j++) {
            c[cRow + j] += a0 * b[r0 + j] + a1 * b[r1 + j] + a2 * b[r2 + j] + a3 * b[r3 + j];
        }
    }

    static void axpy1(float a0, float[] b, int r0, float[] c, int cRow, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            c[cRow + j] += a0 * b[r0 + j];
        }
    }

    private static void checkDims(int m, int k, int n) {
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException("Gemm: negative dimension m=" + m + " k=" + k + " n=" + n);
        }
    }

    /** Textbook {@code C (+)= A B} accumulated in double; the specification of {@link #mm}. */
    public static void mmReference(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k,
            int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c[cOff + i * n + j] : 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[aOff + i * k + p] * b[bOff + p * n + j];
                }
                c[cOff + i * n + j] = (float) s;
            }
        }
    }

    /** Textbook {@code C (+)= A^T B}, A {@code [k, m]}. */
    public static void mmTransAReference(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m,
            int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c[cOff + i * n + j] : 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[aOff + p * m + i] * b[bOff + p * n + j];
                }
                c[cOff + i * n + j] = (float) s;
            }
        }
    }

    /** Textbook {@code C (+)= A B^T}, B {@code [n, k]}. */
    public static void mmTransBReference(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m,
            int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c[cOff + i * n + j] : 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[aOff + i * k + p] * b[bOff + j * k + p];
                }
                c[cOff + i * n + j] = (float) s;
            }
        }
    }
}
