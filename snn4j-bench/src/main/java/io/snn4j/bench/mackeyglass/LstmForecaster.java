package io.snn4j.bench.mackeyglass;

import io.snn4j.bench.neurobench.Activity;
import io.snn4j.bench.neurobench.CellOps;
import io.snn4j.bench.neurobench.Structure;
import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Layer;
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
 *
 * <p>For NeuroBench's metrics the network is NeuroBench's {@code LSTMModel}: {@code layer_norm} (neither a
 * connection nor an activation layer for NeuroBench), the cell {@code rnns.0} (counted with NeuroBench's LSTM cell
 * rules, {@link CellOps}, with the state it starts each step from), the activation {@code activation} (ReLU) and
 * {@code fc}; its buffers {@code inp} (the window), {@code h0} and {@code c0} count toward the footprint. Values are
 * float32 here (4 bytes; NeuroBench's model is float64).
 */
public final class LstmForecaster implements NeuroBenchForecaster {
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
    /** The window, float32 as the network reads it (NeuroBench's buffer {@code inp}). */
    private final float[] buffer;
    private double[] losses = new double[0];
    private boolean fitted;

    /**
     * The leaderboard's size, window 50 and 100 hidden units, with training hyperparameters from our random search
     * (NeuroBench's script was swept for tau 17 and its best values are not published): learning rate 1.6e-3,
     * weight decay 1.4e-3, 300 epochs. Chosen on initialisation seeds 1000..1029 and 2000..2029, never on the
     * benchmark's 0..29 (docs/mackey-glass.md, "LSTM").
     */
    public static LstmForecaster size100(long seed) {
        return new LstmForecaster(WINDOW, 100, 300, 1.6e-3, 1.4e-3, seed);
    }

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
        buffer = new float[window];
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
        buffer[window - 1] = (float) u;
        return net.step(Tensor.of(buffer.clone(), 1, window)).data()[0];
    }

    /**
     * {@link #stepOn(double)} layer by layer (the calls {@link Sequential#step} makes, so the same numbers), recording
     * what NeuroBench's hooks see: the cell's input and states before the step, the ReLU's output, fc's input.
     */
    private double stepOn(double u, Activity activity) {
        System.arraycopy(buffer, 1, buffer, 0, window - 1);
        buffer[window - 1] = (float) u;
        List<Layer> ls = net.layers();
        Tensor x = ls.get(0).step(Tensor.of(buffer.clone(), 1, window));
        Lstm lstm = (Lstm) ls.get(1);
        Tensor h = lstm.stateH();
        Tensor c = lstm.stateC();
        float[] hd = h == null ? null : h.data();
        float[] cd = c == null ? null : c.data();
        float[] wIh = lstm.weightIh().value().data();
        float[] wHh = lstm.weightHh().value().data();
        float[] bIh = lstm.biasIh().value().data();
        float[] bHh = lstm.biasHh().value().data();
        long eff = CellOps.step(CellOps.Kind.LSTM, x.data(), hd, cd, 1, window, hidden, wIh, wHh, bIh, bHh, false);
        long dense = CellOps.step(CellOps.Kind.LSTM, x.data(), hd, cd, 1, window, hidden, wIh, wHh, bIh, bHh, true);
        activity.synapses("rnns.0", "lstm", 1).add(eff, dense, NbCounts.spiking(x.data()));
        Tensor relu = ls.get(2).step(lstm.step(x));
        float[] r = relu.data();
        activity.neurons("activation", "ReLU", null, false).add(r, null);
        Linear fc = (Linear) ls.get(3);
        float[] fw = fc.weight().value().data();
        int[] perInput = new int[hidden];
        for (int j = 0; j < hidden; j++) {
            perInput[j] = fw[j] != 0f ? 1 : 0;
        }
        activity.synapses("fc", "linear", 1).add(NbCounts.effective(r, perInput), hidden, NbCounts.spiking(r));
        return fc.step(relu).data()[0];
    }

    @Override
    public double[] predict(double firstInput, int steps, Activity activity) {
        if (!fitted) {
            throw new IllegalStateException("LSTM: predict before fit");
        }
        double[] out = new double[steps];
        double u = firstInput;
        for (int i = 0; i < steps; i++) {
            out[i] = activity == null ? stepOn(u) : stepOn(u, activity);
            u = out[i];
        }
        return out;
    }

    /**
     * NeuroBench's {@code LSTMModel}: parameters {@code layer_norm.weight/bias [window]}, {@code rnns.0.weight_ih
     * [4H, window]}, {@code weight_hh [4H, H]}, {@code bias_ih}, {@code bias_hh [4H]}, {@code fc.weight [1, H]},
     * {@code fc.bias [1]}; buffers {@code inp [1, window]}, {@code h0}, {@code c0 [1, H]}; 4 bytes each. The
     * connection layers are the cell (weights and biases) and fc (weight).
     */
    @Override
    public Structure neuroBenchStructure() {
        LayerNorm ln = (LayerNorm) net.get(0);
        Lstm lstm = (Lstm) net.get(1);
        Linear fc = (Linear) net.get(3);
        List<Structure.Param> p = new ArrayList<>();
        p.add(new Structure.Param("layer_norm.weight", ln.weight().value(), true, 4));
        p.add(new Structure.Param("layer_norm.bias", ln.bias().value(), true, 4));
        List<Tensor> cell = List.of(lstm.weightIh().value(), lstm.weightHh().value(), lstm.biasIh().value(),
                lstm.biasHh().value());
        String[] names = {"weight_ih", "weight_hh", "bias_ih", "bias_hh"};
        for (int i = 0; i < names.length; i++) {
            p.add(new Structure.Param("rnns.0." + names[i], cell.get(i), true, 4));
        }
        p.add(new Structure.Param("fc.weight", fc.weight().value(), true, 4));
        p.add(new Structure.Param("fc.bias", fc.bias().value(), true, 4));
        Tensor h = lstm.stateH();
        Tensor c = lstm.stateC();
        p.add(new Structure.Param("inp", Tensor.of(buffer.clone(), 1, window), false, 4));
        p.add(new Structure.Param("h0", h != null ? h : new Tensor(1, hidden), false, 4));
        p.add(new Structure.Param("c0", c != null ? c : new Tensor(1, hidden), false, 4));
        List<Structure.Connection> conns = List.of(new Structure.Connection("rnns.0", "lstm", cell),
                new Structure.Connection("fc", "linear", List.of(fc.weight().value())));
        return new Structure(p, 0, 2L * hidden * 4, conns);
    }
}
