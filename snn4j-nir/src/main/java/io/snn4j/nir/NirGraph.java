package io.snn4j.nir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A NIR graph: named nodes (which may be graphs themselves), directed edges between them, and metadata. An edge
 * carries the source's output to the target's input unchanged; several edges into one node add up (fan-in).
 *
 * <p>Edges name nodes by address: a node's own name first (names may contain dots, as snnTorch's {@code 1.lif}
 * does), else a dotted path into a subgraph ({@code lif1.lin} is node {@code lin} of subgraph {@code lif1}); see
 * {@link #find(String)}. The constructor rejects an edge whose end names no node.
 *
 * <p>Immutable; {@link #equals} compares nodes by name (not by order), edges in order, and metadata.
 */
public final class NirGraph implements NirNode {

    /** A directed edge {@code source -> target} between node addresses. */
    public record Edge(String source, String target) {
        public Edge {
            if (source == null || source.isEmpty() || target == null || target.isEmpty()) {
                throw new IllegalArgumentException("an edge needs a source and a target name, got " + source + " -> "
                        + target);
            }
        }

        @Override
        public String toString() {
            return source + " -> " + target;
        }
    }

    /** What a node takes and gives, as far as it could be told (null: unknown). */
    public record NodeShapes(Shape input, Shape output) {
    }

    /**
     * The result of {@link #inferShapes()}: shapes by node address (nodes of subgraphs under their dotted address)
     * and the edges whose shapes disagree, one sentence each.
     */
    public record ShapeReport(Map<String, NodeShapes> shapes, List<String> mismatches) {
        public ShapeReport {
            shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
            mismatches = List.copyOf(mismatches);
        }

        /** The input shape of the node at this address, or null. */
        public Shape input(String address) {
            NodeShapes s = shapes.get(address);
            return s == null ? null : s.input();
        }

        /** The output shape of the node at this address, or null. */
        public Shape output(String address) {
            NodeShapes s = shapes.get(address);
            return s == null ? null : s.output();
        }
    }

    private final Map<String, NirNode> nodes;
    private final List<Edge> edges;
    private final Map<String, Object> metadata;
    private volatile ShapeReport shapeReport;

    /**
     * A graph of these nodes (in this order) and edges. Throws {@link IllegalArgumentException} for a node name
     * that HDF5 cannot store (empty, {@code .}, or containing {@code /}) and for an edge that names no node.
     */
    public NirGraph(Map<String, ? extends NirNode> nodes, List<Edge> edges, Map<String, ?> metadata) {
        Objects.requireNonNull(nodes, "nodes");
        Objects.requireNonNull(edges, "edges");
        Map<String, NirNode> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends NirNode> e : nodes.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(".") || name.contains("/")) {
                throw new IllegalArgumentException("NIRGraph: node name '" + name + "' cannot be stored in a NIR file "
                        + "(empty, '.', or containing '/')");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("NIRGraph: node '" + name + "' is null");
            }
            copy.put(name, e.getValue());
        }
        this.nodes = Collections.unmodifiableMap(copy);
        this.edges = List.copyOf(edges);
        this.metadata = Metadata.copyOf(metadata);
        for (Edge edge : this.edges) {
            for (String end : new String[] {edge.source(), edge.target()}) {
                if (find(end).isEmpty()) {
                    throw new IllegalArgumentException("edge " + edge + " names node '" + end + "', which is not in "
                            + "the graph (its nodes: " + String.join(", ", this.nodes.keySet()) + ")");
                }
            }
        }
    }

    public NirGraph(Map<String, ? extends NirNode> nodes, List<Edge> edges) {
        this(nodes, edges, null);
    }

    /** A chain: the nodes in the map's order, each feeding the next. */
    public static NirGraph sequential(Map<String, ? extends NirNode> nodesInOrder) {
        List<Edge> edges = new ArrayList<>();
        String previous = null;
        for (String name : nodesInOrder.keySet()) {
            if (previous != null) {
                edges.add(new Edge(previous, name));
            }
            previous = name;
        }
        return new NirGraph(nodesInOrder, edges);
    }

    @Override
    public String type() {
        return "NIRGraph";
    }

    /** The nodes by name, in the order given (a file's order: HDF5 lists names sorted). */
    public Map<String, NirNode> nodes() {
        return nodes;
    }

    public List<Edge> edges() {
        return edges;
    }

    @Override
    public Map<String, Object> metadata() {
        return metadata;
    }

    /**
     * The node at an address: the node of exactly that name if there is one, else, for {@code a.b.c}, node
     * {@code b.c} of subgraph {@code a} (looked up the same way), then node {@code c} of subgraph {@code a.b}.
     */
    public Optional<NirNode> find(String address) {
        NirNode n = nodes.get(address);
        if (n != null) {
            return Optional.of(n);
        }
        for (int i = address.indexOf('.'); i > 0; i = address.indexOf('.', i + 1)) {
            NirNode sub = nodes.get(address.substring(0, i));
            if (sub instanceof NirGraph) {
                Optional<NirNode> inner = ((NirGraph) sub).find(address.substring(i + 1));
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    /** Like {@link #find} but throws {@link IllegalArgumentException} naming the address when there is no node. */
    public NirNode node(String address) {
        return find(address).orElseThrow(() -> new IllegalArgumentException("no node '" + address
                + "' in the graph (its nodes: " + String.join(", ", nodes.keySet()) + ")"));
    }

    /** Names of the {@link NirNode.Input} nodes, in order. */
    public List<String> inputNames() {
        List<String> l = new ArrayList<>();
        nodes.forEach((k, v) -> {
            if (v instanceof NirNode.Input) {
                l.add(k);
            }
        });
        return l;
    }

    /** Names of the {@link NirNode.Output} nodes, in order. */
    public List<String> outputNames() {
        List<String> l = new ArrayList<>();
        nodes.forEach((k, v) -> {
            if (v instanceof NirNode.Output) {
                l.add(k);
            }
        });
        return l;
    }

    /** The edges leaving the node of this name (exact source name). */
    public List<Edge> edgesFrom(String name) {
        List<Edge> l = new ArrayList<>();
        for (Edge e : edges) {
            if (e.source().equals(name)) {
                l.add(e);
            }
        }
        return l;
    }

    /** The edges entering the node of this name (exact target name). */
    public List<Edge> edgesTo(String name) {
        List<Edge> l = new ArrayList<>();
        for (Edge e : edges) {
            if (e.target().equals(name)) {
                l.add(e);
            }
        }
        return l;
    }

    /** The shape of the graph's single Input node; null when it has none or several. */
    @Override
    public Shape inputType() {
        List<String> in = inputNames();
        return in.size() == 1 ? ((NirNode.Input) nodes.get(in.get(0))).shape() : null;
    }

    /** The shape reaching the graph's single Output node; null when unknown or when it has none or several. */
    @Override
    public Shape outputType(Shape input) {
        List<String> out = outputNames();
        return out.size() == 1 ? inferShapes().output(out.get(0)) : null;
    }

    /** Empty: a graph's nodes, edges and metadata are its content, not fields. */
    @Override
    public Map<String, Object> fields() {
        return Map.of();
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (NirNode node : nodes.values()) {
            n += node.parameterCount();
        }
        return n;
    }

    /**
     * Every node's input and output shape, propagated from the Input nodes along the edges (a node that fixes its
     * own input shape keeps it), and the edges whose source gives a shape other than the target takes. NIR's own
     * reader rejects a file with such an edge when it type-checks; this reader only reports it.
     */
    public ShapeReport inferShapes() {
        ShapeReport r = shapeReport;
        if (r == null) {
            r = computeShapes();
            shapeReport = r;
        }
        return r;
    }

    private ShapeReport computeShapes() {
        Map<String, Shape> in = new HashMap<>();
        Map<String, Shape> out = new HashMap<>();
        Map<String, ShapeReport> sub = new LinkedHashMap<>();
        for (Map.Entry<String, NirNode> e : nodes.entrySet()) {
            in.put(e.getKey(), e.getValue().inputType());
            if (e.getValue() instanceof NirGraph) {
                sub.put(e.getKey(), ((NirGraph) e.getValue()).inferShapes());
            }
        }
        for (int pass = 0; pass <= nodes.size(); pass++) {
            boolean changed = false;
            for (Map.Entry<String, NirNode> e : nodes.entrySet()) {
                String name = e.getKey();
                if (in.get(name) == null) {
                    for (Edge edge : edgesTo(name)) {
                        Shape s = outputOf(edge.source(), out, sub);
                        if (s != null) {
                            in.put(name, s);
                            changed = true;
                            break;
                        }
                    }
                }
                Shape o = e.getValue().outputType(in.get(name));
                if (o != null && !o.equals(out.get(name))) {
                    out.put(name, o);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        Map<String, NodeShapes> shapes = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        for (String name : nodes.keySet()) {
            shapes.put(name, new NodeShapes(in.get(name), out.get(name)));
            ShapeReport s = sub.get(name);
            if (s != null) {
                s.shapes().forEach((k, v) -> shapes.put(name + "." + k, v));
                for (String m : s.mismatches()) {
                    mismatches.add("in graph '" + name + "': " + m);
                }
            }
        }
        for (Edge edge : edges) {
            Shape gives = outputOf(edge.source(), out, sub);
            Shape takes = inputOf(edge.target(), in, sub);
            if (gives != null && takes != null && !gives.equals(takes)) {
                mismatches.add("edge " + edge + ": '" + edge.source() + "' gives " + gives + ", '" + edge.target()
                        + "' takes " + takes);
            }
        }
        return new ShapeReport(shapes, mismatches);
    }

    private Shape outputOf(String address, Map<String, Shape> out, Map<String, ShapeReport> sub) {
        if (nodes.containsKey(address)) {
            return out.get(address);
        }
        return nested(address, sub, false);
    }

    private Shape inputOf(String address, Map<String, Shape> in, Map<String, ShapeReport> sub) {
        if (nodes.containsKey(address)) {
            return in.get(address);
        }
        return nested(address, sub, true);
    }

    private static Shape nested(String address, Map<String, ShapeReport> sub, boolean input) {
        for (int i = address.indexOf('.'); i > 0; i = address.indexOf('.', i + 1)) {
            ShapeReport s = sub.get(address.substring(0, i));
            if (s != null && s.shapes().containsKey(address.substring(i + 1))) {
                String rest = address.substring(i + 1);
                return input ? s.input(rest) : s.output(rest);
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NirGraph)) {
            return false;
        }
        NirGraph g = (NirGraph) o;
        return nodes.equals(g.nodes) && edges.equals(g.edges) && metadata.equals(g.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodes, edges, metadata);
    }

    @Override
    public String toString() {
        return "NIRGraph" + nodes.keySet() + " " + edges;
    }
}
