package io.snn4j.core;

import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.Network;
import io.snn4j.core.layer.SpikingLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A finite-difference check of a layer's backward pass, for built-in and user-defined layers alike.
 *
 * <p>The scalar probed is {@code L = sum(forward(x) * R)} with a fixed random {@code R}. Spiking layers are put
 * in gradient-check mode ({@link SpikingLayer#setGradientCheckMode}), where the spike is the smooth primitive of
 * the surrogate, so the numeric derivative equals the surrogate gradient that training uses. Central
 * differences are taken in float32 at up to {@code maxProbes} coordinates of the input and of every parameter.
 */
public final class GradCheck {

    /** Largest error found, and where. {@code relError = |analytic - numeric| / max(atol, |analytic| + |numeric|)}. */
    public record Result(double maxRelError, String worst, int probes) {
        public boolean passes(double tolerance) {
            return maxRelError <= tolerance;
        }
    }

    private GradCheck() {
    }

    /** Checks the input gradient and all parameter gradients with eps 1e-3 at up to 40 coordinates each. */
    public static Result check(Layer layer, Tensor input, long seed) {
        return check(layer, input, seed, 1e-3, 40, 1e-3);
    }

    /**
     * @param layer     the layer (or network) to check; its parameter gradients are overwritten
     * @param input     {@code [T, B, ...]}
     * @param eps       finite-difference step
     * @param maxProbes coordinates checked per tensor (chosen at random with {@code seed})
     * @param atol      floor of the denominator of the relative error
     */
    public static Result check(Layer layer, Tensor input, long seed, double eps, int maxProbes, double atol) {
        List<SpikingLayer> spiking = new ArrayList<>();
        collectSpiking(layer, spiking);
        spiking.forEach(s -> s.setGradientCheckMode(true));
        try {
            Rng rng = new Rng(seed);
            layer.setInputGradRequired(true);
            Tensor out = layer.forward(input, true);
            Tensor r = new Tensor(out.shape());
            for (int i = 0; i < r.size(); i++) {
                r.data()[i] = rng.uniform(-1f, 1f);
            }
            for (io.snn4j.core.Parameter p : layer.parameters()) {
                p.zeroGrad();
            }
            Tensor gin = layer.backward(r);
            double worst = 0;
            String where = "nothing";
            int probes = 0;
            List<String> names = new ArrayList<>();
            List<Tensor> values = new ArrayList<>();
            List<Tensor> grads = new ArrayList<>();
            names.add("input");
            values.add(input);
            grads.add(gin);
            for (io.snn4j.core.Parameter p : layer.parameters()) {
                if (p.trainable()) {
                    names.add(p.name());
                    values.add(p.value());
                    grads.add(p.grad().copy());
                }
            }
            for (int k = 0; k < values.size(); k++) {
                Tensor v = values.get(k);
                Tensor g = grads.get(k);
                if (g == null) {
                    throw new IllegalStateException("no gradient returned for " + names.get(k));
                }
                int n = v.size();
                int m = Math.min(n, maxProbes);
                for (int j = 0; j < m; j++) {
                    int idx = n <= maxProbes ? j : rng.nextInt(n);
                    float orig = v.data()[idx];
                    v.data()[idx] = (float) (orig + eps);
                    double lp = dot(layer.forward(input, true), r);
                    v.data()[idx] = (float) (orig - eps);
                    double lm = dot(layer.forward(input, true), r);
                    v.data()[idx] = orig;
                    double num = (lp - lm) / (2 * eps);
                    double ana = g.data()[idx];
                    double rel = Math.abs(ana - num) / Math.max(atol, Math.abs(ana) + Math.abs(num));
                    probes++;
                    if (rel > worst) {
                        worst = rel;
                        where = names.get(k) + "[" + idx + "] analytic=" + ana + " numeric=" + num;
                    }
                }
            }
            return new Result(worst, where, probes);
        } finally {
            spiking.forEach(s -> s.setGradientCheckMode(false));
        }
    }

    private static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += (double) a.data()[i] * b.data()[i];
        }
        return s;
    }

    private static void collectSpiking(Layer l, List<SpikingLayer> out) {
        if (l instanceof SpikingLayer s) {
            out.add(s);
        }
        if (l instanceof Network n) {
            for (Map.Entry<String, Layer> e : n.namedLayers().entrySet()) {
                collectSpiking(e.getValue(), out);
            }
        }
    }
}
