package io.snn4j.nir.convert;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.LayerSpec;
import io.snn4j.core.layer.StatelessLayer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed element-wise map over the features: {@code y = scale * x} (NIR's {@code Scale}, an input gain the
 * conversion needs, a sum pool's window size), {@code y = x > threshold ? 1 : 0} (NIR's {@code Threshold}), or
 * the identity (which sums the fan-in of an Output). Per-feature values, or one value for all (shape
 * {@code []}). No parameters; {@code Threshold} cannot be trained.
 */
public final class NirElementwise extends StatelessLayer {

    /** What the layer computes. */
    enum Op {
        SCALE, THRESHOLD, IDENTITY
    }

    private final String name;
    private final Op op;
    private final int[] shape;
    private final float[] values;

    private NirElementwise(String name, Op op, int[] shape, float[] values) {
        this.name = name;
        this.op = op;
        this.shape = shape == null ? null : shape.clone();
        this.values = values;
    }

    /** {@code y = scale * x}; {@code shape} is that of the features (null: one value for any shape). */
    static NirElementwise scale(String name, int[] shape, float[] scale) {
        return new NirElementwise(name, Op.SCALE, shape, scale.clone());
    }

    static NirElementwise threshold(String name, int[] shape, float[] threshold) {
        return new NirElementwise(name, Op.THRESHOLD, shape, threshold.clone());
    }

    static NirElementwise identity(String name) {
        return new NirElementwise(name, Op.IDENTITY, null, new float[0]);
    }

    @Override
    public String type() {
        return "nir_" + name;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (shape != null && !Arrays.equals(inputShape, shape)) {
            throw new IllegalArgumentException(type() + ": expected input features " + Arrays.toString(shape)
                    + ", got " + Arrays.toString(inputShape));
        }
        return inputShape.clone();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    private float value(int feature) {
        return values.length == 1 ? values[0] : values[feature];
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (op == Op.THRESHOLD && training) {
            throw new UnsupportedOperationException(type() + ": NIR's Threshold cannot be trained");
        }
        if (x.rank() < 2) {
            throw new IllegalArgumentException(type() + ": expected input [T, B, ...], got "
                    + Arrays.toString(x.shape()));
        }
        outputShape(x.trailingShape(2));
        if (op == Op.IDENTITY) {
            return x;
        }
        int f = Tensor.sizeOf(x.trailingShape(2));
        float[] in = x.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            float s = value(f == 0 ? 0 : i % f);
            out[i] = op == Op.SCALE ? in[i] * s : (in[i] > s ? 1f : 0f);
        }
        return new Tensor(out, x.shape());
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        if (op == Op.THRESHOLD) {
            throw new UnsupportedOperationException(type() + ": NIR's Threshold cannot be trained");
        }
        if (!inputGradRequired) {
            return null;
        }
        return forward(gradOut, false);
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
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", op.name().toLowerCase(java.util.Locale.ROOT));
        if (values.length == 1) {
            m.put("value", (double) values[0]);
        } else if (values.length > 1) {
            m.put("values", values.length);
        }
        return new LayerSpec(type(), m);
    }
}
