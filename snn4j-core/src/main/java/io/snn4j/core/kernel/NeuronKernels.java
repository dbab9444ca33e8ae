package io.snn4j.core.kernel;

/**
 * Explicit-SIMD forms of the element-wise neuron updates (Leaky, Synaptic) for the fused kernels of
 * {@code io.snn4j.core.neuron}: one time step over a block of elements, reading the input and writing spikes and
 * membranes at any offset, and optionally listing the spikes as it makes them. They give the same bits as the
 * plain per-element formulas (no fused multiply-add; the step function is the same min/max expression), so a
 * network's results do not depend on whether they run. Use them when {@link #active()}; the plain loops stay the
 * fallback (see {@link Simd} for when the Vector API is used).
 *
 * <p>HotSpot 17 vectorises the plain loops only partly (its float min/max need blend sequences, and a loop that
 * addresses one array at an offset is not vectorised at all): measured on the 2-core AVX-512 machine, a Leaky
 * step over 1.6 M elements takes 0.21 ms here against 0.6 ms for the plain loop.
 */
public final class NeuronKernels {
    /** Reset codes, as in the neuron package: subtract the threshold, set to zero, none. */
    public static final int SUBTRACT = 0;
    public static final int ZERO = 1;
    public static final int NONE = 2;

    private static final String IMPL = "io.snn4j.core.kernel.VectorNeuronKernels";
    private static final Impl LOADED = load();

    private NeuronKernels() {
    }

    /** The operations of the SIMD implementation. */
    interface Impl {
        int step(int reset, boolean synaptic, float[] u, float[] sy, float[] x, int xOff, float[] aa, float[] bb,
                float[] tt, float gsf, float[] out, int outOff, float[] mem, int memOff, float[] syn, int synOff,
                int rows, int cols, int[] rowNnz, int[] idx, int p);
    }

    /** Whether the SIMD neuron kernels run (the Vector API is in use, see {@link Simd#active()}). */
    public static boolean active() {
        return LOADED != null && Simd.kernels() != null;
    }

    /**
     * One step of Leaky ({@code synaptic} false) or Synaptic over {@code rows} rows of {@code cols} elements. Block
     * arrays are indexed from 0 ({@code n = rows * cols} elements): the membrane {@code u} and, for Synaptic, the
     * synaptic current {@code sy} (both read and updated), the parameters {@code aa} (alpha, Synaptic only),
     * {@code bb} (beta) and {@code tt} (threshold). The input is read from {@code x[xOff..]}; spikes
     * ({@code gsf * step(U - theta)}) go to {@code out[outOff..]}, the new membrane to {@code mem[memOff..]} and the
     * new current to {@code syn[synOff..]} when those are not null. With {@code idx} not null the spikes (non-zero
     * outputs) are also listed: row r's count in {@code rowNnz[r + 1]}, its columns appended to {@code idx} from
     * {@code p} ({@code idx} must have room for {@code n} more).
     *
     * @return the new fill of {@code idx} ({@code p} when not listing)
     * @throws IllegalStateException if not {@link #active()}
     */
    public static int step(int reset, boolean synaptic, float[] u, float[] sy, float[] x, int xOff, float[] aa,
            float[] bb, float[] tt, float gsf, float[] out, int outOff, float[] mem, int memOff, float[] syn,
            int synOff, int rows, int cols, int[] rowNnz, int[] idx, int p) {
        if (!active()) {
            throw new IllegalStateException("NeuronKernels: the Vector API kernels are not active");
        }
        return LOADED.step(reset, synaptic, u, sy, x, xOff, aa, bb, tt, gsf, out, outOff, mem, memOff, syn, synOff,
                rows, cols, rowNnz, idx, p);
    }

    private static Impl load() {
        if (!Simd.available()) {
            return null;
        }
        try {
            return (Impl) Class.forName(IMPL).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }
}
