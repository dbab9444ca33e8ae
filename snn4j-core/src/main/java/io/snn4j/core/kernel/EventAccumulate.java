package io.snn4j.core.kernel;

import java.util.Arrays;

/**
 * Event-driven synapse kernels for spike inputs: work proportional to the number of non-zero inputs instead of
 * the number of inputs.
 *
 * <p>Weights are stored transposed, {@code Wt[in, out]}, so that one input event adds one contiguous row:
 * {@code out[r, :] += x[r, i] * Wt[i, :]}. The value is multiplied in, so the kernels are exact for any input,
 * not only binary spikes. {@link Events} holds the active indices of an input matrix, built once per call and
 * reused by the forward and the weight-gradient kernels.
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

        /** Counts and records the non-zeros of {@code x[rows, cols]}. */
        public Events of(float[] x, int off, int rows, int cols) {
            count(x, off, rows, cols);
            return fill();
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
     * {@code y[r, :] += sum over events (r, i, v) of v * wt[i, :]} for {@code y[rows, out]}, parallel over rows.
     *
     * @param x  the input events ({@code [rows, in]})
     * @param wt weights {@code [in, out]} from offset 0
     * @param y  output {@code [rows, out]} starting at {@code yOff}
     */
    public static void forward(Events x, float[] wt, int out, float[] y, int yOff) {
        x.requireFilled();
        final int[] rp = x.rowPtr;
        final int[] ci = x.colIdx;
        final float[] rv = x.rowVal;
        long avg = x.rows == 0 ? 0 : (long) out * (1 + x.nnz() / x.rows);
        Parallel.forRange(x.rows, avg, (from, to) -> {
            for (int r = from; r < to; r++) {
                accumulateRow(rp[r], rp[r + 1], ci, rv, wt, out, y, yOff + r * out);
            }
        });
    }

    /**
     * Weight gradient {@code dwt[i, :] += sum over rows r with x[r, i] != 0 of x[r, i] * delta[r, :]}, parallel
     * over inputs {@code i}.
     *
     * @param x     the input events ({@code [rows, in]}) of the forward call
     * @param delta {@code [rows, out]} starting at {@code dOff}
     * @param dwt   {@code [in, out]} from offset 0
     */
    public static void weightGrad(Events x, float[] delta, int dOff, int out, float[] dwt) {
        x.buildByColumn();
        final int[] cp = x.colPtr;
        final int[] ri = x.rowIdx;
        final float[] cv = x.colVal;
        long avg = x.cols == 0 ? 0 : (long) out * (1 + x.nnz() / x.cols);
        Parallel.forRange(x.cols, avg, (from, to) -> {
            for (int i = from; i < to; i++) {
                int p = cp[i];
                int end = cp[i + 1];
                int o = i * out;
                for (; p + 3 < end; p += 4) {
                    axpy4Gather(cv[p], cv[p + 1], cv[p + 2], cv[p + 3], delta,
                            dOff + ri[p] * out, dOff + ri[p + 1] * out, dOff + ri[p + 2] * out,
                            dOff + ri[p + 3] * out, dwt, o, out);
                }
                for (; p < end; p++) {
                    Gemm.axpy1(cv[p], delta, dOff + ri[p] * out, dwt, o, 0, out);
                }
            }
        });
    }

    private static void accumulateRow(int p, int end, int[] ci, float[] rv, float[] wt, int out, float[] y,
            int yRow) {
        for (; p + 3 < end; p += 4) {
            axpy4Gather(rv[p], rv[p + 1], rv[p + 2], rv[p + 3], wt, ci[p] * out, ci[p + 1] * out,
                    ci[p + 2] * out, ci[p + 3] * out, y, yRow, out);
        }
        for (; p < end; p++) {
            Gemm.axpy1(rv[p], wt, ci[p] * out, y, yRow, 0, out);
        }
    }

    /** {@code y[yRow + j] += v0 w[o0 + j] + v1 w[o1 + j] + v2 w[o2 + j] + v3 w[o3 + j]}, j in [0, n). */
    private static void axpy4Gather(float v0, float v1, float v2, float v3, float[] w, int o0, int o1, int o2,
            int o3, float[] y, int yRow, int n) {
        for (int j = 0; j < n; j++) {
            y[yRow + j] += v0 * w[o0 + j] + v1 * w[o1 + j] + v2 * w[o2 + j] + v3 * w[o3 + j];
        }
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
