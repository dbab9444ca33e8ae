package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.Elementwise;
import io.snn4j.core.kernel.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Layer normalisation, as PyTorch's {@code nn.LayerNorm}: every sample at every step is normalised over its last
 * dimensions, those of {@code normalized_shape}, with their mean and biased variance,
 * {@code y = (x - mean) / sqrt(var + eps) * weight + bias}. The same in training and evaluation (no running
 * statistics). Parameters (with {@code elementwise_affine}, the default): {@code weight} (ones) and {@code bias}
 * (zeros), shape {@code normalized_shape}. Input {@code [T, B, ..., normalized_shape...]}. Spec type
 * {@code layernorm}, keys {@code normalized_shape} (an integer or a list), {@code eps} (1e-5),
 * {@code elementwise_affine} (true).
 */
public final class LayerNorm extends StatelessLayer {
    private final int[] normalizedShape;
    private final int size;
    private final double eps;
    private final Parameter weight;
    private final Parameter bias;

    private Cache last;

    /** What backward needs: the normalised input and {@code 1/sqrt(var + eps)} per group. */
    private record Cache(int[] shape, float[] xhat, float[] rstd) {
    }

    /** PyTorch's defaults: eps 1e-5, elementwise affine. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    /**
     * @param normalizedShape   the trailing dimensions normalised over (at least one, each >= 1)
     * @param eps               added to the variance, >= 0
     * @param elementwiseAffine whether to learn {@code weight} and {@code bias}
     * @throws IllegalArgumentException naming the argument when it is out of range
     */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        if (normalizedShape == null || normalizedShape.length == 0) {
            throw new IllegalArgumentException("layernorm: normalized_shape must hold at least one size");
        }
        long n = 1;
        for (int d : normalizedShape) {
            if (d < 1) {
                throw new IllegalArgumentException("layernorm: normalized_shape must hold sizes >= 1, got "
                        + Arrays.toString(normalizedShape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("layernorm: normalized_shape " + Arrays.toString(normalizedShape)
                    + " is too large");
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("layernorm: eps must be a finite number >= 0, got " + eps);
        }
        this.normalizedShape = normalizedShape.clone();
        this.size = (int) n;
        this.eps = eps;
        this.weight = elementwiseAffine ? new Parameter("weight", Tensor.full(1f, normalizedShape)) : null;
        this.bias = elementwiseAffine ? new Parameter("bias", new Tensor(normalizedShape)) : null;
    }

    static LayerNorm fromSpec(LayerSpec spec) {
        spec.checkKeys("normalized_shape", "eps", "elementwise_affine");
        if (!spec.has("normalized_shape")) {
            throw new IllegalArgumentException("layernorm: missing 'normalized_shape'");
        }
        return new LayerNorm(spec.getInts("normalized_shape", 1, null), spec.getDouble("eps", 1e-5),
                spec.getBool("elementwise_affine", true));
    }

    public int[] normalizedShape() {
        return normalizedShape.clone();
    }

    public double eps() {
        return eps;
    }

    /** The scale, shape {@code normalized_shape}, or null without elementwise affine. */
    public Parameter weight() {
        return weight;
    }

    /** The shift, shape {@code normalized_shape}, or null without elementwise affine. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public String type() {
        return "layernorm";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int k = normalizedShape.length;
        if (inputShape.length < k || !Arrays.equals(Arrays.copyOfRange(inputShape, inputShape.length - k,
                inputShape.length), normalizedShape)) {
            throw new IllegalArgumentException("layernorm: expected input features ending in "
                    + Arrays.toString(normalizedShape) + " (normalized_shape), got " + Arrays.toString(inputShape));
        }
        return inputShape.clone();
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        if (weight != null) {
            ps.add(weight);
            ps.add(bias);
        }
        return ps;
    }

    /** @param x {@code [T, B, ..., normalized_shape...]} */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        int k = normalizedShape.length;
        int[] s = x.shape();
        if (s.length < k + 2 || !Arrays.equals(Arrays.copyOfRange(s, s.length - k, s.length), normalizedShape)) {
            throw new IllegalArgumentException("layernorm: input x must be [T, B, ..., "
                    + Arrays.toString(normalizedShape).replaceAll("[\\[\\]]", "") + "] (normalized_shape), got "
                    + Arrays.toString(s));
        }
        final int d = size;
        final int groups = x.size() / d;
        final float[] xd = x.data();
        final float[] y = new float[xd.length];
        final float[] xhat = training ? new float[xd.length] : null;
        final float[] rstd = new float[groups];
        final float[] w = weight == null ? null : weight.value().data();
        final float[] b = bias == null ? null : bias.value().data();
        Parallel.forRange(groups, 4L * d, (from, to) -> {
            for (int q = from; q < to; q++) {
                int o = q * d;
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += xd[o + j];
                }
                double mean = sum / d;
                double ss = 0;
                for (int j = 0; j < d; j++) {
                    double v = xd[o + j] - mean;
                    ss += v * v;
                }
                double inv = 1.0 / Math.sqrt(ss / d + eps);
                rstd[q] = (float) inv;
                for (int j = 0; j < d; j++) {
                    float xh = (float) ((xd[o + j] - mean) * inv);
                    if (xhat != null) {
                        xhat[o + j] = xh;
                    }
                    y[o + j] = w == null ? xh : xh * w[j] + b[j];
                }
            }
        });
        if (training) {
            last = new Cache(s, xhat, rstd);
        }
        return new Tensor(y, s);
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        if (last == null) {
            throw new IllegalStateException("layernorm: backward without a training forward");
        }
        Cache c = last;
        if (!Arrays.equals(gradOut.shape(), c.shape())) {
            throw new IllegalArgumentException("layernorm: expected output gradient " + Arrays.toString(c.shape())
                    + ", got " + Arrays.toString(gradOut.shape()));
        }
        final int d = size;
        final float[] g = gradOut.data();
        final float[] xhat = c.xhat();
        final int groups = g.length / d;
        if (weight != null) {
            // dweight = sum over groups of g * xhat, dbias = sum of g: column sums in a fixed order
            float[] gx = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                gx[i] = g[i] * xhat[i];
            }
            Elementwise.addColumnSums(gx, 0, groups, d, weight.grad().data());
            Elementwise.addColumnSums(g, 0, groups, d, bias.grad().data());
        }
        if (!inputGradRequired) {
            return null;
        }
        final float[] w = weight == null ? null : weight.value().data();
        final float[] rstd = c.rstd();
        final float[] dx = new float[g.length];
        Parallel.forRange(groups, 6L * d, (from, to) -> {
            for (int q = from; q < to; q++) {
                int o = q * d;
                double s1 = 0;
                double s2 = 0;
                for (int j = 0; j < d; j++) {
                    double dxh = w == null ? g[o + j] : (double) g[o + j] * w[j];
                    s1 += dxh;
                    s2 += dxh * xhat[o + j];
                }
                double m1 = s1 / d;
                double m2 = s2 / d;
                double r = rstd[q];
                for (int j = 0; j < d; j++) {
                    double dxh = w == null ? g[o + j] : (double) g[o + j] * w[j];
                    dx[o + j] = (float) (r * (dxh - m1 - xhat[o + j] * m2));
                }
            }
        });
        return new Tensor(dx, c.shape());
    }

    @Override
    protected Object saveCache() {
        return last;
    }

    @Override
    protected void restoreCache(Object cache) {
        last = (Cache) cache;
    }

    @Override
    public LayerSpec spec() {
        Object ns;
        if (normalizedShape.length == 1) {
            ns = normalizedShape[0];
        } else {
            List<Integer> l = new ArrayList<>();
            for (int v : normalizedShape) {
                l.add(v);
            }
            ns = l;
        }
        return LayerSpec.of("layernorm", "normalized_shape", ns, "eps", eps, "elementwise_affine", weight != null);
    }
}
