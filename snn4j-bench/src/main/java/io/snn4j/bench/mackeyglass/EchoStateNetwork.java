package io.snn4j.bench.mackeyglass;

import io.snn4j.core.Rng;
import java.util.Arrays;

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
 */
public final class EchoStateNetwork implements MackeyGlassModel {
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

    /** A reservoir drawn from {@code seed}. */
    public EchoStateNetwork(EsnConfig config, long seed) {
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
        measuredRadius = Eigenvalues.of(w).spectralRadius();
        double scale = measuredRadius > 0 ? config.spectralRadius() / measuredRadius : 0;
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

    /** max|eig(W)| of the unscaled recurrent matrix. */
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
    public double[] predict(double firstInput, int steps) {
        if (wout == null) {
            throw new IllegalStateException("ESN: predict before fit");
        }
        double[] out = new double[steps];
        double u = firstInput;
        for (int t = 0; t < steps; t++) {
            update(u);
            out[t] = readout(u);
            u = out[t];
        }
        return out;
    }
}
