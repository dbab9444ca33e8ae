package io.snn4j.core.kernel;

/**
 * Dense float32 matrix products on row-major arrays with offsets: {@code C[M,N] (+)= A[M,K] B[K,N]} and the two
 * transposed variants a Linear layer's backward pass needs.
 *
 * <p>HotSpot's C2 vectorises a loop like {@code c[j] += a0*b0[j] + a1*b1[j] + a2*b2[j] + a3*b3[j]} only when
 * every array is indexed by the same plain {@code j}: with offsets such as {@code b[off + j]} the same loop
 * runs several times slower. So each thread copies a {@code KB x NB} tile of {@code B} into its own array of
 * row arrays (a tile fits in L2), copies one row piece of {@code C} at a time into a scratch row, updates it
 * from four tile rows per pass with {@link #axpy4}, and copies it back. Work is split over rows of {@code C}
 * with {@link Parallel#forRange}; every element of {@code C} is reduced by one thread in an order fixed by
 * {@code K} alone (ascending, four terms at a time from each tile's start), so results are bit-identical for
 * any thread count. The {@code *Reference} versions are the textbook loops the tests compare against.
 *
 * <p>When {@link Simd#active()} the products run on the Vector API kernels instead (same split over threads,
 * same determinism, fused multiply-adds: results differ from the plain kernels by float32 rounding).
 */
public final class Gemm {
    /** Columns per tile: 256 floats = 1 KiB per tile row, so the scratch row of C stays in L1. */
    static final int NB = 256;
    /** Rows per tile: a 512 x 256 tile is 512 KiB, within one core's L2, and halves the passes over C. */
    static final int KB = 512;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** One thread's tile of B and row piece of C, allocated once per thread. */
    private static final class Scratch {
        final float[][] tile = new float[KB][NB];
        final float[] crow = new float[NB];
    }

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
        Parallel.forRange(m, (long) k * n,
                (from, to) -> rows(a, aOff, k, 1, b, bOff, c, cOff, k, n, from, to, accumulate));
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
        Parallel.forRange(m, (long) k * n,
                (from, to) -> rows(a, aOff, 1, m, b, bOff, c, cOff, k, n, from, to, accumulate));
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
     * {@code c[i][0..n) += sum over p of a[i][p] b[p][0..n)} for i in [0, m), on arrays of rows, in the calling
     * thread (callers split their work themselves). Each element of C takes its terms in ascending p whatever
     * {@code m}, so a caller that splits rows over threads gets the same result for any split. The plain form
     * passes over four rows of B at a time, all rows of C inside, and skips a group of four zeros of A.
     *
     * @param a {@code m} rows of at least {@code k} values
     * @param b {@code k} rows of at least {@code n} values
     * @param c {@code m} rows of at least {@code n} values, added to
     */
    public static void mmRowsSerial(float[][] a, float[][] b, float[][] c, int m, int k, int n) {
        checkDims(m, k, n);
        SimdKernels simd = Simd.kernels();
        if (simd != null) {
            simd.gemmRowArrays(a, b, c, m, k, n);
            return;
        }
        rowsPlain(a, b, c, m, k, n);
    }

    /** The plain form of {@link #mmRowsSerial}. */
    private static void rowsPlain(float[][] a, float[][] b, float[][] c, int m, int k, int n) {
        int p = 0;
        for (; p + 3 < k; p += 4) {
            float[] b0 = b[p];
            float[] b1 = b[p + 1];
            float[] b2 = b[p + 2];
            float[] b3 = b[p + 3];
            for (int i = 0; i < m; i++) {
                float[] ai = a[i];
                float a0 = ai[p];
                float a1 = ai[p + 1];
                float a2 = ai[p + 2];
                float a3 = ai[p + 3];
                if (a0 != 0f || a1 != 0f || a2 != 0f || a3 != 0f) {
                    axpy4(a0, a1, a2, a3, b0, b1, b2, b3, c[i], n);
                }
            }
        }
        for (; p < k; p++) {
            for (int i = 0; i < m; i++) {
                float a0 = a[i][p];
                if (a0 != 0f) {
                    axpy1(a0, b[p], c[i], n);
                }
            }
        }
    }

    /**
     * Rows {@code [from, to)} of {@code C (+)= A' B}, where element (i, p) of A' is
     * {@code a[aOff + i * rowStride + p * colStride]} (row-major A: (k, 1); transposed A: (1, m)).
     */
    private static void rows(float[] a, int aOff, int rowStride, int colStride, float[] b, int bOff, float[] c,
            int cOff, int k, int n, int from, int to, boolean accumulate) {
        if (from >= to) {
            return;
        }
        SimdKernels simd = Simd.kernels();
        if (simd != null) {
            simd.gemmRows(a, aOff, rowStride, colStride, b, bOff, c, cOff, k, n, from, to, accumulate);
            return;
        }
        if (k == 0 || n == 0) {
            if (!accumulate) {
                java.util.Arrays.fill(c, cOff + from * n, cOff + to * n, 0f);
            }
            return;
        }
        Scratch s = SCRATCH.get();
        float[][] tile = s.tile;
        float[] crow = s.crow;
        final int cs = colStride;
        for (int j0 = 0; j0 < n; j0 += NB) {
            int nb = Math.min(NB, n - j0);
            for (int k0 = 0; k0 < k; k0 += KB) {
                int kb = Math.min(KB, k - k0);
                for (int p = 0; p < kb; p++) {
                    System.arraycopy(b, bOff + (k0 + p) * n + j0, tile[p], 0, nb);
                }
                for (int i = from; i < to; i++) {
                    int cr = cOff + i * n + j0;
                    if (k0 == 0 && !accumulate) {
                        java.util.Arrays.fill(crow, 0, nb, 0f);
                    } else {
                        System.arraycopy(c, cr, crow, 0, nb);
                    }
                    int q = aOff + i * rowStride + k0 * cs;
                    int p = 0;
                    for (; p + 3 < kb; p += 4, q += 4 * cs) {
                        axpy4(a[q], a[q + cs], a[q + 2 * cs], a[q + 3 * cs], tile[p], tile[p + 1], tile[p + 2],
                                tile[p + 3], crow, nb);
                    }
                    switch (kb - p) {
                        case 3 -> axpy3(a[q], a[q + cs], a[q + 2 * cs], tile[p], tile[p + 1], tile[p + 2], crow, nb);
                        case 2 -> axpy2(a[q], a[q + cs], tile[p], tile[p + 1], crow, nb);
                        case 1 -> axpy1(a[q], tile[p], crow, nb);
                        default -> {
                        }
                    }
                    System.arraycopy(crow, 0, c, cr, nb);
                }
            }
        }
    }

    /**
     * {@code c[j] += a0 b0[j] + a1 b1[j] + a2 b2[j] + a3 b3[j]} for j in [0, n): the inner kernel every fast
     * path here and in {@link EventAccumulate} is built on (see the class comment for why its arrays are
     * separate and unoffset).
     */
    static void axpy4(float a0, float a1, float a2, float a3, float[] b0, float[] b1, float[] b2, float[] b3,
            float[] c, int n) {
        for (int j = 0; j < n; j++) {
            c[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
        }
    }

    /** {@code c[j] += a0 b0[j] + a1 b1[j] + a2 b2[j]} for j in [0, n). */
    static void axpy3(float a0, float a1, float a2, float[] b0, float[] b1, float[] b2, float[] c, int n) {
        for (int j = 0; j < n; j++) {
            c[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j];
        }
    }

    /** {@code c[j] += a0 b0[j] + a1 b1[j]} for j in [0, n). */
    static void axpy2(float a0, float a1, float[] b0, float[] b1, float[] c, int n) {
        for (int j = 0; j < n; j++) {
            c[j] += a0 * b0[j] + a1 * b1[j];
        }
    }

    /** {@code c[j] += a0 b0[j]} for j in [0, n). */
    static void axpy1(float a0, float[] b0, float[] c, int n) {
        for (int j = 0; j < n; j++) {
            c[j] += a0 * b0[j];
        }
    }

    private static void checkDims(int m, int k, int n) {
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException("Gemm: negative dimension m=" + m + " k=" + k + " n=" + n);
        }
    }

    // =========================================================================================================
    // Recurrent layers: a right-hand matrix used by many products (once per time step), and the spike scan of
    // one row for their event-driven parts. Separate from the products above, which they do not change.
    // =========================================================================================================

    /**
     * A right-hand matrix {@code B [k, n]} prepared once for many products {@link #mmPackedSerial} with it, such
     * as a recurrent weight used once per time step: the Vector API kernel's packing of B is done here, once,
     * instead of in every product. Holds its own copy of B (later changes to the source do not show); immutable,
     * so threads may share it.
     */
    public static final class PackedRight {
        final int k;
        final int n;
        /** Rows of B for the plain kernel, or null when packed for the Vector API kernel. */
        final float[][] rows;
        /** B in the Vector API kernel's strips ({@link SimdKernels#packRight}), or null. */
        final float[] strips;
        final int stripWidth;

        private PackedRight(int k, int n, float[][] rows, float[] strips, int stripWidth) {
            this.k = k;
            this.n = n;
            this.rows = rows;
            this.strips = strips;
            this.stripWidth = stripWidth;
        }

        /** Rows of the product's inner dimension. */
        public int k() {
            return k;
        }

        /** Columns. */
        public int n() {
            return n;
        }

        /** The rows of B, from the strips if it was packed for the Vector API kernel. */
        float[][] rows() {
            if (rows != null) {
                return rows;
            }
            float[][] r = new float[k][n];
            int w = stripWidth;
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    r[p][j] = strips[(j / w) * k * w + p * w + j % w];
                }
            }
            return r;
        }
    }

    /**
     * Prepares {@code B [k, n]}, row-major from {@code bOff}, for {@link #mmPackedSerial}, in the form of the
     * kernels in use now.
     */
    public static PackedRight packRight(float[] b, int bOff, int k, int n) {
        checkDims(0, k, n);
        if (bOff < 0 || (long) bOff + (long) k * n > b.length) {
            throw new IllegalArgumentException("Gemm.packRight: [" + k + ", " + n + "] from " + bOff
                    + " does not fit an array of " + b.length);
        }
        SimdKernels simd = Simd.kernels();
        if (simd != null) {
            return new PackedRight(k, n, null, simd.packRight(b, bOff, k, n), simd.packedStripWidth());
        }
        float[][] rows = new float[k][];
        for (int p = 0; p < k; p++) {
            rows[p] = java.util.Arrays.copyOfRange(b, bOff + p * n, bOff + p * n + n);
        }
        return new PackedRight(k, n, rows, null, 0);
    }

    /**
     * {@code c[i][0..n) = sum over p of a[i][p] B[p][0..n)} for i in [0, m), overwriting C, in the calling thread
     * (callers split rows over threads themselves). Each element of C is reduced in ascending p, independently
     * of {@code m} and of the other rows, so any split of rows gives the same bits. The Vector API kernel gives
     * the bits of {@link #mmRowsSerial}'s onto zeroed rows; so does the plain one.
     *
     * @param a {@code m} rows of at least {@code b.k()} values
     * @param c {@code m} rows of at least {@code b.n()} values; columns past n are not touched
     */
    public static void mmPackedSerial(float[][] a, PackedRight b, float[][] c, int m) {
        checkDims(m, b.k, b.n);
        SimdKernels simd = Simd.kernels();
        if (simd != null && b.strips != null) {
            simd.gemmPacked(a, b.strips, c, m, b.k, b.n);
            return;
        }
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(c[i], 0, b.n, 0f);
        }
        rowsPlain(a, b.rows(), c, m, b.k, b.n);
    }

    /**
     * Writes the indices j in [0, n) where {@code x[off + j] != 0} (NaN included) to {@code idx} from {@code at},
     * ascending, and returns how many there are: the events of one row of spikes.
     *
     * @param idx room for {@code n} indices from {@code at}; entries past the last index but before
     *            {@code at + n} may be overwritten
     */
    public static int nonZeros(float[] x, int off, int n, int[] idx, int at) {
        SimdKernels simd = Simd.kernels();
        if (simd != null) {
            return simd.nonZeros(x, off, n, idx, at);
        }
        int k = at;
        for (int j = 0; j < n; j++) {
            idx[k] = j;
            k += x[off + j] != 0f ? 1 : 0;
        }
        return k - at;
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
