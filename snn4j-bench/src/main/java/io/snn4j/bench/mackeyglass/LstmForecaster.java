package io.snn4j.bench.mackeyglass;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.LayerNorm;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Lstm;
import io.snn4j.core.layer.Relu;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.train.Adam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * NeuroBench's LSTM baseline ({@code examples/mackey_glass/lstm_model.py}, {@code lstm_benchmark.py}) on snn4j's
 * layers (float32, where NeuroBench computes in float64): the last {@code window} series values (a buffer,
 * zeros before the series starts) go through {@code LayerNorm(window) -> LSTMCell(window, hidden) -> ReLU ->
 * Linear(hidden, 1)}.
 *
 * <p>Training as NeuroBench's script: {@code epochs} full-batch steps, each one forward over the 750 training
 * windows from the zero state (teacher forcing: the windows hold the true values), mean squared error against the
 * one-step targets, back-propagation through all 750 steps, one Adam step (PyTorch's {@code torch.optim.Adam}
 * with {@code weight_decay}, an L2 term added to the gradient: snn4j's {@link Adam}, not AdamW). Then the state is
 * warmed by running the training windows once more from zero, and prediction continues autonomously from that
 * state and window. Parameters are initialised as PyTorch does (LSTM and Linear U(-1/sqrt(fan), 1/sqrt(fan)),
 * LayerNorm ones and zeros) from snn4j's {@link Rng}, so they are statistically, not bitwise, NeuroBench's.
 */
public final class LstmForecaster implements MackeyGlassModel {
    /** NeuroBench's script defaults. */
    public static final int WINDOW = 50;
    public static final int HIDDEN = 40;
    public static final int EPOCHS = 200;
    public static final double LR = 5e-3;
    public static final double WEIGHT_DECAY = 1e-3;

    private final int window;
    private final int hidden;
    private final int epochs;
    private final double lr;
    private final double weightDecay;
    private final Sequential net;
    private final double[] buffer;
    private double[] losses = new double[0];
    private boolean fitted;

    /** NeuroBench's configuration with {@code hidden} units (the script's default is 40). */
    public LstmForecaster(int hidden, long seed) {
        this(WINDOW, hidden, EPOCHS, LR, WEIGHT_DECAY, seed);
    }

    /**
     * @param window      input window, values, >= 1
     * @param hidden      LSTM hidden size, >= 1
     * @param epochs      full-batch Adam steps, >= 0
     * @param lr          Adam learning rate, >= 0
     * @param weightDecay L2 term of Adam, >= 0
     * @param seed        seed of the initial parameters
     */
    public LstmForecaster(int window, int hidden, int epochs, double lr, double weightDecay, long seed) {
        if (window < 1 || hidden < 1) {
            throw new IllegalArgumentException("LSTM window and hidden size must be >= 1, got " + window + " and "
                    + hidden);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("LSTM epochs must be >= 0, got " + epochs);
        }
        this.window = window;
        this.hidden = hidden;
        this.epochs = epochs;
        this.lr = lr;
        this.weightDecay = weightDecay;
        Rng rng = new Rng(seed);
        net = new Sequential(new LayerNorm(window), new Lstm(window, hidden, true, rng.split()), new Relu(),
                new Linear(hidden, 1, rng.split()));
        buffer = new double[window];
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "lstm window=%d hidden=%d epochs=%d lr=%s weight_decay=%s", window, hidden,
                epochs, lr, weightDecay);
    }

    /** Mean squared error of every training epoch (each before its Adam step). */
    public double[] trainingLosses() {
        return losses.clone();
    }

    /** Parameters of the network (LayerNorm, LSTM, Linear), PyTorch's names under their layer index. */
    public List<Parameter> parameters() {
        return new ArrayList<>(net.namedParameters().values());
    }

    /** The windows of a series as NeuroBench's buffer builds them: [T, 1, window], zeros before the series. */
    private Tensor windows(double[] inputs) {
        int t = inputs.length;
        float[] w = new float[t * window];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < window; j++) {
                int src = i - window + 1 + j;
                w[i * window + j] = src < 0 ? 0f : (float) inputs[src];
            }
        }
        return Tensor.of(w, t, 1, window);
    }

    @Override
    public void fit(double[] inputs, double[] targets) {
        if (inputs.length != targets.length || inputs.length == 0) {
            throw new IllegalArgumentException("LSTM: " + inputs.length + " inputs but " + targets.length
                    + " targets");
        }
        int t = inputs.length;
        Tensor x = windows(inputs);
        net.setInputGradRequired(false);
        List<Parameter> params = parameters();
        Adam adam = new Adam(params, lr, 0.9, 0.999, 1e-8, weightDecay);
        float[] grad = new float[t];
        losses = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            for (Parameter p : params) {
                p.zeroGrad();
            }
            float[] y = net.forward(x, true).data();
            double loss = 0;
            for (int i = 0; i < t; i++) {
                double d = y[i] - targets[i];
                loss += d * d;
                grad[i] = (float) (2 * d / t);
            }
            losses[e] = loss / t;
            net.backward(Tensor.of(grad.clone(), t, 1, 1));
            adam.step();
        }
        // warm the state on the training data, from zero, as NeuroBench's second pass over train_data
        net.resetState();
        Arrays.fill(buffer, 0);
        for (double u : inputs) {
            stepOn(u);
        }
        fitted = true;
    }

    /** Pushes {@code u} into the window and runs one step from the kept state. */
    private double stepOn(double u) {
        System.arraycopy(buffer, 1, buffer, 0, window - 1);
        buffer[window - 1] = u;
        float[] w = new float[window];
        for (int j = 0; j < window; j++) {
            w[j] = (float) buffer[j];
        }
        return net.step(Tensor.of(w, 1, window)).data()[0];
    }

    @Override
    public double[] predict(double firstInput, int steps) {
        if (!fitted) {
            throw new IllegalStateException("LSTM: predict before fit");
        }
        double[] out = new double[steps];
        double u = firstInput;
        for (int i = 0; i < steps; i++) {
            out[i] = stepOn(u);
            u = out[i];
        }
        return out;
    }
}
