package io.snn4j.bench.mackeyglass;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.neuron.Leaky;
import java.util.Arrays;

/**
 * The spiking model for {@link MackeyGlassTask}: N leaky integrate-and-fire neurons (snn4j's {@link Leaky},
 * snnTorch semantics: {@code U[t] = beta U[t-1] + I[t] - R[t] theta}, subtractive reset, spike when U &gt; theta)
 * fed with the last {@code window} series values (a buffer, as NeuroBench's LSTM keeps its last 50 inputs) and,
 * optionally, with their own spikes through a fixed sparse random recurrent matrix; a linear readout fitted by
 * {@link Ridge ridge regression} reads the spike counts.
 *
 * <p>Per series point the neurons run {@code substeps} LIF steps with the current
 * {@code I = b + W_in w + W s[t-1]} ({@code w} the window, {@code W_in ~ N(0, 1) inputScale / sqrt(window)},
 * {@code b ~ N(0, 1) biasScale}, {@code W = Bernoulli(p) N(0, 1)} scaled to the spectral radius {@code rho},
 * acting on the previous step's spikes). The membranes carry over from point to point (no reset), so each
 * neuron's spike count is a sigma-delta code of its input. The readout sees {@code [1; w; c / substeps]}, the
 * window and the spike counts {@code c} of the point. Prediction is autonomous as for the ESN.
 *
 * <p>Counts for NeuroBench-style efficiency over the last {@link #predict} call: spikes (activation sparsity)
 * and recurrent synaptic events (each spike times its neuron's out-degree).
 */
public final class LifReservoir implements MackeyGlassModel {
    private final LifReservoirConfig config;
    private final int n;
    private final int d;
    private final float[] bias;
    /** Input weights [N][window]. */
    private final float[][] win;
    /** Recurrent weights by presynaptic neuron: a spike of neuron j adds outWeight[k] to outTarget[k]. */
    private final int[] outStart;
    private final int[] outTarget;
    private final float[] outWeight;
    private final Leaky leaky;
    private final double[] window;
    private float[] spikes;
    private double[] wout;
    private long spikeCount;
    private long synapticEvents;
    private long neuronSteps;

    /** A network drawn from {@code seed}. */
    public LifReservoir(LifReservoirConfig config, long seed) {
        this.config = config;
        this.n = config.neurons();
        this.d = config.window();
        Rng rng = new Rng(seed);
        win = new float[n][d];
        bias = new float[n];
        double inScale = config.inputScale() / Math.sqrt(d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                win[i][j] = (float) (rng.nextGaussian() * inScale);
            }
            bias[i] = (float) (rng.nextGaussian() * config.biasScale());
        }
        outStart = new int[n + 1];
        if (config.recurrentRadius() > 0) {
            double[][] w = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    w[i][j] = rng.nextDouble() <= config.connectProb() ? 1 : 0;
                }
            }
            int nnz = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (w[i][j] != 0) {
                        w[i][j] = rng.nextGaussian();
                        nnz++;
                    }
                }
            }
            double radius = Eigenvalues.of(w).spectralRadius();
            double scale = radius > 0 ? config.recurrentRadius() / radius : 0;
            outTarget = new int[nnz];
            outWeight = new float[nnz];
            int k = 0;
            for (int j = 0; j < n; j++) {
                outStart[j] = k;
                for (int i = 0; i < n; i++) {
                    if (w[i][j] != 0) {
                        outTarget[k] = i;
                        outWeight[k] = (float) (w[i][j] * scale);
                        k++;
                    }
                }
            }
            outStart[n] = k;
        } else {
            outTarget = new int[0];
            outWeight = new float[0];
        }
        leaky = Leaky.builder().beta((float) config.beta()).threshold((float) config.threshold()).build();
        window = new double[d];
        spikes = new float[n];
    }

    @Override
    public String description() {
        return "snn lif " + config;
    }

    public LifReservoirConfig config() {
        return config;
    }

    /** Non-zero recurrent synapses. */
    public int recurrentSynapses() {
        return outWeight.length;
    }

    private void reset() {
        leaky.resetState();
        spikes = new float[n];
        Arrays.fill(window, 0);
    }

    /** Pushes {@code u} into the window, runs the substeps and returns the readout's features. */
    private double[] advance(double u) {
        System.arraycopy(window, 1, window, 0, d - 1);
        window[d - 1] = u;
        float[] drive = new float[n];
        for (int i = 0; i < n; i++) {
            double s = bias[i];
            float[] wi = win[i];
            for (int j = 0; j < d; j++) {
                s += wi[j] * window[j];
            }
            drive[i] = (float) s;
        }
        double[] f = new double[1 + d + n];
        f[0] = 1;
        System.arraycopy(window, 0, f, 1, d);
        int k = config.substeps();
        for (int s = 0; s < k; s++) {
            float[] current = drive.clone();
            for (int j = 0; j < n; j++) {
                if (spikes[j] != 0) {
                    float sj = spikes[j];
                    for (int q = outStart[j]; q < outStart[j + 1]; q++) {
                        current[outTarget[q]] += outWeight[q] * sj;
                    }
                    synapticEvents += outStart[j + 1] - outStart[j];
                }
            }
            spikes = leaky.step(Tensor.of(current, 1, n)).data();
            for (int i = 0; i < n; i++) {
                if (spikes[i] != 0) {
                    f[1 + d + i] += 1.0 / k;
                    spikeCount++;
                }
            }
            neuronSteps += n;
        }
        return f;
    }

    @Override
    public void fit(double[] inputs, double[] targets) {
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException("LIF model: " + inputs.length + " inputs but " + targets.length
                    + " targets");
        }
        int warm = config.warmupPoints();
        if (inputs.length <= warm) {
            throw new IllegalArgumentException("LIF model: " + inputs.length + " training points leave nothing "
                    + "after the " + warm + "-point warm-up");
        }
        reset();
        double[][] rows = new double[inputs.length - warm][];
        for (int t = 0; t < inputs.length; t++) {
            double[] f = advance(inputs[t]);
            if (t >= warm) {
                rows[t - warm] = f;
            }
        }
        wout = Ridge.fit(rows, Arrays.copyOfRange(targets, warm, targets.length), config.ridge());
    }

    @Override
    public double[] predict(double firstInput, int steps) {
        if (wout == null) {
            throw new IllegalStateException("LIF model: predict before fit");
        }
        spikeCount = 0;
        synapticEvents = 0;
        neuronSteps = 0;
        double[] out = new double[steps];
        double u = firstInput;
        for (int t = 0; t < steps; t++) {
            double[] f = advance(u);
            double y = 0;
            for (int i = 0; i < f.length; i++) {
                y += wout[i] * f[i];
            }
            out[t] = y;
            u = y;
        }
        return out;
    }

    /** Fraction of neuron steps without a spike during the last {@link #predict} (NeuroBench's activation sparsity). */
    public double activationSparsity() {
        return neuronSteps == 0 ? Double.NaN : 1 - (double) spikeCount / neuronSteps;
    }

    /** Spikes per predicted point during the last {@link #predict} ({@code points} = its steps). */
    public double spikesPerPoint(int points) {
        return (double) spikeCount / points;
    }

    /** Recurrent synaptic events (accumulates) per predicted point during the last {@link #predict}. */
    public double recurrentAccumulatesPerPoint(int points) {
        return (double) synapticEvents / points;
    }
}
