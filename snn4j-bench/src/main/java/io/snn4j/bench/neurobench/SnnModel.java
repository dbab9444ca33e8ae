package io.snn4j.bench.neurobench;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Conv1d;
import io.snn4j.core.layer.Conv2d;
import io.snn4j.core.layer.Graph;
import io.snn4j.core.layer.Gru;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.LayerSpec;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Lstm;
import io.snn4j.core.layer.Network;
import io.snn4j.core.layer.Relu;
import io.snn4j.core.layer.Rnn;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.layer.Sigmoid;
import io.snn4j.core.layer.SpikingLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An engine network ({@link Sequential}, {@link Graph}, or a single layer) under benchmark, as NeuroBench's
 * {@code SNNTorchModel}: {@link #run} takes NeuroBench's {@code [B, T, ...]}, resets the network, and runs it one
 * time step at a time ({@link Layer#step}), layer by layer (a Graph node by node in its order, summing fan-in and
 * delivering recurrent edges one step later exactly as {@link Graph} does), returning the output as
 * {@code [B, T, ...]}. Between the layers it observes what NeuroBench's hooks record at every step:
 * <ul>
 *   <li>the input of every connection layer ({@link Linear}, {@link Conv1d}, {@link Conv2d}, the all-to-all
 *   recurrent map inside RLeaky/RSynaptic, fed the previous step's spikes, and, beyond NeuroBench, their
 *   one-to-one map {@code V}; {@link Lstm}, {@link Gru} and {@link Rnn} with their state before the step, counted
 *   with NeuroBench's cell rules at every step, see {@link CellOps}): synaptic operations;</li>
 *   <li>the output of every activation layer (every {@link SpikingLayer}, {@link Relu} and {@link Sigmoid}) and the
 *   membrane of every neuron layer after the step: activation sparsity and membrane updates.</li>
 * </ul>
 * Layer names are the network's own: {@code 0}, {@code 1}, ... for a Sequential, node names for a Graph, dotted
 * paths for nested networks ({@code 1.recurrent} for an RLeaky's map). The network runs in inference mode and is
 * left in its reset state; its normal paths ({@code forward}, {@code step}) are untouched.
 *
 * <p>{@link #withoutTimeAxis} wraps a network for inputs without a time axis ({@code [B, ...]}, one step per batch,
 * output {@code [B, ...]}), as NeuroBench's {@code TorchModel} runs a module once on the batch.
 */
public final class SnnModel implements BenchModel {
    private final Layer network;
    private final boolean timeAxis;
    private Activity last;
    /** Per-sample state elements of each stateful leaf, learnt from the last run (neurons per sample x arrays). */
    private final Map<String, Long> stateElements = new LinkedHashMap<>();

    /** A network run over time: inputs {@code [B, T, ...]}. */
    public SnnModel(Layer network) {
        this(network, true);
    }

    private SnnModel(Layer network, boolean timeAxis) {
        if (network == null) {
            throw new BenchmarkException("model: no network given");
        }
        this.network = network;
        this.timeAxis = timeAxis;
        walk(network, (name, layer) -> {
            if (layer instanceof Network) {
                throw new BenchmarkException("model: layer '" + name + "' is a " + layer.type()
                        + " network, which cannot be observed layer by layer (use Sequential or Graph)");
            }
        });
    }

    /** A network run once per batch on inputs {@code [B, ...]} (no time axis), as NeuroBench's TorchModel. */
    public static SnnModel withoutTimeAxis(Layer network) {
        return new SnnModel(network, false);
    }

    public Layer network() {
        return network;
    }

    public boolean hasTimeAxis() {
        return timeAxis;
    }

    @Override
    public Activity lastActivity() {
        return last;
    }

    // ------------------------------------------------------------------------------------------------ running

    @Override
    public Tensor run(Tensor inputs) {
        int lead = timeAxis ? 2 : 1;
        if (inputs.rank() < lead + 1) {
            throw new BenchmarkException("model: expected inputs " + (timeAxis ? "[B, T, features...]"
                    : "[B, features...]") + ", got " + Arrays.toString(inputs.shape()));
        }
        int batch = inputs.dim(0);
        int steps = timeAxis ? inputs.dim(1) : 1;
        if (steps < 1) {
            throw new BenchmarkException("model: the inputs have no time steps: " + Arrays.toString(inputs.shape()));
        }
        int[] features = inputs.trailingShape(lead);
        int[] outFeatures;
        try {
            outFeatures = network.outputShape(features);
        } catch (IllegalArgumentException e) {
            throw new BenchmarkException("model: inputs of " + Arrays.toString(features) + " per sample and step "
                    + "do not fit the network: " + e.getMessage(), e);
        }
        disableBufferReuse(network);
        network.resetState();
        Run run = new Run(batch);
        int inStep = Tensor.sizeOf(features);
        int outStep = Tensor.sizeOf(outFeatures);
        int[] outShape = new int[outFeatures.length + lead];
        outShape[0] = batch;
        if (timeAxis) {
            outShape[1] = steps;
        }
        System.arraycopy(outFeatures, 0, outShape, lead, outFeatures.length);
        float[] out = new float[Tensor.sizeOf(outShape)];
        int[] stepShape = new int[features.length + 1];
        stepShape[0] = batch;
        System.arraycopy(features, 0, stepShape, 1, features.length);
        float[] in = inputs.data();
        try {
            for (int t = 0; t < steps; t++) {
                float[] x = new float[batch * inStep];
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(in, (b * steps + t) * inStep, x, b * inStep, inStep);
                }
                Tensor y = run.step("", network, new Tensor(x, stepShape));
                float[] yd = y.data();
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(yd, b * outStep, out, (b * steps + t) * outStep, outStep);
                }
            }
        } finally {
            network.resetState();
        }
        run.activity.setSteps(steps);
        Tensor result = new Tensor(out, outShape);
        run.activity.setOutput(result);
        stateElements.clear();
        stateElements.putAll(run.stateElements);
        last = run.activity;
        return result;
    }

    private static void disableBufferReuse(Layer l) {
        l.setReuseBuffers(false, false);
        if (l instanceof Network n) {
            for (Layer c : n.namedLayers().values()) {
                disableBufferReuse(c);
            }
        }
    }

    /** The state of one run: the activity and each observer's memory between steps. */
    private static final class Run {
        final int batch;
        final Activity activity = new Activity();
        final Map<String, Probe> probes = new HashMap<>();
        final Map<String, GraphState> graphs = new HashMap<>();
        final Map<String, Long> stateElements = new LinkedHashMap<>();

        Run(int batch) {
            this.batch = batch;
        }

        Tensor step(String prefix, Layer layer, Tensor x) {
            if (layer instanceof Sequential s) {
                Tensor h = x;
                List<Layer> ls = s.layers();
                for (int i = 0; i < ls.size(); i++) {
                    h = step(join(prefix, Integer.toString(i)), ls.get(i), h);
                }
                return h;
            }
            if (layer instanceof Graph g) {
                return stepGraph(prefix, g, x);
            }
            String name = prefix.isEmpty() ? "0" : prefix;
            Probe p = probes.computeIfAbsent(name, k -> Probe.of(k, layer, this));
            p.before(x);
            Tensor y = layer.step(x);
            p.after(y);
            return y;
        }

        private Tensor stepGraph(String prefix, Graph g, Tensor x) {
            GraphState gs = graphs.computeIfAbsent(prefix, k -> new GraphState(g, x.trailingShape(1)));
            Map<String, Tensor> values = new HashMap<>();
            values.put(g.inputName(), x);
            for (Map.Entry<String, Layer> e : g.namedLayers().entrySet()) {
                String n = e.getKey();
                Tensor in = null;
                boolean owned = false;
                for (Graph.Edge edge : gs.incoming.get(n)) {
                    Tensor v = edge.recurrent() ? gs.delayed.get(edge.from()) : values.get(edge.from());
                    if (v == null) {
                        continue;
                    }
                    if (in == null) {
                        in = v;
                    } else {
                        if (!owned) {
                            in = in.copy();
                            owned = true;
                        }
                        in.addInPlace(v);
                    }
                }
                if (in == null) {
                    int[] f = gs.inputShapes.get(n);
                    int[] s = new int[f.length + 1];
                    s[0] = x.dim(0);
                    System.arraycopy(f, 0, s, 1, f.length);
                    in = new Tensor(s);
                }
                values.put(n, step(join(prefix, n), e.getValue(), in));
            }
            for (String s : gs.delayedSources) {
                gs.delayed.put(s, values.get(s));
            }
            return values.get(g.outputName());
        }
    }

    /** A Graph's edges by destination, per-node input shapes, and the values its recurrent edges delay. */
    private static final class GraphState {
        final Map<String, List<Graph.Edge>> incoming = new HashMap<>();
        final Map<String, int[]> inputShapes = new HashMap<>();
        final Set<String> delayedSources = new LinkedHashSet<>();
        final Map<String, Tensor> delayed = new HashMap<>();

        GraphState(Graph g, int[] inShape) {
            for (String n : g.namedLayers().keySet()) {
                incoming.put(n, new ArrayList<>());
            }
            for (Graph.Edge e : g.edges()) {
                incoming.get(e.to()).add(e);
                if (e.recurrent()) {
                    delayedSources.add(e.from());
                }
            }
            Map<String, int[]> outShapes = new HashMap<>();
            outShapes.put(g.inputName(), inShape);
            boolean progress = true;
            while (progress) {
                progress = false;
                for (Map.Entry<String, Layer> e : g.namedLayers().entrySet()) {
                    String n = e.getKey();
                    if (outShapes.containsKey(n)) {
                        continue;
                    }
                    for (Graph.Edge edge : incoming.get(n)) {
                        int[] s = outShapes.get(edge.from());
                        if (s != null) {
                            inputShapes.put(n, s);
                            outShapes.put(n, e.getValue().outputShape(s));
                            progress = true;
                            break;
                        }
                    }
                }
            }
        }
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    // ------------------------------------------------------------------------------------------------ observers

    /** Watches one leaf layer: before its step (inputs of connection layers) and after (activations). */
    private abstract static class Probe {
        final String name;
        final Run run;

        Probe(String name, Run run) {
            this.name = name;
            this.run = run;
        }

        void before(Tensor x) {
        }

        void after(Tensor y) {
        }

        static Probe of(String name, Layer layer, Run run) {
            if (layer instanceof Linear l) {
                return new DenseProbe(name, "linear", l.weight().value(), 1, run);
            }
            if (layer instanceof Conv2d || layer instanceof Conv1d) {
                return new ConvProbe(name, layer, run);
            }
            if (layer instanceof SpikingLayer s) {
                return new NeuronProbe(name, s, run);
            }
            if (layer instanceof Lstm || layer instanceof Gru || layer instanceof Rnn) {
                return new CellProbe(name, layer, run);
            }
            if (layer instanceof Relu) {
                return new ActivationProbe(name, "ReLU", run);
            }
            if (layer instanceof Sigmoid) {
                return new ActivationProbe(name, "Sigmoid", run);
            }
            return new Probe(name, run) {
            };
        }
    }

    /** A fully connected map {@code [out, in]}: Linear, or an RLeaky's all-to-all recurrent weight. */
    private static final class DenseProbe extends Probe {
        final String type;
        final int out;
        final int in;
        final int[] perInput;
        final int nbCalls;

        DenseProbe(String name, String type, Tensor weight, int nbCalls, Run run) {
            super(name, run);
            this.type = type;
            this.out = weight.dim(0);
            this.in = weight.dim(1);
            this.perInput = OpCounts.nonZeroPerInput(weight.data(), out, in);
            this.nbCalls = nbCalls;
        }

        @Override
        void before(Tensor x) {
            count(x.data());
        }

        void count(float[] x) {
            int rows = x.length / in;
            long eff = OpCounts.dense1d(x, rows, in, perInput);
            long dense = (long) rows * in * out;
            run.activity.synapses(name, type, nbCalls).add(eff, dense, OpCounts.isSpiking(x, 0, x.length));
        }
    }

    /** Conv1d / Conv2d: per input element, the weight-output pairs it meets (zero padding has none). */
    private static final class ConvProbe extends Probe {
        final String type;
        final float[] w;
        final int outC;
        final int inC;
        final int kh;
        final int kw;
        final int sh;
        final int sw;
        final int ph;
        final int pw;
        int[] tableFor;
        long[] table;
        long densePerSample;

        ConvProbe(String name, Layer layer, Run run) {
            super(name, run);
            LayerSpec s = layer.spec();
            type = layer.type();
            Map<String, Object> c = s.config();
            outC = ((Number) c.get("out_channels")).intValue();
            inC = ((Number) c.get("in_channels")).intValue();
            if (layer instanceof Conv2d c2) {
                w = c2.weight().value().data();
                int[] k = pair(c.get("kernel_size"));
                int[] st = pair(c.get("stride"));
                int[] pd = pair(c.get("padding"));
                kh = k[0];
                kw = k[1];
                sh = st[0];
                sw = st[1];
                ph = pd[0];
                pw = pd[1];
            } else {
                w = ((Conv1d) layer).weight().value().data();
                kh = 1;
                sh = 1;
                ph = 0;
                kw = ((Number) c.get("kernel_size")).intValue();
                sw = ((Number) c.get("stride")).intValue();
                pw = ((Number) c.get("padding")).intValue();
            }
        }

        private static int[] pair(Object o) {
            if (o instanceof Number n) {
                return new int[] {n.intValue(), n.intValue()};
            }
            List<?> l = (List<?>) o;
            return new int[] {((Number) l.get(0)).intValue(), ((Number) l.get(1)).intValue()};
        }

        @Override
        void before(Tensor x) {
            int[] s = x.shape();
            int h = s.length == 4 ? s[2] : 1;
            int wd = s[s.length - 1];
            int[] key = {h, wd};
            if (!Arrays.equals(key, tableFor)) {
                table = OpCounts.conv2dTable(w, outC, inC, kh, kw, h, wd, sh, sw, ph, pw, false);
                densePerSample = OpCounts.sum(OpCounts.conv2dTable(w, outC, inC, kh, kw, h, wd, sh, sw, ph, pw,
                        true));
                tableFor = key;
            }
            int rows = x.dim(0);
            long eff = OpCounts.perElement(x.data(), rows, table);
            run.activity.synapses(name, type, 1).add(eff, densePerSample * rows,
                    OpCounts.isSpiking(x.data(), 0, x.size()));
        }
    }

    /** A neuron layer: its spikes and membrane, and the synapses of its recurrent map if it has one. */
    private static final class NeuronProbe extends Probe {
        final SpikingLayer layer;
        final String nbType;
        final String reset;
        final DenseProbe allToAll;
        final float[] oneToOne;
        final int stateArrays;
        float[] previousSpikes;

        NeuronProbe(String name, SpikingLayer layer, Run run) {
            super(name, run);
            this.layer = layer;
            this.nbType = neurobenchType(layer.type());
            Object r = layer.spec().config().get("reset");
            this.reset = r == null ? null : r.toString();
            Parameter w = param(layer, "recurrent.weight");
            Parameter v = param(layer, "V");
            boolean zeroReset = "zero".equals(reset);
            this.allToAll = w == null ? null
                    : new DenseProbe(name + ".recurrent", "recurrent", w.value(), zeroReset ? 2 : 1, run);
            this.oneToOne = v == null ? null : v.value().data();
            this.stateArrays = stateArrays(layer);
        }

        @Override
        void before(Tensor x) {
            if (allToAll == null && oneToOne == null) {
                return;
            }
            float[] prev = previousSpikes != null && previousSpikes.length == x.size() ? previousSpikes
                    : new float[x.size()];
            if (allToAll != null) {
                allToAll.count(prev);
            } else {
                int rows = prev.length / oneToOne.length;
                run.activity.synapses(name + ".recurrent", "recurrent_one_to_one", 1).add(
                        OpCounts.elementwise(prev, rows, oneToOne), (long) prev.length,
                        OpCounts.isSpiking(prev, 0, prev.length));
            }
        }

        @Override
        void after(Tensor y) {
            Tensor mem = layer.lastMembrane();
            float[] m = mem == null ? null : mem.data().clone();
            run.activity.neurons(name, nbType, reset, mem != null).add(y.data(), m);
            if (allToAll != null || oneToOne != null) {
                previousSpikes = y.data().clone();
            }
            run.stateElements.put(name, (long) stateArrays * (y.size() / run.batch));
        }
    }

    /** An LSTM, GRU or RNN layer, counted as its cell at every step with the state it starts the step from. */
    private static final class CellProbe extends Probe {
        final Layer layer;
        final CellOps.Kind kind;
        final int in;
        final int hidden;
        final float[] wIh;
        final float[] wHh;
        final float[] bIh;
        final float[] bHh;

        CellProbe(String name, Layer layer, Run run) {
            super(name, run);
            this.layer = layer;
            Parameter pIh;
            Parameter pHh;
            Parameter qIh;
            Parameter qHh;
            if (layer instanceof Lstm l) {
                kind = CellOps.Kind.LSTM;
                in = l.inputSize();
                hidden = l.hiddenSize();
                pIh = l.weightIh();
                pHh = l.weightHh();
                qIh = l.biasIh();
                qHh = l.biasHh();
            } else if (layer instanceof Gru g) {
                kind = CellOps.Kind.GRU;
                in = g.inputSize();
                hidden = g.hiddenSize();
                pIh = g.weightIh();
                pHh = g.weightHh();
                qIh = g.biasIh();
                qHh = g.biasHh();
            } else {
                Rnn r = (Rnn) layer;
                kind = CellOps.Kind.RNN;
                in = r.inputSize();
                hidden = r.hiddenSize();
                pIh = r.weightIh();
                pHh = r.weightHh();
                qIh = r.biasIh();
                qHh = r.biasHh();
            }
            wIh = pIh.value().data();
            wHh = pHh.value().data();
            bIh = qIh == null ? null : qIh.value().data();
            bHh = qHh == null ? null : qHh.value().data();
        }

        @Override
        void before(Tensor x) {
            Tensor h = hiddenState();
            Tensor c = layer instanceof Lstm l ? l.stateC() : null;
            int batch = x.dim(0);
            float[] hd = h == null || h.size() != batch * hidden ? null : h.data();
            float[] cd = c == null || c.size() != batch * hidden ? null : c.data();
            long eff = CellOps.step(kind, x.data(), hd, cd, batch, in, hidden, wIh, wHh, bIh, bHh, false);
            long dense = CellOps.step(kind, x.data(), hd, cd, batch, in, hidden, wIh, wHh, bIh, bHh, true);
            run.activity.synapses(name, layer.type(), 1).add(eff, dense, OpCounts.isSpiking(x.data(), 0, x.size()));
        }

        private Tensor hiddenState() {
            if (layer instanceof Lstm l) {
                return l.stateH();
            }
            if (layer instanceof Gru g) {
                return g.stateH();
            }
            return ((Rnn) layer).stateH();
        }

        @Override
        void after(Tensor y) {
            run.stateElements.put(name, (long) (kind == CellOps.Kind.LSTM ? 2 : 1) * hidden);
        }
    }

    /** ReLU or Sigmoid: outputs only. */
    private static final class ActivationProbe extends Probe {
        final String nbType;

        ActivationProbe(String name, String nbType, Run run) {
            super(name, run);
            this.nbType = nbType;
        }

        @Override
        void after(Tensor y) {
            run.activity.neurons(name, nbType, null, false).add(y.data(), null);
        }
    }

    private static Parameter param(Layer l, String name) {
        for (Parameter p : l.parameters()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The snnTorch class name of an engine neuron type ({@code leaky -> Leaky}). */
    static String neurobenchType(String type) {
        switch (type) {
            case "leaky":
                return "Leaky";
            case "synaptic":
                return "Synaptic";
            case "rleaky":
                return "RLeaky";
            case "rsynaptic":
                return "RSynaptic";
            case "if":
                return "IF";
            case "leaky_integrator":
                return "LeakyIntegrator";
            default:
                return type;
        }
    }

    /** State arrays per neuron: membrane, plus synaptic current, plus fed-back spikes. */
    private static int stateArrays(SpikingLayer l) {
        switch (l.type()) {
            case "synaptic":
            case "rleaky":
            case "nir_cubalif":
                return 2;
            case "rsynaptic":
                return 3;
            default:
                return 1;
        }
    }

    // ------------------------------------------------------------------------------------------------ structure

    /** Calls {@code leaf} for every layer that is not a Sequential or Graph, with its dotted name, in order. */
    static void walk(Layer network, BiConsumer<String, Layer> leaf) {
        walk("", network, leaf);
    }

    private static void walk(String prefix, Layer l, BiConsumer<String, Layer> leaf) {
        if (l instanceof Sequential || l instanceof Graph) {
            for (Map.Entry<String, Layer> e : ((Network) l).namedLayers().entrySet()) {
                walk(join(prefix, e.getKey()), e.getValue(), leaf);
            }
        } else {
            leaf.accept(prefix.isEmpty() ? "0" : prefix, l);
        }
    }

    private static final Set<String> SNNTORCH_NEURONS = Set.of("leaky", "synaptic", "rleaky", "rsynaptic");

    @Override
    public Structure structure() {
        List<Structure.Param> params = new ArrayList<>();
        List<Structure.Connection> conns = new ArrayList<>();
        long[] constants = {0};
        walk(network, (name, l) -> {
            boolean neuron = l instanceof SpikingLayer;
            Set<String> own = new java.util.HashSet<>();
            for (Parameter p : l.parameters()) {
                own.add(p.name());
                boolean buffer = (neuron && Set.of("beta", "alpha", "threshold", "V").contains(p.name())
                        && !p.trainable()) || p.name().startsWith("running");
                params.add(new Structure.Param(name + "." + p.name(), p.value(), !buffer, 4));
            }
            if (neuron && SNNTORCH_NEURONS.contains(l.type())) {
                // snnTorch's buffers: graded_spikes_factor (float32), reset_mechanism_val (int64), and
                // threshold, beta, alpha where the engine keeps them as plain numbers
                long b = 4 + 8;
                for (String k : List.of("threshold", "beta", "alpha")) {
                    if (l.spec().config().containsKey(k) && !own.contains(k)) {
                        b += 4;
                    }
                }
                constants[0] += b;
            }
            if (l instanceof Linear lin) {
                conns.add(new Structure.Connection(name, "linear", List.of(lin.weight().value())));
            } else if (l instanceof Conv2d c) {
                conns.add(new Structure.Connection(name, "conv2d", List.of(c.weight().value())));
            } else if (l instanceof Conv1d c) {
                conns.add(new Structure.Connection(name, "conv1d", List.of(c.weight().value())));
            } else if (l instanceof Lstm || l instanceof Gru || l instanceof Rnn) {
                List<Tensor> arrays = new ArrayList<>();
                for (Parameter p : l.parameters()) {
                    arrays.add(p.value());
                }
                conns.add(new Structure.Connection(name, l.type(), arrays));
            } else if (neuron && param(l, "recurrent.weight") != null) {
                conns.add(new Structure.Connection(name + ".recurrent", "recurrent",
                        List.of(param(l, "recurrent.weight").value())));
            }
        });
        long state = 0;
        for (long e : stateElements.values()) {
            state += e * 4;
        }
        return new Structure(params, constants[0], state, conns);
    }
}
