package io.snn4j.data.events;

import io.snn4j.core.Tensor;
import io.snn4j.data.io.NdArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Event counts per frame, polarity and pixel: what tonic's {@code ToFrame} returns, {@code [T, P, H, W]} int16
 * ({@code [T, P, W]} for events without y). The counts are int16 as in tonic, and like NumPy's {@code np.add.at}
 * on int16 they wrap around past 32,767 events in one cell.
 *
 * <p>For empty input tonic returns float64 zeros of shape {@code [T, P, W, H]} (width and height swapped);
 * {@link ToFrame} reproduces that by default, and then {@link #isTonicEmptyQuirk()} is true and
 * {@link #toNdArray()} gives that float64 array.
 */
public final class Frames {
    private final int[] shape;
    private final short[] counts;
    private final boolean tonicEmpty;

    Frames(int[] shape, short[] counts, boolean tonicEmpty) {
        this.shape = shape;
        this.counts = counts;
        this.tonicEmpty = tonicEmpty;
    }

    /** {@code [T, P, H, W]}, {@code [T, P, W]} for events without y, or tonic's {@code [T, P, W, H]} for empty input. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of frames, T. */
    public int frameCount() {
        return shape[0];
    }

    /** True when this is tonic's float64 {@code [T, P, W, H]} answer to empty input (all zeros). */
    public boolean isTonicEmptyQuirk() {
        return tonicEmpty;
    }

    /** The counts in C order (a copy). */
    public short[] counts() {
        return counts.clone();
    }

    /** Count at a flat C-order index. */
    public int get(int flatIndex) {
        return counts[flatIndex];
    }

    /** Sum of all counts (as ints, before any int16 wrap-around). */
    public long total() {
        long s = 0;
        for (short c : counts) {
            s += c;
        }
        return s;
    }

    /** Exactly what tonic returns: int16 counts, or float64 zeros for empty input (see the class comment). */
    public NdArray toNdArray() {
        if (tonicEmpty) {
            return NdArray.ofDoubles(new double[counts.length], shape);
        }
        ByteBuffer b = ByteBuffer.allocate(counts.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(counts);
        return NdArray.ofBytes(NdArray.DType.INT16, b.array(), shape);
    }

    /**
     * The counts as a float32 tensor of the same shape, {@code [T, ...]} time-major as the engine wants it; with
     * {@code binary} every non-zero count becomes 1 (a spike).
     */
    public Tensor toTensor(boolean binary) {
        float[] v = new float[counts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = binary ? (counts[i] != 0 ? 1f : 0f) : counts[i];
        }
        return new Tensor(v, shape.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frames f && tonicEmpty == f.tonicEmpty && Arrays.equals(shape, f.shape)
                && Arrays.equals(counts, f.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Frames" + Arrays.toString(shape) + (tonicEmpty ? " (tonic's float64 zeros for empty input)" : "")
                + ", " + total() + " events";
    }
}
