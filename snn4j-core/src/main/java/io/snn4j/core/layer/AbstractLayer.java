package io.snn4j.core.layer;

import io.snn4j.core.Tensor;
import java.util.Arrays;

/** Common plumbing: the input-gradient flag, reusable result buffers and shape helpers. */
public abstract class AbstractLayer implements Layer {
    protected boolean inputGradRequired = true;
    /** Buffer slots for {@link #buffer}: training forward output, inference forward output, input gradient. */
    protected static final int OUT_TRAIN = 0;
    protected static final int OUT_EVAL = 1;
    protected static final int GRAD_IN = 2;
    /** Further slots a subclass may use for its own reusable arrays (see {@link #buffer}). */
    protected static final int SLOT_USER = 3;
    private static final int SLOTS = 8;
    private boolean reuseOutputs;
    private boolean reuseGrads;
    private final float[][] slots = new float[SLOTS][];

    @Override
    public void setReuseBuffers(boolean outputs, boolean inputGrads) {
        this.reuseOutputs = outputs;
        this.reuseGrads = inputGrads;
        if (!outputs) {
            slots[OUT_TRAIN] = null;
            slots[OUT_EVAL] = null;
        }
        if (!outputs && !inputGrads) {
            for (int i = SLOT_USER; i < SLOTS; i++) {
                slots[i] = null;
            }
        }
        if (!inputGrads) {
            slots[GRAD_IN] = null;
        }
    }

    /** Whether forward results may be written into the arrays of the previous call (see {@link #setReuseBuffers}). */
    protected boolean reusingOutputs() {
        return reuseOutputs;
    }

    /**
     * An array of exactly {@code n} floats for a result: the one this slot handed out last time when the container
     * allows reuse ({@link #setReuseBuffers}; slot {@link #GRAD_IN} follows its input-gradient flag, the output
     * slots the output flag, the layer's own slots from {@link #SLOT_USER} either flag: they hold caches that are
     * never returned as results), then with stale contents the caller must overwrite entirely; otherwise a new,
     * zeroed array.
     */
    protected float[] buffer(int slot, int n) {
        // a layer's own caches (slots from SLOT_USER) are never handed out as results: reusable in any container
        // that reuses something
        boolean reuse = slot == GRAD_IN ? reuseGrads : slot >= SLOT_USER ? reuseOutputs || reuseGrads : reuseOutputs;
        if (!reuse) {
            return new float[n];
        }
        float[] b = slots[slot];
        if (b == null || b.length != n) {
            b = new float[n];
            slots[slot] = b;
        }
        return b;
    }

    /** Whether {@code a} is the array currently held by {@code slot} (then the next call may overwrite it). */
    protected boolean isBuffer(int slot, float[] a) {
        return a != null && slots[slot] == a;
    }

    @Override
    public void setInputGradRequired(boolean required) {
        this.inputGradRequired = required;
    }

    public boolean inputGradRequired() {
        return inputGradRequired;
    }

    /** {@code [B, ...]} viewed as {@code [1, B, ...]}. */
    protected static Tensor asSequence(Tensor step) {
        int[] s = step.shape();
        int[] r = new int[s.length + 1];
        r[0] = 1;
        System.arraycopy(s, 0, r, 1, s.length);
        return step.reshape(r);
    }

    /** {@code [1, B, ...]} viewed as {@code [B, ...]}. */
    protected static Tensor asStep(Tensor seq) {
        return seq.reshape(seq.trailingShape(1));
    }

    /** Throws a clear error unless {@code x} is {@code [T, B, expected...]}. */
    protected void checkSequence(Tensor x, int[] expectedFeatures) {
        int[] s = x.shape();
        boolean ok = s.length == expectedFeatures.length + 2
                && Arrays.equals(Arrays.copyOfRange(s, 2, s.length), expectedFeatures);
        if (!ok) {
            throw new IllegalArgumentException(type() + ": expected input [T, B, "
                    + Arrays.toString(expectedFeatures).replaceAll("[\\[\\]]", "") + "], got "
                    + Arrays.toString(s));
        }
    }

    @Override
    public String toString() {
        return spec().type() + spec().config();
    }
}
