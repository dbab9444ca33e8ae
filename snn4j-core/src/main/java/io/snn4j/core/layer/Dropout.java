package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import java.util.List;

/**
 * Inverted dropout as PyTorch's {@code nn.Dropout}: in training each value is zeroed with probability {@code p}
 * and the others are scaled by {@code 1 / (1 - p)}; in evaluation it is the identity. The mask comes from a
 * random source seeded once and advanced by every training call, so a run is reproducible from {@code seed};
 * stepping a sequence one step at a time draws the same masks as the whole sequence.
 */
public final class Dropout extends StatelessLayer {

    @Override
    String rerunProblem() {
        return "re-running a segment would draw a new dropout mask";
    }
    private final float p;
    private final long seed;
    private final Rng rng;
    private boolean frozen;
    private float[] mask;
    private float[] lastMask;

    /**
     * @param p    probability of dropping a value, in [0, 1]
     * @param seed seed of the mask's random source
     */
    public Dropout(double p, long seed) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout: p must be in [0, 1], got " + p);
        }
        this.p = (float) p;
        this.seed = seed;
        this.rng = new Rng(seed);
    }

    static Dropout fromSpec(LayerSpec spec, Rng rng) {
        spec.checkKeys("p", "seed");
        long seed;
        if (spec.has("seed")) {
            spec.getInt("seed", 0);
            seed = ((Number) spec.config().get("seed")).longValue();
        } else {
            seed = rng.nextLong();
        }
        return new Dropout(spec.getDouble("p", 0.5), seed);
    }

    public double p() {
        return p;
    }

    /**
     * While frozen, training calls reuse the last mask (when the shape is unchanged) instead of drawing a new
     * one, so that repeated forward passes of a gradient check see the same function.
     */
    public void freezeMask(boolean on) {
        frozen = on;
    }

    @Override
    public String type() {
        return "dropout";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    /** @param x {@code [T, B, ...]}; @return same shape (the input itself when not training) */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (!training) {
            return x;
        }
        if (!(frozen && mask != null && mask.length == x.size())) {
            float scale = p >= 1f ? 0f : 1f / (1f - p);
            mask = new float[x.size()];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = rng.nextFloat() < p ? 0f : scale;
            }
        }
        Tensor y = new Tensor(x.shape());
        float[] xd = x.data();
        float[] yd = y.data();
        for (int i = 0; i < yd.length; i++) {
            yd[i] = xd[i] * mask[i];
        }
        lastMask = mask;
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        if (lastMask == null) {
            throw new IllegalStateException("dropout: backward without a training forward");
        }
        if (gradOut.size() != lastMask.length) {
            throw new IllegalArgumentException("dropout: output gradient has " + gradOut.size()
                    + " values, the last forward had " + lastMask.length);
        }
        if (!inputGradRequired) {
            return null;
        }
        Tensor dx = new Tensor(gradOut.shape());
        float[] g = gradOut.data();
        float[] d = dx.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = g[i] * lastMask[i];
        }
        return dx;
    }

    @Override
    protected Object saveCache() {
        return lastMask;
    }

    @Override
    protected void restoreCache(Object cache) {
        lastMask = (float[]) cache;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("dropout", "p", (double) p, "seed", seed);
    }
}
