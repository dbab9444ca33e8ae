package io.snn4j.data.io;

import io.snn4j.core.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * A dense array read from (or to be written to) an array file: an element type ({@link DType}), a shape and the
 * values in C order (row-major). The values keep their file type, so integer arrays (labels, event coordinates,
 * timestamps) lose nothing: read them with {@link #toLongs()} / {@link #getLong(int)}; {@link #toTensor()} gives
 * the float32 tensor the engine works on.
 *
 * <p>Immutable: the accessors return copies. A 0-d array has shape {@code []} and one element; an array with a
 * zero in its shape has none.
 */
public final class NdArray {

    /** Element types shared by the NPY and IDX readers. */
    public enum DType {
        BOOL('b', 1), INT8('i', 1), UINT8('u', 1), INT16('i', 2), INT32('i', 4), INT64('i', 8),
        FLOAT32('f', 4), FLOAT64('f', 8);

        private final char kind;
        private final int itemSize;

        DType(char kind, int itemSize) {
            this.kind = kind;
            this.itemSize = itemSize;
        }

        /** Bytes per element. */
        public int itemSize() {
            return itemSize;
        }

        /** True for float32 and float64. */
        public boolean isFloat() {
            return kind == 'f';
        }

        /** NumPy's little-endian type string as it appears in NPY headers, e.g. {@code <f4}, {@code |u1}. */
        public String numpyDescr() {
            return (itemSize == 1 ? "|" : "<") + kind + itemSize;
        }

        /** The NumPy name: {@code bool}, {@code int8}, ..., {@code float64}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        static DType of(char kind, int itemSize) {
            for (DType t : values()) {
                if (t.kind == kind && t.itemSize == itemSize) {
                    return t;
                }
            }
            return null;
        }
    }

    private final DType dtype;
    private final int[] shape;
    private final int size;
    /** Little-endian values, exactly size * itemSize bytes; never modified after construction. */
    private final byte[] bytes;
    /** The file the array came from, or null; used in error messages. */
    private final String source;

    NdArray(DType dtype, int[] shape, byte[] littleEndian, String source) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.size = checkedSize(shape, dtype);
        if (littleEndian.length != (long) size * dtype.itemSize()) {
            throw new IllegalArgumentException(dtype + " array of shape " + Arrays.toString(shape) + " needs "
                    + (long) size * dtype.itemSize() + " bytes, got " + littleEndian.length);
        }
        this.bytes = littleEndian;
        this.source = source;
    }

    /** Number of elements of {@code shape}; rejects negative dimensions and arrays beyond 2 GiB of data. */
    static int checkedSize(int[] shape, DType dtype) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            if (d == 0) {
                return 0;
            }
        }
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n * dtype.itemSize() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype
                        + " exceeds 2 GiB of data");
            }
        }
        return (int) n;
    }

    // ---- construction from Java arrays (all copy) ----

    /** A float32 array with the tensor's shape and a copy of its values. */
    public static NdArray of(Tensor t) {
        return ofFloats(t.data(), t.shape());
    }

    public static NdArray ofFloats(float[] values, int... shape) {
        ByteBuffer b = allocate(DType.FLOAT32, values.length, shape);
        b.asFloatBuffer().put(values);
        return new NdArray(DType.FLOAT32, shape, b.array(), null);
    }

    public static NdArray ofDoubles(double[] values, int... shape) {
        ByteBuffer b = allocate(DType.FLOAT64, values.length, shape);
        b.asDoubleBuffer().put(values);
        return new NdArray(DType.FLOAT64, shape, b.array(), null);
    }

    public static NdArray ofInts(int[] values, int... shape) {
        ByteBuffer b = allocate(DType.INT32, values.length, shape);
        b.asIntBuffer().put(values);
        return new NdArray(DType.INT32, shape, b.array(), null);
    }

    /** An int64 array, e.g. class labels as PyTorch and NumPy store them. */
    public static NdArray ofLongs(long[] values, int... shape) {
        ByteBuffer b = allocate(DType.INT64, values.length, shape);
        b.asLongBuffer().put(values);
        return new NdArray(DType.INT64, shape, b.array(), null);
    }

    /** A one-dimensional int64 array of labels. */
    public static NdArray labels(int[] labels) {
        long[] l = new long[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i];
        }
        return ofLongs(l, l.length);
    }

    /**
     * Any element type from raw bytes.
     *
     * @param littleEndian the values in C order, little-endian, {@code size * dtype.itemSize()} bytes (copied);
     *                     for {@link DType#BOOL} each byte must be 0 or 1
     */
    public static NdArray ofBytes(DType dtype, byte[] littleEndian, int... shape) {
        NdArray a = new NdArray(dtype, shape, littleEndian.clone(), null);
        if (dtype == DType.BOOL) {
            for (int i = 0; i < a.size; i++) {
                if (a.bytes[i] != 0 && a.bytes[i] != 1) {
                    throw new IllegalArgumentException("bool array: byte " + i + " is " + a.bytes[i]
                            + ", expected 0 or 1");
                }
            }
        }
        return a;
    }

    private static ByteBuffer allocate(DType t, int length, int[] shape) {
        int n = checkedSize(shape, t);
        if (n != length) {
            throw new IllegalArgumentException(length + " values do not fill shape " + Arrays.toString(shape)
                    + " (" + n + " elements)");
        }
        return ByteBuffer.allocate(n * t.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
    }

    // ---- description ----

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of elements (1 for a 0-d array). */
    public int size() {
        return size;
    }

    /** The file this array was read from, or null when it was built in memory. */
    public String source() {
        return source;
    }

    // ---- element access ----

    /** Element {@code i} in C order, converted to double (bool: 0 or 1). */
    public double getDouble(int i) {
        int at = offset(i);
        return switch (dtype) {
            case BOOL, UINT8 -> bytes[at] & 0xff;
            case INT8 -> bytes[at];
            case INT16 -> (short) ((bytes[at] & 0xff) | (bytes[at + 1] << 8));
            case INT32 -> readInt(at);
            case INT64 -> readLong(at);
            case FLOAT32 -> Float.intBitsToFloat(readInt(at));
            case FLOAT64 -> Double.longBitsToDouble(readLong(at));
        };
    }

    /**
     * Element {@code i} in C order as an integer. Float arrays are accepted when the value is a whole number
     * (labels saved as floats).
     *
     * @throws ArrayFileException when a float element is not a whole number or is out of the long range
     */
    public long getLong(int i) {
        int at = offset(i);
        return switch (dtype) {
            case BOOL, UINT8 -> bytes[at] & 0xff;
            case INT8 -> bytes[at];
            case INT16 -> (short) ((bytes[at] & 0xff) | (bytes[at + 1] << 8));
            case INT32 -> readInt(at);
            case INT64 -> readLong(at);
            case FLOAT32, FLOAT64 -> wholeNumber(i, getDouble(i));
        };
    }

    private long wholeNumber(int i, double v) {
        if (v != Math.rint(v) || Math.abs(v) >= 0x1p63) {
            throw new ArrayFileException(sourceName(), "element " + i + " (" + indexString(i) + ") of the " + dtype
                    + " array is " + v + ", expected a whole number");
        }
        return (long) v;
    }

    private int offset(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " outside an array of " + size + " elements");
        }
        return i * dtype.itemSize();
    }

    private int readInt(int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16
                | (bytes[at + 3] & 0xff) << 24;
    }

    private long readLong(int at) {
        return (readInt(at) & 0xffffffffL) | ((long) readInt(at + 4)) << 32;
    }

    // ---- conversions ----

    /**
     * The values as a float32 tensor of the same shape. Float64 values are rounded to float32 and integers
     * converted (exact up to 2^24 in magnitude); bool gives 0 and 1.
     */
    public Tensor toTensor() {
        return new Tensor(toFloats(), shape);
    }

    /** The values converted to float32, in C order. */
    public float[] toFloats() {
        float[] f = new float[size];
        ByteBuffer b = buffer();
        switch (dtype) {
            case FLOAT32 -> b.asFloatBuffer().get(f);
            case BOOL, UINT8 -> {
                for (int i = 0; i < size; i++) {
                    f[i] = bytes[i] & 0xff;
                }
            }
            case INT8 -> {
                for (int i = 0; i < size; i++) {
                    f[i] = bytes[i];
                }
            }
            default -> {
                for (int i = 0; i < size; i++) {
                    f[i] = (float) getDouble(i);
                }
            }
        }
        return f;
    }

    /** The values converted to double, in C order (exact for every type except int64 beyond 2^53). */
    public double[] toDoubles() {
        double[] d = new double[size];
        if (dtype == DType.FLOAT64) {
            buffer().asDoubleBuffer().get(d);
        } else {
            for (int i = 0; i < size; i++) {
                d[i] = getDouble(i);
            }
        }
        return d;
    }

    /**
     * The values as integers, in C order.
     *
     * @throws ArrayFileException for a float array holding a value that is not a whole number
     */
    public long[] toLongs() {
        long[] l = new long[size];
        switch (dtype) {
            case INT64 -> buffer().asLongBuffer().get(l);
            case BOOL, UINT8 -> {
                for (int i = 0; i < size; i++) {
                    l[i] = bytes[i] & 0xff;
                }
            }
            case INT8 -> {
                for (int i = 0; i < size; i++) {
                    l[i] = bytes[i];
                }
            }
            default -> {
                for (int i = 0; i < size; i++) {
                    l[i] = getLong(i);
                }
            }
        }
        return l;
    }

    /**
     * The values as int, in C order (e.g. class labels).
     *
     * @throws ArrayFileException for a value that is not a whole number or does not fit an int
     */
    public int[] toInts() {
        int[] r = new int[size];
        if (dtype == DType.INT32) {
            buffer().asIntBuffer().get(r);
            return r;
        }
        if (dtype == DType.UINT8 || dtype == DType.BOOL) {
            for (int i = 0; i < size; i++) {
                r[i] = bytes[i] & 0xff;
            }
            return r;
        }
        for (int i = 0; i < size; i++) {
            long v = getLong(i);
            if (v != (int) v) {
                throw new ArrayFileException(sourceName(), "element " + i + " (" + indexString(i) + ") of the "
                        + dtype + " array is " + v + ", which does not fit a 32-bit int");
            }
            r[i] = (int) v;
        }
        return r;
    }

    /** The raw little-endian bytes of the values, in C order (a copy). */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /**
     * Column {@code j} of a two-dimensional array, as a one-dimensional array of the same type: for event files
     * stored as {@code [N, columns]} (e.g. x, y, p, t).
     */
    public NdArray column(int j) {
        if (shape.length != 2) {
            throw new IllegalArgumentException(sourceName() + ": column() needs a 2-d array, this one has shape "
                    + Arrays.toString(shape));
        }
        int rows = shape[0];
        int cols = shape[1];
        if (j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("column " + j + " outside [0, " + cols + ")");
        }
        int w = dtype.itemSize();
        byte[] out = new byte[rows * w];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bytes, (r * cols + j) * w, out, r * w, w);
        }
        return new NdArray(dtype, new int[] {rows}, out, source);
    }

    /** The same values with another shape of the same size. */
    public NdArray reshape(int... newShape) {
        if (checkedSize(newShape, dtype) != size) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " (" + size
                    + " elements) to " + Arrays.toString(newShape));
        }
        return new NdArray(dtype, newShape, bytes, source);
    }

    /** Read-only access for the writers, without a copy. */
    byte[] bytesView() {
        return bytes;
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private String sourceName() {
        return source == null ? "array" : source;
    }

    /** {@code [i, j, k]} index of flat position {@code flat}. */
    private String indexString(int flat) {
        int[] idx = new int[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = flat % shape[k];
            flat /= shape[k];
        }
        return "index " + Arrays.toString(idx);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdArray a && a.dtype == dtype && Arrays.equals(a.shape, shape)
                && Arrays.equals(a.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(shape) + (source == null ? "" : " from " + source);
    }
}
