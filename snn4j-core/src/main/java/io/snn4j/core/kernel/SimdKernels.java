package io.snn4j.core.kernel;

/**
 * The kernels that have an explicit-SIMD form. Its only implementation, {@code VectorKernels}, uses the incubating
 * Vector API; it is reached through this interface (see {@link Simd}) so that nothing on the plain path links
 * against {@code jdk.incubator.vector} when that module is absent.
 */
interface SimdKernels {
    /**
     * Rows {@code [from, to)} of {@code C (+)= A' B}, with the same arguments as the plain {@code Gemm.rows}:
     * element (i, p) of A' is {@code a[aOff + i * rowStride + p * colStride]}, B is {@code [k, n]} row-major from
     * {@code bOff}, C is {@code [*, n]} row-major from {@code cOff}. Each element of C is reduced in an order fixed
     * by {@code k} alone.
     */
    void gemmRows(float[] a, int aOff, int rowStride, int colStride, float[] b, int bOff, float[] c, int cOff,
            int k, int n, int from, int to, boolean accumulate);

    /**
     * {@code c[i][0..n) += sum over p of a[i][p] b[p][0..n)} for i in [0, m): a product on arrays of rows, each
     * element of C reduced in ascending p.
     */
    void gemmRowArrays(float[][] a, float[][] b, float[][] c, int m, int k, int n);

    /** The SIMD form of {@code EventAccumulate.Events.scanRows} (same arguments, same result). */
    int scanRows(float[] x, int off, int cols, int r0, int r1, int[] rowNnz, int[] idx, float[] val, int p,
            long maxNnz);

    /**
     * {@code acc[0..n) += sum over p in [from, to) of val[p] * rows[idx[p]][0..n)}: the event accumulate of
     * {@code EventAccumulate}, each element of {@code acc} updated by one fused multiply-add per event, in
     * ascending p, so its rounding depends on the events alone (not on threads or on n).
     */
    void eventRows(float[] acc, float[][] rows, int[] idx, float[] val, int from, int to, int n);

    /**
     * {@code dst[i][0..n) += val[p] * src[r][0..n)} for every event p = (r, i) of the by-row lists
     * ({@code rowPtr}, {@code colIdx}) whose column i lies in {@code [from, to)}, rows in ascending order: the
     * weight gradient of {@code EventAccumulate} without building by-column lists. Each element takes one fused
     * multiply-add per event in ascending r, so it gets the same bits as {@link #eventRows} over by-column lists.
     */
    void eventScatter(float[][] dst, float[][] src, int[] rowPtr, int[] colIdx, float[] val, int rows, int from,
            int to, int n);

    /**
     * The same sums as {@link #eventScatter} over all events, for the columns {@code [j0, j1)} of each row only:
     * threads split the columns (multiples of {@link #lanes()}), so none skips events, and each row of
     * {@code src} is held in registers while its events pass. Same bits as {@link #eventScatter}.
     */
    void eventScatterColumns(float[][] dst, float[][] src, int[] rowPtr, int[] colIdx, float[] val, int rows,
            int j0, int j1);

    /** {@link #eventScatterColumns} with {@code src} a flat {@code [rows, n]} matrix from offset 0. */
    void eventScatterColumnsFlat(float[][] dst, float[] src, int n, int[] rowPtr, int[] colIdx, float[] val,
            int rows, int j0, int j1);

    /** {@link #eventRows} with the rows in one flat array: row k is {@code rows[k * stride, k * stride + n)}. */
    void eventRowsFlat(float[] acc, float[] rows, int stride, int[] idx, float[] val, int from, int to, int n);

    /**
     * {@code s[k] = sum over r < rows of x[xOff + r * n + j0 + k]} for {@code k < len}, each column summed from 0f
     * in ascending r (the plain loop's order, so the same bits).
     */
    void columnSums(float[] x, int xOff, int rows, int n, int j0, int len, float[] s);

    /** Lanes of the float vectors used, for reports. */
    int lanes();

    // ---- for recurrent layers (RecurrentKernel): a right-hand matrix packed once, spike scans, event sums ----

    /**
     * Columns per strip of {@link #packRight}'s layout: element (p, j) of B sits at
     * {@code (j / w) * k * w + p * w + j % w} with {@code w} this width; columns past n are zero.
     */
    int packedStripWidth();

    /** B {@code [k, n]} (row-major from {@code bOff}) in the layout {@link #gemmPacked} reads. */
    float[] packRight(float[] b, int bOff, int k, int n);

    /**
     * {@code c[i][0..n) = sum over p of a[i][p] B[p][0..n)} for i in [0, m), B packed by {@link #packRight}:
     * overwrites C; each element is one chain of fused multiply-adds in ascending p starting from zero, so it
     * does not depend on m or on which rows share a call.
     */
    void gemmPacked(float[][] a, float[] packed, float[][] c, int m, int k, int n);

    /**
     * Writes the indices j in [0, n) with {@code x[off + j] != 0} to {@code idx} from {@code at}, ascending;
     * returns how many. {@code idx} has room for n from {@code at}; entries past the last index but before
     * {@code at + n} may be overwritten.
     */
    int nonZeros(float[] x, int off, int n, int[] idx, int at);

    /**
     * {@code acc[0..n) += sum over p in [from, to) of val[p] * src[r][off[r] .. off[r] + n)} with {@code r = idx[p]}:
     * rows read in place at any offset, one fused multiply-add per event and element, in ascending p.
     */
    void eventRowsAt(float[] acc, float[][] src, int[] off, int[] idx, float[] val, int from, int to, int n);

    /**
     * One forward step of one sample of the recurrent leaky neuron (RecurrentKernel's fast path, reset delayed),
     * fused, given its recurrent input {@code rec}: {@code base = (b u + x) + rec}, {@code r = step(u - theta)},
     * U = base - r theta (reset 0 = subtract), base - r base (1 = zero) or base (2 = none),
     * {@code s = step(U - theta)}. Writes U to {@code u} and {@code mem[o..]} (mem nullable), s to {@code sp} and
     * {@code spk[o..]}. step(d) is 1 for d > 0, NaN for NaN, else 0: the plain kernels' arithmetic exactly.
     * Rows {@code rec, u, sp, bb, tt} are indexed from 0, x from {@code xo}.
     */
    void leakyForwardRow(int reset, int n, float[] x, int xo, float[] rec, float[] bb, float[] tt, float[] u,
            float[] sp, float[] mem, float[] spk, int o);

    /**
     * One reverse step of one sample of the recurrent leaky neuron (RecurrentKernel's fast path), fused:
     * {@code r = step(prev - theta)}, {@code gs = (gOut[o..] + cK) sg}, {@code gU = cU + gs};
     * subtract: gth = (0 - gs) - r gU, gb = gU; zero: gth = 0 - gs, gb = gU (1 - r); none: gth = 0 - gs, gb = gU.
     * Writes gb to {@code g}, {@code gb b} to {@code cU}, gb to {@code gIn[o..]} and to {@code gRec[o..]} (each
     * nullable; gRec skipped when it is gIn), and adds, in double, {@code gb * prev} (rounded in float first) to
     * {@code pb}, gth to {@code pt} and gb to {@code pBias} (each nullable).
     */
    void leakyBackwardRow(int reset, int n, float[] prev, float[] sg, float[] gOut, int o, float[] bb, float[] tt,
            float[] cU, float[] cK, float[] g, float[] gIn, float[] gRec, double[] pb, double[] pt, double[] pBias);
}
