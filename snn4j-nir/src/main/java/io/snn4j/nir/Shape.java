package io.snn4j.nir;

import java.util.Arrays;

/**
 * An immutable tuple of non-negative ints: the shape of an array or of the data on an edge ({@code [2, 34, 34]}),
 * or a per-dimension setting of a convolution or pooling node (stride, padding, dilation, kernel size). NIR shapes
 * leave out the batch and time dimensions.
 */
public final class Shape {

    /** The shape of a 0-d array (one value). */
    public static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /** A shape with these dimensions; each must be non-negative. */
    public static Shape of(int... dims) {
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
        }
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** Every dimension equal to {@code value}, e.g. {@code filled(2, 1)} is {@code [1, 1]}. */
    public static Shape filled(int rank, int value) {
        int[] d = new int[rank];
        Arrays.fill(d, value);
        return of(d);
    }

    public int rank() {
        return dims.length;
    }

    public int get(int axis) {
        return dims[axis];
    }

    /** The last dimension. */
    public int last() {
        return dims[dims.length - 1];
    }

    /** A copy of the dimensions. */
    public int[] toArray() {
        return dims.clone();
    }

    /** The number of elements of an array of this shape (1 for a 0-d shape). */
    public long elements() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Dimensions {@code from} (inclusive) to {@code to} (exclusive). */
    public Shape slice(int from, int to) {
        return of(Arrays.copyOfRange(dims, from, to));
    }

    /** This shape with {@code more} appended. */
    public Shape append(int... more) {
        int[] d = Arrays.copyOf(dims, dims.length + more.length);
        System.arraycopy(more, 0, d, dims.length, more.length);
        return of(d);
    }

    /** {@code first} followed by this shape. */
    public Shape prepend(int first) {
        int[] d = new int[dims.length + 1];
        d[0] = first;
        System.arraycopy(dims, 0, d, 1, dims.length);
        return of(d);
    }

    /** True when every dimension is at least {@code min}. */
    public boolean allAtLeast(int min) {
        for (int d : dims) {
            if (d < min) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code [2, 34, 34]}; {@code []} for a 0-d shape. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
