package io.snn4j.core.kernel;

import io.snn4j.core.Tensor;
import java.util.Arrays;

/**
 * Event-driven synapse kernels for spike inputs: work proportional to the number of non-zero inputs instead of
 * the number of inputs.
 *
 * <p>Weights are stored transposed, {@code Wt[in, out]}, so that one input event adds one contiguous row:
 * {@code out[r, :] += x[r, i] * Wt[i, :]}. The value is multiplied in, so the kernels are exact for any input,
 * not only binary spikes. {@link Events} holds the active indices of an input matrix, built once per call and
 * reused by the forward and the weight-gradient kernels. The fast forms take matrices as arrays of rows and add
 * four rows per pass with {@link Gemm}'s inner kernel (see {@link Gemm} for why rows must be separate arrays).
 */
public final class EventAccumulate {
    private EventAccumulate() {
    }

    /**
     * The non-zero entries of a row-major {@code [rows, cols]} matrix, by row (CSR) and, built on demand, by
     * column (CSC). Reusable across calls: arrays grow but are not reallocated while large enough.
     */
    public static final class Events {
        int rows;
        int cols;
        int[] rowPtr = new int[1];
        int[] colIdx = new int[0];
        float[] rowVal = new float[0];
        boolean byColumnValid;
        int[] colPtr = new int[1];
        int[] rowIdx = new int[0];
        float[] colVal = new float[0];
        private float[] src;
        private int srcOff;
        private boolean filled;
        /** Whether the by-row arrays belong to an attached {@link Tensor.Events}: never written then. */
        private boolean borrowed;
        /** Per-chunk event buffers of {@link #collect}, reused across calls. */
        private int[][] chunkIdx = new int[0][];
        private float[][] chunkVal = new float[0][];

        /**
         * Records the non-zeros of {@code x[rows, cols]} in one parallel pass, unless there are more than
         * {@code maxNnz} of them: then it stops early, records nothing and returns false. This is how a layer
         * picks the event path (few non-zeros) or the dense one at the cost of about one read of its input.
         *
         * @return whether the events were recorded (then {@link #nnz()} is their number)
         */
        public boolean collect(float[] x, int off, int rows, int cols, long maxNnz) {
            this.src = x;
            this.srcOff = off;
            this.rows = rows;
            this.cols = cols;
            this.filled = false;
            this.byColumnValid = false;
            unborrow();
            if (rowPtr.length < rows + 1) {
                rowPtr = new int[rows + 1];
            }
            int chunks = Math.max(1, Math.min(rows, Parallel.threads()));
            if (chunkIdx.length < chunks) {
                chunkIdx = Arrays.copyOf(chunkIdx, chunks);
                chunkVal = Arrays.copyOf(chunkVal, chunks);
            }
            final int[] rp = rowPtr;
            final int[][] ci = chunkIdx;
            final float[][] cv = chunkVal;
            final boolean[] over = new boolean[1];
            // Each chunk fills its own buffers; a chunk alone over maxNnz proves the total is, whatever the split.
            Parallel.forRange(chunks, (long) rows * cols / chunks, (cFrom, cTo) -> {
                for (int c = cFrom; c < cTo; c++) {
                    int r0 = (int) ((long) rows * c / chunks);
                    int r1 = (int) ((long) rows * (c + 1) / chunks);
                    int[] idx = ci[c] == null ? new int[Math.max(16, cols)] : ci[c];
                    float[] val = cv[c] == null ? new float[idx.length] : cv[c];
                    int p = 0;
                    SimdKernels simd = Simd.kernels();
                    int r = r0;
                    while (r < r1) {
                        if (idx.length - p < cols) {
                            int cap = (int) Math.min(Integer.MAX_VALUE - 8,
                                    Math.max(2L * idx.length, (long) p + cols));
                            idx = Arrays.copyOf(idx, cap);
                            val = Arrays.copyOf(val, cap);
                        }
                        // as many rows as surely fit, scanned in one call so the kernel is compiled on its own
                        int rEnd = cols == 0 ? r1 : (int) Math.min(r1, r + (long) (idx.length - p) / cols);
                        p = simd != null ? simd.scanRows(x, off, cols, r, rEnd, rp, idx, val, p, maxNnz)
                                : scanRows(x, off, cols, r, rEnd, rp, idx, val, p, maxNnz);
                        if (p > maxNnz) {
                            over[0] = true;
                            break;
                        }
                        r = rEnd;
                    }
                    ci[c] = idx;
                    cv[c] = val;
                }
            });
            if (over[0]) {
                return false;
            }
            rp[0] = 0;
            for (int r = 0; r < rows; r++) {
                rp[r + 1] += rp[r];
            }
            int nnz = rp[rows];
            if (nnz > maxNnz) {
                return false;
            }
            if (colIdx.length < nnz) {
                colIdx = new int[nnz];
                rowVal = new float[nnz];
            }
            for (int c = 0; c < chunks; c++) {
                int at = rp[(int) ((long) rows * c / chunks)];
                int len = rp[(int) ((long) rows * (c + 1) / chunks)] - at;
                System.arraycopy(ci[c], 0, colIdx, at, len);
                System.arraycopy(cv[c], 0, rowVal, at, len);
            }
            filled = true;
            return true;
        }

        /**
         * Appends the non-zeros of rows {@code [r0, r1)} of {@code x[*, cols]} (from {@code off}) to
         * {@code idx}/{@code val} from position {@code p}, stores each row's count in {@code rowNnz[r + 1]} and
         * returns the new position; stops after the first row that takes it beyond {@code maxNnz}. The arrays
         * must have room for {@code (r1 - r0) * cols} more entries.
         */
        static int scanRows(float[] x, int off, int cols, int r0, int r1, int[] rowNnz, int[] idx, float[] val,
                int p, long maxNnz) {
            for (int r = r0; r < r1; r++) {
                int start = p;
                int o = off + r * cols;
                for (int i = 0; i < cols; i++) {
                    float v = x[o + i];
                    if (v != 0f) {
                        idx[p] = i;
                        val[p] = v;
                        p++;
                    }
                }
                rowNnz[r + 1] = p - start;
                if (p > maxNnz) {
                    break;
                }
            }
            return p;
        }

        /**
         * Counts the non-zeros of each row of {@code x[rows, cols]} (in parallel) without recording them; call
         * {@link #fill()} to record them. Keeps a reference to {@code x}, which must not change until then.
         *
         * @return the number of non-zeros
         */
        public int count(float[] x, int off, int rows, int cols) {
            this.src = x;
            this.srcOff = off;
            this.rows = rows;
            this.cols = cols;
            this.filled = false;
            this.byColumnValid = false;
            unborrow();
            if (rowPtr.length < rows + 1) {
                rowPtr = new int[rows + 1];
            }
            final int[] rp = rowPtr;
            Parallel.forRange(rows, cols, (from, to) -> {
                for (int r = from; r < to; r++) {
                    rp[r + 1] = Elementwise.countNonZero(x, off + r * cols, cols);
                }
            });
            rp[0] = 0;
            for (int r = 0; r < rows; r++) {
                rp[r + 1] += rp[r];
            }
            return rp[rows];
        }

        /** Records the non-zeros counted by the last {@link #count}, in row-major order. */
        public Events fill() {
            int nnz = rowPtr[rows];
            if (colIdx.length < nnz) {
                colIdx = new int[nnz];
                rowVal = new float[nnz];
            }
            final float[] x = src;
            final int off = srcOff;
            final int c = cols;
            final int[] rp = rowPtr;
            final int[] ci = colIdx;
            final float[] rv = rowVal;
            Parallel.forRange(rows, cols, (from, to) -> {
                for (int r = from; r < to; r++) {
                    int p = rp[r];
                    int o = off + r * c;
                    for (int i = 0; i < c; i++) {
                        float v = x[o + i];
                        if (v != 0f) {
                            ci[p] = i;
                            rv[p] = v;
                            p++;
                        }
                    }
                }
            });
            filled = true;
            return this;
        }

        private void unborrow() {
            if (borrowed) {
                rowPtr = new int[1];
                colIdx = new int[0];
                rowVal = new float[0];
                borrowed = false;
            }
        }

        /**
         * Takes the events attached to a tensor instead of scanning it: shares their arrays (never writes them;
         * a later {@link #collect} or {@link #count} switches back to own arrays).
         */
        public Events wrap(Tensor.Events ev) {
            this.src = null;
            this.srcOff = 0;
            this.rows = ev.rows();
            this.cols = ev.cols();
            this.rowPtr = ev.rowPtrArray();
            this.colIdx = ev.colArray();
            this.rowVal = ev.valueArray();
            this.borrowed = true;
            this.byColumnValid = false;
            this.filled = true;
            return this;
        }

        /** An immutable copy of the recorded events, to attach to a tensor. */
        public Tensor.Events snapshot() {
            requireFilled();
            int nnz = nnz();
            return new Tensor.Events(rows, cols, Arrays.copyOf(rowPtr, rows + 1), Arrays.copyOf(colIdx, nnz),
                    Arrays.copyOf(rowVal, nnz));
        }

        /** Counts and records the non-zeros of {@code x[rows, cols]}. */
        public Events of(float[] x, int off, int rows, int cols) {
            collect(x, off, rows, cols, Long.MAX_VALUE);
            return this;
        }

        public int rows() {
            return rows;
        }

        public int cols() {
            return cols;
        }

        public int nnz() {
            return rowPtr[rows];
        }

        /** Fraction of non-zero entries, in [0, 1] (0 for an empty matrix). */
        public double density() {
            long n = (long) rows * cols;
            return n == 0 ? 0 : (double) nnz() / n;
        }

        void requireFilled() {
            if (!filled) {
                throw new IllegalStateException("Events.fill() was not called after count()");
            }
        }

        /** Builds the by-column lists from the by-row ones; rows stay ascending within a column. */
        void buildByColumn() {
            requireFilled();
            if (byColumnValid) {
                return;
            }
            int nnz = nnz();
            if (colPtr.length < cols + 1) {
                colPtr = new int[cols + 1];
            }
            Arrays.fill(colPtr, 0, cols + 1, 0);
            if (rowIdx.length < nnz) {
                rowIdx = new int[nnz];
                colVal = new float[nnz];
            }
            for (int p = 0; p < nnz; p++) {
                colPtr[colIdx[p] + 1]++;
            }
            for (int i = 0; i < cols; i++) {
                colPtr[i + 1] += colPtr[i];
            }
            int[] next = Arrays.copyOf(colPtr, cols);
            for (int r = 0; r < rows; r++) {
                for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                    int q = next[colIdx[p]]++;
                    rowIdx[q] = r;
                    colVal[q] = rowVal[p];
                }
            }
            byColumnValid = true;
        }
    }

    /**
     * Appends the non-zeros of the first {@code rows} rows of {@code x[*, cols]} (from offset 0) to
     * {@code idx}/{@code val} from position {@code p}, row by row with ascending columns, stores each row's count in
     * {@code rowNnz[r + 1]} and returns the new position; serial (the caller's thread), SIMD when available. The
     * arrays must have room for {@code rows * cols} more entries.
     */
    public static int appendNonZeros(float[] x, int rows, int cols, int[] rowNnz, int[] idx, float[] val, int p) {
        SimdKernels simd = Simd.kernels();
        return simd != null ? simd.scanRows(x, 0, cols, 0, rows, rowNnz, idx, val, p, Long.MAX_VALUE)
                : Events.scanRows(x, 0, cols, 0, rows, rowNnz, idx, val, p, Long.MAX_VALUE);
    }

    /**
     * {@code y[r, :] += sum over events (r, i, v) of v * wt[i, :]} for {@code y[rows, out]}, parallel over rows.
     * Convenience form on flat arrays; copies the weights into rows first (see
     * {@link #forward(Events, float[][], int, float[], float[], int)} for the allocation-free form).
     *
     * @param x  the input events ({@code [rows, in]})
     * @param wt weights {@code [in, out]} from offset 0
     * @param y  output {@code [rows, out]} starting at {@code yOff}
     */
    public static void forward(Events x, float[] wt, int out, float[] y, int yOff) {
        x.requireFilled();
        float[][] w = Elementwise.toRows(wt, 0, x.cols, out, null);
        run(x, w, out, null, true, y, yOff);
    }

    /**
     * {@code y[r, :] = init + sum over events (r, i, v) of v * wt[i, :]} for {@code y[rows, out]}, parallel over
     * rows; with {@code init} null, adds to {@code y} instead. Each row is summed in a scratch row four events
     * at a time, in the order of the events, so the result does not depend on the thread count.
     *
     * @param x    the input events ({@code [rows, in]})
     * @param wt   weight rows: {@code wt[i]} holds the {@code out} weights from input {@code i}
     * @param init {@code [out]} start value of every row (a bias), or null to accumulate into {@code y}
     * @param y    output {@code [rows, out]} starting at {@code yOff}
     */
    public static void forward(Events x, float[][] wt, int out, float[] init, float[] y, int yOff) {
        x.requireFilled();
        if (wt.length < x.cols) {
            throw new IllegalArgumentException("EventAccumulate: " + wt.length + " weight rows for " + x.cols
                    + " inputs");
        }
        run(x, wt, out, init, init == null, y, yOff);
    }

    /**
     * Row {@code r} of {@link #forward(Events, float[][], int, float[], float[], int)} alone, in the calling
     * thread: {@code dst[dstOff, dstOff + out) = init + sum over the row's events (i, v) of v * wt[i]}, with the
     * same bits as the whole-matrix call. For fused kernels that consume each row right away.
     */
    public static void accumulateRow(Events x, int r, float[][] wt, int out, float[] init, float[] dst,
            int dstOff) {
        int p = x.rowPtr[r];
        int end = x.rowPtr[r + 1];
        if (p == end) {
            System.arraycopy(init, 0, dst, dstOff, out);
            return;
        }
        float[] acc = scratchRow(out);
        System.arraycopy(init, 0, acc, 0, out);
        accumulate(acc, wt, x.colIdx, x.rowVal, p, end, out, vectorAccumulate(out));
        System.arraycopy(acc, 0, dst, dstOff, out);
    }

    /**
     * A dense row times a matrix held as rows, in the calling thread:
     * {@code dst[dstOff, dstOff + n) = sum over k < K of a[aOff + k] * rows[k][0, n)}, from zero, in ascending k
     * with the event accumulate's arithmetic (so a fused kernel computing rows one by one gets the bits of a call
     * over all rows). For small K: the K rows stay in L1 while the sum is held in registers.
     */
    public static void denseRow(float[] a, int aOff, int K, float[][] rows, int n, float[] dst, int dstOff) {
        float[] acc = scratchRow(n);
        java.util.Arrays.fill(acc, 0, n, 0f);
        Dense d = DENSE.get();
        if (d.idx.length < K) {
            d.idx = new int[K];
            d.val = new float[K];
            for (int k = 0; k < K; k++) {
                d.idx[k] = k;
            }
        }
        System.arraycopy(a, aOff, d.val, 0, K);
        accumulate(acc, rows, d.idx, d.val, 0, K, n, vectorAccumulate(n));
        System.arraycopy(acc, 0, dst, dstOff, n);
    }

    /** Identity indices and the row's values for {@link #denseRow}. */
    private static final class Dense {
        int[] idx = new int[0];
        float[] val = new float[0];
    }

    private static final ThreadLocal<Dense> DENSE = ThreadLocal.withInitial(Dense::new);

    /** {@code acc[0, out) += sum over p in [p, end) of rv[p] * wt[ci[p]]}, four events per pass. */
    private static void accumulate(float[] acc, float[][] wt, int[] ci, float[] rv, int p, int end, int out,
            SimdKernels simd) {
        if (simd != null) {
            simd.eventRows(acc, wt, ci, rv, p, end, out);
            return;
        }
        for (; p + 3 < end; p += 4) {
            Gemm.axpy4(rv[p], rv[p + 1], rv[p + 2], rv[p + 3], wt[ci[p]], wt[ci[p + 1]], wt[ci[p + 2]],
                    wt[ci[p + 3]], acc, out);
        }
        switch (end - p) {
            case 3 -> Gemm.axpy3(rv[p], rv[p + 1], rv[p + 2], wt[ci[p]], wt[ci[p + 1]], wt[ci[p + 2]], acc, out);
            case 2 -> Gemm.axpy2(rv[p], rv[p + 1], wt[ci[p]], wt[ci[p + 1]], acc, out);
            case 1 -> Gemm.axpy1(rv[p], wt[ci[p]], acc, out);
            default -> {
            }
        }
    }

    private static void run(Events x, float[][] wt, int out, float[] init, boolean accumulate, float[] y,
            int yOff) {
        final int[] rp = x.rowPtr;
        final int[] ci = x.colIdx;
        final float[] rv = x.rowVal;
        long avg = x.rows == 0 ? 0 : (long) out * (1 + x.nnz() / x.rows);
        final SimdKernels simd = vectorAccumulate(out);
        Parallel.forRange(x.rows, avg, (from, to) -> {
            float[] acc = scratchRow(out);
            for (int r = from; r < to; r++) {
                int yRow = yOff + r * out;
                int p = rp[r];
                int end = rp[r + 1];
                if (p == end) {
                    if (!accumulate) {
                        if (init == null) {
                            java.util.Arrays.fill(y, yRow, yRow + out, 0f);
                        } else {
                            System.arraycopy(init, 0, y, yRow, out);
                        }
                    }
                    continue;
                }
                if (accumulate) {
                    System.arraycopy(y, yRow, acc, 0, out);
                } else if (init == null) {
                    java.util.Arrays.fill(acc, 0, out, 0f);
                } else {
                    System.arraycopy(init, 0, acc, 0, out);
                }
                accumulate(acc, wt, ci, rv, p, end, out, simd);
                System.arraycopy(acc, 0, y, yRow, out);
            }
        });
    }

    /**
     * Weight gradient {@code dwt[i, :] += sum over rows r with x[r, i] != 0 of x[r, i] * delta[r, :]}, parallel
     * over inputs {@code i}. Convenience form on flat arrays: copies {@code delta} and {@code dwt} into rows (see
     * {@link #weightGrad(Events, float[][], int, float[][])} for the allocation-free form).
     *
     * @param x     the input events ({@code [rows, in]}) of the forward call
     * @param delta {@code [rows, out]} starting at {@code dOff}
     * @param dwt   {@code [in, out]} from offset 0
     */
    public static void weightGrad(Events x, float[] delta, int dOff, int out, float[] dwt) {
        x.requireFilled();
        float[][] d = Elementwise.toRows(delta, dOff, x.rows, out, null);
        float[][] g = Elementwise.toRows(dwt, 0, x.cols, out, null);
        weightGrad(x, d, out, g);
        for (int i = 0; i < x.cols; i++) {
            System.arraycopy(g[i], 0, dwt, i * out, out);
        }
    }

    /**
     * {@link #weightGrad(Events, float[][], int, float[][])} reading {@code delta} in place as a flat
     * {@code [rows, out]} matrix from offset 0 (no copy into rows), when the SIMD kernels apply to rows of
     * {@code out} values; returns false (having done nothing) otherwise. Same bits as the form on rows, by column
     * or (with {@link #byRowWeightGrad}) by row split over output columns.
     */
    public static boolean weightGradFlat(Events x, float[] delta, int out, float[][] dwt) {
        x.requireFilled();
        final SimdKernels simd = vectorAccumulate(out);
        if (simd == null) {
            return false;
        }
        if (delta.length < (long) x.rows * out || dwt.length < x.cols) {
            throw new IllegalArgumentException("EventAccumulate: weightGradFlat needs " + x.rows + " x " + out
                    + " deltas and " + x.cols + " dwt rows, got " + delta.length + " and " + dwt.length);
        }
        if (!byRowWeightGrad) {
            // by column: each gradient row in registers while its events pass
            x.buildByColumn();
            final int[] cp = x.colPtr;
            final int[] ri = x.rowIdx;
            final float[] cv = x.colVal;
            long avg = x.cols == 0 ? 0 : (long) out * (1 + x.nnz() / x.cols);
            Parallel.forRange(x.cols, avg, (from, to) -> {
                for (int i = from; i < to; i++) {
                    simd.eventRowsFlat(dwt[i], delta, out, ri, cv, cp[i], cp[i + 1], out);
                }
            });
            return true;
        }
        final int[] rp = x.rowPtr;
        final int[] ci = x.colIdx;
        final float[] rv = x.rowVal;
        final int rows = x.rows;
        final int lanes = simd.lanes();
        final int units = (out + lanes - 1) / lanes;
        long cost = units == 0 ? 0 : ((long) x.nnz() * lanes + rows) / 4;
        Parallel.forRange(units, cost, (from, to) -> simd.eventScatterColumnsFlat(dwt, delta, out, rp, ci, rv, rows,
                from * lanes, Math.min(out, to * lanes)));
        return true;
    }

    /**
     * Weight gradient {@code dwt[i][:] += sum over rows r with x[r, i] != 0 of x[r, i] * delta[r][:]}, parallel
     * over inputs {@code i}: each row of {@code dwt} is written by one thread, adding the rows of {@code delta}
     * four at a time in ascending row order, so the result does not depend on the thread count.
     *
     * @param x     the input events ({@code [rows, in]}) of the forward call
     * @param delta {@code rows} rows of at least {@code out} values: the gradient at the output
     * @param dwt   {@code in} rows of at least {@code out} values: the gradient of the transposed weight
     */
    public static void weightGrad(Events x, float[][] delta, int out, float[][] dwt) {
        x.requireFilled();
        if (delta.length < x.rows || dwt.length < x.cols) {
            throw new IllegalArgumentException("EventAccumulate: weightGrad needs " + x.rows + " delta rows and "
                    + x.cols + " dwt rows, got " + delta.length + " and " + dwt.length);
        }
        final SimdKernels simd = vectorAccumulate(out);
        if (simd != null && byRowWeightGrad) {
            // By input row from the by-row lists: building the by-column ones costs more than it saves here
            // (about 0.5 ms of a 1.5 ms call for the [6400, 700] input of shd_ff at density 0.02).
            final int[] rp = x.rowPtr;
            final int[] ci = x.colIdx;
            final float[] rv = x.rowVal;
            final int rows = x.rows;
            long cost = x.cols == 0 ? 0 : (long) out * (1 + x.nnz() / x.cols) + rows / x.cols;
            Parallel.forRange(x.cols, cost, (from, to) -> simd.eventScatter(dwt, delta, rp, ci, rv, rows, from,
                    to, out));
            return;
        }
        x.buildByColumn();
        final int[] cp = x.colPtr;
        final int[] ri = x.rowIdx;
        final float[] cv = x.colVal;
        long avg = x.cols == 0 ? 0 : (long) out * (1 + x.nnz() / x.cols);
        Parallel.forRange(x.cols, avg, (from, to) -> {
            for (int i = from; i < to; i++) {
                float[] d = dwt[i];
                int p = cp[i];
                int end = cp[i + 1];
                if (simd != null) {
                    simd.eventRows(d, delta, ri, cv, p, end, out);
                    p = end;
                }
                for (; p + 3 < end; p += 4) {
                    Gemm.axpy4(cv[p], cv[p + 1], cv[p + 2], cv[p + 3], delta[ri[p]], delta[ri[p + 1]],
                            delta[ri[p + 2]], delta[ri[p + 3]], d, out);
                }
                switch (end - p) {
                    case 3 -> Gemm.axpy3(cv[p], cv[p + 1], cv[p + 2], delta[ri[p]], delta[ri[p + 1]],
                            delta[ri[p + 2]], d, out);
                    case 2 -> Gemm.axpy2(cv[p], cv[p + 1], delta[ri[p]], delta[ri[p + 1]], d, out);
                    case 1 -> Gemm.axpy1(cv[p], delta[ri[p]], d, out);
                    default -> {
                    }
                }
            }
        });
    }

    /**
     * The SIMD event accumulate for rows of {@code out} values, or null for the plain one. The SIMD form keeps a
     * strip of eight vectors in registers, so it needs at least one full strip; measured on the 2-core machine
     * (AVX-512, 16 lanes, best of 200 calls, [6400, in] spike inputs): 20% faster forward and 10% faster weight
     * gradient at 256 outputs, but 2.5x slower at 20 outputs (the columns past the last vector go one event at a
     * time) and no faster at 1024 (the weight rows no longer stay in L2).
     */
    private static SimdKernels vectorAccumulate(int out) {
        SimdKernels simd = Simd.kernels();
        return simd != null && out >= 8 * simd.lanes() && out <= 512 ? simd : null;
    }

    /**
     * Package-private switch so tests can compare the by-row and by-column SIMD weight gradients. By column is the
     * default: each gradient row stays in registers while its events pass, with no store in the inner loop. The
     * by-row scatter (load, add and store a gradient row per event) was as fast in some runs and 2.5x slower in
     * others (shd_ff input layer: 2.0 or 5 ms per call from one JVM to the next; false store-to-load dependencies
     * between gradient rows 4 KiB apart, so it depended on where the rows lay in memory).
     */
    static volatile boolean byRowWeightGrad = false;

    private static final ThreadLocal<float[][]> ROW = ThreadLocal.withInitial(() -> new float[1][0]);

    /** This thread's scratch row of at least {@code n} floats, reused across calls. */
    private static float[] scratchRow(int n) {
        float[][] h = ROW.get();
        if (h[0].length < n) {
            h[0] = new float[n];
        }
        return h[0];
    }

    /** Dense specification of {@link #forward}: {@code y[rows, out] += x[rows, in] wt[in, out]}, in double. */
    public static void forwardReference(float[] x, int rows, int in, float[] wt, int out, float[] y) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < out; j++) {
                double s = y[r * out + j];
                for (int i = 0; i < in; i++) {
                    s += (double) x[r * in + i] * wt[i * out + j];
                }
                y[r * out + j] = (float) s;
            }
        }
    }

    /** Dense specification of {@link #weightGrad}: {@code dwt[in, out] += x^T delta}, in double. */
    public static void weightGradReference(float[] x, int rows, int in, float[] delta, int out, float[] dwt) {
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                double s = dwt[i * out + j];
                for (int r = 0; r < rows; r++) {
                    s += (double) x[r * in + i] * delta[r * out + j];
                }
                dwt[i * out + j] = (float) s;
            }
        }
    }
}
