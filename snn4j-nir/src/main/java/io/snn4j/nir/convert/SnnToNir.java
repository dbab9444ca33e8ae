package io.snn4j.nir.convert;

import io.snn4j.core.Parameter;
import io.snn4j.core.layer.AvgPool2d;
import io.snn4j.core.layer.Conv1d;
import io.snn4j.core.layer.Conv2d;
import io.snn4j.core.layer.Dropout;
import io.snn4j.core.layer.Flatten;
import io.snn4j.core.layer.Graph;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.LayerSpec;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.IF;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.LeakyIntegrator;
import io.snn4j.core.neuron.RLeaky;
import io.snn4j.core.neuron.RSynaptic;
import io.snn4j.core.neuron.Synaptic;
import io.snn4j.nir.NirArray;
import io.snn4j.nir.NirGraph;
import io.snn4j.nir.NirNode;
import io.snn4j.nir.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an snn4j network as a NIR graph, in snnTorch's convention (what its {@code export_nir.py} writes, so that
 * snnTorch's importer and the {@code snntorch} preset read it back): with the time step {@code dt} (default
 * 1e-4), {@code Leaky} is a LIF with {@code tau = dt / (1 - beta)}, {@code r = tau / dt}, {@code v_leak = 0},
 * {@code v_reset = 0}; {@code Synaptic} a CubaLIF with also {@code tau_syn = dt / (1 - alpha)},
 * {@code w_in = tau_syn / dt}; {@code RLeaky} / {@code RSynaptic} a subgraph {@code input -> lif -> output} with
 * {@code lif -> w_rec -> lif}, {@code w_rec} an Affine (all-to-all with bias), a Linear (without bias) or the
 * diagonal Linear of {@code V} (one-to-one); {@code LeakyIntegrator} an LI (or an I when beta is 1); {@code IF}
 * an IF with {@code r = 1}; {@code Linear} an Affine (or Linear); convolutions, average pooling and Flatten
 * their NIR nodes; Dropout is left out (it does nothing at inference). Neuron parameters are float64 arrays of the
 * population's shape (so that {@code 1 - dt / tau} gives back the float32 beta exactly). Each neuron node's
 * metadata records {@code snn4j_dt}, {@code snn4j_reset} ({@code zero}, {@code subtract}, {@code none}),
 * {@code snn4j_reset_delay} (1: the reset acts at the next step) and {@code snn4j_layer}; the graph's records
 * {@code snn4j_dt} and {@code snn4j_convention} ({@code snntorch}), and for a {@code Graph} the delayed edges
 * ({@code snn4j_recurrent_edges}).
 *
 * <p>What NIR cannot say is refused with a {@link NirConversionException} naming the layer: max pooling, batch
 * normalisation, graded spikes, decays of 1 for a synaptic current, nested networks.
 */
public final class SnnToNir {

    /** The time step snnTorch's exporter assumes. */
    public static final double DEFAULT_DT = 1e-4;

    private final double dt;

    private SnnToNir(double dt) {
        if (!(dt > 0 && Double.isFinite(dt))) {
            throw new IllegalArgumentException("dt must be a positive number of seconds, got " + dt);
        }
        this.dt = dt;
    }

    /** Exports with dt 1e-4. */
    public static NirGraph export(Layer network, int[] inputShape) {
        return export(network, inputShape, DEFAULT_DT);
    }

    /**
     * @param network    a {@link Sequential} or {@link Graph} of snn4j layers (or one layer)
     * @param inputShape the per-step input features, e.g. {@code [64]}
     * @param dt         the time step the time constants are written for, seconds
     */
    public static NirGraph export(Layer network, int[] inputShape, double dt) {
        if (inputShape == null || inputShape.length == 0) {
            throw new NirConversionException("the network's input shape is needed to write NIR (its Input node)");
        }
        SnnToNir x = new SnnToNir(dt);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(NirToSnn.META_CONVENTION, "snntorch");
        meta.put(NirToSnn.META_DT, dt);
        if (network instanceof Graph g) {
            return x.graph(g, inputShape, meta);
        }
        List<Layer> layers = network instanceof Sequential s ? s.layers() : List.of(network);
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        nodes.put("input", new NirNode.Input(Shape.of(inputShape)));
        int[] shape = inputShape.clone();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String name = Integer.toString(i);
            NirNode n = x.node(name, l, shape);
            try {
                shape = l.outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new NirConversionException("layer " + name + " (" + l.type() + "): " + e.getMessage(), e);
            }
            if (n != null) {
                nodes.put(name, n);
            }
        }
        nodes.put("output", new NirNode.Output(Shape.of(shape)));
        NirGraph chain = NirGraph.sequential(nodes);
        return new NirGraph(chain.nodes(), chain.edges(), meta);
    }

    private NirGraph graph(Graph g, int[] inputShape, Map<String, Object> meta) {
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        String in = g.inputName();
        nodes.put(in, new NirNode.Input(Shape.of(inputShape)));
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put(in, inputShape.clone());
        // shapes along the non-recurrent edges, in the graph's (topological) order
        for (Map.Entry<String, Layer> e : g.namedLayers().entrySet()) {
            int[] s = null;
            for (Graph.Edge edge : g.edges()) {
                if (edge.to().equals(e.getKey()) && shapes.containsKey(edge.from())) {
                    s = shapes.get(edge.from());
                    break;
                }
            }
            if (s == null) {
                throw new NirConversionException("graph node '" + e.getKey() + "': its input shape is unknown");
            }
            NirNode n = node(e.getKey(), e.getValue(), s);
            if (n == null) {
                throw new NirConversionException("graph node '" + e.getKey() + "' (" + e.getValue().type()
                        + "): cannot be left out of a graph; remove it first");
            }
            nodes.put(e.getKey(), n);
            shapes.put(e.getKey(), e.getValue().outputShape(s));
        }
        String out = "output";
        for (int i = 2; nodes.containsKey(out); i++) {
            out = "output_" + i;
        }
        nodes.put(out, new NirNode.Output(Shape.of(shapes.get(g.outputName()))));
        List<NirGraph.Edge> edges = new ArrayList<>();
        List<String> recurrent = new ArrayList<>();
        for (Graph.Edge e : g.edges()) {
            edges.add(new NirGraph.Edge(e.from(), e.to()));
            if (e.recurrent()) {
                recurrent.add(e.from() + " -> " + e.to());
            }
        }
        edges.add(new NirGraph.Edge(g.outputName(), out));
        if (!recurrent.isEmpty()) {
            meta.put(NirToSnn.META_RECURRENT_EDGES, recurrent);
        }
        return new NirGraph(nodes, edges, meta);
    }

    // ------------------------------------------------------------------ one layer

    /** The NIR node of one layer fed {@code shape}; null for a layer left out (Dropout). */
    private NirNode node(String name, Layer l, int[] shape) {
        if (l instanceof Linear lin) {
            return lin.bias() == null ? new NirNode.Linear(arr(lin.weight()))
                    : new NirNode.Affine(arr(lin.weight()), arr(lin.bias()));
        }
        if (l instanceof Conv2d c) {
            LayerSpec s = c.spec();
            int[] k = s.getInts("kernel_size", 2, null);
            int[] st = s.getInts("stride", 2, new int[] {1, 1});
            int[] p = s.getInts("padding", 2, new int[] {0, 0});
            int outC = c.weight().value().dim(0);
            NirArray bias = c.bias() != null ? arr(c.bias()) : NirArray.float32(new float[outC], outC);
            check(name, l, shape.length == 3, "expects input [C, H, W], got " + Arrays.toString(shape));
            return new NirNode.Conv2d(Shape.of(shape[1], shape[2]), arr(c.weight()), Shape.of(st),
                    NirNode.Padding.of(p), Shape.of(1, 1), 1, bias);
        }
        if (l instanceof Conv1d c) {
            LayerSpec s = c.spec();
            int k = s.getInt("kernel_size", 1);
            int st = s.getInt("stride", 1);
            int p = s.getInt("padding", 0);
            int outC = c.weight().value().dim(0);
            NirArray bias = c.bias() != null ? arr(c.bias()) : NirArray.float32(new float[outC], outC);
            check(name, l, shape.length == 2 && k > 0, "expects input [C, L], got " + Arrays.toString(shape));
            return new NirNode.Conv1d(Shape.of(shape[1]), arr(c.weight()), Shape.of(st), NirNode.Padding.of(p),
                    Shape.of(1), 1, bias);
        }
        if (l instanceof AvgPool2d p) {
            LayerSpec s = p.spec();
            int[] k = s.getInts("kernel_size", 2, null);
            int[] st = s.getInts("stride", 2, k);
            return new NirNode.AvgPool2d(Shape.of(k), Shape.of(st), Shape.of(0, 0));
        }
        if (l instanceof Flatten) {
            return new NirNode.Flatten(Shape.of(shape), 0, -1);
        }
        if (l instanceof Dropout) {
            return null;
        }
        if (l instanceof Leaky || l instanceof IF || l instanceof Synaptic || l instanceof LeakyIntegrator
                || l instanceof RLeaky || l instanceof RSynaptic) {
            return neuron(name, l, shape);
        }
        throw new NirConversionException("layer " + name + " (" + l.type() + "): NIR has no node for it"
                + (l.type().equals("maxpool2d") ? " (NIR pools by sum or average, not maximum)" : ""));
    }

    private static void check(String name, Layer l, boolean ok, String problem) {
        if (!ok) {
            throw new NirConversionException("layer " + name + " (" + l.type() + "): " + problem);
        }
    }

    private static NirArray arr(Parameter p) {
        return NirArray.fromTensor(p.value());
    }

    /** A neuron parameter over the population: its per-neuron or learned Parameter, else the spec's value. */
    private static double[] values(Layer l, String key, int n, double dflt) {
        for (Parameter p : l.parameters()) {
            if (p.name().equals(key)) {
                float[] v = p.value().data();
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = v.length == 1 ? v[0] : v[i];
                }
                return d;
            }
        }
        double[] d = new double[n];
        Arrays.fill(d, l.spec().getDouble(key, dflt));
        return d;
    }

    private static NirArray f64(double[] v, int[] shape) {
        return NirArray.float64(v, shape);
    }

    private static double[] constant(int n, double v) {
        double[] d = new double[n];
        Arrays.fill(d, v);
        return d;
    }

    /** {@code dt / (1 - decay)} with the decay clamped to [0, 1] as the engine does; infinite for 1. */
    private double tau(double decay) {
        double d = Math.max(0, Math.min(1, decay));
        return dt / (1 - d);
    }

    private NirNode neuron(String name, Layer l, int[] shape) {
        LayerSpec spec = l.spec();
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        check(name, l, spec.getDouble("graded_spikes_factor", 1) == 1,
                "graded spikes (graded_spikes_factor " + spec.getDouble("graded_spikes_factor", 1)
                        + ") cannot be written in NIR, whose neurons emit 0 or 1");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(NirToSnn.META_LAYER, l.type());
        meta.put(NirToSnn.META_DT, dt);
        if (spec.has("reset")) {
            meta.put(NirToSnn.META_RESET, spec.getString("reset", "subtract"));
            meta.put(NirToSnn.META_RESET_DELAY, spec.getBool("reset_delay", true) ? 1L : 0L);
        }
        double[] th = values(l, "threshold", n, 1);
        double[] zeros = new double[n];
        if (l instanceof IF) {
            return new NirNode.IF(f64(constant(n, 1), shape), f64(th, shape), f64(zeros, shape), meta);
        }
        double[] beta = values(l, "beta", n, 0.9);
        boolean integrate = true;
        for (double b : beta) {
            integrate &= b >= 1;
        }
        if (l instanceof LeakyIntegrator) {
            if (integrate) {
                return new NirNode.I(f64(constant(n, 1 / dt), shape), meta);
            }
            double[] tau = new double[n];
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                check(name, l, beta[i] < 1, "beta 1 and below 1 mixed in one layer cannot be written as NIR");
                tau[i] = tau(beta[i]);
                r[i] = tau[i] / dt;
            }
            return new NirNode.LI(f64(tau, shape), f64(r, shape), f64(zeros, shape), meta);
        }
        if (l instanceof Leaky && integrate) {
            // no leak: an integrate-and-fire neuron (snnTorch's exporter would write tau = inf)
            return new NirNode.IF(f64(constant(n, 1), shape), f64(th, shape), f64(zeros, shape), meta);
        }
        double[] tauMem = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            check(name, l, beta[i] < 1, "beta " + beta[i] + " (no decay) has no finite NIR time constant");
            tauMem[i] = tau(beta[i]);
            r[i] = tauMem[i] / dt;
        }
        NirNode cell;
        if (l instanceof Synaptic || l instanceof RSynaptic) {
            double[] alpha = values(l, "alpha", n, 0.8);
            double[] tauSyn = new double[n];
            double[] wIn = new double[n];
            for (int i = 0; i < n; i++) {
                check(name, l, alpha[i] < 1, "alpha " + alpha[i] + " (no decay) has no finite NIR time constant");
                tauSyn[i] = tau(alpha[i]);
                wIn[i] = tauSyn[i] / dt;
            }
            cell = new NirNode.CubaLIF(f64(tauSyn, shape), f64(tauMem, shape), f64(r, shape), f64(zeros, shape),
                    f64(th, shape), f64(zeros, shape), f64(wIn, shape), meta);
        } else {
            cell = new NirNode.LIF(f64(tauMem, shape), f64(r, shape), f64(zeros, shape), f64(th, shape),
                    f64(zeros, shape), meta);
        }
        if (!(l instanceof RLeaky || l instanceof RSynaptic)) {
            return cell;
        }
        // snnTorch's exporter: a subgraph input -> lif -> output with lif -> w_rec -> lif
        NirNode wRec = null;
        Parameter w = null;
        Parameter b = null;
        Parameter v = null;
        for (Parameter p : l.parameters()) {
            switch (p.name()) {
                case "recurrent.weight" -> w = p;
                case "recurrent.bias" -> b = p;
                case "V" -> v = p;
                default -> {
                }
            }
        }
        if (w != null) {
            wRec = b != null ? new NirNode.Affine(arr(w), arr(b)) : new NirNode.Linear(arr(w));
        } else if (v != null) {
            float[] diag = new float[n * n];
            for (int i = 0; i < n; i++) {
                diag[i * n + i] = v.value().data()[i];
            }
            wRec = new NirNode.Linear(NirArray.float32(diag, n, n));
        }
        check(name, l, wRec != null, "no recurrent weights found");
        Map<String, NirNode> sub = new LinkedHashMap<>();
        sub.put("input", new NirNode.Input(Shape.of(n)));
        sub.put("lif", cell);
        sub.put("w_rec", wRec);
        sub.put("output", new NirNode.Output(Shape.of(n)));
        return new NirGraph(sub, List.of(new NirGraph.Edge("input", "lif"), new NirGraph.Edge("lif", "w_rec"),
                new NirGraph.Edge("w_rec", "lif"), new NirGraph.Edge("lif", "output")));
    }
}
