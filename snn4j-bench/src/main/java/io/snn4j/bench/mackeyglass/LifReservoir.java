package io.snn4j.bench.mackeyglass;

import io.snn4j.bench.neurobench.Activity;
import io.snn4j.bench.neurobench.Structure;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.neuron.Leaky;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 *
 * <p>For NeuroBench's metrics the model is the PyTorch module that computes the same: a buffer {@code inp} (the
 * window, float64), {@code fc_in} ({@code nn.Linear(window, N)} with bias, float32, called once per series point,
 * as the drive is held over the substeps), {@code fc_rec} (only with recurrence: a dense bias-free
 * {@code nn.Linear(N, N)} on the previous step's spikes, called every substep), {@code lif} (snnTorch's
 * {@code Leaky}, an activation layer, every substep; its membrane {@code mem [1, N]} is a buffer), and
 * {@code readout} (a bias-free {@code nn.Linear(1 + window + N, 1)}, float64, on {@code [1; w; counts / substeps]},
 * once per point).
 */
public final class LifReservoir implements NeuroBenchForecaster {
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
    /** The reset mechanism's name, as NeuroBench's activity records it. */
    private final String resetName;
    private final double[] window;
    private float[] spikes;
    private double[] wout;
    private long spikeCount;
    private long synapticEvents;
    private long neuronSteps;
    /** For the operation counts: non-zero input weights per window position, built on first use. */
    private int[] inputNonZeros;
    /** For the operation counts: recurrent out-degree of each neuron. */
    private int[] outDegree;

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
        resetName = String.valueOf(leaky.spec().config().get("reset"));
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

    /** The readout's weights on {@code [1; w; counts / substeps]} (a copy), or null before {@link #fit}. */
    double[] readoutWeights() {
        return wout == null ? null : wout.clone();
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
    private double[] advance(double u, Activity activity) {
        System.arraycopy(window, 1, window, 0, d - 1);
        window[d - 1] = u;
        if (activity != null) {
            recordInput(activity);
        }
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
            if (activity != null && outWeight.length > 0) {
                activity.synapses("fc_rec", "linear", 1).add(NbCounts.effective(spikes, outDegree), (long) n * n,
                        NbCounts.spiking(spikes));
            }
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
            if (activity != null) {
                Tensor mem = leaky.lastMembrane();
                activity.neurons("lif", "Leaky", resetName, true).add(spikes, mem == null ? null : mem.data());
            }
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
            double[] f = advance(inputs[t], null);
            if (t >= warm) {
                rows[t - warm] = f;
            }
        }
        wout = Ridge.fit(rows, Arrays.copyOfRange(targets, warm, targets.length), config.ridge());
    }

    /** NeuroBench's counts of {@code fc_in} on the window. */
    private void recordInput(Activity activity) {
        if (inputNonZeros == null) {
            inputNonZeros = new int[d];
            for (float[] row : win) {
                for (int j = 0; j < d; j++) {
                    if (row[j] != 0f) {
                        inputNonZeros[j]++;
                    }
                }
            }
            outDegree = new int[n];
            for (int j = 0; j < n; j++) {
                for (int q = outStart[j]; q < outStart[j + 1]; q++) {
                    if (outWeight[q] != 0f) {
                        outDegree[j]++;
                    }
                }
            }
        }
        activity.synapses("fc_in", "linear", 1).add(NbCounts.effective(window, inputNonZeros), (long) n * d,
                NbCounts.spiking(window));
    }

    @Override
    public double[] predict(double firstInput, int steps, Activity activity) {
        if (wout == null) {
            throw new IllegalStateException("LIF model: predict before fit");
        }
        spikeCount = 0;
        synapticEvents = 0;
        neuronSteps = 0;
        double[] out = new double[steps];
        double u = firstInput;
        for (int t = 0; t < steps; t++) {
            double[] f = advance(u, activity);
            double y = 0;
            for (int i = 0; i < f.length; i++) {
                y += wout[i] * f[i];
            }
            if (activity != null) {
                long eff = 0;
                for (int i = 0; i < f.length; i++) {
                    if (f[i] != 0 && wout[i] != 0) {
                        eff++;
                    }
                }
                activity.synapses("readout", "linear", 1).add(eff, f.length, NbCounts.spiking(f));
            }
            out[t] = y;
            u = y;
        }
        return out;
    }

    /**
     * NeuroBench's view: parameters {@code fc_in.weight [N, window]}, {@code fc_in.bias [N]} (float32),
     * {@code fc_rec.weight [N, N]} (float32, dense, only with recurrence) and {@code readout.weight
     * [1, 1 + window + N]} (float64); buffers {@code inp [1, window]} (float64), {@code lif.mem [1, N]} (float32)
     * and, with recurrence, the fed-back spikes {@code lif.spk [1, N]}; snnTorch's Leaky constants (beta, threshold,
     * graded_spikes_factor float32, reset_mechanism_val int64: 20 bytes).
     *
     * @throws IllegalStateException before {@link #fit} (the readout does not exist yet)
     */
    @Override
    public Structure neuroBenchStructure() {
        if (wout == null) {
            throw new IllegalStateException("LIF model: the readout exists only after fit");
        }
        boolean recurrent = outWeight.length > 0;
        float[] w = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(win[i], 0, w, i * d, d);
        }
        List<Structure.Param> p = new ArrayList<>();
        List<Structure.Connection> conns = new ArrayList<>();
        p.add(new Structure.Param("inp", NbCounts.tensor(window, 1, d), false, 8));
        Tensor fcIn = new Tensor(w, n, d);
        p.add(new Structure.Param("fc_in.weight", fcIn, true, 4));
        p.add(new Structure.Param("fc_in.bias", new Tensor(bias.clone(), n), true, 4));
        conns.add(new Structure.Connection("fc_in", "linear", List.of(fcIn)));
        if (recurrent) {
            float[] r = new float[n * n];
            for (int j = 0; j < n; j++) {
                for (int q = outStart[j]; q < outStart[j + 1]; q++) {
                    r[outTarget[q] * n + j] = outWeight[q];
                }
            }
            Tensor rec = new Tensor(r, n, n);
            p.add(new Structure.Param("fc_rec.weight", rec, true, 4));
            conns.add(new Structure.Connection("fc_rec", "linear", List.of(rec)));
        }
        Tensor mem = leaky.lastMembrane();
        p.add(new Structure.Param("lif.mem", mem != null && mem.size() == n ? mem : new Tensor(1, n), false, 4));
        if (recurrent) {
            p.add(new Structure.Param("lif.spk", new Tensor(spikes.clone(), 1, n), false, 4));
        }
        Tensor ro = NbCounts.tensor(wout, 1, wout.length);
        p.add(new Structure.Param("readout.weight", ro, true, 8));
        conns.add(new Structure.Connection("readout", "linear", List.of(ro)));
        return new Structure(p, 4 + 4 + 4 + 8, (recurrent ? 2L : 1L) * n * 4, conns);
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
