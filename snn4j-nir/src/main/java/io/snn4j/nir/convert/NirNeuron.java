package io.snn4j.nir.convert;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.AbstractLayer;
import io.snn4j.core.layer.LayerSpec;
import io.snn4j.core.layer.SpikingLayer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR neuron population integrated in discrete time, as the {@code nir} and {@code norse} presets define it
 * ({@link NirToSnn}); inference only. Every coefficient is per neuron (over the population's shape), computed in
 * double by the preset and used in float32. Per step, with input {@code x}:
 *
 * <ul>
 * <li>current-based models first update the synaptic current: Euler
 * {@code I' = I + ks ((iLeak - I) + win x)}, exact {@code I' = win x + (I - win x) as};</li>
 * <li>the membrane: Euler {@code v' = v + km ((vLeak - v) + g u)} where {@code u} is {@code x}, or {@code I'} for
 * current-based models; exact {@code v' = vLeak + g x + (v - vLeak - g x) am} (leaky models) or, current-based,
 * {@code v' = vLeak + g win x + (v - vLeak - g win x) am + g kappa (I - win x)}; integrators
 * {@code v' = v + h x};</li>
 * <li>spiking models fire {@code z = v' > threshold} and set {@code v = vReset} where they fired.</li>
 * </ul>
 * The output is {@code z} (spiking models) or {@code v'} (integrators). The membrane {@link #lastMembrane()} reports
 * is the state after the step, after the reset.
 */
public final class NirNeuron extends AbstractLayer implements SpikingLayer {

    /** How the membrane equation is stepped. */
    enum Kind {
        /** {@code v' = v + h x}: I and IF. */
        INTEGRATE,
        /** Euler step of {@code tau dv/dt = (vLeak - v) + g u}. */
        EULER,
        /** Exact step of the same, with the input held over the step. */
        EXACT
    }

    private final String nirType;
    private final int[] shape;
    private final int n;
    private final Kind kind;
    private final boolean spiking;
    private final boolean cuba;
    // coefficients, per neuron
    private final float[] km; // EULER: dt / tau_mem; EXACT: exp(-dt / tau_mem); INTEGRATE: h
    private final float[] g;
    private final float[] vLeak;
    private final float[] threshold;
    private final float[] vReset;
    private final float[] v0;
    private final float[] ks; // EULER: dt / tau_syn; EXACT: exp(-dt / tau_syn)
    private final float[] iLeak;
    private final float[] win;
    private final float[] kappa;
    private final float[] i0;

    // state
    private float[] v;
    private float[] cur;
    private int stateBatch = -1;
    private Tensor lastMembrane;

    private NirNeuron(Builder b) {
        this.nirType = b.nirType;
        this.shape = b.shape.clone();
        this.n = Tensor.sizeOf(shape);
        this.kind = b.kind;
        this.spiking = b.threshold != null;
        this.cuba = b.ks != null;
        this.km = b.km;
        this.g = b.g;
        this.vLeak = b.vLeak;
        this.threshold = b.threshold;
        this.vReset = b.vReset;
        this.v0 = b.v0;
        this.ks = b.ks;
        this.iLeak = b.iLeak;
        this.win = b.win;
        this.kappa = b.kappa;
        this.i0 = b.i0;
    }

    /** Collects the per-neuron coefficients (double, rounded to float32 when built). */
    static final class Builder {
        final String nirType;
        final int[] shape;
        final int n;
        Kind kind;
        float[] km;
        float[] g;
        float[] vLeak;
        float[] threshold;
        float[] vReset;
        float[] v0;
        float[] ks;
        float[] iLeak;
        float[] win;
        float[] kappa;
        float[] i0;

        Builder(String nirType, int[] shape) {
            this.nirType = nirType;
            this.shape = shape;
            this.n = Tensor.sizeOf(shape);
        }

        static float[] f(double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }

        NirNeuron build() {
            if (km == null || v0 == null || (kind != Kind.INTEGRATE && (g == null || vLeak == null))) {
                throw new IllegalStateException("incomplete neuron");
            }
            if (threshold != null && vReset == null) {
                throw new IllegalStateException("a spiking neuron needs vReset");
            }
            return new NirNeuron(this);
        }
    }

    @Override
    public String type() {
        return "nir_" + nirType.toLowerCase(java.util.Locale.ROOT);
    }

    /** The NIR node type this layer runs ({@code LIF}, {@code CubaLIF}, ...). */
    public String nirType() {
        return nirType;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (!Arrays.equals(inputShape, shape)) {
            throw new IllegalArgumentException(type() + ": expected input features " + Arrays.toString(shape)
                    + ", got " + Arrays.toString(inputShape));
        }
        return shape.clone();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public int neurons() {
        return n;
    }

    @Override
    public void setGradientCheckMode(boolean on) {
        // inference only
    }

    @Override
    public Tensor lastMembrane() {
        return lastMembrane;
    }

    private int batchOf(Tensor x, int lead) {
        int[] s = x.shape();
        boolean ok = s.length == shape.length + lead && Arrays.equals(Arrays.copyOfRange(s, lead, s.length), shape);
        if (!ok) {
            throw new IllegalArgumentException(type() + ": expected input [" + (lead == 2 ? "T, B, " : "B, ")
                    + Arrays.toString(shape).replaceAll("[\\[\\]]", "") + "], got " + Arrays.toString(s));
        }
        return s[lead - 1];
    }

    private void startState(int batch) {
        v = new float[batch * n];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(v0, 0, v, b * n, n);
        }
        if (cuba) {
            cur = new float[batch * n];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(i0, 0, cur, b * n, n);
            }
        }
        stateBatch = batch;
    }

    /** One step over a batch: reads {@code x[xo ..]}, writes the output and the membrane after the step. */
    private void stepInto(float[] x, int xo, int batch, float[] out, float[] mem, int o) {
        for (int b = 0; b < batch; b++) {
            int base = b * n;
            for (int j = 0; j < n; j++) {
                int e = base + j;
                float in = x[xo + e];
                float vv = v[e];
                float nv;
                if (kind == Kind.INTEGRATE) {
                    nv = vv + km[j] * in;
                } else if (!cuba) {
                    if (kind == Kind.EULER) {
                        nv = vv + km[j] * ((vLeak[j] - vv) + g[j] * in);
                    } else {
                        float inf = vLeak[j] + g[j] * in;
                        nv = inf + (vv - inf) * km[j];
                    }
                } else {
                    float ii = cur[e];
                    float drive = win[j] * in;
                    if (kind == Kind.EULER) {
                        float ni = ii + ks[j] * ((iLeak[j] - ii) + drive);
                        cur[e] = ni;
                        nv = vv + km[j] * ((vLeak[j] - vv) + g[j] * ni);
                    } else {
                        cur[e] = drive + (ii - drive) * ks[j];
                        float inf = vLeak[j] + g[j] * drive;
                        nv = inf + (vv - inf) * km[j] + g[j] * kappa[j] * (ii - drive);
                    }
                }
                if (spiking) {
                    boolean z = nv > threshold[j];
                    out[o + e] = z ? 1f : 0f;
                    if (z) {
                        nv = vReset[j];
                    }
                } else {
                    out[o + e] = nv;
                }
                v[e] = nv;
                mem[o + e] = nv;
            }
        }
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        checkInference(training);
        int batch = batchOf(x, 2);
        int steps = x.dim(0);
        startState(batch);
        float[] out = new float[x.size()];
        float[] mem = new float[x.size()];
        int stride = batch * n;
        for (int t = 0; t < steps; t++) {
            stepInto(x.data(), t * stride, batch, out, mem, t * stride);
        }
        lastMembrane = new Tensor(mem, x.shape());
        resetState();
        return new Tensor(out, x.shape());
    }

    private void checkInference(boolean training) {
        if (training) {
            throw new UnsupportedOperationException(type() + " (NIR " + nirType + " under the nir or norse preset) "
                    + "runs inference only and cannot be trained");
        }
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        checkInference(true);
        return null;
    }

    @Override
    public Tensor step(Tensor x) {
        int batch = batchOf(x, 1);
        if (v == null || stateBatch != batch) {
            startState(batch);
        }
        float[] out = new float[x.size()];
        float[] mem = new float[x.size()];
        stepInto(x.data(), 0, batch, out, mem, 0);
        lastMembrane = asSequence(new Tensor(mem, x.shape()));
        return new Tensor(out, x.shape());
    }

    @Override
    public void resetState() {
        v = null;
        cur = null;
        stateBatch = -1;
    }

    @Override
    public void beginSteps(boolean training) {
        checkInference(training);
        resetState();
    }

    @Override
    public Tensor forwardStep(Tensor x) {
        return step(x);
    }

    @Override
    public Tensor backwardStep(Tensor gradOut) {
        checkInference(true);
        return null;
    }

    @Override
    public LayerSpec spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nir_type", nirType);
        m.put("integration", kind.name().toLowerCase(java.util.Locale.ROOT));
        List<Integer> s = new java.util.ArrayList<>();
        for (int d : shape) {
            s.add(d);
        }
        m.put("neurons", s);
        return new LayerSpec(type(), m);
    }
}
