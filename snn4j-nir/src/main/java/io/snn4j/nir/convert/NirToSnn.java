package io.snn4j.nir.convert;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.layer.AvgPool2d;
import io.snn4j.core.layer.Conv1d;
import io.snn4j.core.layer.Conv2d;
import io.snn4j.core.layer.Flatten;
import io.snn4j.core.layer.Graph;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.layer.SpikingLayer;
import io.snn4j.core.neuron.IF;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.LeakyIntegrator;
import io.snn4j.core.neuron.RLeaky;
import io.snn4j.core.neuron.RSynaptic;
import io.snn4j.core.neuron.Reset;
import io.snn4j.core.neuron.Synaptic;
import io.snn4j.nir.NirArray;
import io.snn4j.nir.NirGraph;
import io.snn4j.nir.NirNode;
import io.snn4j.nir.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a NIR graph into an snn4j network under a {@link Preset} (docs/interop.md gives every formula).
 *
 * <p>Subgraphs are flattened: their nodes are addressed {@code sub.node}, their Input and Output pass values
 * through. A chain from the Input to the Output becomes a {@link Sequential}; anything else a {@link Graph}, whose
 * node inputs are summed (fan-in). Cycles: a depth-first walk from the Input along the edges (in the file's
 * order) delays the edge that closes each cycle by one time step (zeros at step 0), as NIRTorch does; a cycle
 * without a neuron (an instantaneous loop of synapses) cannot be scheduled and is refused. Under the
 * {@code snntorch} preset a LIF or CubaLIF fed back through a square Affine/Linear that nothing else uses is one
 * snn4j {@code RLeaky} / {@code RSynaptic}, as snnTorch exports those.
 *
 * <p>Problems are {@link NirConversionException}s naming node and field.
 */
public final class NirToSnn {

    /** Graph metadata key: the edges ({@code "a -> b"}) a graph written by snn4j delays. */
    public static final String META_RECURRENT_EDGES = "snn4j_recurrent_edges";
    /** Graph and node metadata key: the time step (seconds) the parameters were written for. */
    public static final String META_DT = "snn4j_dt";
    /** Node metadata: snn4j's reset mechanism ({@code zero}, {@code subtract}, {@code none}). */
    public static final String META_RESET = "snn4j_reset";
    /** Node metadata: 1 when the reset acts at the next step (snnTorch's default), 0 when within the step. */
    public static final String META_RESET_DELAY = "snn4j_reset_delay";
    /** Node metadata: the snn4j layer type written. */
    public static final String META_LAYER = "snn4j_layer";
    /** Graph metadata: the preset whose convention the file's parameters follow. */
    public static final String META_CONVENTION = "snn4j_convention";

    private final ConversionOptions opt;
    private final Preset preset;
    private final double dt;
    private final List<String> warnings = new ArrayList<>();

    private final Map<String, NirNode> nodes = new LinkedHashMap<>();
    private final Set<String> passThrough = new LinkedHashSet<>();
    private final List<FlatEdge> edges = new ArrayList<>();
    private final Map<String, int[]> inShape = new HashMap<>();
    private final Map<String, int[]> outShape = new HashMap<>();
    /** snntorch preset: neuron address -> the Affine/Linear it feeds back through. */
    private final Map<String, NirNode> recurrentOf = new HashMap<>();
    private final Map<String, String> recurrentName = new HashMap<>();
    private final Rng rng = new Rng(0);

    private static final class FlatEdge {
        final String from;
        final String to;
        boolean recurrent;

        FlatEdge(String from, String to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    private NirToSnn(ConversionOptions opt, NirGraph g) {
        this.opt = opt;
        this.preset = opt.preset();
        double d = preset.defaultDt();
        if (opt.dt() != null) {
            d = opt.dt();
        } else if (preset == Preset.SNNTORCH && g.metadata().get(META_DT) instanceof Number n
                && n.doubleValue() > 0) {
            d = n.doubleValue();
        }
        this.dt = d;
    }

    /** Converts {@code graph}; see the class comment. */
    public static Converted convert(NirGraph graph, ConversionOptions options) {
        NirToSnn c = new NirToSnn(options, graph);
        return c.run(graph);
    }

    private Converted run(NirGraph g) {
        flatten(g, "");
        removePassThrough();
        String input = single(NirNode.Input.class, "Input");
        String output = single(NirNode.Output.class, "Output");
        for (FlatEdge e : edges) {
            if (e.to.equals(input)) {
                throw new NirConversionException("edge " + e + " enters the Input node '" + input + "'");
            }
            if (e.from.equals(output)) {
                throw new NirConversionException("edge " + e + " leaves the Output node '" + output + "'");
            }
        }
        inferShapes(input);
        Set<String> declared = new HashSet<>();
        if (g.metadata().get(META_RECURRENT_EDGES) instanceof List<?> l) {
            for (Object o : l) {
                declared.add(String.valueOf(o).replace(" ", ""));
            }
        }
        if (preset == Preset.SNNTORCH) {
            findRecurrentNeurons(declared);
        }
        markRecurrentEdges(declared, input);

        // one chain of layers per node (empty: the node passes its input through)
        Map<String, List<Layer>> chains = new LinkedHashMap<>();
        for (Map.Entry<String, NirNode> e : nodes.entrySet()) {
            String a = e.getKey();
            if (a.equals(input) || a.equals(output)) {
                continue;
            }
            chains.put(a, layersFor(a, e.getValue()));
        }
        String probeNode = findProbe(output);
        int[] inputShape = ((NirNode.Input) nodes.get(input)).shape().toArray();

        Map<String, String> names = new LinkedHashMap<>();
        Layer net;
        List<String> chain = chainOrder(input, output);
        SpikingLayer probe = null;
        if (chain != null) {
            List<Layer> layers = new ArrayList<>();
            for (String a : chain) {
                layers.addAll(chains.get(a));
                if (!chains.get(a).isEmpty()) {
                    names.put(a, Integer.toString(layers.size() - 1));
                }
                if (a.equals(probeNode)) {
                    probe = spiking(chains.get(a));
                }
            }
            if (layers.isEmpty()) {
                throw new NirConversionException("the graph has no node between its Input '" + input
                        + "' and its Output '" + output + "': nothing to run");
            }
            net = new Sequential(layers);
        } else {
            net = buildGraph(input, output, inputShape, chains, names);
            if (probeNode != null) {
                probe = spiking(chains.get(probeNode));
            }
        }
        try {
            net.outputShape(inputShape);
        } catch (IllegalArgumentException ex) {
            throw new NirConversionException("the converted network does not accept the Input shape "
                    + Arrays.toString(inputShape) + ": " + ex.getMessage(), ex);
        }
        return new Converted(net, inputShape, probe, probe == null ? null : probeNode,
                Collections.unmodifiableMap(names), dt, preset, warnings);
    }

    // ------------------------------------------------------------------ flattening

    private void flatten(NirGraph g, String prefix) {
        for (Map.Entry<String, NirNode> e : g.nodes().entrySet()) {
            String addr = prefix + e.getKey();
            NirNode n = e.getValue();
            if (n instanceof NirGraph sub) {
                flatten(sub, addr + ".");
                continue;
            }
            if (nodes.containsKey(addr)) {
                throw new NirConversionException("two nodes have the address '" + addr + "' once subgraphs are "
                        + "flattened (a node named with a dot and a subgraph node)");
            }
            nodes.put(addr, n);
            if (!prefix.isEmpty() && (n instanceof NirNode.Input || n instanceof NirNode.Output)) {
                passThrough.add(addr);
            }
        }
        for (NirGraph.Edge e : g.edges()) {
            edges.add(new FlatEdge(resolve(g, prefix, e.source(), true), resolve(g, prefix, e.target(), false)));
        }
    }

    /** The flat address of the leaf node an edge end names; a subgraph stands for its Output or Input. */
    private static String resolve(NirGraph g, String prefix, String address, boolean source) {
        NirNode n = g.nodes().get(address);
        if (n != null) {
            if (n instanceof NirGraph sub) {
                List<String> io = source ? sub.outputNames() : sub.inputNames();
                if (io.size() != 1) {
                    throw new NirConversionException("graph '" + prefix + address + "' has " + io.size() + " "
                            + (source ? "Output" : "Input") + " nodes; an edge " + (source ? "from" : "to")
                            + " the subgraph needs exactly one");
                }
                return resolve(sub, prefix + address + ".", io.get(0), source);
            }
            return prefix + address;
        }
        for (int i = address.indexOf('.'); i > 0; i = address.indexOf('.', i + 1)) {
            if (g.nodes().get(address.substring(0, i)) instanceof NirGraph sub
                    && sub.find(address.substring(i + 1)).isPresent()) {
                return resolve(sub, prefix + address.substring(0, i) + ".", address.substring(i + 1), source);
            }
        }
        throw new NirConversionException("edge end '" + prefix + address + "' names no node");
    }

    private void removePassThrough() {
        for (String p : passThrough) {
            List<String> preds = new ArrayList<>();
            List<String> succs = new ArrayList<>();
            int at = -1;
            for (int i = 0; i < edges.size(); i++) {
                FlatEdge e = edges.get(i);
                if (e.to.equals(p)) {
                    preds.add(e.from);
                    at = at < 0 ? i : at;
                }
                if (e.from.equals(p)) {
                    succs.add(e.to);
                    at = at < 0 ? i : at;
                }
            }
            edges.removeIf(e -> e.to.equals(p) || e.from.equals(p));
            List<FlatEdge> added = new ArrayList<>();
            for (String a : preds) {
                for (String b : succs) {
                    added.add(new FlatEdge(a, b));
                }
            }
            edges.addAll(Math.max(0, Math.min(at, edges.size())), added);
            nodes.remove(p);
        }
    }

    private String single(Class<? extends NirNode> type, String what) {
        List<String> found = new ArrayList<>();
        nodes.forEach((k, v) -> {
            if (type.isInstance(v)) {
                found.add(k);
            }
        });
        if (found.size() != 1) {
            throw new NirConversionException("the graph has " + found.size() + " " + what + " nodes"
                    + (found.isEmpty() ? "" : " (" + String.join(", ", found) + ")") + "; snn4j runs graphs with "
                    + "exactly one " + what);
        }
        return found.get(0);
    }

    private List<FlatEdge> into(String a) {
        List<FlatEdge> l = new ArrayList<>();
        for (FlatEdge e : edges) {
            if (e.to.equals(a)) {
                l.add(e);
            }
        }
        return l;
    }

    private List<FlatEdge> from(String a) {
        List<FlatEdge> l = new ArrayList<>();
        for (FlatEdge e : edges) {
            if (e.from.equals(a)) {
                l.add(e);
            }
        }
        return l;
    }

    // ------------------------------------------------------------------ shapes

    private void inferShapes(String input) {
        outShape.put(input, ((NirNode.Input) nodes.get(input)).shape().toArray());
        for (int pass = 0; pass <= nodes.size(); pass++) {
            boolean changed = false;
            for (Map.Entry<String, NirNode> e : nodes.entrySet()) {
                String a = e.getKey();
                if (outShape.containsKey(a)) {
                    continue;
                }
                int[] in = null;
                for (FlatEdge fe : into(a)) {
                    if (outShape.containsKey(fe.from)) {
                        in = outShape.get(fe.from);
                        break;
                    }
                }
                if (in == null) {
                    continue;
                }
                inShape.put(a, in);
                Shape o = e.getValue() instanceof NirNode.Output ? Shape.of(in) : e.getValue().outputType(Shape.of(in));
                if (o == null) {
                    throw NirConversionException.node(a, e.getValue().type(), "cannot take input of shape "
                            + Arrays.toString(in));
                }
                outShape.put(a, o.toArray());
                changed = true;
            }
            if (!changed) {
                break;
            }
        }
        for (Map.Entry<String, NirNode> e : nodes.entrySet()) {
            String a = e.getKey();
            if (!outShape.containsKey(a)) {
                throw NirConversionException.node(a, e.getValue().type(), "is not reachable from the input '"
                        + input + "' (nothing feeds it), so its input shape is unknown");
            }
        }
        for (FlatEdge fe : edges) {
            NirNode target = nodes.get(fe.to);
            if (target instanceof NirNode.Output) {
                continue;
            }
            int[] gives = outShape.get(fe.from);
            int[] takes = inShape.get(fe.to);
            Shape fixed = target.inputType();
            if (fixed != null && !Arrays.equals(fixed.toArray(), takes)) {
                takes = fixed.toArray();
            }
            if (!Arrays.equals(gives, takes)) {
                throw new NirConversionException("edge " + fe + ": '" + fe.from + "' gives "
                        + Arrays.toString(gives) + ", '" + fe.to + "' (" + target.type() + ") takes "
                        + Arrays.toString(takes));
            }
        }
    }

    // ------------------------------------------------------------------ cycles

    /** snntorch preset: LIF/CubaLIF {@code L} with {@code L -> W -> L}, W square Affine/Linear used by nothing else. */
    private void findRecurrentNeurons(Set<String> declared) {
        for (String l : new ArrayList<>(nodes.keySet())) {
            NirNode n = nodes.get(l);
            if (!(n instanceof NirNode.LIF || n instanceof NirNode.CubaLIF) || recurrentOf.containsKey(l)) {
                continue;
            }
            int[] s = ((NirNode.Neuron) n).shape().toArray();
            if (s.length != 1) {
                continue;
            }
            for (FlatEdge e : from(l)) {
                String w = e.to;
                NirNode wn = nodes.get(w);
                if (w.equals(l) || !(wn instanceof NirNode.Affine || wn instanceof NirNode.Linear)) {
                    continue;
                }
                NirArray weight = wn instanceof NirNode.Affine a ? a.weight() : ((NirNode.Linear) wn).weight();
                List<FlatEdge> in = into(w);
                List<FlatEdge> out = from(w);
                if (weight.shape().equals(Shape.of(s[0], s[0])) && in.size() == 1 && out.size() == 1
                        && out.get(0).to.equals(l) && !declared.contains(l + "->" + w)
                        && !declared.contains(w + "->" + l)) {
                    recurrentOf.put(l, wn);
                    recurrentName.put(l, w);
                    edges.removeAll(in);
                    edges.removeAll(out);
                    nodes.remove(w);
                    break;
                }
            }
        }
    }

    private void markRecurrentEdges(Set<String> declared, String input) {
        for (FlatEdge e : edges) {
            e.recurrent = declared.contains(e.from + "->" + e.to);
        }
        Set<String> done = new HashSet<>();
        Deque<String> stack = new ArrayDeque<>();
        dfs(input, done, stack);
        for (String a : nodes.keySet()) {
            if (!done.contains(a)) {
                throw NirConversionException.node(a, nodes.get(a).type(), "is not reachable from the input '"
                        + input + "'");
            }
        }
    }

    private void dfs(String a, Set<String> done, Deque<String> stack) {
        if (done.contains(a)) {
            return;
        }
        stack.push(a);
        for (FlatEdge e : from(a)) {
            if (e.recurrent) {
                continue;
            }
            if (stack.contains(e.to)) {
                // e closes a cycle: stack from e.to up to a
                List<String> cycle = new ArrayList<>();
                for (java.util.Iterator<String> it = stack.descendingIterator(); it.hasNext();) {
                    String s = it.next();
                    if (s.equals(e.to) || !cycle.isEmpty()) {
                        cycle.add(s);
                    }
                }
                boolean holds = false;
                for (String s : cycle) {
                    holds |= nodes.get(s) instanceof NirNode.Neuron;
                }
                if (!holds) {
                    throw new NirConversionException("cycle " + String.join(" -> ", cycle) + " -> " + e.to
                            + " has no neuron to hold its value from one step to the next: an instantaneous "
                            + "loop cannot be scheduled");
                }
                e.recurrent = true;
            } else {
                dfs(e.to, done, stack);
            }
        }
        stack.pop();
        done.add(a);
    }

    /** The node addresses from Input to Output when the graph is a plain chain without delays, else null. */
    private List<String> chainOrder(String input, String output) {
        List<String> order = new ArrayList<>();
        String at = input;
        Set<String> seen = new HashSet<>();
        while (!at.equals(output)) {
            List<FlatEdge> out = from(at);
            if (out.size() != 1 || out.get(0).recurrent || !seen.add(at)) {
                return null;
            }
            String next = out.get(0).to;
            if (into(next).size() != 1) {
                return null;
            }
            if (!next.equals(output)) {
                order.add(next);
            }
            at = next;
        }
        return order.size() + 2 == nodes.size() ? order : null;
    }

    private Graph buildGraph(String input, String output, int[] inputShape, Map<String, List<Layer>> chains,
            Map<String, String> names) {
        Set<String> used = new HashSet<>();
        String inName = unique(sanitize(input), used);
        Graph.Builder b = Graph.builder().input(inName, inputShape);
        Map<String, String> first = new HashMap<>();
        Map<String, String> last = new HashMap<>();
        first.put(input, inName);
        last.put(input, inName);
        List<String[]> inner = new ArrayList<>();
        for (Map.Entry<String, List<Layer>> e : chains.entrySet()) {
            List<Layer> ls = e.getValue().isEmpty() ? List.of(NirElementwise.identity("identity")) : e.getValue();
            String base = sanitize(e.getKey());
            String prev = null;
            for (int i = 0; i < ls.size(); i++) {
                String nm = unique(i == ls.size() - 1 ? base : base + "_in" + (i == 0 ? "" : i), used);
                b.node(nm, ls.get(i));
                if (prev == null) {
                    first.put(e.getKey(), nm);
                } else {
                    inner.add(new String[] {prev, nm});
                }
                prev = nm;
            }
            last.put(e.getKey(), prev);
            names.put(e.getKey(), prev);
        }
        for (String[] ie : inner) {
            b.edge(ie[0], ie[1]);
        }
        List<String> feeders = new ArrayList<>();
        for (FlatEdge e : edges) {
            if (e.to.equals(output)) {
                feeders.add(e.from);
                continue;
            }
            if (e.recurrent) {
                b.recurrentEdge(last.get(e.from), first.get(e.to));
            } else {
                b.edge(last.get(e.from), first.get(e.to));
            }
        }
        if (feeders.size() == 1 && !feeders.get(0).equals(input)) {
            b.output(last.get(feeders.get(0)));
        } else if (feeders.isEmpty()) {
            throw new NirConversionException("nothing feeds the Output node '" + output + "'");
        } else {
            String sum = unique(sanitize(output), used);
            b.node(sum, NirElementwise.identity("identity"));
            for (String f : feeders) {
                b.edge(last.get(f), sum);
            }
            b.output(sum);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException ex) {
            throw new NirConversionException(ex.getMessage(), ex);
        }
    }

    private static String sanitize(String address) {
        String s = address.replace('.', '_');
        return s.isEmpty() ? "node" : s;
    }

    private static String unique(String s, Set<String> used) {
        String n = s;
        for (int i = 2; !used.add(n); i++) {
            n = s + "_" + i;
        }
        return n;
    }

    /** The nearest neuron upstream of the Output (breadth first against the edges), or null. */
    private String findProbe(String output) {
        Deque<String> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        queue.add(output);
        while (!queue.isEmpty()) {
            String a = queue.poll();
            if (!seen.add(a)) {
                continue;
            }
            if (nodes.get(a) instanceof NirNode.Neuron) {
                return a;
            }
            for (FlatEdge e : into(a)) {
                queue.add(e.from);
            }
        }
        return null;
    }

    private static SpikingLayer spiking(List<Layer> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i) instanceof SpikingLayer s) {
                return s;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ nodes to layers

    private List<Layer> layersFor(String a, NirNode n) {
        int[] in = inShape.get(a);
        if (n instanceof NirNode.Affine af) {
            return List.of(linear(a, af.type(), af.weight(), af.bias(), in));
        }
        if (n instanceof NirNode.Linear li) {
            return List.of(linear(a, li.type(), li.weight(), null, in));
        }
        if (n instanceof NirNode.Conv2d c) {
            return List.of(conv2d(a, c, in));
        }
        if (n instanceof NirNode.Conv1d c) {
            return List.of(conv1d(a, c));
        }
        if (n instanceof NirNode.AvgPool2d p) {
            checkPoolPadding(a, p.type(), p.padding());
            return List.of(new AvgPool2d(p.kernelSize().toArray(), p.stride().toArray()));
        }
        if (n instanceof NirNode.SumPool2d p) {
            if (preset == Preset.NORSE) {
                if (!p.padding().equals(Shape.of(0, 0))) {
                    warnings.add("node '" + a + "' (SumPool2d), field 'padding': Norse ignores it (" + p.padding()
                            + "); so does this preset");
                }
            } else {
                checkPoolPadding(a, p.type(), p.padding());
            }
            int[] k = p.kernelSize().toArray();
            return List.of(new AvgPool2d(k, p.stride().toArray()),
                    NirElementwise.scale("sumpool", null, new float[] {k[0] * k[1]}));
        }
        if (n instanceof NirNode.Flatten f) {
            int[] out = outShape.get(a);
            if (out.length == 1 && in.length >= 1) {
                return List.of(new Flatten());
            }
            if (Arrays.equals(out, in)) {
                return List.of();
            }
            return List.of(new NirReshape(in, out));
        }
        if (n instanceof NirNode.Scale s) {
            notInNorse(a, n);
            return List.of(NirElementwise.scale("scale", s.scale().shape().toArray(), s.scale().toFloats()));
        }
        if (n instanceof NirNode.Threshold t) {
            notInNorse(a, n);
            return List.of(NirElementwise.threshold("threshold", t.threshold().shape().toArray(),
                    t.threshold().toFloats()));
        }
        if (n instanceof NirNode.Delay) {
            throw NirConversionException.node(a, n.type(), "Delay nodes cannot be run by snn4j yet");
        }
        if (n instanceof NirNode.Neuron nn) {
            if (nn.shape().rank() == 0) {
                throw NirConversionException.node(a, n.type(), "its parameters are 0-d: the population's shape "
                        + "is unknown");
            }
            switch (preset) {
                case SNNTORCH:
                    return snnTorchNeuron(a, nn);
                case NORSE:
                    return List.of(norseNeuron(a, nn));
                default:
                    return List.of(nirNeuron(a, nn));
            }
        }
        throw NirConversionException.node(a, n.type(), "this node type cannot be run");
    }

    private void notInNorse(String a, NirNode n) {
        if (preset == Preset.NORSE) {
            throw NirConversionException.node(a, n.type(), "Norse's importer (norse.torch.from_nir) has no mapping "
                    + "for " + n.type() + "; use the nir preset");
        }
    }

    private static void checkPoolPadding(String a, String type, Shape padding) {
        if (!padding.allAtLeast(0) || padding.elements() != 0 && !padding.equals(Shape.filled(padding.rank(), 0))) {
            throw NirConversionException.field(a, type, "padding", "snn4j's pooling has no padding, found "
                    + padding);
        }
    }

    private Layer linear(String a, String type, NirArray w, NirArray bias, int[] in) {
        if (w.rank() != 2) {
            throw NirConversionException.field(a, type, "weight", "snn4j runs 2-d weights [out, in], found shape "
                    + w.shape());
        }
        int out = w.shape().get(0);
        int nin = w.shape().get(1);
        if (in.length != 1) {
            throw NirConversionException.node(a, type, "takes input of shape " + Arrays.toString(in)
                    + "; snn4j's Linear takes one feature dimension [" + nin + "] (flatten first)");
        }
        Linear l = new Linear(nin, out, bias != null, rng);
        copy(w, l.weight());
        if (bias != null) {
            copy(bias, l.bias());
        }
        return l;
    }

    private static void copy(NirArray from, Parameter to) {
        float[] src = from.toFloats();
        float[] dst = to.value().data();
        if (src.length != dst.length) {
            throw new IllegalStateException(to.name() + ": " + src.length + " values for " + dst.length);
        }
        System.arraycopy(src, 0, dst, 0, src.length);
    }

    private static void checkConv(String a, String type, Shape dilation, int groups) {
        if (groups != 1) {
            throw NirConversionException.field(a, type, "groups", "snn4j's convolutions have groups 1, found "
                    + groups);
        }
        if (!dilation.equals(Shape.filled(dilation.rank(), 1))) {
            throw NirConversionException.field(a, type, "dilation", "snn4j's convolutions have dilation 1, found "
                    + dilation);
        }
    }

    private static int[] convPadding(String a, String type, NirNode.Padding p, int[] kernel, Shape stride) {
        int[] pad = new int[kernel.length];
        if ("valid".equals(p.mode())) {
            return pad;
        }
        if ("same".equals(p.mode())) {
            for (int i = 0; i < kernel.length; i++) {
                if (kernel[i] % 2 == 0 || stride.get(i) != 1) {
                    throw NirConversionException.field(a, type, "padding", "'same' needs stride 1 and odd kernels "
                            + "here (snn4j pads both sides equally), found kernel " + Arrays.toString(kernel)
                            + " and stride " + stride);
                }
                pad[i] = (kernel[i] - 1) / 2;
            }
            return pad;
        }
        return p.amounts().toArray();
    }

    private Layer conv2d(String a, NirNode.Conv2d c, int[] in) {
        checkConv(a, c.type(), c.dilation(), c.groups());
        int[] ws = c.weight().shape().toArray();
        int[] k = {ws[2], ws[3]};
        Conv2d l = new Conv2d(ws[1], ws[0], k, c.stride().toArray(), convPadding(a, c.type(), c.padding(), k,
                c.stride()), true, rng);
        copy(c.weight(), l.weight());
        copy(c.bias(), l.bias());
        return l;
    }

    private Layer conv1d(String a, NirNode.Conv1d c) {
        checkConv(a, c.type(), c.dilation(), c.groups());
        int[] ws = c.weight().shape().toArray();
        int[] pad = convPadding(a, c.type(), c.padding(), new int[] {ws[2]}, c.stride());
        Conv1d l = new Conv1d(ws[1], ws[0], ws[2], c.stride().get(0), pad[0], true, rng);
        copy(c.weight(), l.weight());
        copy(c.bias(), l.bias());
        return l;
    }

    // ------------------------------------------------------------------ neurons: the snntorch preset

    private static boolean close1(double g) {
        return Math.abs(g - 1) <= 1e-8 + 1e-5; // numpy's allclose(g, 1.0), as snnTorch's importer tests it
    }

    private static boolean uniform(float[] v) {
        for (float x : v) {
            if (Float.compare(x, v[0]) != 0) {
                return false;
            }
        }
        return true;
    }

    private static void requireAll(String a, String type, String field, NirArray arr, double value, String why) {
        double[] d = arr.toDoubles();
        for (double x : d) {
            if (x != value) {
                throw NirConversionException.field(a, type, field, why + ", found " + fmt(x));
            }
        }
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }

    private double[] decay(String a, String type, String field, NirArray tau) {
        double[] t = tau.toDoubles();
        double[] b = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            if (!(t[i] > 0)) {
                throw NirConversionException.field(a, type, field, "time constants must be positive, found "
                        + fmt(t[i]));
            }
            b[i] = 1 - dt / t[i];
        }
        return b;
    }

    private Reset resetOf(NirNode n, Reset dflt) {
        if (n.metadata().get(META_RESET) instanceof String s) {
            try {
                return Reset.parse(s);
            } catch (IllegalArgumentException e) {
                return dflt;
            }
        }
        return dflt;
    }

    private static boolean resetDelayOf(NirNode n) {
        Object v = n.metadata().get(META_RESET_DELAY);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number x) {
            return x.doubleValue() != 0;
        }
        return true;
    }

    /** Thresholds divided by the input gain (as snnTorch's importer does), checked positive. */
    private float[] thresholds(String a, String type, NirArray vth, double[] gain, String gainField) {
        double[] th = vth.toDoubles();
        float[] out = new float[th.length];
        for (int i = 0; i < th.length; i++) {
            double g = close1(gain[i]) ? 1 : gain[i];
            if (!(g > 0)) {
                throw NirConversionException.field(a, type, gainField, "the input gain must be positive, found "
                        + fmt(g));
            }
            out[i] = (float) (th[i] / g);
            if (!(out[i] > 0) || !Float.isFinite(out[i])) {
                throw NirConversionException.field(a, type, "v_threshold", "snn4j's neurons need a positive "
                        + "threshold, found " + fmt(th[i]) + (g == 1 ? "" : " (divided by the input gain " + fmt(g)
                        + ")"));
            }
        }
        return out;
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static void set(Layer l, String name, float[] values) {
        for (Parameter p : l.parameters()) {
            if (p.name().equals(name)) {
                float[] d = p.value().data();
                if (d.length == values.length) {
                    System.arraycopy(values, 0, d, 0, d.length);
                } else if (values.length == 1) {
                    Arrays.fill(d, values[0]);
                } else {
                    throw new IllegalStateException(name + ": " + values.length + " values for " + d.length);
                }
                return;
            }
        }
        throw new IllegalStateException("no parameter " + name);
    }

    private List<Layer> snnTorchNeuron(String a, NirNode.Neuron n) {
        String type = n.type();
        int[] shape = n.shape().toArray();
        String hint = "; the snntorch preset follows snnTorch (use --preset nir for NIR's full equations)";
        if (n instanceof NirNode.LIF lif) {
            requireAll(a, type, "v_leak", lif.vLeak(), 0, "the snntorch preset needs 0 (snnTorch has no leak "
                    + "potential)" + hint);
            requireAll(a, type, "v_reset", lif.vReset(), 0, "the snntorch preset needs 0 (snnTorch resets to "
                    + "zero or by subtraction)" + hint);
            double[] beta = decay(a, type, "tau", lif.tau());
            double[] gain = gains(lif.r(), lif.tau());
            float[] th = thresholds(a, type, lif.vThreshold(), gain, "r");
            float[] b = floats(beta);
            Reset reset = resetOf(n, Reset.ZERO);
            boolean delay = resetDelayOf(n);
            NirNode w = recurrentOf.get(a);
            if (w != null) {
                RLeaky.Builder rb = RLeaky.builder(shape[0]).beta(b[0]).threshold(th[0]).reset(reset)
                        .resetDelay(delay);
                boolean per = !uniform(b) || !uniform(th);
                if (per) {
                    rb.perNeuron(shape[0]);
                }
                configure(rb, w);
                Layer l = rb.build(rng);
                fillRecurrent(l, w);
                if (per) {
                    set(l, "beta", b);
                    set(l, "threshold", th);
                }
                return List.of(l);
            }
            Leaky.Builder lb = Leaky.builder().beta(b[0]).threshold(th[0]).reset(reset).resetDelay(delay);
            if (!uniform(b) || !uniform(th)) {
                lb.perNeuron(shape);
                Leaky l = lb.build();
                set(l, "beta", b);
                set(l, "threshold", th);
                return List.of(l);
            }
            return List.of(lb.build());
        }
        if (n instanceof NirNode.CubaLIF c) {
            requireAll(a, type, "v_leak", c.vLeak(), 0, "the snntorch preset needs 0 (snnTorch has no leak "
                    + "potential)" + hint);
            requireAll(a, type, "v_reset", c.vReset(), 0, "the snntorch preset needs 0 (snnTorch resets to zero "
                    + "or by subtraction)" + hint);
            float[] al = floats(decay(a, type, "tau_syn", c.tauSyn()));
            float[] be = floats(decay(a, type, "tau_mem", c.tauMem()));
            double[] g1 = gains(c.wIn(), c.tauSyn());
            double[] g2 = gains(c.r(), c.tauMem());
            double[] gain = new double[g1.length];
            for (int i = 0; i < gain.length; i++) {
                gain[i] = (close1(g1[i]) ? 1 : g1[i]) * (close1(g2[i]) ? 1 : g2[i]);
            }
            float[] th = thresholds(a, type, c.vThreshold(), gain, "w_in");
            Reset reset = resetOf(n, Reset.ZERO);
            boolean delay = resetDelayOf(n);
            boolean per = !uniform(al) || !uniform(be) || !uniform(th);
            NirNode w = recurrentOf.get(a);
            Layer l;
            if (w != null) {
                RSynaptic.Builder rb = RSynaptic.builder(shape[0]).alpha(al[0]).beta(be[0]).threshold(th[0])
                        .reset(reset).resetDelay(delay);
                if (per) {
                    rb.perNeuron(shape[0]);
                }
                configure(rb, w);
                l = rb.build(rng);
                fillRecurrent(l, w);
            } else {
                Synaptic.Builder sb = Synaptic.builder().alpha(al[0]).beta(be[0]).threshold(th[0]).reset(reset)
                        .resetDelay(delay);
                if (per) {
                    sb.perNeuron(shape);
                }
                l = sb.build();
            }
            if (per) {
                set(l, "alpha", al);
                set(l, "beta", be);
                set(l, "threshold", th);
            }
            return List.of(l);
        }
        if (n instanceof NirNode.IF f) {
            requireAll(a, type, "v_reset", f.vReset(), 0, "the snntorch preset needs 0 (snnTorch resets by "
                    + "subtraction)" + hint);
            double[] gain = f.r().toDoubles();
            float[] th = thresholds(a, type, f.vThreshold(), gain, "r");
            IF.Builder ib = IF.builder().threshold(th[0]).reset(resetOf(n, Reset.SUBTRACT))
                    .resetDelay(resetDelayOf(n));
            if (!uniform(th)) {
                ib.perNeuron(shape);
                IF l = ib.build();
                set(l, "threshold", th);
                return List.of(l);
            }
            return List.of(ib.build());
        }
        if (n instanceof NirNode.LI li) {
            requireAll(a, type, "v_leak", li.vLeak(), 0, "the snntorch preset needs 0 (snnTorch has no leak "
                    + "potential)" + hint);
            return integrator(a, shape, floats(decay(a, type, "tau", li.tau())), gains(li.r(), li.tau()));
        }
        if (n instanceof NirNode.I i) {
            double[] r = i.r().toDoubles();
            double[] gain = new double[r.length];
            for (int k = 0; k < r.length; k++) {
                gain[k] = r[k] * dt;
            }
            float[] ones = new float[r.length];
            Arrays.fill(ones, 1f);
            return integrator(a, shape, ones, gain);
        }
        throw NirConversionException.node(a, type, "snnTorch has no counterpart of " + type
                + "; use the nir preset");
    }

    private static void configure(RLeaky.Builder rb, NirNode w) {
        if (w instanceof NirNode.Linear li && diagonal(li.weight())) {
            rb.oneToOne();
        } else {
            rb.allToAll().bias(w instanceof NirNode.Affine);
        }
    }

    private static void configure(RSynaptic.Builder rb, NirNode w) {
        if (w instanceof NirNode.Linear li && diagonal(li.weight())) {
            rb.oneToOne();
        } else {
            rb.allToAll().bias(w instanceof NirNode.Affine);
        }
    }

    private static boolean diagonal(NirArray w) {
        int n = w.shape().get(0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && w.get(i * n + j) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void fillRecurrent(Layer l, NirNode w) {
        NirArray weight = w instanceof NirNode.Affine af ? af.weight() : ((NirNode.Linear) w).weight();
        boolean hasV = false;
        for (Parameter p : l.parameters()) {
            hasV |= p.name().equals("V");
        }
        if (hasV) {
            int n = weight.shape().get(0);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) weight.get(i * n + i);
            }
            set(l, "V", v);
            return;
        }
        set(l, "recurrent.weight", weight.toFloats());
        if (w instanceof NirNode.Affine af) {
            set(l, "recurrent.bias", af.bias().toFloats());
        }
    }

    /** {@code r dt / tau} per neuron: the gain of the input in an Euler step. */
    private double[] gains(NirArray r, NirArray tau) {
        double[] rr = r.toDoubles();
        double[] t = tau.toDoubles();
        double[] g = new double[rr.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = rr[i] * dt / t[i];
        }
        return g;
    }

    private List<Layer> integrator(String a, int[] shape, float[] beta, double[] gain) {
        List<Layer> out = new ArrayList<>();
        boolean unit = true;
        for (double g : gain) {
            unit &= close1(g);
        }
        if (!unit) {
            out.add(NirElementwise.scale("gain", shape, floats(gain)));
        }
        LeakyIntegrator.Builder b = LeakyIntegrator.builder().beta(beta[0]);
        if (!uniform(beta)) {
            b.perNeuron(shape);
            LeakyIntegrator l = b.build();
            set(l, "beta", beta);
            out.add(l);
        } else {
            out.add(b.build());
        }
        return out;
    }

    // ------------------------------------------------------------------ neurons: norse and nir presets

    private static double[] full(int n, double v) {
        double[] d = new double[n];
        Arrays.fill(d, v);
        return d;
    }

    private static float[] ff(double[] d) {
        return NirNeuron.Builder.f(d);
    }

    private double[] eulerK(double[] tau, String a, String type, String field) {
        double[] k = new double[tau.length];
        for (int i = 0; i < k.length; i++) {
            if (!(tau[i] > 0)) {
                throw NirConversionException.field(a, type, field, "time constants must be positive, found "
                        + fmt(tau[i]));
            }
            k[i] = dt / tau[i];
        }
        return k;
    }

    private void warnR(String a, String type, NirArray r) {
        double[] d = r.toDoubles();
        for (double x : d) {
            if (x != 1) {
                warnings.add("node '" + a + "' (" + type + "), field 'r': Norse ignores it (found " + fmt(x)
                        + ", not 1); so does the norse preset");
                return;
            }
        }
    }

    private Layer norseNeuron(String a, NirNode.Neuron n) {
        String type = n.type();
        int[] shape = n.shape().toArray();
        int size = (int) n.shape().elements();
        NirNeuron.Builder b = new NirNeuron.Builder(type, shape);
        if (n instanceof NirNode.IF f) {
            warnR(a, type, f.r());
            b.kind = NirNeuron.Kind.INTEGRATE;
            b.km = ff(full(size, 1));
            b.threshold = f.vThreshold().toFloats();
            b.vReset = new float[size];
            b.v0 = new float[size];
            return b.build();
        }
        if (n instanceof NirNode.LIF lif) {
            warnR(a, type, lif.r());
            b.kind = NirNeuron.Kind.EULER;
            b.km = ff(eulerK(lif.tau().toDoubles(), a, type, "tau"));
            b.g = ff(full(size, 1));
            b.vLeak = lif.vLeak().toFloats();
            b.threshold = lif.vThreshold().toFloats();
            b.vReset = new float[size];
            b.v0 = lif.vLeak().toFloats();
            return b.build();
        }
        if (n instanceof NirNode.LI li) {
            warnR(a, type, li.r());
            b.kind = NirNeuron.Kind.EULER;
            b.km = ff(eulerK(li.tau().toDoubles(), a, type, "tau"));
            b.g = ff(full(size, 1));
            b.vLeak = li.vLeak().toFloats();
            b.v0 = li.vLeak().toFloats();
            return b.build();
        }
        if (n instanceof NirNode.CubaLIF c) {
            b.kind = NirNeuron.Kind.EULER;
            b.ks = ff(eulerK(c.tauSyn().toDoubles(), a, type, "tau_syn"));
            b.iLeak = c.vLeak().toFloats();
            b.win = c.wIn().toFloats();
            b.i0 = c.vLeak().toFloats();
            b.km = ff(eulerK(c.tauMem().toDoubles(), a, type, "tau_mem"));
            b.g = c.r().toFloats();
            b.vLeak = c.vLeak().toFloats();
            b.threshold = c.vThreshold().toFloats();
            b.vReset = new float[size];
            b.v0 = c.vLeak().toFloats();
            return b.build();
        }
        throw NirConversionException.node(a, type, "Norse's importer (norse.torch.from_nir) has no mapping for "
                + type + "; use the nir preset");
    }

    private Layer nirNeuron(String a, NirNode.Neuron n) {
        String type = n.type();
        int[] shape = n.shape().toArray();
        int size = (int) n.shape().elements();
        boolean exact = opt.integration() == Preset.Integration.EXACT;
        NirNeuron.Builder b = new NirNeuron.Builder(type, shape);
        if (n instanceof NirNode.I || n instanceof NirNode.IF) {
            NirArray r = n instanceof NirNode.I i ? i.r() : ((NirNode.IF) n).r();
            double[] h = r.toDoubles();
            for (int k = 0; k < h.length; k++) {
                h[k] *= dt;
            }
            b.kind = NirNeuron.Kind.INTEGRATE;
            b.km = ff(h);
            b.v0 = new float[size];
            if (n instanceof NirNode.IF f) {
                b.threshold = f.vThreshold().toFloats();
                b.vReset = f.vReset().toFloats();
            }
            return b.build();
        }
        NirArray tau;
        NirArray r;
        NirArray vLeak;
        NirArray vth = null;
        NirArray vReset = null;
        if (n instanceof NirNode.LIF lif) {
            tau = lif.tau();
            r = lif.r();
            vLeak = lif.vLeak();
            vth = lif.vThreshold();
            vReset = lif.vReset();
        } else if (n instanceof NirNode.LI li) {
            tau = li.tau();
            r = li.r();
            vLeak = li.vLeak();
        } else if (n instanceof NirNode.CubaLIF c) {
            tau = c.tauMem();
            r = c.r();
            vLeak = c.vLeak();
            vth = c.vThreshold();
            vReset = c.vReset();
        } else if (n instanceof NirNode.CubaLI c) {
            tau = c.tauMem();
            r = c.r();
            vLeak = c.vLeak();
        } else {
            throw NirConversionException.node(a, type, "this neuron type cannot be run");
        }
        String tauField = n instanceof NirNode.CubaLIF || n instanceof NirNode.CubaLI ? "tau_mem" : "tau";
        double[] k = eulerK(tau.toDoubles(), a, type, tauField);
        double[] am = new double[size];
        for (int i = 0; i < size; i++) {
            am[i] = Math.exp(-k[i]);
        }
        b.kind = exact ? NirNeuron.Kind.EXACT : NirNeuron.Kind.EULER;
        b.km = ff(exact ? am : k);
        b.g = r.toFloats();
        b.vLeak = vLeak.toFloats();
        b.v0 = vLeak.toFloats();
        if (vth != null) {
            b.threshold = vth.toFloats();
            b.vReset = vReset.toFloats();
        }
        if (n instanceof NirNode.CubaLIF || n instanceof NirNode.CubaLI) {
            NirArray tauSyn = n instanceof NirNode.CubaLIF c ? c.tauSyn() : ((NirNode.CubaLI) n).tauSyn();
            NirArray wIn = n instanceof NirNode.CubaLIF c ? c.wIn() : ((NirNode.CubaLI) n).wIn();
            double[] ks = eulerK(tauSyn.toDoubles(), a, type, "tau_syn");
            double[] as = new double[size];
            double[] kappa = new double[size];
            double[] ts = tauSyn.toDoubles();
            double[] tm = tau.toDoubles();
            for (int i = 0; i < size; i++) {
                as[i] = Math.exp(-ks[i]);
                // exact response of v to a decaying current: tau_s / (tau_s - tau_m) (e^-dt/tau_s - e^-dt/tau_m)
                double rel = Math.abs(ts[i] - tm[i]) / Math.max(ts[i], tm[i]);
                kappa[i] = rel < 1e-9 ? k[i] * am[i] : ts[i] / (ts[i] - tm[i]) * (as[i] - am[i]);
            }
            b.ks = ff(exact ? as : ks);
            b.iLeak = new float[size];
            b.win = wIn.toFloats();
            b.kappa = ff(kappa);
            b.i0 = new float[size];
        }
        return b.build();
    }
}
