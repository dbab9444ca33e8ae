package io.snn4j.bench.neurobench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.data.digits.ClassificationDataset;
import io.snn4j.data.digits.Digits;
import io.snn4j.data.digits.RateCodedBatches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Post-processors, the JSON and CSV files, the energy estimate and the decision latency. */
class ResultsAndExtrasTest {

    @Test
    void chooseMaxCountAndAggregate() {
        // NeuroBench's tests/test_accumulators.py
        Tensor x = new Tensor(256, 5, 35);
        for (int b = 0; b < 256; b++) {
            for (int t = 0; t < 5; t++) {
                x.set(1f, b, t, 5);
            }
        }
        Tensor c = Postprocessor.chooseMaxCount().apply(x);
        assertArrayEquals(new int[] {256}, c.shape());
        for (float v : c.data()) {
            assertEquals(5f, v);
        }
        Tensor a = Postprocessor.aggregate().apply(Tensor.full(1f, 256, 100, 5));
        assertArrayEquals(new int[] {256, 5}, a.shape());
        for (float v : a.data()) {
            assertEquals(100f, v);
        }
        // ties: the lowest index, as torch.argmax
        Tensor tie = new Tensor(new float[] {0, 1, 1, 0, 1, 1}, 1, 2, 3);
        assertEquals(1f, Postprocessor.chooseMaxCount().apply(tie).data()[0]);
    }

    private static Sequential netSnn() {
        Sequential net = new Sequential(new Linear(20, 5, false, new Rng(0)), new Leaky(0.9f));
        NbCases.setParams(net, NbCases.load("nb_tests").get("net_snn"));
        return net;
    }

    @Test
    void energyFromOperationCounts() {
        // NeuroBench's net_snn on ones: 1000 ACs and 50 membrane updates per sample
        Results r = NeuroBench.run(netSnn(), List.of(new BenchBatch(Tensor.full(1f, 5, 10, 20), new Tensor(5))),
                List.of("synaptic_operations", "membrane_updates", "energy_estimate"));
        Map<?, ?> e = (Map<?, ?>) r.get("EnergyEstimate");
        assertEquals(1000 * 0.9, (Double) e.get("Synaptic_pJ"), 1e-9);
        assertEquals(50 * 4.6, (Double) e.get("Neuron_pJ"), 1e-9);
        assertEquals((1000 + 2 * 50) * 5.0, (Double) e.get("Memory_pJ"), 1e-9);
        assertEquals(900 + 230 + 5500.0, (Double) e.get("Total_pJ"), 1e-9);
        // other costs
        Results r2 = NeuroBench.run(netSnn(), List.of(new BenchBatch(Tensor.full(1f, 5, 10, 20), new Tensor(5))),
                List.of("energy_estimate"), NeuroBench.Options.defaults().withEnergy(new EnergyCosts(1, 2, 3, 0)));
        assertEquals(2000 + 150.0, (Double) ((Map<?, ?>) r2.get("EnergyEstimate")).get("Total_pJ"), 1e-9);
        // the breakdown prices each layer
        Breakdown bd = r.breakdown();
        assertEquals(1000 * (0.9 + 5.0), bd.synapses().get(0).energyPj(), 1e-9);
        assertEquals(50 * (4.6 + 10.0), bd.neurons().get(0).energyPj(), 1e-9);
        assertEquals(0.96, bd.activationSparsity(), 1e-12);
        assertEquals(5 * 4, bd.stateBytesPerSample());
    }

    /** A model that returns a fixed output, for metrics that read only outputs. */
    private static BenchModel fixed(Tensor out) {
        return new BenchModel() {
            private Activity last;

            @Override
            public Tensor run(Tensor inputs) {
                last = new Activity();
                last.setOutput(out);
                last.setSteps(out.dim(1));
                return out;
            }

            @Override
            public Activity lastActivity() {
                return last;
            }

            @Override
            public Structure structure() {
                return new Structure(List.of(), 0, 0, List.of());
            }
        };
    }

    @Test
    void decisionLatency() {
        Tensor out = new Tensor(2, 4, 3);
        // sample 0, label 1: class 0 spikes first (wrong), a tie (lowest index: still 0), then 1 leads
        out.set(1f, 0, 0, 0);
        out.set(1f, 0, 1, 1);
        out.set(1f, 0, 2, 1);
        // sample 1, label 2: right at once, then class 0 overtakes and stays ahead
        out.set(1f, 1, 0, 2);
        out.set(1f, 1, 1, 0);
        out.set(1f, 1, 2, 0);
        BenchBatch b = new BenchBatch(new Tensor(2, 4, 1), new Tensor(new float[] {1, 2}, 2));
        Results r = new Benchmark(fixed(out), List.of(b), List.of(), List.of(Postprocessor.chooseMaxCount()),
                List.of(), List.of("classification_accuracy", "decision_latency")).run();
        assertEquals(0.5, r.get("ClassificationAccuracy"));
        Map<?, ?> l = (Map<?, ?>) r.get("DecisionLatency");
        assertEquals(2.0, l.get("First_correct_step"));
        assertEquals(3.0, l.get("Settled_step"));
        assertEquals(1.0, l.get("Reached_fraction"));
        assertEquals(0.5, l.get("Correct_fraction"));
        assertEquals(4L, l.get("Steps"));
    }

    @Test
    void batchWeightedMeanAndAccumulatedMetrics() {
        // accuracy 1/1 on a batch of 1, 0/3 on a batch of 3: NeuroBench's weighted mean is 0.25
        Tensor out = new Tensor(4, 1, 2);
        out.set(1f, 0, 0, 1);
        Tensor o1 = new Tensor(new float[] {0, 1}, 1, 1, 2);
        Tensor o2 = new Tensor(3, 1, 2);
        List<BenchBatch> data = List.of(new BenchBatch(new Tensor(1, 1, 1), new Tensor(new float[] {1}, 1)),
                new BenchBatch(new Tensor(3, 1, 1), new Tensor(new float[] {1, 1, 1}, 3)));
        BenchModel m = new BenchModel() {
            private int calls;
            private Activity last;

            @Override
            public Tensor run(Tensor inputs) {
                last = new Activity();
                return calls++ == 0 ? o1 : o2;
            }

            @Override
            public Activity lastActivity() {
                return last;
            }

            @Override
            public Structure structure() {
                return new Structure(List.of(), 0, 0, List.of());
            }
        };
        Results r = new Benchmark(m, data, List.of(), List.of(Postprocessor.chooseMaxCount()), List.of(),
                List.of("classification_accuracy")).run();
        assertEquals(0.25, r.get("ClassificationAccuracy"));
        assertEquals(4, r.samples());
        assertEquals(2, r.batches());
    }

    @Test
    void batchesOfAnEngineBatchSource() {
        // 200 digits, rate-coded over 10 steps in batches of 64: 64, 64, 64, 8
        ClassificationDataset digits = Digits.load();
        int[] first = new int[200];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        RateCodedBatches src = RateCodedBatches.digits(digits.subset(first), 10, 64, 1L, false);
        Rng rng = new Rng(3);
        Sequential net = new Sequential(new Linear(64, 32, rng), new Leaky(0.9f), new Linear(32, 10, rng),
                new Leaky(0.9f));
        Results r = NeuroBench.run(net, NeuroBench.batches(src, 0), List.of("classification_accuracy",
                "activation_sparsity", "synaptic_operations"), NeuroBench.Options.classification());
        assertEquals(200, r.samples());
        assertEquals(4, r.batches());
        assertEquals(10.0 * (64 * 32 + 32 * 10), ((Map<?, ?>) r.get("SynapticOperations")).get("Dense"));
        // every sample has as many activations: the batch-weighted mean equals the global ratio
        assertEquals(r.breakdown().activationSparsity(), (Double) r.get("ActivationSparsity"), 1e-12);
        double acc = (Double) r.get("ClassificationAccuracy");
        assertTrue(acc >= 0 && acc <= 1);
    }

    @Test
    void jsonAndCsvFiles(@TempDir Path dir) throws Exception {
        Results r = NeuroBench.run(netSnn(), List.of(new BenchBatch(Tensor.full(1f, 5, 10, 20), new Tensor(5))),
                List.of("footprint", "parameter_count", "synaptic_operations", "activation_sparsity_by_layer"));
        Path json = dir.resolve("out/results.json");
        Path csv = dir.resolve("out/results.csv");
        Path detail = dir.resolve("out/detail.json");
        r.writeJson(json);
        r.writeCsv(csv);
        r.writeDetailedJson(detail);
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertEquals(3, files.count(), "no temporary files left");
        }
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(List.of("Footprint", "ParameterCount", "SynapticOperations", "ActivationSparsityByLayer"),
                List.copyOf(r.values().keySet()));
        assertEquals(100 * 4 + 20, j.get("Footprint").asLong());
        assertEquals(100, j.get("ParameterCount").asLong());
        assertEquals(1000.0, j.get("SynapticOperations").get("Effective_ACs").asDouble());
        assertEquals(0.96, j.get("ActivationSparsityByLayer").get("1").asDouble());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("Footprint,ParameterCount,SynapticOperations.Effective_MACs,SynapticOperations.Effective_ACs,"
                + "SynapticOperations.Dense,ActivationSparsityByLayer.1", lines.get(0));
        assertEquals("420,100,0.0,1000.0,1000.0,0.96", lines.get(1));
        JsonNode d = new ObjectMapper().readTree(detail.toFile());
        assertEquals("0", d.get("layers").get("synapses").get(0).get("name").asText());
        assertEquals(5, d.get("layers").get("samples").asInt());
        assertTrue(d.get("layers").get("neurons").get(0).get("membrane_updates").asDouble() == 50.0);
    }
}
