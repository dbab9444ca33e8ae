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
        return new Tensor(data, s);
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
}
