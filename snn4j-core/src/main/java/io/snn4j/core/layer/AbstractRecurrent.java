package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.Elementwise;
import io.snn4j.core.kernel.Gemm;
import io.snn4j.core.kernel.Parallel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * What {@link Lstm}, {@link Gru} and {@link Rnn} share: PyTorch's parameter layout ({@code weight_ih [G*H, in]},
 * {@code weight_hh [G*H, H]}, {@code bias_ih}, {@code bias_hh [G*H]}, gate blocks of H rows stacked in the
 * order of the PyTorch cell), the products, the three ways to run a layer and segments.
 *
 * <p>A whole sequence {@code [T, B, in]} runs as one {@code [T*B, in] x [in, G*H]} product for the input side
 * (plus {@code bias_ih}); then step by step, the recurrent product {@code h[t-1] W_hh^T + bias_hh} (one product
 * per step with {@code W_hh^T} packed once per call, {@link Gemm#packRight}) and the element-wise cell update of
 * the subclass, both split over the batch. The backward pass runs the steps in reverse, each one element-wise pass
 * and one product {@code dA_hh[t] W_hh} per sample, then the weight gradients as two products over all steps
 * ({@code dA_ih^T x}, {@code dA_hh^T h[t-1]}) and the input gradient as one ({@code dA_ih W_ih}). Every element
 * is reduced by one thread in a fixed order: bit-identical results for any thread count.
 *
 * <p>The state (h, and c for the LSTM) starts at zero for each whole sequence; {@link #step} and the recorded
 * steps keep it until {@link #resetState()} (a batch of another size also starts from zero).
 */
abstract class AbstractRecurrent extends AbstractLayer {
    private final String type;
    final int inputSize;
    final int hiddenSize;
    /** Rows of the weights: gates times hidden size. */
    final int gateRows;
    private final Parameter weightIh;
    private final Parameter weightHh;
    private final Parameter biasIh;
    private final Parameter biasHh;

    /** The last training forward's trace, for {@link #backward}. */
    private Trace cache;
    // stateful steps (step and recorded steps share the state)
    private float[] stH;
    private float[] stC;
    private int stBatch;
    private boolean recording;
    private final Deque<Trace> pending = new ArrayDeque<>();
    private float[] stepCarryH;
    private float[] stepCarryC;
    // segments
    private State segmentEnd;
    private float[] segCarryH;
    private float[] segCarryC;

    /**
     * Everything one run over {@code [T, B, in]} computed: the input (referenced, not copied), the start state,
     * the gate activations {@code act [T, B, G*H]} (filled in place by the subclass from the pre-activations),
     * the outputs {@code h [T, B, H]}, the LSTM's cell states {@code c} and the GRU's {@code aux}
     * ({@code W_hn h + b_hn}), both {@code [T, B, H]} or null.
     */
    static final class Trace {
        final int steps;
        final int batch;
        final float[] x;
        final float[] h0;
        final float[] c0;
        final float[] act;
        final float[] h;
        final float[] c;
        final float[] aux;

        Trace(int steps, int batch, float[] x, float[] h0, float[] c0, float[] act, float[] h, float[] c,
                float[] aux) {
            this.steps = steps;
            this.batch = batch;
            this.x = x;
            this.h0 = h0;
            this.c0 = c0;
            this.act = act;
            this.h = h;
            this.c = c;
            this.aux = aux;
        }

        /** The last step's {@code [B, H]} values of a {@code [T, B, H]} array (a copy), or the start value. */
        float[] last(float[] a, float[] start, int hidden) {
            if (steps == 0) {
                return start;
            }
            int n = batch * hidden;
            return a == null ? null : Arrays.copyOfRange(a, (steps - 1) * n, steps * n);
        }
    }

    /** The state at a segment boundary: opaque to callers, never modified. */
    private record State(float[] h, float[] c, int batch) {
    }

    /**
     * @param gates number of gate blocks G (LSTM 4, GRU 3, RNN 1)
     */
    AbstractRecurrent(String type, int gates, int inputSize, int hiddenSize, boolean bias, Rng rng) {
        this.type = type;
        if (inputSize < 1) {
            throw new IllegalArgumentException(type + ": input_size must be >= 1, got " + inputSize);
        }
        if (hiddenSize < 1) {
            throw new IllegalArgumentException(type + ": hidden_size must be >= 1, got " + hiddenSize);
        }
        if (rng == null) {
            throw new IllegalArgumentException(type + ": rng must not be null");
        }
        if ((long) gates * hiddenSize * Math.max(inputSize, hiddenSize) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(type + ": input_size " + inputSize + " and hidden_size " + hiddenSize
                    + " give weights too large for one array");
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.gateRows = gates * hiddenSize;
        // PyTorch: every parameter U(-1/sqrt(H), 1/sqrt(H)), drawn in the order of named_parameters()
        float k = (float) (1.0 / Math.sqrt(hiddenSize));
        this.weightIh = new Parameter("weight_ih", uniform(rng, k, gateRows, inputSize));
        this.weightHh = new Parameter("weight_hh", uniform(rng, k, gateRows, hiddenSize));
        this.biasIh = bias ? new Parameter("bias_ih", uniform(rng, k, gateRows)) : null;
        this.biasHh = bias ? new Parameter("bias_hh", uniform(rng, k, gateRows)) : null;
    }

    private static Tensor uniform(Rng rng, float k, int... shape) {
        Tensor t = new Tensor(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.uniform(-k, k);
        }
        return t;
    }

    // ---- the cell, implemented by the subclasses ----

    /** Whether the cell has a second state c (LSTM). */
    abstract boolean hasCell();

    /** Whether the cell keeps {@code aux [T, B, H]} (GRU). */
    boolean hasAux() {
        return false;
    }

    /** Whether the gradient of the recurrent pre-activations differs from that of the input ones (GRU). */
    boolean separateHiddenGrad() {
        return false;
    }

    /**
     * One element-wise step of sample {@code b} at step {@code t}: {@code tr.act} holds at
     * {@code (t*B + b) * G*H} the input pre-activations {@code x W_ih^T + b_ih}, to be replaced by the gate
     * activations; {@code hp} the recurrent pre-activations {@code h[t-1] W_hh^T + b_hh} ({@code G*H}, scratch
     * afterwards). Writes {@code tr.h} (and {@code tr.c}, {@code tr.aux}) at {@code (t*B + b) * H}.
     *
     * @param hPrev previous hidden state row (H values from {@code hOff}), or null for zeros
     * @param cPrev previous cell state row (from {@code cOff}), or null for zeros
     */
    abstract void forwardRow(Trace tr, int t, int b, float[] hp, float[] hPrev, int hOff, float[] cPrev, int cOff);

    /**
     * The reverse of {@link #forwardRow}. {@code dh} holds dL/dh[t] for sample b (H values, from the output and
     * from step t+1). Writes the gradient of the input pre-activations to {@code dIh} and of the recurrent ones to
     * {@code dHh} (both {@code G*H} values at {@code (t*B + b) * G*H}; the same array unless
     * {@link #separateHiddenGrad()}), replaces the cell carry {@code dc} (row b, dL/dc[t] in, dL/dc[t-1] out) and,
     * when not null, writes to {@code direct} the part of dL/dh[t-1] that does not go through {@code W_hh}.
     */
    abstract void backwardRow(Trace tr, int t, int b, float[] dh, float[] hPrev, int hOff, float[] cPrev, int cOff,
            float[] dc, float[] dIh, float[] dHh, float[] direct);

    /** Whether {@link #backwardRow} writes {@code direct} (GRU: {@code dh * z}). */
    boolean hasDirect() {
        return false;
    }

    // ---- accessors ----

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    /** {@code weight_ih [G*H, input_size]}, gate blocks in PyTorch's order. */
    public Parameter weightIh() {
        return weightIh;
    }

    /** {@code weight_hh [G*H, hidden_size]}. */
    public Parameter weightHh() {
        return weightHh;
    }

    /** {@code bias_ih [G*H]}, or null without bias. */
    public Parameter biasIh() {
        return biasIh;
    }

    /** {@code bias_hh [G*H]}, or null without bias. */
    public Parameter biasHh() {
        return biasHh;
    }

    public boolean hasBias() {
        return biasIh != null;
    }

    /** The hidden state after the last {@link #step} or {@link #forwardStep}, {@code [B, H]} (a copy), or null. */
    public Tensor stateH() {
        return stH == null ? null : new Tensor(stH.clone(), stBatch, hiddenSize);
    }

    /** The cell state of the step API ({@code [B, H]}, a copy), or null (before the first step, or no cell). */
    Tensor cellState() {
        return stC == null ? null : new Tensor(stC.clone(), stBatch, hiddenSize);
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 1 || inputShape[0] != inputSize) {
            throw new IllegalArgumentException(type + ": expected input features [" + inputSize + "] (input_size), got "
                    + Arrays.toString(inputShape));
        }
        return new int[] {hiddenSize};
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        ps.add(weightIh);
        ps.add(weightHh);
        if (biasIh != null) {
            ps.add(biasIh);
            ps.add(biasHh);
        }
        return ps;
    }

    // ---- the run over a sequence ----

    private void checkInput(Tensor x, int rank, String form) {
        int[] s = x.shape();
        if (s.length != rank || s[rank - 1] != inputSize) {
            throw new IllegalArgumentException(type + ": input x must be " + form + " with input_size = " + inputSize
                    + ", got " + Arrays.toString(s));
        }
    }

    /** Runs {@code x [T, B, in]} from the state {@code (h0, c0)} (null = zeros). */
    private Trace run(Tensor x, float[] h0, float[] c0) {
        final int steps = x.dim(0);
        final int batch = x.dim(1);
        final int hid = hiddenSize;
        final int g = gateRows;
        final int n = steps * batch;
        float[] act = new float[n * g];
        if (biasIh != null) {
            Elementwise.fillRows(act, 0, n, biasIh.value().data(), g);
        }
        float[] wihT = new float[inputSize * g];
        Elementwise.transpose(weightIh.value().data(), 0, g, inputSize, wihT, 0);
        Gemm.mm(x.data(), 0, wihT, 0, act, 0, n, inputSize, g, biasIh != null);
        float[] whhT = new float[hid * g];
        Elementwise.transpose(weightHh.value().data(), 0, g, hid, whhT, 0);
        final Gemm.PackedRight whh = Gemm.packRight(whhT, 0, hid, g);
        final float[] bhh = biasHh == null ? null : biasHh.value().data();
        final Trace tr = new Trace(steps, batch, x.data(), h0, c0, act, new float[n * hid],
                hasCell() ? new float[n * hid] : null, hasAux() ? new float[n * hid] : null);
        final int bh = batch * hid;
        for (int t = 0; t < steps; t++) {
            final int tt = t;
            final float[] hPrev = t == 0 ? h0 : tr.h;
            final int hBase = t == 0 ? 0 : (t - 1) * bh;
            final float[] cPrev = t == 0 ? c0 : tr.c;
            Parallel.forRange(batch, (long) hid * g + 40L * g, (from, to) -> {
                int m = to - from;
                float[][] hp = new float[m][g];
                if (hPrev != null) {
                    float[][] a = new float[m][];
                    for (int i = 0; i < m; i++) {
                        int o = hBase + (from + i) * hid;
                        a[i] = Arrays.copyOfRange(hPrev, o, o + hid);
                    }
                    Gemm.mmPackedSerial(a, whh, hp, m);
                }
                for (int i = 0; i < m; i++) {
                    float[] row = hp[i];
                    if (bhh != null) {
                        for (int j = 0; j < g; j++) {
                            row[j] += bhh[j];
                        }
                    }
                    int o = hBase + (from + i) * hid;
                    forwardRow(tr, tt, from + i, row, hPrev, o, cPrev, o);
                }
            });
        }
        return tr;
    }

    /**
     * Back-propagates {@code gradOut [T, B, H]} through {@code tr}, adding the parameter gradients. The carries
     * hold dL/d(state after the last step) on entry (zeros for a whole sequence) and dL/d(start state) on exit.
     *
     * @return dL/dx {@code [T*B*in]}, or null when the input gradient is not required
     */
    private float[] backwardTrace(Trace tr, float[] gradOut, final float[] carryH, final float[] carryC) {
        final int steps = tr.steps;
        final int batch = tr.batch;
        final int hid = hiddenSize;
        final int g = gateRows;
        final int n = steps * batch;
        final int bh = batch * hid;
        final float[] dIh = new float[n * g];
        final float[] dHh = separateHiddenGrad() ? new float[n * g] : dIh;
        final Gemm.PackedRight whh = Gemm.packRight(weightHh.value().data(), 0, g, hid);
        final boolean direct = hasDirect();
        for (int t = steps - 1; t >= 0; t--) {
            final int tt = t;
            final float[] hPrev = t == 0 ? tr.h0 : tr.h;
            final int hBase = t == 0 ? 0 : (t - 1) * bh;
            final float[] cPrev = t == 0 ? tr.c0 : tr.c;
            Parallel.forRange(batch, (long) hid * g + 40L * g, (from, to) -> {
                int m = to - from;
                float[] dh = new float[hid];
                float[][] a = new float[m][];
                float[][] out = new float[m][hid];
                float[][] dir = direct ? new float[m][hid] : null;
                for (int i = 0; i < m; i++) {
                    int b = from + i;
                    int o = b * hid;
                    int go = tt * bh + o;
                    for (int j = 0; j < hid; j++) {
                        dh[j] = gradOut[go + j] + carryH[o + j];
                    }
                    int p = hBase + o;
                    backwardRow(tr, tt, b, dh, hPrev, p, cPrev, p, carryC, dIh, dHh, direct ? dir[i] : null);
                    int q = (tt * batch + b) * g;
                    a[i] = Arrays.copyOfRange(dHh, q, q + g);
                }
                Gemm.mmPackedSerial(a, whh, out, m);
                for (int i = 0; i < m; i++) {
                    int o = (from + i) * hid;
                    float[] r = out[i];
                    if (direct) {
                        float[] d = dir[i];
                        for (int j = 0; j < hid; j++) {
                            carryH[o + j] = r[j] + d[j];
                        }
                    } else {
                        System.arraycopy(r, 0, carryH, o, hid);
                    }
                }
            });
        }
        if (n > 0) {
            Gemm.mmTransA(dIh, 0, tr.x, 0, weightIh.grad().data(), 0, g, n, inputSize, true);
            float[] dWhh = weightHh.grad().data();
            if (steps > 1) {
                Gemm.mmTransA(dHh, batch * g, tr.h, 0, dWhh, 0, g, (steps - 1) * batch, hid, true);
            }
            if (tr.h0 != null) {
                Gemm.mmTransA(dHh, 0, tr.h0, 0, dWhh, 0, g, batch, hid, true);
            }
            if (biasIh != null) {
                Elementwise.addColumnSums(dIh, 0, n, g, biasIh.grad().data());
                Elementwise.addColumnSums(dHh, 0, n, g, biasHh.grad().data());
            }
        }
        if (!inputGradRequired) {
            return null;
        }
        float[] dx = new float[n * inputSize];
        Gemm.mm(dIh, 0, weightIh.value().data(), 0, dx, 0, n, g, inputSize, false);
        return dx;
    }

    // ---- whole sequence ----

    /**
     * @param x {@code [T, B, input_size]}
     * @return the hidden state of every step, {@code [T, B, hidden_size]}; the state starts at zero
     */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        checkInput(x, 3, "[T, B, input_size]");
        Trace tr = run(x, null, null);
        if (training) {
            cache = tr;
        }
        return new Tensor(tr.h, x.dim(0), x.dim(1), hiddenSize);
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        if (cache == null) {
            throw new IllegalStateException(type + ": backward without a training forward");
        }
        Trace tr = cache;
        checkGradOut(gradOut, new int[] {tr.steps, tr.batch, hiddenSize});
        float[] dx = backwardTrace(tr, gradOut.data(), new float[tr.batch * hiddenSize],
                hasCell() ? new float[tr.batch * hiddenSize] : null);
        return dx == null ? null : new Tensor(dx, tr.steps, tr.batch, inputSize);
    }

    private void checkGradOut(Tensor gradOut, int[] expected) {
        if (!Arrays.equals(gradOut.shape(), expected)) {
            throw new IllegalArgumentException(type + ": expected output gradient " + Arrays.toString(expected)
                    + ", got " + Arrays.toString(gradOut.shape()));
        }
    }

    // ---- stateful steps ----

    /** One step {@code [B, input_size] -> [B, hidden_size]} from the kept state, without gradients. */
    @Override
    public Tensor step(Tensor x) {
        return asStep(stepOnce(x, false));
    }

    private Tensor stepOnce(Tensor x, boolean record) {
        checkInput(x, 2, "[B, input_size]");
        int batch = x.dim(0);
        if (stH != null && stBatch != batch) {
            // as the neuron layers do: a batch of another size starts from the reset state
            stH = null;
            stC = null;
        }
        Trace tr = run(asSequence(x), stH, stC);
        stH = tr.h;
        stC = tr.c;
        stBatch = batch;
        if (record) {
            pending.push(tr);
        }
        return new Tensor(tr.h, 1, batch, hiddenSize);
    }

    @Override
    public void resetState() {
        stH = null;
        stC = null;
        pending.clear();
        stepCarryH = null;
        stepCarryC = null;
    }

    @Override
    public void beginSteps(boolean training) {
        resetState();
        recording = training;
    }

    @Override
    public Tensor forwardStep(Tensor x) {
        return asStep(stepOnce(x, recording));
    }

    @Override
    public Tensor backwardStep(Tensor gradOut) {
        if (pending.isEmpty()) {
            throw new IllegalStateException(type + ": backwardStep without a recorded forwardStep");
        }
        Trace tr = pending.pop();
        checkGradOut(gradOut, new int[] {tr.batch, hiddenSize});
        int e = tr.batch * hiddenSize;
        if (stepCarryH == null || stepCarryH.length != e) {
            stepCarryH = new float[e];
            stepCarryC = hasCell() ? new float[e] : null;
        }
        float[] dx = backwardTrace(tr, gradOut.data(), stepCarryH, stepCarryC);
        if (pending.isEmpty()) {
            stepCarryH = null;
            stepCarryC = null;
        }
        return dx == null ? null : new Tensor(dx, tr.batch, inputSize);
    }

    // ---- segments (gradient checkpointing over time) ----

    @Override
    public boolean supportsSegments() {
        return true;
    }

    @Override
    public Tensor forwardSegment(Tensor x, Object start, boolean training) {
        checkInput(x, 3, "[T, B, input_size]");
        State st = null;
        if (start != null) {
            if (!(start instanceof State s) || s.batch != x.dim(1)) {
                throw new IllegalArgumentException(type + ": the segment's start state does not belong to an input "
                        + "of shape " + Arrays.toString(x.shape()));
            }
            st = s;
        }
        Trace tr = run(x, st == null ? null : st.h, st == null ? null : st.c);
        segmentEnd = new State(tr.last(tr.h, tr.h0, hiddenSize), tr.last(tr.c, tr.c0, hiddenSize), x.dim(1));
        cache = training ? tr : null;
        return new Tensor(tr.h, x.dim(0), x.dim(1), hiddenSize);
    }

    @Override
    public Object segmentState() {
        if (segmentEnd == null) {
            throw new IllegalStateException(type + ": segmentState before any forwardSegment");
        }
        return segmentEnd;
    }

    @Override
    public void beginBackwardSegments() {
        segCarryH = null;
        segCarryC = null;
    }

    @Override
    public Tensor backwardSegment(Tensor gradOut) {
        if (cache == null) {
            throw new IllegalStateException(type + ": backwardSegment without a training forwardSegment");
        }
        Trace tr = cache;
        checkGradOut(gradOut, new int[] {tr.steps, tr.batch, hiddenSize});
        int e = tr.batch * hiddenSize;
        if (segCarryH == null || segCarryH.length != e) {
            segCarryH = new float[e];
            segCarryC = hasCell() ? new float[e] : null;
        }
        float[] dx = backwardTrace(tr, gradOut.data(), segCarryH, segCarryC);
        cache = null;
        return dx == null ? null : new Tensor(dx, tr.steps, tr.batch, inputSize);
    }

    @Override
    public void endBackwardSegments() {
        segCarryH = null;
        segCarryC = null;
    }

    // ---- spec ----

    /** Reads the keys every recurrent layer has; {@code extra} are the subclass's own keys. */
    static int[] sizesFromSpec(LayerSpec spec, String... extra) {
        String[] keys = new String[3 + extra.length];
        keys[0] = "input_size";
        keys[1] = "hidden_size";
        keys[2] = "bias";
        System.arraycopy(extra, 0, keys, 3, extra.length);
        spec.checkKeys(keys);
        return new int[] {spec.requireInt("input_size"), spec.requireInt("hidden_size")};
    }

    // ---- element-wise functions (float32 results of double-precision evaluation) ----

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-(double) x)));
    }

    static float tanh(float x) {
        double e = Math.exp(-2.0 * Math.abs((double) x));
        double t = (1.0 - e) / (1.0 + e);
        return (float) (x < 0 ? -t : t);
    }
}
