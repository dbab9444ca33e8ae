package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.Parallel;
import java.util.Arrays;
import java.util.List;

/**
 * An element-wise activation without parameters ({@link Relu}, {@link Sigmoid}, {@link Tanh}): any
 * {@code [T, B, ...]} to the same shape. The backward pass uses the saved output.
 */
abstract class Activation extends StatelessLayer {
    private float[] lastOutput;
    private int[] lastShape;

    private record Cache(float[] output, int[] shape) {
    }

    /** The function of one element. */
    abstract float apply(float x);

    /** Its derivative, written with its output {@code y}. */
    abstract float derivative(float y);

    static Activation fromSpec(LayerSpec spec) {
        spec.checkKeys();
        return switch (spec.type()) {
            case "relu" -> new Relu();
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            default -> throw new IllegalArgumentException("not an activation: '" + spec.type() + "'");
        };
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    /** @param x {@code [T, B, ...]} */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException(type() + ": input x must be [T, B, ...], got "
                    + Arrays.toString(x.shape()));
        }
        float[] in = x.data();
        float[] out = new float[in.length];
        Parallel.forRange(in.length, 16, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = apply(in[i]);
            }
        });
        if (training) {
            lastOutput = out;
            lastShape = x.shape();
        }
        return new Tensor(out, x.shape());
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        if (lastOutput == null) {
            throw new IllegalStateException(type() + ": backward without a training forward");
        }
        if (!Arrays.equals(gradOut.shape(), lastShape)) {
            throw new IllegalArgumentException(type() + ": expected output gradient " + Arrays.toString(lastShape)
                    + ", got " + Arrays.toString(gradOut.shape()));
        }
        if (!inputGradRequired) {
            return null;
        }
        float[] g = gradOut.data();
        float[] y = lastOutput;
        float[] dx = new float[g.length];
        Parallel.forRange(g.length, 8, (from, to) -> {
            for (int i = from; i < to; i++) {
                dx[i] = g[i] * derivative(y[i]);
            }
        });
        return new Tensor(dx, lastShape);
    }

    @Override
    protected Object saveCache() {
        return new Cache(lastOutput, lastShape);
    }

    @Override
    protected void restoreCache(Object cache) {
        Cache c = (Cache) cache;
        lastOutput = c.output();
        lastShape = c.shape();
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of(type());
    }
}
