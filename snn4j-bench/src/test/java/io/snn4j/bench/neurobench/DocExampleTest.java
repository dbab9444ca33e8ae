package io.snn4j.bench.neurobench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.Leaky;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example of docs/neurobench.md, as written there (files go to a temporary folder here). */
class DocExampleTest {

    @Test
    void example(@TempDir Path dir) throws Exception {
        // --- docs/neurobench.md: begin
        Rng rng = new Rng(42);
        Sequential net = new Sequential(new Linear(20, 16, rng), new Leaky(0.9f), new Linear(16, 4, rng),
                new Leaky(0.9f));
        // one batch of 8 samples, 25 steps, 20 inputs: Bernoulli(0.3) spikes in NeuroBench's layout [B, T, ...]
        Tensor x = new Tensor(8, 25, 20);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = rng.nextDouble() < 0.3 ? 1f : 0f;
        }
        int[] labels = {0, 1, 2, 3, 0, 1, 2, 3};
        Results r = NeuroBench.run(net, List.of(BenchBatch.ofClasses(x, labels)),
                List.of("footprint", "connection_sparsity", "parameter_count", "classification_accuracy",
                        "activation_sparsity", "synaptic_operations", "membrane_updates", "neuron_operations",
                        "energy_estimate", "decision_latency"),
                NeuroBench.Options.classification());
        System.out.println(r.toJson());
        r.writeJson(dir.resolve("results.json"));
        r.writeCsv(dir.resolve("results.csv"));
        for (Breakdown.SynapseRow s : r.breakdown().synapses()) {
            System.out.printf("%-3s %-7s ACs %8.1f  MACs %8.1f  dense %8.1f%n", s.name(), s.type(),
                    s.effectiveAcs(), s.effectiveMacs(), s.denseAcs() + s.denseMacs());
        }
        for (Breakdown.NeuronRow n : r.breakdown().neurons()) {
            System.out.printf("%-3s %-7s sparsity %.4f  spikes/sample %6.1f%n", n.name(), n.type(),
                    n.activationSparsity(), n.activationsPerSample());
        }
        // --- docs/neurobench.md: end
        assertEquals(404L, r.get("ParameterCount"));
        assertEquals(404L * 4 + 2 * 20, r.get("Footprint"));
        assertEquals(25.0 * (20 * 16 + 16 * 4), ((Map<?, ?>) r.get("SynapticOperations")).get("Dense"));
        assertTrue(Files.size(dir.resolve("results.json")) > 0);
        assertEquals(2, Files.readAllLines(dir.resolve("results.csv")).size());
    }
}
