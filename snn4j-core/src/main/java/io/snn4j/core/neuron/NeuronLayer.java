package io.snn4j.core.neuron;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.AbstractLayer;
import io.snn4j.core.layer.FusesAfterLinear;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.SpikingLayer;
import io.snn4j.core.surrogate.Surrogate;
import io.snn4j.core.surrogate.Surrogates;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stateful wrapper shared by all neuron layers around the pure kernels ({@link ElementKernel},
 * {@link RecurrentKernel}): parameters, the whole-sequence cache, the {@code step} state and the recorded steps.
 *
 * <p>Parameters: beta, threshold and alpha appear in {@link #parameters()} when learnable (trainable
 * {@link Parameter}s named {@code beta}, {@code threshold}, {@code alpha}, shape {@code []} or the per-neuron
 * shape) or per-neuron (then non-trainable unless learnable); shared fixed values live in the {@link #spec()}
 * only.
 */
abstract class NeuronLayer extends AbstractLayer implements SpikingLayer, FusesAfterLinear {
    final String type;
    final int kind;
    final Reset reset;
    final boolean resetDelay;
    final float gsf;
    final Surrogate surrogate;
    final float beta0;
    final float threshold0;
    final float alpha0;
    /** Per-neuron parameter shape, or null for shared scalars. */
    final int[] shape;
    final Parameter betaP;
    final Parameter thresholdP;
    final Parameter alphaP;
    private final float[] betaV;
    private final float[] thresholdV;
    private final float[] alphaV;
    private boolean gradientCheck;
    /** Whether whole-sequence forwards list their output spikes (see {@link #setListOutputs}). */
    private boolean listOutputs = true;
    /** Buffer slots of the training forward's membrane and synaptic current. */
    static final int MEM = SLOT_USER;
    static final int SYN = SLOT_USER + 1;
    private Tensor lastMembrane;
    /** The membrane of the last training forward when it lives in a reused buffer: copied when asked for. */
    private float[] lastMemBuffer;
    private int[] lastMemShape;
    /** After an inference forward: what is needed to rebuild the membrane if it is asked for. */
    private Trace replay;
    /** After a fused inference forward: the synapse side to recompute the input current from. */
    private Linear.Fused replayFused;
    private Cell replayCell;
    private int[] replayShape;
    private int[] lastFeatures;
    private Trace cache;
    // step state
    private float[] stMem;
    private float[] stSyn;
    private float[] stSpk;
    private int[] stShape;
    // recorded steps
    private boolean recording;
    private final Deque<Trace> pending = new ArrayDeque<>();
    private final List<Trace> recorded = new ArrayList<>();
    private Grads stepGrads;

    /** Gradient accumulators of one backward pass: state carries and per-element partial parameter gradients. */
    static final class Grads {
        final float[] cu;
        final float[] cs;
        final float[] ck;
        final double[] pb;
        final double[] pt;
        final double[] pa;

        Grads(int e, boolean syn, boolean spk, boolean b, boolean t, boolean a) {
            cu = new float[e];
            cs = syn ? new float[e] : null;
            ck = spk ? new float[e] : null;
            pb = b ? new double[e] : null;
            pt = t ? new double[e] : null;
            pa = a ? new double[e] : null;
        }
    }

    NeuronLayer(String type, int kind, NeuronBuilder<?> b, boolean hasAlpha, boolean hasThreshold) {
        this.type = type;
        this.kind = kind;
        this.reset = b.reset;
        this.resetDelay = b.resetDelay;
        this.gsf = b.gsf;
        this.surrogate = b.surrogate;
        this.beta0 = b.beta;
        this.threshold0 = b.threshold;
        this.alpha0 = b.alpha;
        this.shape = b.shape == null ? null : b.shape.clone();
        check(Float.isFinite(b.beta), "beta must be a finite number, got " + b.beta);
        check(!hasAlpha || Float.isFinite(b.alpha), "alpha must be a finite number, got " + b.alpha);
        check(!hasThreshold || (b.threshold > 0f && Float.isFinite(b.threshold)),
                "threshold must be a positive finite number, got " + b.threshold);
        check(Float.isFinite(b.gsf), "graded_spikes_factor must be finite, got " + b.gsf);
        check(b.surrogate != null, "surrogate must not be null");
        if (shape != null) {
            check(shape.length > 0, "perNeuron shape must not be empty");
            for (int d : shape) {
                check(d > 0, "perNeuron shape must be positive, got " + Arrays.toString(shape));
            }
        }
        int[] ps = shape == null ? new int[0] : shape;
        // Per-neuron values always live in a Parameter (fixed ones non-trainable), so that they can be set one by
        // one (NIR import, model files); shared fixed values stay plain floats.
        boolean perNeuron = shape != null;
        betaP = b.learnBeta || perNeuron ? new Parameter("beta", Tensor.full(b.beta, ps), b.learnBeta) : null;
        thresholdP = hasThreshold && (b.learnThreshold || perNeuron)
                ? new Parameter("threshold", Tensor.full(b.threshold, ps), b.learnThreshold) : null;
        alphaP = hasAlpha && (b.learnAlpha || perNeuron)
                ? new Parameter("alpha", Tensor.full(b.alpha, ps), b.learnAlpha) : null;
        betaV = betaP != null ? betaP.value().data() : new float[] {b.beta};
        thresholdV = thresholdP != null ? thresholdP.value().data() : new float[] {b.threshold};
        alphaV = !hasAlpha ? null : alphaP != null ? alphaP.value().data() : new float[] {b.alpha};
    }

    final void check(boolean ok, String msg) {
        if (!ok) {
            throw new IllegalArgumentException(type + ": " + msg);
        }
    }

    // ---- hooks for the two families ----

    /**
     * Runs the kernel over the trace. With {@code keep} the per-step state (membrane, synaptic current, and
     * whatever the reverse pass reads) is stored in the trace; without it only the output (and, for the
     * recurrent models, the spikes) is written, and {@code tr.mem} stays null.
     */
    abstract void kernelForward(Cell c, Trace tr, boolean keep);

    abstract void kernelBackward(Cell c, Trace tr, float[] gOut, float[] gIn, Grads g);

    /** Adds gradients of parameters other than beta, threshold and alpha after all steps were back-propagated. */
    void finishBackward(List<Trace> traces) {
    }

    /** Parameters besides beta, threshold and alpha (recurrent weights), in order. */
    List<Parameter> extraParameters() {
        return List.of();
    }

    abstract Cell cell(boolean gc);

    /** A result array for a trace: the layer's reusable buffer {@code slot}, or a new array when slot is -1. */
    final float[] alloc(int slot, int n) {
        return slot < 0 ? new float[n] : buffer(slot, n);
    }

    Cell elementCell(boolean gc, int period, float[] w, float[] bias, float[] v) {
        return new Cell(kind, reset, resetDelay, gsf, surrogate, gc, betaV, thresholdV, alphaV, period, w, bias, v);
    }

    boolean hasSynapticState() {
        return kind == Cell.SYNAPTIC || kind == Cell.RSYNAPTIC;
    }

    boolean hasSpikeState() {
        return kind == Cell.RLEAKY || kind == Cell.RSYNAPTIC;
    }

    // ---- Layer ----

    @Override
    public String type() {
        return type;
    }

    /** The feature shape inputs must have, or null when any shape works. */
    int[] requiredShape() {
        return shape;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int[] req = requiredShape();
        if (req != null && !Arrays.equals(inputShape, req)) {
            throw new IllegalArgumentException(type + ": expected features " + Arrays.toString(req) + ", got "
                    + Arrays.toString(inputShape));
        }
        return inputShape.clone();
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>(extraParameters());
        if (alphaP != null) {
            ps.add(alphaP);
        }
        if (betaP != null) {
            ps.add(betaP);
        }
        if (thresholdP != null) {
            ps.add(thresholdP);
        }
        return ps;
    }

    /**
     * {@inheritDoc}
     *
     * <p>An inference forward ({@code training = false}) does not store the membranes; they are recomputed here on
     * the first request, from that call's input (which must not have been modified since) and the parameters.
     */
    @Override
    public Tensor lastMembrane() {
        if (lastMembrane == null && lastMemBuffer != null) {
            // the next training forward overwrites the buffer: hand out a copy
            lastMembrane = new Tensor(lastMemBuffer.clone(), lastMemShape);
            lastMemBuffer = null;
        }
        if (lastMembrane == null && replayFused != null) {
            Linear.Fused f = replayFused;
            replayFused = null;
            int n = Tensor.sizeOf(replayShape);
            float[] mem = new float[n];
            float[] syn = hasSynapticState() ? new float[n] : null;
            ElementKernel.forwardEmitting(replayCell, fusedSource(f, replayShape[2]), replayShape[0], replayShape[1],
                    replayShape[2], new float[n], mem, syn, false);
            lastMembrane = new Tensor(mem, replayShape);
            replayCell = null;
        }
        if (lastMembrane == null && replay != null) {
            Trace tr = replay;
            replay = null;
            replayFused = null;
            kernelForward(replayCell, tr, true);
            lastMembrane = new Tensor(tr.mem, replayShape);
            replayCell = null;
        }
        return lastMembrane;
    }

    @Override
    public int neurons() {
        if (requiredShape() != null) {
            return Tensor.sizeOf(requiredShape());
        }
        return lastFeatures == null ? 0 : Tensor.sizeOf(lastFeatures);
    }

    @Override
    public void setGradientCheckMode(boolean on) {
        gradientCheck = on;
    }

    /** The surrogate gradient used for dS/dU. */
    public Surrogate surrogate() {
        return surrogate;
    }

    /** The reset mechanism. */
    public Reset reset() {
        return reset;
    }

    /** The trailing feature shape of {@code x} after {@code lead} leading dimensions, checked. */
    private int[] features(Tensor x, int lead, String layout) {
        if (x.rank() < lead + 1) {
            throw new IllegalArgumentException(type + ": expected input " + layout + ", got "
                    + Arrays.toString(x.shape()));
        }
        int[] f = x.trailingShape(lead);
        int[] req = requiredShape();
        if (req != null && !Arrays.equals(f, req)) {
            throw new IllegalArgumentException(type + ": expected input " + layout.replace("...",
                    Arrays.toString(req).replaceAll("[\\[\\]]", "")) + ", got " + Arrays.toString(x.shape()));
        }
        return f;
    }

    /**
     * Runs a whole sequence from the reset state.
     *
     * @param x input current {@code [T, B, ...]} (any feature shape unless the layer is per-neuron); must not be
     *          modified before {@link #backward}
     * @return spikes {@code [T, B, ...]} (0 or graded_spikes_factor; the membrane for a readout layer)
     */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] f = features(x, 2, "[T, B, ...]");
        Trace tr = new Trace(x.data(), x.dim(0), x.dim(1), f, null, null, null);
        tr.outSlot = training ? OUT_TRAIN : OUT_EVAL;
        tr.emit = listOutputs;
        if (training) {
            tr.memSlot = MEM;
            tr.synSlot = SYN;
        }
        Cell c = cell(gradientCheck);
        kernelForward(c, tr, training);
        if (tr.emit && tr.events == null && f.length == 1 && hasSpikeState()) {
            // the recurrent kernels do not list their spikes: one scan for the next Linear
            tr.events = ElementKernel.listSpikes(tr.out, x.dim(0) * x.dim(1), f[0]);
        }
        Trace replayTrace = training ? null : new Trace(x.data(), x.dim(0), x.dim(1), f, null, null, null);
        Tensor.Events ev = tr.events;
        tr.events = null;
        return finishForward(tr, c, x.shape(), training, replayTrace, null, ev);
    }

    /**
     * Records a whole-sequence forward: for training its cache and membrane (copied on request when it lives in a
     * reused buffer), for inference what rebuilds the membrane on request (a trace over the input, or the fused
     * synapse); returns the output with its spike list, if any.
     */
    private Tensor finishForward(Trace tr, Cell c, int[] shape, boolean training, Trace replayTrace,
            Linear.Fused replaySynapse, Tensor.Events ev) {
        lastFeatures = tr.featureShape;
        lastMemBuffer = null;
        lastMembrane = null;
        replay = null;
        replayFused = null;
        if (training) {
            if (isBuffer(MEM, tr.mem)) {
                lastMemBuffer = tr.mem;
                lastMemShape = shape;
            } else {
                lastMembrane = new Tensor(tr.mem, shape);
            }
        } else {
            replay = replayTrace;
            replayFused = replaySynapse;
            replayCell = c;
            replayShape = shape;
        }
        cache = training ? tr : null;
        Tensor y = new Tensor(tr.out, shape);
        return ev == null ? y : y.attachEvents(ev);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Fuses when this is an element-wise model on its fast path whose spikes can be listed (not the readout
     * integrator, reset delayed, not in gradient-check mode) and the Linear takes its event-driven path; on the
     * Linear's dense path the two layers run one after the other.
     */
    @Override
    public Tensor forwardAfter(Linear linear, Tensor x, boolean training) {
        if (!(this instanceof ElementNeuron)) {
            return null;
        }
        Cell c = cell(gradientCheck);
        int f = linear.outFeatures();
        int[] req = requiredShape();
        if (!ElementKernel.canEmit(c) || (req != null && !Arrays.equals(req, new int[] {f}))) {
            return null;
        }
        Linear.Fused syn = linear.forwardFused(x, training);
        if (syn.output() != null) {
            return forward(syn.output(), training);
        }
        int[] shape = {x.dim(0), x.dim(1), f};
        Trace tr = new Trace(null, shape[0], shape[1], new int[] {f}, null, null, null);
        int n = Tensor.sizeOf(shape);
        tr.out = alloc(training ? OUT_TRAIN : OUT_EVAL, n);
        tr.mem = training ? alloc(MEM, n) : null;
        tr.syn = training && hasSynapticState() ? alloc(SYN, n) : null;
        Tensor.Events ev = ElementKernel.forwardEmitting(c, fusedSource(syn, f), shape[0], shape[1], f, tr.out,
                tr.mem, tr.syn, listOutputs);
        return finishForward(tr, c, shape, training, null, syn, ev);
    }

    @Override
    public void setListOutputs(boolean on) {
        listOutputs = on;
    }

    @Override
    public boolean canBackwardAfter(Linear linear) {
        Trace tr = cache;
        return this instanceof ElementNeuron && tr != null && tr.featureShape.length == 1
                && tr.features == linear.inFeatures() && ElementKernel.fast(cell(gradientCheck))
                && linear.canFuseBackward();
    }

    @Override
    public Tensor backwardAfter(Linear linear, Tensor gradOut) {
        if (!canBackwardAfter(linear)) {
            throw new IllegalStateException(type + ": cannot back-propagate fused with this linear layer");
        }
        Trace tr = cache;
        io.snn4j.core.kernel.RowSource src = linear.backwardFused(gradOut);
        float[] gIn = inputGradRequired ? buffer(GRAD_IN, tr.steps * tr.elements()) : null;
        Grads g = newGrads(tr.elements());
        ElementKernel.backward(cell(gradientCheck), src, tr.features, tr.steps, tr.elements(), tr.mem0, tr.syn0,
                tr.mem, tr.syn, gIn, g.cu, g.cs, g.pb, g.pt, g.pa);
        flushParamGrads(g, tr.features);
        finishBackward(List.of(tr));
        return gIn == null ? null : new Tensor(gIn, seqShape(tr));
    }

    /** The input current of a fused forward, row by row from the Linear's events. */
    private static io.snn4j.core.kernel.RowSource fusedSource(Linear.Fused f, int out) {
        return (r0, rows, dst) -> {
            for (int k = 0; k < rows; k++) {
                io.snn4j.core.kernel.EventAccumulate.accumulateRow(f.events(), r0 + k, f.weightRows(), out,
                        f.init(), dst, k * out);
            }
        };
    }

    /**
     * @param gradOut dLoss/dSpikes {@code [T, B, ...]}
     * @return dLoss/dInput {@code [T, B, ...]} or null if not required
     */
    @Override
    public Tensor backward(Tensor gradOut) {
        Trace tr = checkedCache(gradOut);
        int[] expect = seqShape(tr);
        float[] gIn = inputGradRequired ? buffer(GRAD_IN, gradOut.size()) : null;
        Grads g = newGrads(tr.elements());
        kernelBackward(cell(gradientCheck), tr, gradOut.data(), gIn, g);
        flushParamGrads(g, tr.features);
        finishBackward(List.of(tr));
        return gIn == null ? null : new Tensor(gIn, expect);
    }

    private Trace checkedCache(Tensor gradOut) {
        Trace tr = cache;
        if (tr == null) {
            throw new IllegalStateException(type + ": backward without a forward(x, training = true)");
        }
        int[] expect = seqShape(tr);
        if (!Arrays.equals(gradOut.shape(), expect)) {
            throw new IllegalArgumentException(type + ": gradOut must be " + Arrays.toString(expect) + ", got "
                    + Arrays.toString(gradOut.shape()));
        }
        return tr;
    }

    private static int[] seqShape(Trace tr) {
        int[] s = new int[tr.featureShape.length + 2];
        s[0] = tr.steps;
        s[1] = tr.batch;
        System.arraycopy(tr.featureShape, 0, s, 2, tr.featureShape.length);
        return s;
    }

    private Grads newGrads(int e) {
        return new Grads(e, hasSynapticState(), hasSpikeState(), learns(betaP), learns(thresholdP), learns(alphaP));
    }

    private static boolean learns(Parameter p) {
        return p != null && p.trainable();
    }

    /** Sums per-element partials into the parameters (per neuron or in total), masking the clamp of beta/alpha. */
    private void flushParamGrads(Grads g, int features) {
        flush(g.pb, betaP, true, features);
        flush(g.pt, thresholdP, false, features);
        flush(g.pa, alphaP, true, features);
    }

    private void flush(double[] part, Parameter p, boolean clamped, int features) {
        if (part == null || p == null || !p.trainable()) {
            return;
        }
        float[] v = p.value().data();
        float[] grad = p.grad().data();
        if (v.length == 1) {
            double s = 0;
            for (double d : part) {
                s += d;
            }
            grad[0] += inside(clamped, v[0]) ? (float) s : 0f;
            return;
        }
        for (int n = 0; n < features; n++) {
            double s = 0;
            for (int e = n; e < part.length; e += features) {
                s += part[e];
            }
            grad[n] += inside(clamped, v[n]) ? (float) s : 0f;
        }
    }

    private static boolean inside(boolean clamped, float v) {
        // PyTorch's clamp(0, 1) passes the gradient on the closed interval and blocks it outside.
        return !clamped || (v >= 0f && v <= 1f);
    }

    // ---- segments (gradient checkpointing over time) ----

    /** The state between two segments: membrane, synaptic current and spikes after a step (each nullable). */
    private record SegmentState(float[] mem, float[] syn, float[] spk, int batch, int[] features) {
    }

    private SegmentState segmentEnd;
    private Grads segmentGrads;
    private int segmentFeatures;

    @Override
    public boolean supportsSegments() {
        return true;
    }

    /**
     * {@inheritDoc} Afterwards {@link #lastMembrane()} covers this segment only.
     *
     * @param x input current {@code [K, B, ...]}; must not be modified before {@link #backwardSegment}
     */
    @Override
    public Tensor forwardSegment(Tensor x, Object start, boolean training) {
        int[] f = features(x, 2, "[T, B, ...]");
        SegmentState st = null;
        if (start != null) {
            if (!(start instanceof SegmentState s) || s.batch != x.dim(1) || !Arrays.equals(s.features, f)) {
                throw new IllegalArgumentException(type + ": the segment's start state does not belong to an input "
                        + "of shape " + Arrays.toString(x.shape()));
            }
            st = s;
        }
        Trace tr = new Trace(x.data(), x.dim(0), x.dim(1), f, st == null ? null : st.mem,
                st == null ? null : st.syn, st == null ? null : st.spk);
        // a segment is short: its per-step state is kept anyway, for the end state and the membrane
        kernelForward(cell(gradientCheck), tr, true);
        lastFeatures = f;
        lastMembrane = new Tensor(tr.mem, x.shape());
        lastMemBuffer = null;
        replay = null;
        replayFused = null;
        segmentEnd = new SegmentState(tr.lastOf(tr.mem), tr.lastOf(tr.syn), tr.lastOf(tr.spk), x.dim(1), f);
        cache = training ? tr : null;
        return new Tensor(tr.out, x.shape());
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
        segmentGrads = null;
    }

    @Override
    public Tensor backwardSegment(Tensor gradOut) {
        Trace tr = checkedCache(gradOut);
        if (segmentGrads == null || segmentGrads.cu.length != tr.elements()) {
            segmentGrads = newGrads(tr.elements());
        }
        segmentFeatures = tr.features;
        float[] gIn = inputGradRequired ? new float[gradOut.size()] : null;
        // the carries in segmentGrads enter as dL/d(end state) and leave as dL/d(start state)
        kernelBackward(cell(gradientCheck), tr, gradOut.data(), gIn, segmentGrads);
        finishBackward(List.of(tr));
        cache = null;
        return gIn == null ? null : new Tensor(gIn, gradOut.shape());
    }

    @Override
    public void endBackwardSegments() {
        if (segmentGrads != null) {
            // per-element partials were summed over all segments in the order of one whole backward pass
            flushParamGrads(segmentGrads, segmentFeatures);
            segmentGrads = null;
        }
    }

    // ---- stateful steps ----

    /** One inference step from the kept state: input {@code [B, ...]} -> spikes {@code [B, ...]}. */
    @Override
    public Tensor step(Tensor x) {
        return asStep(stepOnce(x, false));
    }

    private Tensor stepOnce(Tensor x, boolean record) {
        int[] f = features(x, 1, "[B, ...]");
        if (!Arrays.equals(x.shape(), stShape)) {
            // like snnTorch: a new input shape starts from the reset state
            stMem = stSyn = stSpk = null;
            stShape = x.shape();
        }
        Trace tr = new Trace(x.data(), 1, x.dim(0), f, stMem, stSyn, stSpk);
        kernelForward(cell(gradientCheck), tr, true);
        stMem = tr.mem;
        stSyn = tr.syn;
        stSpk = tr.spk;
        lastFeatures = f;
        lastMembrane = asSequence(new Tensor(tr.mem, x.shape()));
        lastMemBuffer = null;
        replay = null;
        replayFused = null;
        if (record) {
            pending.push(tr);
            recorded.add(tr);
        }
        return asSequence(new Tensor(tr.out, x.shape()));
    }

    @Override
    public void resetState() {
        stMem = stSyn = stSpk = null;
        stShape = null;
        pending.clear();
        recorded.clear();
        stepGrads = null;
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
        if (gradOut.size() != tr.elements()) {
            throw new IllegalArgumentException(type + ": gradOut must have shape [" + tr.batch + ", "
                    + Arrays.toString(tr.featureShape).replaceAll("[\\[\\]]", "") + "], got "
                    + Arrays.toString(gradOut.shape()));
        }
        if (stepGrads == null || stepGrads.cu.length != tr.elements()) {
            stepGrads = newGrads(tr.elements());
        }
        float[] gIn = inputGradRequired ? new float[tr.elements()] : null;
        kernelBackward(cell(gradientCheck), tr, gradOut.data(), gIn, stepGrads);
        if (pending.isEmpty()) {
            flushParamGrads(stepGrads, tr.features);
            finishBackward(new ArrayList<>(recorded));
            stepGrads = null;
            recorded.clear();
        }
        int[] s = new int[tr.featureShape.length + 1];
        s[0] = tr.batch;
        System.arraycopy(tr.featureShape, 0, s, 1, tr.featureShape.length);
        return gIn == null ? null : new Tensor(gIn, s);
    }

    // ---- spec helpers ----

    /** The spec entries common to spiking models, in a stable order. */
    Map<String, Object> commonSpec(boolean withBeta, boolean withAlpha, boolean withGsf) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withAlpha) {
            m.put("alpha", num(alpha0));
        }
        if (withBeta) {
            m.put("beta", num(beta0));
        }
        m.put("threshold", num(threshold0));
        m.put("reset", reset.key());
        m.put("reset_delay", resetDelay);
        if (withAlpha) {
            m.put("learn_alpha", learns(alphaP));
        }
        if (withBeta) {
            m.put("learn_beta", learns(betaP));
        }
        m.put("learn_threshold", learns(thresholdP));
        m.put("surrogate", Surrogates.toConfig(surrogate));
        if (withGsf) {
            m.put("graded_spikes_factor", num(gsf));
        }
        return m;
    }

    static Object shapeValue(int[] s) {
        if (s.length == 1) {
            return s[0];
        }
        List<Integer> l = new ArrayList<>();
        for (int d : s) {
            l.add(d);
        }
        return l;
    }

    static Double num(float v) {
        return Double.parseDouble(Float.toString(v));
    }
}
