package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers applied one after the other, each to the whole sequence. Children are named {@code "0"}, {@code "1"},
 * ... as in PyTorch's {@code nn.Sequential}, so parameter paths match snnTorch's ({@code 0.weight}).
 *
 * <p>Gradient checkpointing over time ({@link #setCheckpointEvery}): back-propagation through time normally
 * keeps every layer's cache for all T steps. With checkpointing every K steps, a training forward runs the
 * network in segments of K steps and keeps only each stateful layer's state at the segment boundaries; the
 * backward pass re-runs each segment (last to first) from its stored states, with caches for those K steps only,
 * and carries the state gradients across the boundaries. Memory then grows like T/K + K instead of T, for about
 * one extra forward pass of compute. Outputs and gradients equal the plain run's up to float rounding: neuron
 * kernels carry their state and state gradients bit for bit, but weight gradients are summed segment by segment,
 * and a layer may choose its kernel by each call's input (Linear by spike density), so sums may round
 * differently.
 *
 * <p>Buffer reuse ({@link #setBufferReuse}, on by default): during plain whole-sequence calls (not recording, not
 * checkpointed) the children write each call's intermediate results (every output but the last layer's, every
 * input gradient but the first layer's) into the arrays of the previous call instead of allocating new ones
 * (see {@link Layer#setReuseBuffers}). What this Sequential returns is never reused; neither is anything
 * {@link #recordedOutputs()} holds.
 */
public final class Sequential extends AbstractLayer implements Network {
    private final List<Layer> layers;
    private boolean recording;
    private final Map<String, Tensor> recorded = new LinkedHashMap<>();
    private int checkpointEvery;
    /** After a checkpointed training forward: its input and each segment's start states, per layer. */
    private Tensor ckInput;
    private Object[][] ckStates;
    private Object[] segmentEnd;
    private boolean bufferReuse = true;
    private boolean fusion = true;

    public Sequential(Layer... layers) {
        this(Arrays.asList(layers));
    }

    public Sequential(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Sequential needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        applyInputGradFlag();
    }

    public List<Layer> layers() {
        return layers;
    }

    public Layer get(int i) {
        return layers.get(i);
    }

    @Override
    public String type() {
        return "sequential";
    }

    @Override
    public void setInputGradRequired(boolean required) {
        super.setInputGradRequired(required);
        applyInputGradFlag();
    }

    private void applyInputGradFlag() {
        layers.get(0).setInputGradRequired(inputGradRequired);
        for (int i = 1; i < layers.size(); i++) {
            layers.get(i).setInputGradRequired(true);
        }
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int[] s = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            try {
                s = layers.get(i).outputShape(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " (" + layers.get(i).type() + "): "
                        + e.getMessage(), e);
            }
        }
        return s;
    }

    @Override
    public LinkedHashMap<String, Parameter> namedParameters() {
        LinkedHashMap<String, Parameter> m = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l instanceof Network n) {
                for (Map.Entry<String, Parameter> e : n.namedParameters().entrySet()) {
                    m.put(i + "." + e.getKey(), e.getValue());
                }
            } else {
                for (Parameter p : l.parameters()) {
                    m.put(i + "." + p.name(), p);
                }
            }
        }
        return m;
    }

    @Override
    public Map<String, Layer> namedLayers() {
        Map<String, Layer> m = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            m.put(Integer.toString(i), layers.get(i));
        }
        return m;
    }

    @Override
    public void setRecording(boolean on) {
        recording = on;
        if (!on) {
            recorded.clear();
        }
    }

    @Override
    public Map<String, Tensor> recordedOutputs() {
        return Collections.unmodifiableMap(recorded);
    }

    /**
     * Turns gradient checkpointing over time on ({@code every} = K &gt; 0 steps per segment) or off (0). It applies
     * to training forwards of sequences longer than K while not recording; afterwards the neuron layers'
     * {@code lastMembrane()} covers the last segment only.
     *
     * @throws IllegalArgumentException if {@code every} is negative or a layer cannot be run in segments (its
     *                                  message names the layer)
     */
    public void setCheckpointEvery(int every) {
        if (every < 0) {
            throw new IllegalArgumentException("sequential: checkpoint_every must be >= 0 (0 = off), got " + every);
        }
        if (every > 0) {
            for (int i = 0; i < layers.size(); i++) {
                Layer l = layers.get(i);
                if (!segmentable(l)) {
                    String why = l instanceof StatelessLayer s ? s.rerunProblem() : null;
                    throw new IllegalArgumentException("sequential: layer " + i + " (" + l.type() + ") cannot be "
                            + "checkpointed over time" + (why != null ? ": " + why : ""));
                }
            }
        }
        checkpointEvery = every;
    }

    /** Steps per checkpointed segment, or 0 when checkpointing is off. */
    public int checkpointEvery() {
        return checkpointEvery;
    }

    /** Layers without time state run segment by segment as they run whole sequences. */
    private static boolean timeLocal(Layer l) {
        return !l.supportsSegments() && l instanceof StatelessLayer s && s.rerunProblem() == null;
    }

    private static boolean segmentable(Layer l) {
        return l.supportsSegments() || timeLocal(l);
    }

    private static Tensor forwardSegment(Layer l, Tensor x, Object start, boolean training) {
        return timeLocal(l) ? l.forward(x, training) : l.forwardSegment(x, start, training);
    }

    private static Object segmentState(Layer l) {
        return timeLocal(l) ? null : l.segmentState();
    }

    /**
     * Turns buffer reuse between calls on (the default) or off (every call allocates its results, as before
     * 0.2; results are the same bit for bit either way).
     */
    public void setBufferReuse(boolean on) {
        bufferReuse = on;
        if (!on) {
            applyReuse(false);
        }
    }

    public boolean bufferReuse() {
        return bufferReuse;
    }

    /**
     * Turns fusion on (the default) or off: in plain whole-sequence forwards (not recording, not checkpointed) a
     * {@link Linear} followed by a layer that {@link FusesAfterLinear} runs as one pass, so the Linear's output
     * never goes to memory; in the backward pass a spiking layer followed by a narrow Linear (at most
     * {@link Linear#ROW_GRAD_MAX_OUTPUTS} outputs) runs as one pass, so the gradient between them never goes to
     * memory either. Outputs, gradients and membranes are the same bit for bit either way; only the per-layer
     * calls differ (tools that time or hook single layers call them one by one).
     */
    public void setFusion(boolean on) {
        fusion = on;
    }

    public boolean fusion() {
        return fusion;
    }

    /** Tells each child which of its results this Sequential only passes on (see {@link Layer#setReuseBuffers}). */
    private void applyReuse(boolean on) {
        int n = layers.size();
        for (int i = 0; i < n; i++) {
            layers.get(i).setReuseBuffers(on && i < n - 1, on && i > 0);
            // only a Linear reads spike lists (the loss does not): no scan for the others
            layers.get(i).setListOutputs(i + 1 < n && layers.get(i + 1) instanceof Linear);
        }
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        ckInput = null;
        ckStates = null;
        if (training && checkpointEvery > 0 && !recording && x.rank() >= 2 && x.dim(0) > checkpointEvery) {
            recorded.clear();
            applyReuse(false);
            return checkpointedForward(x);
        }
        applyReuse(bufferReuse && !recording);
        recorded.clear();
        Tensor h = x;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (fusion && !recording && i + 1 < layers.size() && l instanceof Linear lin
                    && layers.get(i + 1) instanceof FusesAfterLinear next) {
                Tensor y = next.forwardAfter(lin, h, training);
                if (y != null) {
                    h = y;
                    i++;
                    continue;
                }
            }
            h = l.forward(h, training);
            if (recording) {
                recorded.put(Integer.toString(i), h);
            }
        }
        return h;
    }

    private Tensor checkpointedForward(Tensor x) {
        int steps = x.dim(0);
        int k = checkpointEvery;
        int segments = (steps + k - 1) / k;
        Object[][] states = new Object[segments][];
        Object[] state = new Object[layers.size()];
        Tensor out = null;
        for (int s = 0; s < segments; s++) {
            int t0 = s * k;
            int t1 = Math.min(steps, t0 + k);
            states[s] = state.clone();
            Tensor h = timeRange(x, t0, t1);
            for (int i = 0; i < layers.size(); i++) {
                h = forwardSegment(layers.get(i), h, state[i], false);
                state[i] = segmentState(layers.get(i));
            }
            if (out == null) {
                int[] shape = h.shape().clone();
                shape[0] = steps;
                out = new Tensor(shape);
            }
            System.arraycopy(h.data(), 0, out.data(), t0 * out.stride0(), h.size());
        }
        ckInput = x;
        ckStates = states;
        return out;
    }

    /** Steps {@code [t0, t1)} of a time-major tensor, copied, with the matching part of its event list. */
    private static Tensor timeRange(Tensor x, int t0, int t1) {
        int stride = x.stride0();
        int[] shape = x.shape().clone();
        shape[0] = t1 - t0;
        Tensor part = new Tensor(Arrays.copyOfRange(x.data(), t0 * stride, t1 * stride), shape);
        Tensor.Events ev = x.events();
        if (ev != null && ev.cols() > 0 && stride % ev.cols() == 0) {
            // keep the segment's spikes as events, so its first layer needs no scan of the dense input
            int rowsPerStep = stride / ev.cols();
            part.attachEvents(ev.rowRange(t0 * rowsPerStep, t1 * rowsPerStep));
        }
        return part;
    }

    private Tensor checkpointedBackward(Tensor gradOut) {
        Tensor x = ckInput;
        Object[][] states = ckStates;
        int steps = x.dim(0);
        if (gradOut.rank() < 1 || gradOut.dim(0) != steps) {
            throw new IllegalArgumentException("sequential: gradOut must have " + steps + " steps, got "
                    + Arrays.toString(gradOut.shape()));
        }
        int k = checkpointEvery;
        for (Layer l : layers) {
            if (!timeLocal(l)) {
                l.beginBackwardSegments();
            }
        }
        Tensor gIn = null;
        for (int s = states.length - 1; s >= 0; s--) {
            int t0 = s * k;
            int t1 = Math.min(steps, t0 + k);
            Tensor h = timeRange(x, t0, t1);
            for (int i = 0; i < layers.size(); i++) {
                h = forwardSegment(layers.get(i), h, states[s][i], true);
            }
            Tensor g = timeRange(gradOut, t0, t1);
            for (int i = layers.size() - 1; i >= 0; i--) {
                Layer l = layers.get(i);
                g = timeLocal(l) ? l.backward(g) : l.backwardSegment(g);
                if (g == null && i > 0) {
                    throw new IllegalStateException("layer " + i + " returned no input gradient");
                }
            }
            if (g != null) {
                if (gIn == null) {
                    int[] shape = g.shape().clone();
                    shape[0] = steps;
                    gIn = new Tensor(shape);
                }
                System.arraycopy(g.data(), 0, gIn.data(), t0 * gIn.stride0(), g.size());
            }
        }
        for (Layer l : layers) {
            if (!timeLocal(l)) {
                l.endBackwardSegments();
            }
        }
        return gIn;
    }

    // ---- the segment API, so that a Sequential can itself be a checkpointed child ----

    @Override
    public boolean supportsSegments() {
        for (Layer l : layers) {
            if (!segmentable(l)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Tensor forwardSegment(Tensor x, Object start, boolean training) {
        applyReuse(false);
        Object[] st = start == null ? new Object[layers.size()] : (Object[]) start;
        Object[] end = new Object[layers.size()];
        Tensor h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = forwardSegment(layers.get(i), h, st[i], training);
            end[i] = segmentState(layers.get(i));
        }
        segmentEnd = end;
        return h;
    }

    @Override
    public Object segmentState() {
        return segmentEnd.clone();
    }

    @Override
    public void beginBackwardSegments() {
        for (Layer l : layers) {
            if (!timeLocal(l)) {
                l.beginBackwardSegments();
            }
        }
    }

    @Override
    public Tensor backwardSegment(Tensor gradOut) {
        Tensor g = gradOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            g = timeLocal(l) ? l.backward(g) : l.backwardSegment(g);
        }
        return g;
    }

    @Override
    public void endBackwardSegments() {
        for (Layer l : layers) {
            if (!timeLocal(l)) {
                l.endBackwardSegments();
            }
        }
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        if (ckInput != null) {
            Tensor g = checkpointedBackward(gradOut);
            ckInput = null;
            ckStates = null;
            return g;
        }
        Tensor g = gradOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            if (fusion && i >= 1 && l instanceof Linear lin && layers.get(i - 1) instanceof FusesAfterLinear f
                    && f.canBackwardAfter(lin)) {
                g = f.backwardAfter(lin, g);
                i--;
            } else {
                g = l.backward(g);
            }
            if (g == null && i > 0) {
                throw new IllegalStateException("layer " + i + " returned no input gradient");
            }
        }
        return g;
    }

    @Override
    public Tensor step(Tensor x) {
        applyReuse(false);
        Tensor h = x;
        for (Layer l : layers) {
            h = l.step(h);
        }
        return h;
    }

    @Override
    public void resetState() {
        for (Layer l : layers) {
            l.resetState();
        }
    }

    @Override
    public void beginSteps(boolean training) {
        applyReuse(false);
        for (Layer l : layers) {
            l.beginSteps(training);
        }
    }

    @Override
    public Tensor forwardStep(Tensor x) {
        applyReuse(false);
        Tensor h = x;
        for (Layer l : layers) {
            h = l.forwardStep(h);
        }
        return h;
    }

    @Override
    public Tensor backwardStep(Tensor gradOut) {
        Tensor g = gradOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backwardStep(g);
        }
        return g;
    }

    @Override
    public LayerSpec spec() {
        List<Object> children = new ArrayList<>();
        for (Layer l : layers) {
            LayerSpec s = l.spec();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", s.type());
            m.putAll(s.config());
            children.add(m);
        }
        return LayerSpec.of("sequential", "layers", children);
    }
}
