package io.snn4j.core.layer;

import io.snn4j.core.Tensor;
import java.util.Arrays;

/** Common plumbing: the input-gradient flag and shape helpers. */
public abstract class AbstractLayer implements Layer {
    protected boolean inputGradRequired = true;

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
