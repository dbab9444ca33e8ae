package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import java.util.Arrays;
import java.util.List;

/** Flattens the features of each sample: {@code [T, B, C, H, W] -> [T, B, C*H*W]} (any feature rank >= 1). */
public final class Flatten extends StatelessLayer {
    private int[] lastShape;

    static Flatten fromSpec(LayerSpec spec) {
        spec.checkKeys();
        return new Flatten();
    }

    @Override
    public String type() {
        return "flatten";
    }

    @Override
    public int[] outputShape(int[] s) {
        if (s.length < 1) {
            throw new IllegalArgumentException("flatten: expected at least one feature dimension, got "
                    + Arrays.toString(s));
        }
        return new int[] {Tensor.sizeOf(s)};
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    /** @return a view of {@code x} (shared data) with shape {@code [T, B, features]} */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() < 3) {
            throw new IllegalArgumentException("flatten: expected input [T, B, ...features], got "
                    + Arrays.toString(x.shape()));
        }
        if (training) {
            lastShape = x.shape();
        }
        return x.reshape(x.dim(0), x.dim(1), -1);
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        if (lastShape == null) {
            throw new IllegalStateException("flatten: backward without a training forward");
        }
        if (gradOut.size() != Tensor.sizeOf(lastShape)) {
            throw new IllegalArgumentException("flatten: output gradient " + Arrays.toString(gradOut.shape())
                    + " does not match input " + Arrays.toString(lastShape));
        }
        return inputGradRequired ? gradOut.reshape(lastShape) : null;
    }

    @Override
    protected Object saveCache() {
        return lastShape;
    }

    @Override
    protected void restoreCache(Object cache) {
        lastShape = (int[]) cache;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("flatten");
    }
}
