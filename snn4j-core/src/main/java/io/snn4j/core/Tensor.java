package io.snn4j.core;

import java.util.Arrays;

/**
 * A dense float32 array with a shape, row-major (C order).
 *
 * <p>Sequences inside the engine are time-major: {@code [T, B, ...]}. The data array is exposed on purpose:
 * kernels in {@code io.snn4j.core.kernel} work on raw {@code float[]} with offsets, and wrapping every access
 * would cost more than it protects. A tensor never changes its shape; {@link #reshape} returns a view that
 * shares the data.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;
    /** Non-zeros of the data at attach time, or null; see {@link #attachEvents}. */
    private Events events;

    /** A zero-filled tensor of the given shape. */
    public Tensor(int... shape) {
        this.shape = checkShape(shape);
        this.data = new float[sizeOf(this.shape)];
    }

    /** Wraps {@code data} (not copied) with the given shape; the lengths must agree. */
    public Tensor(float[] data, int... shape) {
        this.shape = checkShape(shape);
        int n = sizeOf(this.shape);
        if (data.length != n) {
            throw new IllegalArgumentException("data has " + data.length + " values but shape "
                    + Arrays.toString(shape) + " needs " + n);
        }
        this.data = data;
    }

    public static Tensor zeros(int... shape) {
        return new Tensor(shape);
    }

    /** A tensor holding a copy of {@code values} with the given shape. */
    public static Tensor of(float[] values, int... shape) {
        return new Tensor(values.clone(), shape);
    }

    /** A scalar (shape {@code []}). */
    public static Tensor scalar(float v) {
        return new Tensor(new float[] {v});
    }

    public static Tensor full(float v, int... shape) {
        Tensor t = new Tensor(shape);
        Arrays.fill(t.data, v);
        return t;
    }

    private static int[] checkShape(int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
        return shape.clone();
    }

    /** Number of elements of a shape (1 for the scalar shape {@code []}). */
    public static int sizeOf(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " exceeds 2^31 elements");
        }
        return (int) n;
    }

    public float[] data() {
        return data;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code i}; negative {@code i} counts from the end. */
    public int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    public int size() {
        return data.length;
    }

    /** Elements per index of the first dimension (e.g. {@code B * N} for {@code [T, B, N]}). */
    public int stride0() {
        return shape.length == 0 ? 1 : (shape[0] == 0 ? 0 : data.length / shape[0]);
    }

    /** The shape without its first {@code k} dimensions. */
    public int[] trailingShape(int k) {
        return Arrays.copyOfRange(shape, k, shape.length);
    }

    /** A view with another shape of the same size; {@code -1} in one position is inferred. */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("only one -1 allowed in " + Arrays.toString(newShape));
                }
                infer = i;
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || data.length % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " to "
                        + Arrays.toString(newShape));
            }
            s[infer] = (int) (data.length / known);
        }
        if (sizeOf(s) != data.length) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " ("
                    + data.length + " values) to " + Arrays.toString(newShape));
        }
        Tensor view = new Tensor(data, s);
        // The flattened [rows, cols] layout survives a reshape that keeps the last dimension.
        if (events != null && s.length > 0 && s[s.length - 1] == events.cols) {
            view.events = events;
        }
        return view;
    }

    /** A copy of index {@code i} of the first dimension, e.g. step {@code t} of a {@code [T, B, N]} sequence. */
    public Tensor slice0(int i) {
        int st = stride0();
        float[] d = Arrays.copyOfRange(data, i * st, (i + 1) * st);
        return new Tensor(d, trailingShape(1));
    }

    /** Copies {@code src} (shape = this shape without dim 0) into index {@code i} of the first dimension. */
    public void setSlice0(int i, Tensor src) {
        int st = stride0();
        if (src.size() != st) {
            throw new IllegalArgumentException("slice has " + src.size() + " values, expected " + st);
        }
        System.arraycopy(src.data, 0, data, i * st, st);
    }

    /** Stacks equal-shaped tensors along a new first dimension. */
    public static Tensor stack(java.util.List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to stack");
        }
        int[] s0 = parts.get(0).shape;
        int[] s = new int[s0.length + 1];
        s[0] = parts.size();
        System.arraycopy(s0, 0, s, 1, s0.length);
        Tensor out = new Tensor(s);
        for (int i = 0; i < parts.size(); i++) {
            out.setSlice0(i, parts.get(i));
        }
        return out;
    }

    public float get(int... idx) {
        return data[offset(idx)];
    }

    public void set(float v, int... idx) {
        data[offset(idx)] = v;
    }

    private int offset(int[] idx) {
        if (idx.length != shape.length) {
            throw new IllegalArgumentException("index rank " + idx.length + " != tensor rank " + shape.length);
        }
        int off = 0;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(idx) + " out of shape "
                        + Arrays.toString(shape));
            }
            off = off * shape[i] + idx[i];
        }
        return off;
    }

    /** A copy of the data, without attached {@link #events()}: copies are made to be written into. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape);
    }

    public void fill(float v) {
        Arrays.fill(data, v);
    }

    /** this += other, elementwise (same size). */
    public void addInPlace(Tensor other) {
        if (other.data.length != data.length) {
            throw new IllegalArgumentException("size mismatch " + Arrays.toString(shape) + " vs "
                    + Arrays.toString(other.shape));
        }
        for (int i = 0; i < data.length; i++) {
            data[i] += other.data[i];
        }
    }

    public float sum() {
        double s = 0;
        for (float v : data) {
            s += v;
        }
        return (float) s;
    }

    /** True when every value is finite (no NaN, no infinity). */
    public boolean isFinite() {
        for (float v : data) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    public boolean sameShape(Tensor o) {
        return Arrays.equals(shape, o.shape);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Arrays.toString(shape)).append('[');
        int n = Math.min(data.length, 8);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(data[i]);
        }
        return sb.append(data.length > n ? ", ...]" : "]").toString();
    }

    /**
     * Attaches the list of this tensor's non-zeros, so that consumers such as {@code Linear} skip scanning the
     * data for them. The events describe the data at attach time: writing into {@link #data()} afterwards makes
     * them wrong, and nothing detects that, so only the producer of a tensor attaches events, right after
     * filling it, and nobody writes into such a tensor afterwards (or calls {@link #detachEvents()} first).
     *
     * @param ev events of this tensor seen as {@code [size / cols, cols]} with {@code cols} its last dimension
     * @return this tensor
     */
    public Tensor attachEvents(Events ev) {
        int cols = shape.length == 0 ? 1 : shape[shape.length - 1];
        int rows = cols == 0 ? 0 : data.length / cols;
        if (ev.cols != cols || ev.rows != rows) {
            throw new IllegalArgumentException("attachEvents: events of [" + ev.rows + ", " + ev.cols
                    + "] do not fit a tensor of shape " + Arrays.toString(shape) + " (expected [" + rows + ", "
                    + cols + "])");
        }
        this.events = ev;
        return this;
    }

    /** Drops the attached events, e.g. before writing into the data. */
    public void detachEvents() {
        this.events = null;
    }

    /** The attached list of non-zeros (see {@link #attachEvents}), or null when none was attached. */
    public Events events() {
        return events;
    }

    /**
     * Scans {@code dense} once and attaches its non-zeros, as {@code [size / cols, cols]} by its last dimension
     * {@code cols}; meant for spike inputs (encoders, data pipelines) that are then read by several layers or
     * steps. Returns {@code dense} itself (same data).
     */
    public static Tensor spikesWithEvents(Tensor dense) {
        return dense.attachEvents(Events.scan(dense));
    }

    /**
     * The non-zero entries of a row-major {@code [rows, cols]} matrix in compressed-row form: row {@code r} owns
     * positions {@code [rowStart(r), rowStart(r + 1))}, each with its column (ascending within a row) and value.
     * Immutable by contract: the array accessors return the internal arrays, which must not be modified.
     */
    public static final class Events {
        private final int rows;
        private final int cols;
        private final int[] rowPtr;
        private final int[] colIdx;
        private final float[] values;

        /**
         * Takes (does not copy) the arrays; checks them in one pass over the events.
         *
         * @param rowPtr {@code [rows + 1]}, ascending from 0: where each row's events start
         * @param colIdx column of each event, strictly ascending within a row, in {@code [0, cols)}
         * @param values value of each event (non-zero)
         */
        public Events(int rows, int cols, int[] rowPtr, int[] colIdx, float[] values) {
            if (rows < 0 || cols < 0 || rowPtr.length < rows + 1 || rowPtr[0] != 0) {
                throw new IllegalArgumentException("Events: rowPtr needs " + (rows + 1)
                        + " entries starting at 0 for " + rows + " rows, got " + rowPtr.length);
            }
            int nnz = rowPtr[rows];
            if (colIdx.length < nnz || values.length < nnz) {
                throw new IllegalArgumentException("Events: " + nnz + " events but " + colIdx.length
                        + " columns and " + values.length + " values");
            }
            for (int r = 0; r < rows; r++) {
                if (rowPtr[r + 1] < rowPtr[r]) {
                    throw new IllegalArgumentException("Events: rowPtr decreases at row " + r);
                }
                int last = -1;
                for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                    if (colIdx[p] <= last || colIdx[p] >= cols) {
                        throw new IllegalArgumentException("Events: column " + colIdx[p] + " in row " + r
                                + " is out of [0, " + cols + ") or not ascending");
                    }
                    last = colIdx[p];
                }
            }
            this.rows = rows;
            this.cols = cols;
            this.rowPtr = rowPtr;
            this.colIdx = colIdx;
            this.values = values;
        }

        /** The non-zeros of {@code t} seen as {@code [size / cols, cols]}, {@code cols} its last dimension. */
        public static Events scan(Tensor t) {
            int cols = t.shape.length == 0 ? 1 : t.shape[t.shape.length - 1];
            int rows = cols == 0 ? 0 : t.data.length / cols;
            io.snn4j.core.kernel.EventAccumulate.Events ev = new io.snn4j.core.kernel.EventAccumulate.Events()
                    .of(t.data, 0, rows, cols);
            return ev.snapshot();
        }

        /** The events of rows {@code [r0, r1)}, copied, as events of a {@code [r1 - r0, cols]} array. */
        public Events rowRange(int r0, int r1) {
            if (r0 < 0 || r1 < r0 || r1 > rows) {
                throw new IllegalArgumentException("Events: rows [" + r0 + ", " + r1 + ") out of [0, " + rows + ")");
            }
            int base = rowPtr[r0];
            int[] ptr = new int[r1 - r0 + 1];
            for (int r = r0; r <= r1; r++) {
                ptr[r - r0] = rowPtr[r] - base;
            }
            int end = rowPtr[r1];
            return new Events(r1 - r0, cols, ptr, java.util.Arrays.copyOfRange(colIdx, base, end),
                    java.util.Arrays.copyOfRange(values, base, end));
        }

        public int rows() {
            return rows;
        }

        public int cols() {
            return cols;
        }

        /** Number of events (non-zeros). */
        public int nnz() {
            return rowPtr[rows];
        }

        /** Position of the first event of row {@code r}; {@code rowStart(rows)} is {@link #nnz()}. */
        public int rowStart(int r) {
            return rowPtr[r];
        }

        public int col(int p) {
            return colIdx[p];
        }

        public float value(int p) {
            return values[p];
        }

        /** The internal row pointers {@code [rows + 1]}; read only. */
        public int[] rowPtrArray() {
            return rowPtr;
        }

        /** The internal column indices; read only. */
        public int[] colArray() {
            return colIdx;
        }

        /** The internal values; read only. */
        public float[] valueArray() {
            return values;
        }

        /** Whether these events describe exactly the non-zeros of {@code x[rows, cols]} (a full scan, for checks). */
        public boolean matches(float[] x) {
            if (x.length != (long) rows * cols) {
                return false;
            }
            int p = 0;
            for (int r = 0; r < rows; r++) {
                if (rowPtr[r] != p) {
                    return false;
                }
                for (int i = 0; i < cols; i++) {
                    float v = x[r * cols + i];
                    if (v != 0f) {
                        if (p >= rowPtr[r + 1] || colIdx[p] != i
                                || Float.floatToIntBits(values[p]) != Float.floatToIntBits(v)) {
                            return false;
                        }
                        p++;
                    }
                }
            }
            return rowPtr[rows] == p;
        }

        @Override
        public String toString() {
            return "Events[" + rows + " x " + cols + ", " + nnz() + " non-zeros]";
        }
    }
}
