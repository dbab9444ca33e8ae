package io.snn4j.nir;

import io.snn4j.core.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * An immutable n-d array of a NIR node: a shape, the values in C order (row-major) and the element type the file
 * stores ({@link DType}). Values are held as {@code double}, which represents float32, float64 and integers up to
 * 2^53 exactly, so an array read from a file is written back bit for bit, in its own type.
 *
 * <p>The engine computes in float32: {@link #toFloats()} / {@link #toTensor()} round float64 values to the
 * nearest float32 (a relative error of at most 2^-24, about 6e-8). Arrays made from engine tensors are float32.
 */
public final class NirArray {

    /** Element types, as NumPy names them; what the writer stores. */
    public enum DType {
        /** 32-bit IEEE float (HDF5 {@code H5T_IEEE_F32LE}); also what float16 data is read into. */
        FLOAT32,
        /** 64-bit IEEE float. */
        FLOAT64,
        /** 64-bit signed integer; what integer data of any width is read into. */
        INT64;

        /** {@code float32}, {@code float64}, {@code int64}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final double MAX_EXACT_INT = 9007199254740992.0; // 2^53

    private final DType dtype;
    private final Shape shape;
    private final double[] values;

    private NirArray(DType dtype, Shape shape, double[] values) {
        this.dtype = dtype;
        this.shape = shape;
        this.values = values;
    }

    /**
     * An array of the given type and shape; {@code values} (copied) must have {@code shape.elements()} entries.
     * For float32 they are rounded to float32 (as NumPy's {@code astype} does); for int64 each must be an integer
     * within +-2^53.
     */
    public static NirArray of(DType dtype, Shape shape, double[] values) {
        if (dtype == null || shape == null || values == null) {
            throw new IllegalArgumentException("dtype, shape and values are required");
        }
        if (shape.elements() != values.length) {
            throw new IllegalArgumentException("shape " + shape + " has " + shape.elements() + " elements, got "
                    + values.length + " values");
        }
        double[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = fit(dtype, v[i]);
        }
        return new NirArray(dtype, shape, v);
    }

    /** A float32 array; {@code shape} defaults to 1-d when empty varargs are given for a non-scalar. */
    public static NirArray float32(float[] values, int... shape) {
        Shape s = shapeFor(values.length, shape);
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new NirArray(DType.FLOAT32, s, d);
    }

    /** A float64 array. */
    public static NirArray float64(double[] values, int... shape) {
        return new NirArray(DType.FLOAT64, shapeFor(values.length, shape), values.clone());
    }

    /** An int64 array; each value must be within +-2^53 (held exactly as a double). */
    public static NirArray int64(long[] values, int... shape) {
        Shape s = shapeFor(values.length, shape);
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
            checkRepresentable(DType.INT64, d[i]);
        }
        return new NirArray(DType.INT64, s, d);
    }

    /** Every element equal to {@code value} (rounded to float32 for a float32 array). */
    public static NirArray full(DType dtype, Shape shape, double value) {
        value = fit(dtype, value);
        long n = shape.elements();
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + shape + " is too large");
        }
        double[] d = new double[(int) n];
        Arrays.fill(d, value);
        return new NirArray(dtype, shape, d);
    }

    /** A 0-d array. */
    public static NirArray scalar(DType dtype, double value) {
        return full(dtype, Shape.SCALAR, value);
    }

    /** A float32 copy of an engine tensor, same shape. */
    public static NirArray fromTensor(Tensor t) {
        return float32(t.data(), t.shape());
    }

    private static Shape shapeFor(int length, int[] shape) {
        Shape s = shape.length == 0 ? Shape.of(length) : Shape.of(shape);
        if (s.elements() != length) {
            throw new IllegalArgumentException("shape " + s + " has " + s.elements() + " elements, got " + length
                    + " values");
        }
        return s;
    }

    /** The value in the type: rounded to float32, or checked to be an integer for int64. */
    private static double fit(DType dtype, double v) {
        if (dtype == DType.FLOAT32) {
            return (float) v;
        }
        checkRepresentable(dtype, v);
        return v;
    }

    private static void checkRepresentable(DType dtype, double v) {
        if (dtype == DType.INT64 && (v != Math.rint(v) || Math.abs(v) > MAX_EXACT_INT)) {
            throw new IllegalArgumentException("value " + v + " is not an integer within +-2^53");
        }
    }

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return shape;
    }

    public int rank() {
        return shape.rank();
    }

    /** Number of elements. */
    public int size() {
        return values.length;
    }

    /** The element at a flat (C order) index. */
    public double get(int flatIndex) {
        return values[flatIndex];
    }

    /** The element at an n-d index. */
    public double get(int... index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " for shape " + shape);
        }
        int flat = 0;
        for (int a = 0; a < index.length; a++) {
            if (index[a] < 0 || index[a] >= shape.get(a)) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " for shape " + shape);
            }
            flat = flat * shape.get(a) + index[a];
        }
        return values[flat];
    }

    /** A copy of the values. */
    public double[] toDoubles() {
        return values.clone();
    }

    /** The values as float32 (float64 values rounded to nearest). */
    public float[] toFloats() {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** The values as longs; every value must be an integer. */
    public long[] toLongs() {
        long[] l = new long[values.length];
        for (int i = 0; i < l.length; i++) {
            if (values[i] != Math.rint(values[i])) {
                throw new IllegalStateException("value " + values[i] + " at " + i + " is not an integer");
            }
            l[i] = (long) values[i];
        }
        return l;
    }

    /** A float32 engine tensor of the same shape (a 0-d array becomes shape {@code []}). */
    public Tensor toTensor() {
        return Tensor.of(toFloats(), shape.toArray());
    }

    /** The same values in another type: float64 to float32 rounds; to int64 requires integers. */
    public NirArray withDType(DType target) {
        if (target == dtype) {
            return this;
        }
        return of(target, shape, values);
    }

    /**
     * This array broadcast to {@code target} by NumPy's rules (dimensions aligned from the right; each is equal or
     * 1 here); throws {@link IllegalArgumentException} when it cannot be.
     */
    public NirArray broadcastTo(Shape target) {
        if (target.equals(shape)) {
            return this;
        }
        int r = target.rank();
        int off = r - shape.rank();
        if (off < 0) {
            throw new IllegalArgumentException("cannot broadcast shape " + shape + " to " + target);
        }
        for (int a = 0; a < shape.rank(); a++) {
            if (shape.get(a) != 1 && shape.get(a) != target.get(a + off)) {
                throw new IllegalArgumentException("cannot broadcast shape " + shape + " to " + target);
            }
        }
        long n = target.elements();
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + target + " is too large");
        }
        double[] out = new double[(int) n];
        int[] idx = new int[r];
        for (int i = 0; i < out.length; i++) {
            int src = 0;
            for (int a = 0; a < shape.rank(); a++) {
                int dim = shape.get(a);
                src = src * dim + (dim == 1 ? 0 : idx[a + off]);
            }
            out[i] = values[src];
            for (int a = r - 1; a >= 0; a--) {
                if (++idx[a] < target.get(a)) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return new NirArray(dtype, target, out);
    }

    /** True when every element equals {@code v} (true for an empty array). */
    public boolean isAll(double v) {
        for (double x : values) {
            if (x != v) {
                return false;
            }
        }
        return true;
    }

    /** Equal type, shape and values (bitwise; NaN equals NaN). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NirArray)) {
            return false;
        }
        NirArray a = (NirArray) o;
        return dtype == a.dtype && shape.equals(a.shape) && Arrays.equals(values, a.values);
    }

    @Override
    public int hashCode() {
        return (dtype.hashCode() * 31 + shape.hashCode()) * 31 + Arrays.hashCode(values);
    }

    /** {@code float32 [13, 20]}, with the values when there are at most 8. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(dtype + " " + shape);
        if (values.length <= 8) {
            s.append(" {");
            for (int i = 0; i < values.length; i++) {
                s.append(i == 0 ? "" : ", ");
                s.append(dtype == DType.INT64 ? Long.toString((long) values[i])
                        : dtype == DType.FLOAT32 ? Float.toString((float) values[i]) : Double.toString(values[i]));
            }
            s.append('}');
        }
        return s.toString();
    }
}
