package io.snn4j.bench.neurobench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The metrics by name. A metric is found by its NeuroBench class name ({@code SynapticOperations}) or its
 * snake_case name ({@code synaptic_operations}), in any letter case; NeuroBench's spellings {@code sMAPE},
 * {@code r2} and {@code mse} work too. Results are keyed by the class name.
 */
public final class Metrics {
    private Metrics() {
    }

    private record Entry(String className, String snake, boolean isStatic, Supplier<Metric> factory) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("Footprint", "footprint", true, Footprint::new),
            new Entry("ConnectionSparsity", "connection_sparsity", true, ConnectionSparsity::new),
            new Entry("ParameterCount", "parameter_count", true, ParameterCount::new),
            new Entry("ClassificationAccuracy", "classification_accuracy", false,
                    ClassificationAccuracy::new),
            new Entry("ActivationSparsity", "activation_sparsity", false, ActivationSparsity::new),
            new Entry("ActivationSparsityByLayer", "activation_sparsity_by_layer", false,
                    ActivationSparsityByLayer::new),
            new Entry("SynapticOperations", "synaptic_operations", false, SynapticOperations::new),
            new Entry("MembraneUpdates", "membrane_updates", false, MembraneUpdates::new),
            new Entry("NeuronOperations", "neuron_operations", false, NeuronOperations::new),
            new Entry("MSE", "mse", false, Mse::new),
            new Entry("SMAPE", "smape", false, Smape::new),
            new Entry("R2", "r2", false, R2::new),
            new Entry("EnergyEstimate", "energy_estimate", false, EnergyEstimate::new),
            new Entry("DecisionLatency", "decision_latency", false, DecisionLatency::new));

    /** Every metric's snake_case name, in NeuroBench's order (static first), then snn4j's own. */
    public static List<String> names() {
        List<String> l = new ArrayList<>();
        for (Entry e : ENTRIES) {
            l.add(e.snake);
        }
        return l;
    }

    /** snake_case name -> NeuroBench class name, for listings. */
    public static Map<String, String> classNames() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Entry e : ENTRIES) {
            m.put(e.snake, e.className);
        }
        return m;
    }

    /** Whether the metric is static (computed from the model alone). */
    public static boolean isStatic(String name) {
        return find(name).isStatic;
    }

    /**
     * A new instance of the metric.
     *
     * @throws BenchmarkException naming the unknown metric and listing the valid names
     */
    public static Metric create(String name) {
        return find(name).factory.get();
    }

    /** New instances of the named metrics, in order; repeated names are an error. */
    public static List<Metric> create(List<String> names) {
        List<Metric> ms = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String n : names) {
            Metric m = create(n);
            if (seen.contains(m.name())) {
                throw new BenchmarkException("metric '" + n + "' is listed twice");
            }
            seen.add(m.name());
            ms.add(m);
        }
        return ms;
    }

    private static Entry find(String name) {
        if (name != null) {
            String k = name.trim().toLowerCase(Locale.ROOT);
            for (Entry e : ENTRIES) {
                if (e.snake.equals(k) || e.className.toLowerCase(Locale.ROOT).equals(k)) {
                    return e;
                }
            }
        }
        throw new BenchmarkException("unknown metric '" + name + "'; valid metrics: " + String.join(", ", names()));
    }
}
