package io.snn4j.bench.neurobench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.RLeaky;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Mistakes a user can make: each gives one clear line naming the metric or argument and what was expected. */
class BenchBadInputTest {
    private static final Rng RNG = new Rng(9);

    private static Sequential net() {
        return new Sequential(new Linear(20, 5, RNG), new Leaky(0.9f));
    }

    private static BenchBatch batch(int b, int t, int f) {
        return new BenchBatch(new Tensor(b, t, f), new Tensor(b));
    }

    private static String fails(Executable e, String... parts) {
        BenchmarkException ex = assertThrows(BenchmarkException.class, e);
        String m = ex.getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        for (String p : parts) {
            assertTrue(m.contains(p), "'" + m + "' should mention '" + p + "'");
        }
        return m;
    }

    @Test
    void unknownMetricListsTheValidNames() {
        fails(() -> Metrics.create("synaptic_ops"), "unknown metric 'synaptic_ops'", "synaptic_operations",
                "footprint", "r2");
        fails(() -> NeuroBench.run(net(), List.of(batch(2, 3, 20)), List.of("footprint", "acuracy")),
                "unknown metric 'acuracy'", "classification_accuracy");
    }

    @Test
    void metricNamesInAnySpelling() {
        for (String n : List.of("SynapticOperations", "synaptic_operations", "SYNAPTIC_OPERATIONS", "sMAPE", "smape",
                "SMAPE", "r2", "mse", "MSE", "Footprint")) {
            Metrics.create(n);
        }
    }

    @Test
    void metricsInTheWrongListOrTwice() {
        SnnModel m = new SnnModel(net());
        List<BenchBatch> d = List.of(batch(1, 2, 20));
        fails(() -> new Benchmark(m, d, List.of(), List.of(), List.of("activation_sparsity"), List.of()),
                "ActivationSparsity is a workload metric");
        fails(() -> new Benchmark(m, d, List.of(), List.of(), List.of(), List.of("footprint")),
                "Footprint is a static metric");
        fails(() -> NeuroBench.run(net(), d, List.of("mse", "MSE")), "listed twice");
    }

    @Test
    void dataThatDoesNotFitTheModel() {
        fails(() -> NeuroBench.run(net(), List.of(batch(2, 3, 7)), List.of("activation_sparsity")),
                "model: inputs of [7]", "do not fit the network", "linear");
        fails(() -> NeuroBench.run(net(), List.of(new BenchBatch(new Tensor(2, 20), new Tensor(2))),
                List.of("activation_sparsity")), "expected inputs [B, T, features...]", "[2, 20]");
        fails(() -> NeuroBench.run(net(), List.of(), List.of("activation_sparsity")), "no batches");
    }

    @Test
    void labelsOfTheWrongLength() {
        fails(() -> new BenchBatch(new Tensor(4, 3, 20), new Tensor(3)), "4 samples", "labels of shape [3]");
        fails(() -> NeuroBench.batchFromTimeMajor(new Tensor(3, 4, 20), new Tensor(5)), "4 samples", "[5]");
    }

    @Test
    void metricsThatCannotApply() {
        List<BenchBatch> d = List.of(batch(2, 3, 20));
        fails(() -> NeuroBench.run(net(), d, List.of("r2"), NeuroBench.Options.classification()),
                "R2", "two-dimensional outputs [N, 2]", "[2]");
        fails(() -> NeuroBench.run(net(), d, List.of("classification_accuracy")), "ClassificationAccuracy",
                "[2, 3, 5]", "labels [2]", "choose_max_count");
        fails(() -> NeuroBench.run(new Sequential(new Linear(20, 4, RNG), RLeaky.builder(4).build(RNG)), d,
                List.of("neuron_operations")), "NeuronOperations", "RLeaky", "Leaky and Synaptic");
        fails(() -> NeuroBench.run(new Sequential(new Leaky(0.9f)), d, List.of("synaptic_operations")),
                "SynapticOperations", "no connection layer");
        fails(() -> NeuroBench.run(new Sequential(new Leaky(0.9f)), d, List.of("connection_sparsity")),
                "ConnectionSparsity", "no connection layer");
        fails(() -> NeuroBench.run(new Sequential(new Linear(20, 3, RNG)), d, List.of("activation_sparsity")),
                "ActivationSparsity", "no activation layer");
        fails(() -> NeuroBench.run(new Sequential(new Linear(20, 3, RNG)), d, List.of("membrane_updates")),
                "MembraneUpdates", "no neuron layer");
        fails(() -> NeuroBench.run(net(), List.of(new BenchBatch(new Tensor(2, 20), new Tensor(2))),
                List.of("decision_latency"), NeuroBench.Options.defaults().withoutTimeAxis()), "DecisionLatency",
                "[B, T, classes]", "[2, 5]");
    }

    @Test
    void energyCostsMustBeNumbers() {
        fails(() -> new EnergyCosts(4.6, -1, 1, 1), "energy costs", "ac", "-1");
        fails(() -> new EnergyCosts(Double.NaN, 1, 1, 1), "mac");
    }
}
