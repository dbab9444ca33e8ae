package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.Parallel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Batch normalisation through time (BNTT), as snnTorch's {@code BatchNormTT1d} / {@code BatchNormTT2d}: a
 * separate batch norm for every time step, each with its own scale and running statistics, and no shift
 * (snnTorch removes the bias). Input {@code [T, B, C]} (statistics over the batch) or {@code [T, B, C, H, W]}
 * (over batch and positions), {@code T <= time_steps}.
 *
 * <p>Training normalises with the batch's mean and biased variance and updates
 * {@code running = (1 - momentum) running + momentum batch} (unbiased variance), as PyTorch; evaluation uses the
 * running statistics. Parameters: {@code weight [time_steps, C]} (trainable, 1 at start, present when
 * {@code affine}), {@code running_mean} and {@code running_var} {@code [time_steps, C]} (fixed).
 */
public final class BatchNormTT extends AbstractLayer {
    private final int features;
    private final int timeSteps;
    private final double eps;
    private final double momentum;
    private final Parameter weight;
    private final Parameter runningMean;
    private final Parameter runningVar;

    private Cache last;
    private int stepIndex;
    private boolean recordingSteps;
    private final Deque<Cache> recorded = new ArrayDeque<>();

    /** What backward needs: normalised input and 1/sqrt(var + eps) per (step, channel); null xhat in eval. */
    private record Cache(int[] shape, int t0, float[] xhat, float[] invStd, boolean training) {
    }

    /** PyTorch's defaults: eps 1e-5, momentum 0.1, affine. */
    public BatchNormTT(int features, int timeSteps) {
        this(features, timeSteps, 1e-5, 0.1, true);
    }

    /**
     * @param features  channels C
     * @param timeSteps number of time steps, each with its own statistics
     * @param eps       added to the variance
     * @param momentum  weight of the newest batch in the running statistics
     * @param affine    whether to learn a per-step, per-channel scale
     */
    public BatchNormTT(int features, int timeSteps, double eps, double momentum, boolean affine) {
        if (features < 1 || timeSteps < 1) {
            throw new IllegalArgumentException("batchnorm_tt: num_features and time_steps must be >= 1, got "
                    + features + " and " + timeSteps);
        }
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batchnorm_tt: need eps > 0 and momentum in [0, 1], got eps "
                    + eps + ", momentum " + momentum);
        }
        this.features = features;
        this.timeSteps = timeSteps;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? new Parameter("weight", Tensor.full(1f, timeSteps, features)) : null;
        this.runningMean = new Parameter("running_mean", new Tensor(timeSteps, features), false);
        this.runningVar = new Parameter("running_var", Tensor.full(1f, timeSteps, features), false);
    }

    static BatchNormTT fromSpec(LayerSpec spec) {
        spec.checkKeys("num_features", "time_steps", "eps", "momentum", "affine");
        return new BatchNormTT(spec.requireInt("num_features"), spec.requireInt("time_steps"),
                spec.getDouble("eps", 1e-5), spec.getDouble("momentum", 0.1), spec.getBool("affine", true));
    }

    @Override
    public String type() {
        return "batchnorm_tt";
    }

    @Override
    public int[] outputShape(int[] s) {
        if (!((s.length == 1 || s.length == 3) && s[0] == features)) {
            throw new IllegalArgumentException("batchnorm_tt: expected input features [" + features + "] or ["
                    + features + ", H, W], got " + Arrays.toString(s));
        }
        return s.clone();
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        if (weight != null) {
            ps.add(weight);
        }
        ps.add(runningMean);
        ps.add(runningVar);
        return ps;
    }

    /** @param x {@code [T, B, C]} or {@code [T, B, C, H, W]} with {@code T <= time_steps} */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        Tensor y = run(x, 0, training);
        return y;
    }

    private Tensor run(Tensor x, int t0, boolean training) {
        if (x.rank() < 3) {
            throw new IllegalArgumentException("batchnorm_tt: expected input [T, B, " + features
                    + "] or [T, B, " + features + ", H, W], got " + Arrays.toString(x.shape()));
        }
        outputShape(x.trailingShape(2));
        int steps = x.dim(0);
        int b = x.dim(1);
        if (t0 + steps > timeSteps) {
            throw new IllegalArgumentException("batchnorm_tt: time step " + (t0 + steps - 1)
                    + " is beyond time_steps = " + timeSteps);
        }
        int hw = x.stride0() / Math.max(1, b * features);
        int n = b * hw;
        if (training && n < 2) {
            throw new IllegalArgumentException("batchnorm_tt: training needs more than 1 value per channel, got "
                    + "batch " + b + " x " + hw + " positions");
        }
        Tensor y = new Tensor(x.shape());
        float[] xhat = training ? new float[x.size()] : null;
        float[] invStd = new float[steps * features];
        float[] xd = x.data();
        float[] yd = y.data();
        float[] w = weight == null ? null : weight.value().data();
        float[] rm = runningMean.value().data();
        float[] rv = runningVar.value().data();
        int per = x.stride0();
        Parallel.forRange(steps * features, (long) n * 3, (from, to) -> {
            for (int q = from; q < to; q++) {
                int s = q / features;
                int c = q % features;
                int t = t0 + s;
                int base = s * per + c * hw;
                double mean;
                double var;
                if (training) {
                    double sum = 0;
                    for (int bi = 0; bi < b; bi++) {
                        int o = base + bi * features * hw;
                        for (int k = 0; k < hw; k++) {
                            sum += xd[o + k];
                        }
                    }
                    mean = sum / n;
                    double ss = 0;
                    for (int bi = 0; bi < b; bi++) {
                        int o = base + bi * features * hw;
                        for (int k = 0; k < hw; k++) {
                            double d = xd[o + k] - mean;
                            ss += d * d;
                        }
                    }
                    var = ss / n;
                    int r = t * features + c;
                    rm[r] = (float) ((1 - momentum) * rm[r] + momentum * mean);
                    rv[r] = (float) ((1 - momentum) * rv[r] + momentum * ss / (n - 1));
                } else {
                    mean = rm[t * features + c];
                    var = rv[t * features + c];
                }
                float inv = (float) (1.0 / Math.sqrt(var + eps));
                invStd[q] = inv;
                float g = w == null ? 1f : w[t * features + c];
                float m = (float) mean;
                for (int bi = 0; bi < b; bi++) {
                    int o = base + bi * features * hw;
                    for (int k = 0; k < hw; k++) {
                        float xh = (xd[o + k] - m) * inv;
                        if (xhat != null) {
                            xhat[o + k] = xh;
                        }
                        yd[o + k] = g * xh;
                    }
                }
            }
        });
        if (training) {
            last = new Cache(x.shape(), t0, xhat, invStd, true);
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        if (last == null) {
            throw new IllegalStateException("batchnorm_tt: backward without a training forward");
        }
        Cache c = last;
        if (!Arrays.equals(gradOut.shape(), c.shape())) {
            throw new IllegalArgumentException("batchnorm_tt: expected output gradient "
                    + Arrays.toString(c.shape()) + ", got " + Arrays.toString(gradOut.shape()));
        }
        int steps = c.shape()[0];
        int b = c.shape()[1];
        int per = gradOut.stride0();
        int hw = per / (b * features);
        int n = b * hw;
        float[] g = gradOut.data();
        float[] xhat = c.xhat();
        Tensor dx = inputGradRequired ? new Tensor(c.shape()) : null;
        float[] d = dx == null ? null : dx.data();
        float[] w = weight == null ? null : weight.value().data();
        float[] dw = weight == null ? null : weight.grad().data();
        Parallel.forRange(steps * features, (long) n * 3, (from, to) -> {
            for (int q = from; q < to; q++) {
                int s = q / features;
                int ch = q % features;
                int t = c.t0() + s;
                int base = s * per + ch * hw;
                double sg = 0;
                double sgx = 0;
                for (int bi = 0; bi < b; bi++) {
                    int o = base + bi * features * hw;
                    for (int k = 0; k < hw; k++) {
                        sg += g[o + k];
                        sgx += (double) g[o + k] * xhat[o + k];
                    }
                }
                if (dw != null) {
                    dw[t * features + ch] += (float) sgx;
                }
                if (d != null) {
                    float gamma = w == null ? 1f : w[t * features + ch];
                    // dx = gamma * invStd / n * (n g - sum g - xhat sum(g xhat))
                    float k1 = gamma * c.invStd()[q] / n;
                    float mg = (float) sg;
                    float mgx = (float) sgx;
                    for (int bi = 0; bi < b; bi++) {
                        int o = base + bi * features * hw;
                        for (int k = 0; k < hw; k++) {
                            d[o + k] = k1 * (n * g[o + k] - mg - xhat[o + k] * mgx);
                        }
                    }
                }
            }
        });
        return dx;
    }

    /** Inference step {@code [B, ...]} at the next time index, with the running statistics. */
    @Override
    public Tensor step(Tensor x) {
        Tensor y = asStep(run(asSequence(x), stepIndex, false));
        stepIndex++;
        return y;
    }

    @Override
    public void resetState() {
        stepIndex = 0;
        recorded.clear();
    }

    @Override
    public void beginSteps(boolean training) {
        stepIndex = 0;
        recorded.clear();
        recordingSteps = training;
    }

    @Override
    public Tensor forwardStep(Tensor x) {
        Tensor y = asStep(run(asSequence(x), stepIndex, recordingSteps));
        stepIndex++;
        if (recordingSteps) {
            recorded.push(last);
        }
        return y;
    }

    @Override
    public Tensor backwardStep(Tensor gradOut) {
        if (recorded.isEmpty()) {
            throw new IllegalStateException("batchnorm_tt: backwardStep without a recorded forwardStep");
        }
        last = recorded.pop();
        Tensor g = backward(asSequence(gradOut));
        return g == null ? null : asStep(g);
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("batchnorm_tt", "num_features", features, "time_steps", timeSteps, "eps", eps,
                "momentum", momentum, "affine", weight != null);
    }
}
