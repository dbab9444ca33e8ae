package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network of named layers joined by edges, for architectures that are not a chain (skip connections,
 * recurrent loops, NIR graphs). A node's input is the SUM of the outputs arriving on its edges. A recurrent edge
 * delivers its source's output one time step later (zeros at step 0), which is what lets a graph contain
 * cycles: every cycle must contain a recurrent edge.
 *
 * <pre>{@code
 * Graph g = Graph.builder()
 *     .input("in", 700)
 *     .node("fc1", new Linear(700, 256, rng)).edge("in", "fc1")
 *     .node("lif1", new Leaky(0.9f)).edge("fc1", "lif1")
 *     .node("rec", new Linear(256, 256, rng)).edge("lif1", "rec").recurrentEdge("rec", "lif1")
 *     .node("fc2", new Linear(256, 20, rng)).edge("lif1", "fc2")
 *     .output("fc2")
 *     .build();
 * }</pre>
 *
 * <p>Without recurrent edges the graph runs each node on the whole sequence in topological order (the fast
 * path). With recurrent edges it runs step by step through each layer's recorded-step API and back-propagates
 * through time exactly: steps in reverse, nodes in reverse topological order, the gradients of delayed edges
 * carried to the previous step.
 */
public final class Graph extends AbstractLayer implements Network {
    private final String inputName;
    private final int[] inputShape;
    private final String outputName;
    /** Layer nodes in topological order of the non-recurrent edges. */
    private final List<String> order;
    private final Map<String, Layer> layers;
    /** Incoming edges of every layer node, in the order they were added. */
    private final Map<String, List<Edge>> incoming;
    private final List<Edge> edges;
    private final boolean hasRecurrent;
    /** Nodes whose output feeds a recurrent edge. */
    private final List<String> delayedSources;

    private boolean recording;
    private final Map<String, Tensor> recorded = new LinkedHashMap<>();

    // Step state (recorded steps and stateful inference).
    private Map<String, int[]> stepShapes;
    private Map<String, Tensor> delayed = new HashMap<>();
    private Map<String, Tensor> delayedGrad = new HashMap<>();
    private int stepsTaken;
    private int stepsBack;
    private boolean stepTraining;
    private boolean stepRecording;
    private Map<String, List<Tensor>> stepOutputs;

    // Whole-sequence cache.
    private int[] lastSequenceShape;
    private boolean lastWasStepwise;

    /** An edge {@code from -> to}; recurrent edges deliver one step later. */
    public record Edge(String from, String to, boolean recurrent) {
    }

    private Graph(Builder b) {
        this.inputName = b.inputName;
        this.inputShape = b.inputShape;
        this.outputName = b.outputName;
        this.layers = new LinkedHashMap<>();
        this.edges = List.copyOf(b.edges);
        this.incoming = new HashMap<>();
        if (inputName == null) {
            throw new IllegalArgumentException("graph: no input node; call input(name, shape...)");
        }
        if (b.nodes.isEmpty()) {
            throw new IllegalArgumentException("graph: no layer nodes");
        }
        for (Map.Entry<String, Layer> e : b.nodes.entrySet()) {
            incoming.put(e.getKey(), new ArrayList<>());
        }
        for (Edge e : b.edges) {
            if (!e.from().equals(inputName) && !b.nodes.containsKey(e.from())) {
                throw new IllegalArgumentException("graph: edge " + e.from() + " -> " + e.to() + ": no node named '"
                        + e.from() + "'");
            }
            if (e.to().equals(inputName)) {
                throw new IllegalArgumentException("graph: edge " + e.from() + " -> " + e.to()
                        + ": the input node '" + inputName + "' cannot receive edges");
            }
            if (!b.nodes.containsKey(e.to())) {
                throw new IllegalArgumentException("graph: edge " + e.from() + " -> " + e.to() + ": no node named '"
                        + e.to() + "'");
            }
            if (e.recurrent() && e.from().equals(inputName)) {
                throw new IllegalArgumentException("graph: edge " + e.from() + " -> " + e.to()
                        + ": an edge from the input cannot be recurrent");
            }
        }
        if (outputName == null) {
            throw new IllegalArgumentException("graph: no output node; call output(name)");
        }
        if (!b.nodes.containsKey(outputName)) {
            throw new IllegalArgumentException("graph: output '" + outputName + "' is not a layer node; nodes: "
                    + String.join(", ", b.nodes.keySet()));
        }
        List<Edge> es = b.breakCycles ? markBackEdges(b) : b.edges;
        for (Edge e : es) {
            incoming.get(e.to()).add(e);
        }
        for (String n : b.nodes.keySet()) {
            if (incoming.get(n).isEmpty()) {
                throw new IllegalArgumentException("graph: node '" + n + "' has no incoming edge");
            }
        }
        this.order = topologicalOrder(b.nodes.keySet(), es);
        for (String n : order) {
            layers.put(n, b.nodes.get(n));
        }
        boolean rec = false;
        Set<String> ds = new java.util.LinkedHashSet<>();
        for (Edge e : es) {
            if (e.recurrent()) {
                rec = true;
                ds.add(e.from());
            }
        }
        this.hasRecurrent = rec;
        this.delayedSources = List.copyOf(ds);
        applyInputGradFlags();
        if (inputShape != null) {
            inferShapes(inputShape);
        }
    }

    private List<Edge> markBackEdges(Builder b) {
        // Depth-first from the input in insertion order; an edge to a node still on the stack closes a cycle.
        Map<String, List<Edge>> out = new LinkedHashMap<>();
        for (Edge e : b.edges) {
            out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }
        Set<Edge> back = new HashSet<>();
        Set<String> done = new HashSet<>();
        Set<String> onStack = new HashSet<>();
        List<String> roots = new ArrayList<>();
        roots.add(inputName);
        roots.addAll(b.nodes.keySet());
        for (String r : roots) {
            dfs(r, out, done, onStack, back);
        }
        List<Edge> es = new ArrayList<>();
        for (Edge e : b.edges) {
            es.add(back.contains(e) ? new Edge(e.from(), e.to(), true) : e);
        }
        return es;
    }

    private static void dfs(String n, Map<String, List<Edge>> out, Set<String> done, Set<String> onStack,
            Set<Edge> back) {
        if (done.contains(n)) {
            return;
        }
        onStack.add(n);
        for (Edge e : out.getOrDefault(n, List.of())) {
            if (e.recurrent()) {
                continue;
            }
            if (onStack.contains(e.to())) {
                back.add(e);
            } else {
                dfs(e.to(), out, done, onStack, back);
            }
        }
        onStack.remove(n);
        done.add(n);
    }

    private List<String> topologicalOrder(Set<String> nodes, List<Edge> es) {
        Map<String, Integer> indeg = new LinkedHashMap<>();
        for (String n : nodes) {
            indeg.put(n, 0);
        }
        for (Edge e : es) {
            if (!e.recurrent() && !e.from().equals(inputName)) {
                indeg.merge(e.to(), 1, Integer::sum);
            }
        }
        List<String> result = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        // Kahn's algorithm; among ready nodes the earliest added goes first, so the order is stable.
        boolean progress = true;
        while (progress) {
            progress = false;
            for (String n : nodes) {
                if (!placed.contains(n) && indeg.get(n) == 0) {
                    placed.add(n);
                    result.add(n);
                    for (Edge e : es) {
                        if (!e.recurrent() && e.from().equals(n)) {
                            indeg.merge(e.to(), -1, Integer::sum);
                        }
                    }
                    progress = true;
                    break;
                }
            }
        }
        if (result.size() < nodes.size()) {
            List<String> cyc = new ArrayList<>();
            for (String n : nodes) {
                if (!placed.contains(n)) {
                    cyc.add(n);
                }
            }
            throw new IllegalArgumentException("graph: cycle without a recurrent edge among nodes " + cyc
                    + "; mark one edge of the cycle with recurrentEdge(from, to)");
        }
        return result;
    }

    private void applyInputGradFlags() {
        for (String n : order) {
            boolean need = false;
            for (Edge e : incoming.get(n)) {
                need |= e.from().equals(inputName) ? inputGradRequired : true;
            }
            layers.get(n).setInputGradRequired(need);
        }
    }

    /** Feature shapes of every node's output (and the input's), checking that summed inputs agree. */
    private Map<String, int[]> inferShapes(int[] in) {
        Map<String, int[]> shapes = new HashMap<>();
        shapes.put(inputName, in.clone());
        // Nodes fed only by recurrent edges learn their input shape from a later node: iterate to a fixed point.
        for (int pass = 0; pass <= order.size(); pass++) {
            boolean progress = false;
            for (String n : order) {
                if (shapes.containsKey(n)) {
                    continue;
                }
                int[] s = inputShapeOf(n, shapes, false);
                if (s != null) {
                    try {
                        shapes.put(n, layers.get(n).outputShape(s));
                    } catch (IllegalArgumentException ex) {
                        throw new IllegalArgumentException("graph: node '" + n + "': " + ex.getMessage(), ex);
                    }
                    progress = true;
                }
            }
            if (!progress) {
                break;
            }
        }
        for (String n : order) {
            if (!shapes.containsKey(n)) {
                throw new IllegalArgumentException("graph: cannot infer the shape of node '" + n
                        + "': it is not reachable from the input '" + inputName + "'");
            }
            inputShapeOf(n, shapes, true);
        }
        return shapes;
    }

    private int[] inputShapeOf(String n, Map<String, int[]> shapes, boolean requireAll) {
        int[] s = null;
        String first = null;
        for (Edge e : incoming.get(n)) {
            int[] t = shapes.get(e.from());
            if (t == null) {
                continue;
            }
            if (s == null) {
                s = t;
                first = e.from();
            } else if (!Arrays.equals(s, t)) {
                throw new IllegalArgumentException("graph: node '" + n + "' sums inputs of different shapes: '"
                        + first + "' gives " + Arrays.toString(s) + ", '" + e.from() + "' gives "
                        + Arrays.toString(t));
            }
        }
        return s;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects nodes and edges; {@link #build()} validates them. */
    public static final class Builder {
        private String inputName;
        private int[] inputShape;
        private String outputName;
        private final Map<String, Layer> nodes = new LinkedHashMap<>();
        private final List<Edge> edges = new ArrayList<>();
        private boolean breakCycles;

        private Builder() {
        }

        /**
         * Names the graph's input; {@code featureShape} (without T and B, e.g. {@code 700}) is optional and lets
         * {@link #build()} check every shape up front.
         */
        public Builder input(String name, int... featureShape) {
            this.inputName = name;
            this.inputShape = featureShape.length == 0 ? null : featureShape.clone();
            return this;
        }

        public Builder node(String name, Layer layer) {
            if (name == null || name.isEmpty() || name.contains(".")) {
                throw new IllegalArgumentException("graph: node names must be non-empty without '.', got '"
                        + name + "'");
            }
            if (nodes.containsKey(name) || name.equals(inputName)) {
                throw new IllegalArgumentException("graph: duplicate node name '" + name + "'");
            }
            nodes.put(name, layer);
            return this;
        }

        /** An edge delivering {@code from}'s output at the same time step. */
        public Builder edge(String from, String to) {
            edges.add(new Edge(from, to, false));
            return this;
        }

        /** An edge delivering {@code from}'s output of step t - 1 at step t (zeros at step 0). */
        public Builder recurrentEdge(String from, String to) {
            edges.add(new Edge(from, to, true));
            return this;
        }

        /**
         * Instead of rejecting cycles made of plain edges, make the edge that closes each cycle (found by a
         * depth-first walk from the input, in the order edges were added) recurrent. Useful for imported graphs
         * (NIR) that do not mark their delays.
         */
        public Builder breakCyclesWithDelays() {
            this.breakCycles = true;
            return this;
        }

        public Builder output(String name) {
            this.outputName = name;
            return this;
        }

        public Graph build() {
            return new Graph(this);
        }
    }

    static Graph fromSpec(LayerSpec spec, Rng rng) {
        spec.checkKeys("input", "input_shape", "nodes", "edges", "output");
        Builder b = builder();
        String in = spec.getString("input", "input");
        int[] shape = spec.has("input_shape") ? spec.getInts("input_shape", 1, null) : new int[0];
        b.input(in, shape);
        Object nodes = spec.config().get("nodes");
        if (!(nodes instanceof List<?> nl) || nl.isEmpty()) {
            throw new IllegalArgumentException("graph: 'nodes' must be a non-empty list of {name, layer}");
        }
        for (Object o : nl) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("name") instanceof String name) || m.get("layer") == null) {
                throw new IllegalArgumentException("graph: each node must be a map {name: ..., layer: {type: ...}}, "
                        + "got " + o);
            }
            b.node(name, Layers.create(Layers.toSpec(m.get("layer")), rng));
        }
        Object edges = spec.config().get("edges");
        if (!(edges instanceof List<?> el)) {
            throw new IllegalArgumentException("graph: 'edges' must be a list of {from, to, recurrent}");
        }
        for (Object o : el) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("from") instanceof String from)
                    || !(m.get("to") instanceof String to)) {
                throw new IllegalArgumentException("graph: each edge must be a map {from: ..., to: ...}, got " + o);
            }
            if (Boolean.TRUE.equals(m.get("recurrent"))) {
                b.recurrentEdge(from, to);
            } else {
                b.edge(from, to);
            }
        }
        if (!(spec.config().get("output") instanceof String out)) {
            throw new IllegalArgumentException("graph: missing 'output' (a node name)");
        }
        return b.output(out).build();
    }

    /** The edges (recurrent ones included), in the order they were added. */
    public List<Edge> edges() {
        List<Edge> all = new ArrayList<>();
        for (Edge e : edges) {
            boolean rec = false;
            for (Edge f : incoming.get(e.to())) {
                if (f.from().equals(e.from())) {
                    rec |= f.recurrent();
                }
            }
            all.add(new Edge(e.from(), e.to(), rec));
        }
        return all;
    }

    public String inputName() {
        return inputName;
    }

    public String outputName() {
        return outputName;
    }

    /** Whether some edge is recurrent (the graph then runs step by step). */
    public boolean isRecurrent() {
        return hasRecurrent;
    }

    @Override
    public String type() {
        return "graph";
    }

    @Override
    public void setInputGradRequired(boolean required) {
        super.setInputGradRequired(required);
        applyInputGradFlags();
    }

    @Override
    public int[] outputShape(int[] in) {
        return inferShapes(in).get(outputName);
    }

    @Override
    public LinkedHashMap<String, Parameter> namedParameters() {
        LinkedHashMap<String, Parameter> m = new LinkedHashMap<>();
        for (Map.Entry<String, Layer> e : layers.entrySet()) {
            Layer l = e.getValue();
            if (l instanceof Network n) {
                for (Map.Entry<String, Parameter> p : n.namedParameters().entrySet()) {
                    m.put(e.getKey() + "." + p.getKey(), p.getValue());
                }
            } else {
                for (Parameter p : l.parameters()) {
                    m.put(e.getKey() + "." + p.name(), p);
                }
            }
        }
        return m;
    }

    @Override
    public Map<String, Layer> namedLayers() {
        return Collections.unmodifiableMap(layers);
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

    private static Tensor sum(Tensor a, Tensor b, boolean aOwned) {
        if (a == null) {
            return b;
        }
        Tensor s = aOwned ? a : a.copy();
        s.addInPlace(b);
        return s;
    }

    /**
     * @param x {@code [T, B, ...input features]}
     * @return the output node's {@code [T, B, ...]}
     */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("graph: expected input [T, B, ...], got "
                    + Arrays.toString(x.shape()));
        }
        recorded.clear();
        lastSequenceShape = x.shape();
        Map<String, int[]> shapes = inferShapes(x.trailingShape(2));
        if (hasRecurrent) {
            lastWasStepwise = true;
            return forwardStepwise(x, training, shapes);
        }
        lastWasStepwise = false;
        Map<String, Tensor> values = new HashMap<>();
        values.put(inputName, x);
        for (String n : order) {
            Tensor in = null;
            boolean owned = false;
            for (Edge e : incoming.get(n)) {
                in = sum(in, values.get(e.from()), owned);
                owned = in != values.get(e.from()) || owned;
            }
            Tensor y = layers.get(n).forward(in, training);
            values.put(n, y);
            if (recording) {
                recorded.put(n, y);
            }
        }
        return values.get(outputName);
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        if (lastSequenceShape == null) {
            throw new IllegalStateException("graph: backward without a training forward");
        }
        if (lastWasStepwise) {
            return backwardStepwise(gradOut);
        }
        Map<String, Tensor> grads = new HashMap<>();
        Set<Tensor> owned = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        grads.put(outputName, gradOut);
        for (int i = order.size() - 1; i >= 0; i--) {
            String n = order.get(i);
            Tensor g = grads.get(n);
            if (g == null) {
                continue;
            }
            Tensor gin = layers.get(n).backward(g);
            if (gin == null) {
                continue;
            }
            for (Edge e : incoming.get(n)) {
                addGrad(grads, owned, e.from(), gin);
            }
        }
        if (!inputGradRequired) {
            return null;
        }
        Tensor gx = grads.get(inputName);
        return gx != null ? gx : new Tensor(lastSequenceShape);
    }

    private static void addGrad(Map<String, Tensor> grads, Set<Tensor> owned, String to, Tensor g) {
        Tensor cur = grads.get(to);
        if (cur == null) {
            grads.put(to, g);
        } else if (owned.contains(cur)) {
            cur.addInPlace(g);
        } else {
            Tensor s = cur.copy();
            s.addInPlace(g);
            owned.add(s);
            grads.put(to, s);
        }
    }

    private Tensor forwardStepwise(Tensor x, boolean training, Map<String, int[]> shapes) {
        int steps = x.dim(0);
        startSteps(training, shapes, recording);
        List<Tensor> outs = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            outs.add(doForwardStep(x.slice0(t), false));
        }
        if (recording) {
            for (String n : order) {
                recorded.put(n, Tensor.stack(stepOutputs.get(n)));
            }
        }
        stepOutputs = null;
        return Tensor.stack(outs);
    }

    private Tensor backwardStepwise(Tensor gradOut) {
        int steps = lastSequenceShape[0];
        if (gradOut.rank() < 1 || gradOut.dim(0) != steps) {
            throw new IllegalArgumentException("graph: expected an output gradient with " + steps
                    + " steps, got " + Arrays.toString(gradOut.shape()));
        }
        Tensor dx = inputGradRequired ? new Tensor(lastSequenceShape) : null;
        for (int t = steps - 1; t >= 0; t--) {
            Tensor g = doBackwardStep(gradOut.slice0(t));
            if (dx != null && g != null) {
                dx.setSlice0(t, g);
            }
        }
        return dx;
    }

    private void startSteps(boolean training, Map<String, int[]> shapes, boolean keepOutputs) {
        stepShapes = shapes;
        stepTraining = training;
        stepsTaken = 0;
        stepsBack = 0;
        delayed = new HashMap<>();
        delayedGrad = new HashMap<>();
        stepOutputs = null;
        if (keepOutputs) {
            stepOutputs = new HashMap<>();
            for (String n : order) {
                stepOutputs.put(n, new ArrayList<>());
            }
        }
        for (Layer l : layers.values()) {
            l.beginSteps(training);
        }
    }

    private Tensor zerosFor(String node, int batch) {
        int[] f = stepShapes.get(node);
        int[] s = new int[f.length + 1];
        s[0] = batch;
        System.arraycopy(f, 0, s, 1, f.length);
        return new Tensor(s);
    }

    /** One step {@code [B, ...]}: inference ({@link Layer#step}) or recorded ({@link Layer#forwardStep}). */
    private Tensor doForwardStep(Tensor x, boolean inference) {
        int batch = x.dim(0);
        Map<String, Tensor> values = new HashMap<>();
        values.put(inputName, x);
        for (String n : order) {
            Tensor in = null;
            boolean owned = false;
            for (Edge e : incoming.get(n)) {
                Tensor v = e.recurrent() ? delayed.get(e.from()) : values.get(e.from());
                if (v == null) {
                    continue;
                }
                Tensor before = in;
                in = sum(in, v, owned);
                owned = owned || (before != null);
            }
            if (in == null) {
                int[] f = inputShapeOf(n, stepShapes, false);
                int[] s = new int[f.length + 1];
                s[0] = batch;
                System.arraycopy(f, 0, s, 1, f.length);
                in = new Tensor(s);
            }
            Layer l = layers.get(n);
            Tensor y = inference ? l.step(in) : l.forwardStep(in);
            values.put(n, y);
            if (stepOutputs != null) {
                stepOutputs.get(n).add(y);
            }
        }
        for (String s : delayedSources) {
            delayed.put(s, values.get(s));
        }
        stepsTaken++;
        return values.get(outputName);
    }

    /** Reverse of the most recent not yet reversed recorded step; returns the input gradient {@code [B, ...]}. */
    private Tensor doBackwardStep(Tensor gradOut) {
        if (stepsBack >= stepsTaken) {
            throw new IllegalStateException("graph: backwardStep without a recorded forwardStep");
        }
        boolean firstStep = stepsBack == stepsTaken - 1;
        int batch = gradOut.dim(0);
        Map<String, Tensor> grads = new HashMap<>();
        Set<Tensor> owned = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        addGrad(grads, owned, outputName, gradOut);
        for (Map.Entry<String, Tensor> e : delayedGrad.entrySet()) {
            addGrad(grads, owned, e.getKey(), e.getValue());
        }
        Map<String, Tensor> nextDelayedGrad = new HashMap<>();
        Set<Tensor> ownedDelayed = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = order.size() - 1; i >= 0; i--) {
            String n = order.get(i);
            Tensor g = grads.get(n);
            // Every layer steps back exactly once per step, even without a gradient here: its state still
            // carries gradient from later steps.
            if (g == null) {
                g = zerosFor(n, batch);
            }
            Tensor gin = layers.get(n).backwardStep(g);
            if (gin == null) {
                continue;
            }
            for (Edge e : incoming.get(n)) {
                if (!e.recurrent()) {
                    addGrad(grads, owned, e.from(), gin);
                } else if (!firstStep) {
                    // At step 0 the delayed value was a constant zero: nothing to carry.
                    addGrad(nextDelayedGrad, ownedDelayed, e.from(), gin);
                }
            }
        }
        delayedGrad = nextDelayedGrad;
        stepsBack++;
        if (!inputGradRequired) {
            return null;
        }
        Tensor gx = grads.get(inputName);
        if (gx == null) {
            int[] s = new int[stepShapes.get(inputName).length + 1];
            s[0] = batch;
            System.arraycopy(stepShapes.get(inputName), 0, s, 1, s.length - 1);
            gx = new Tensor(s);
        }
        return gx;
    }

    @Override
    public Tensor step(Tensor x) {
        if (stepShapes == null || stepsTaken == 0) {
            stepShapes = inferShapes(x.trailingShape(1));
        }
        return doForwardStep(x, true);
    }

    @Override
    public void resetState() {
        for (Layer l : layers.values()) {
            l.resetState();
        }
        delayed = new HashMap<>();
        delayedGrad = new HashMap<>();
        stepsTaken = 0;
        stepsBack = 0;
        stepShapes = null;
    }

    @Override
    public void beginSteps(boolean training) {
        stepShapes = null;
        startSteps(training, null, false);
    }

    @Override
    public Tensor forwardStep(Tensor x) {
        if (stepShapes == null) {
            stepShapes = inferShapes(x.trailingShape(1));
        }
        return doForwardStep(x, false);
    }

    @Override
    public Tensor backwardStep(Tensor gradOut) {
        return doBackwardStep(gradOut);
    }

    @Override
    public LayerSpec spec() {
        List<Object> nodes = new ArrayList<>();
        for (Map.Entry<String, Layer> e : layers.entrySet()) {
            LayerSpec s = e.getValue().spec();
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("type", s.type());
            layer.putAll(s.config());
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", e.getKey());
            node.put("layer", layer);
            nodes.add(node);
        }
        List<Object> es = new ArrayList<>();
        for (Edge e : edges()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", e.from());
            m.put("to", e.to());
            m.put("recurrent", e.recurrent());
            es.add(m);
        }
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("input", inputName);
        if (inputShape != null) {
            List<Object> shape = new ArrayList<>();
            for (int d : inputShape) {
                shape.add(d);
            }
            cfg.put("input_shape", shape);
        }
        cfg.put("nodes", nodes);
        cfg.put("edges", es);
        cfg.put("output", outputName);
        return new LayerSpec("graph", cfg);
    }
}
