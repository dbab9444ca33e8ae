package io.snn4j.bench.mackeyglass;

import io.snn4j.bench.neurobench.Activity;
import io.snn4j.bench.neurobench.Structure;
import io.snn4j.core.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NeuroBench's echo state network baseline ({@code examples/mackey_glass/echo_state_network.py}), float64:
 * reservoir update {@code x = tanh(W r + W_in [1; u])}, {@code r = (1 - a) r + a x}; readout
 * {@code y = W_out [1; u; r]} fitted by {@link Ridge ridge regression} on the training states after the warm-up.
 *
 * <p>Weights: {@code W_in = U(-0.5, 0.5) * [scale_bias, scale_input]} ([N, 2]); {@code W = Bernoulli(p) * N(0, 1)}
 * ([N, N], the mask drawn first for all entries in row-major order, then one normal per non-zero entry in the
 * same order, as NeuroBench's {@code W[W == True] = normal(...)}), scaled to the spectral radius {@code rho}:
 * {@code W = rho W / max|eig(W)|}. NeuroBench divides by {@code |eig[0]|}, the first eigenvalue LAPACK's
 * {@code geev} returns; that is not sorted, but measured with PyTorch 1.13 on NeuroBench's matrices it is the
 * largest modulus or within a few per cent of it (see docs/mackey-glass.md), so we divide by the true spectral
 * radius. The random numbers come from snn4j's {@link Rng}, not PyTorch's generator, so the reservoirs are
 * statistically the same as NeuroBench's but not equal to them.
 *
 * <p>For NeuroBench's metrics the network is NeuroBench's module: three bias-free {@code nn.Linear} maps,
 * {@code W} (N x N, dense, on the state before the update), {@code Win} (N x 2, on {@code [1; u]}) and
 * {@code Wout} (1 x (N + 2), on {@code [1; u; r]}), float64; the state is a plain attribute there, not a buffer,
 * so it is not part of the footprint. {@code tanh} is a functional activation that NeuroBench's hooks do not see:
 * the model has no activation layer (NeuroBench reports activation sparsity 0.0).
 */
public final class EchoStateNetwork implements NeuroBenchForecaster {
    private final EsnConfig config;
    private final int n;
    private final double[] winBias;
    private final double[] winInput;
    /** Recurrent matrix, compressed rows (only non-zeros are kept: sparse configurations run faster). */
    private final int[] rowStart;
    private final int[] cols;
    private final double[] vals;
    private final double[] state;
    private final double[] scratch;
    private double[] wout;
    private final double measuredRadius;
    /** For the operation counts: non-zero recurrent weights per column (per input of W), built on first use. */
    private int[] columnNonZeros;

    /** A reservoir drawn from {@code seed}. */
    public EchoStateNetwork(EsnConfig config, long seed) {
        this(config, seed, true);
    }

    /**
     * @param scaleToRadius false leaves W unscaled and skips the eigenvalues (O(N^3), seconds for N ~ 1000): for
     *                      tests that need a large reservoir's structure, not its dynamics
     */
    EchoStateNetwork(EsnConfig config, long seed, boolean scaleToRadius) {
        this.config = config;
        this.n = config.reservoirSize();
        Rng rng = new Rng(seed);
        winBias = new double[n];
        winInput = new double[n];
        for (int i = 0; i < n; i++) { // torch.rand((N, 2)) - 0.5, row-major
            winBias[i] = (rng.nextDouble() - 0.5) * config.scaleBias();
            winInput[i] = (rng.nextDouble() - 0.5) * config.scaleInput();
        }
        double[][] w = new double[n][n];
        boolean[][] mask = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                mask[i][j] = rng.nextDouble() <= config.connectProb();
            }
        }
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (mask[i][j]) {
                    w[i][j] = rng.nextGaussian();
                    nnz++;
                }
            }
        }
        measuredRadius = scaleToRadius ? Eigenvalues.of(w).spectralRadius() : Double.NaN;
        double scale = !scaleToRadius ? 1 : measuredRadius > 0 ? config.spectralRadius() / measuredRadius : 0;
        rowStart = new int[n + 1];
        cols = new int[nnz];
        vals = new double[nnz];
        int k = 0;
        for (int i = 0; i < n; i++) {
            rowStart[i] = k;
            for (int j = 0; j < n; j++) {
                if (mask[i][j] && w[i][j] != 0) {
                    cols[k] = j;
                    vals[k] = w[i][j] * scale;
                    k++;
                }
            }
        }
        rowStart[n] = k;
        state = new double[n];
        scratch = new double[n];
    }

    @Override
    public String description() {
        return "esn " + config;
    }

    public EsnConfig config() {
        return config;
    }

    /** max|eig(W)| of the unscaled recurrent matrix (NaN for a reservoir left unscaled). */
    public double unscaledSpectralRadius() {
        return measuredRadius;
    }

    /** Non-zero recurrent weights. */
    public int recurrentNonZeros() {
        return rowStart[n];
    }

    /** The scaled recurrent matrix W, dense [N][N] (a copy). */
    double[][] recurrentMatrix() {
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                w[i][cols[k]] = vals[k];
            }
        }
        return w;
    }

    /** Input weights [N][2]: from the constant 1 and from the series (a copy). */
    double[][] inputWeights() {
        double[][] w = new double[n][];
        for (int i = 0; i < n; i++) {
            w[i] = new double[] {winBias[i], winInput[i]};
        }
        return w;
    }

    /** Advances the reservoir by one input. */
    private void update(double u) {
        double a = config.leakage();
        for (int i = 0; i < n; i++) {
            double s = winBias[i] + winInput[i] * u;
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                s += vals[k] * state[cols[k]];
            }
            scratch[i] = Math.tanh(s);
        }
        for (int i = 0; i < n; i++) {
            state[i] = (1 - a) * state[i] + a * scratch[i];
        }
    }

    /** Features [1; u; r]. */
    private double[] features(double u) {
        double[] f = new double[n + 2];
        f[0] = 1;
        f[1] = u;
        System.arraycopy(state, 0, f, 2, n);
        return f;
    }

    private double readout(double u) {
        double y = wout[0] + wout[1] * u;
        for (int i = 0; i < n; i++) {
            y += wout[i + 2] * state[i];
        }
        return y;
    }

    @Override
    public void fit(double[] inputs, double[] targets) {
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException("ESN: " + inputs.length + " inputs but " + targets.length + " targets");
        }
        int warm = config.warmupPoints();
        if (inputs.length <= warm) {
            throw new IllegalArgumentException("ESN: " + inputs.length + " training points leave nothing after the "
                    + warm + "-point warm-up");
        }
        Arrays.fill(state, 0);
        double[][] rows = new double[inputs.length - warm][];
        for (int t = 0; t < inputs.length; t++) {
            update(inputs[t]);
            if (t >= warm) {
                rows[t - warm] = features(inputs[t]);
            }
        }
        wout = Ridge.fit(rows, Arrays.copyOfRange(targets, warm, targets.length), config.ridge());
    }

    @Override
    public double[] predict(double firstInput, int steps, Activity activity) {
        if (wout == null) {
            throw new IllegalStateException("ESN: predict before fit");
        }
        double[] out = new double[steps];
        double u = firstInput;
        for (int t = 0; t < steps; t++) {
            if (activity != null) {
                recordReservoirInputs(u, activity);
            }
            update(u);
            out[t] = readout(u);
            if (activity != null) {
                recordReadout(u, activity);
            }
            u = out[t];
        }
        return out;
    }

    /**
     * NeuroBench's {@code self.W(self.reservoir.T) + self.Win(sample_b.T)}: W on the state before the update, then
     * Win on {@code [1; u]}.
     */
    private void recordReservoirInputs(double u, Activity activity) {
        if (columnNonZeros == null) {
            columnNonZeros = new int[n];
            for (int k = 0; k < rowStart[n]; k++) {
                columnNonZeros[cols[k]]++;
            }
        }
        activity.synapses("W", "linear", 1).add(NbCounts.effective(state, columnNonZeros), (long) n * n,
                NbCounts.spiking(state));
        long win = NbCounts.countNonZero(winBias) + (u != 0 ? NbCounts.countNonZero(winInput) : 0);
        activity.synapses("Win", "linear", 1).add(win, 2L * n, NbCounts.spiking(u));
    }

    /** NeuroBench's {@code self.Wout(x.T)} on {@code [1; u; r]}. */
    private void recordReadout(double u, Activity activity) {
        long eff = (wout[0] != 0 ? 1 : 0) + (u != 0 && wout[1] != 0 ? 1 : 0);
        for (int i = 0; i < n; i++) {
            if (state[i] != 0 && wout[i + 2] != 0) {
                eff++;
            }
        }
        activity.synapses("Wout", "linear", 1).add(eff, n + 2L, NbCounts.spiking(u) && NbCounts.spiking(state));
    }

    /**
     * NeuroBench's module: {@code Win.weight [N, 2]}, {@code W.weight [N, N]} (dense, zeros included),
     * {@code Wout.weight [1, N + 2]}, all parameters of 8 bytes; no buffers. Footprint {@code 8 (N^2 + 3N + 2)}
     * bytes (7,488,448 for N = 966).
     *
     * @throws IllegalStateException before {@link #fit} (the readout does not exist yet)
     */
    @Override
    public Structure neuroBenchStructure() {
        if (wout == null) {
            throw new IllegalStateException("ESN: the readout Wout exists only after fit");
        }
        double[] in = new double[2 * n];
        for (int i = 0; i < n; i++) {
            in[2 * i] = winBias[i];
            in[2 * i + 1] = winInput[i];
        }
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                w[i * n + cols[k]] = vals[k];
            }
        }
        List<Structure.Param> params = new ArrayList<>();
        params.add(new Structure.Param("Win.weight", NbCounts.tensor(in, n, 2), true, 8));
        params.add(new Structure.Param("W.weight", NbCounts.tensor(w, n, n), true, 8));
        params.add(new Structure.Param("Wout.weight", NbCounts.tensor(wout, 1, n + 2), true, 8));
        List<Structure.Connection> conns = new ArrayList<>();
        for (Structure.Param p : params) {
            String layer = p.name().substring(0, p.name().indexOf('.'));
            conns.add(new Structure.Connection(layer, "linear", List.of(p.value())));
        }
        return new Structure(params, 0, 8L * n, conns);
    }
}
