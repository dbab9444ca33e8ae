package io.snn4j.nir.convert;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.LayerSpec;
import io.snn4j.core.layer.StatelessLayer;
import java.util.Arrays;
import java.util.List;

/**
 * A NIR {@code Flatten} that merges only some feature dimensions ({@code [C, H, W] -> [C, H*W]}): a view of the
 * same values with another feature shape. (Flattening all features is snn4j's own {@code Flatten}.)
 */
public final class NirReshape extends StatelessLayer {
    private final int[] in;
    private final int[] out;

    NirReshape(int[] in, int[] out) {
        if (Tensor.sizeOf(in) != Tensor.sizeOf(out)) {
            throw new IllegalArgumentException("reshape: " + Arrays.toString(in) + " and " + Arrays.toString(out)
                    + " differ in size");
        }
        this.in = in.clone();
        this.out = out.clone();
    }

    @Override
    public String type() {
        return "nir_flatten";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (!Arrays.equals(inputShape, in)) {
            throw new IllegalArgumentException(type() + ": expected input features " + Arrays.toString(in)
                    + ", got " + Arrays.toString(inputShape));
        }
        return out.clone();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    private static Tensor view(Tensor x, int[] features) {
        int[] s = new int[features.length + 2];
        s[0] = x.dim(0);
        s[1] = x.dim(1);
        System.arraycopy(features, 0, s, 2, features.length);
        return x.reshape(s);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException(type() + ": expected input [T, B, ...], got "
                    + Arrays.toString(x.shape()));
        }
        outputShape(x.trailingShape(2));
        return view(x, out);
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        return inputGradRequired ? view(gradOut, in) : null;
    }

    @Override
    protected Object saveCache() {
        return null;
    }

    @Override
    protected void restoreCache(Object cache) {
        // nothing kept
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of(type(), "input", Arrays.toString(in), "output", Arrays.toString(out));
    }
}
