package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.Reset;
import io.snn4j.data.io.NdArray;
import io.snn4j.data.io.Npy;
import io.snn4j.data.model.ModelFile;
import io.snn4j.data.model.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code snn4j bench}: the oracles against NeuroBench's numbers, tasks, and every kind of bad input. */
class BenchCommandTest {
    @TempDir
    Path dir;

    private static Path oracles() {
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared").resolve("data").resolve("snntorch-oracles");
            if (Files.isDirectory(d)) {
                return d;
            }
        }
        Path d = Paths.get("/work/shared/data/snntorch-oracles");
        return Files.isDirectory(d) ? d : null;
    }

    private static JsonNode json(Path p) throws IOException {
        return new ObjectMapper().readTree(p.toFile());
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void theOraclesGiveNeuroBenchsNumbersFromTheCommandLine() throws IOException {
        Path o = oracles();
        Assumptions.assumeTrue(o != null, "../shared/data/snntorch-oracles absent");
        for (String c : new String[] {"ff2", "ff3", "syn", "rec"}) {
            Path out = dir.resolve(c).resolve(c + ".json");
            Cli r = Cli.run("bench", "--model", o.resolve(c + ".nir").toString(), "--preset", "snntorch",
                    "--input", o.resolve(c + ".input.npy").toString(), "--out", out.toString());
            assertEquals(0, r.exit(), c + ": " + r);
            JsonNode got = json(out);
            JsonNode want = json(o.resolve(c + ".neurobench.json"));
            for (String k : new String[] {"ConnectionSparsity", "ParameterCount", "ActivationSparsity",
                "MembraneUpdates"}) {
                close(want.get(k).asDouble(), got.get(k).asDouble(), c + " " + k);
            }
            for (String k : new String[] {"Effective_MACs", "Effective_ACs", "Dense"}) {
                close(want.get("SynapticOperations").get(k).asDouble(),
                        got.get("SynapticOperations").get(k).asDouble(), c + " SynapticOperations." + k);
            }
            assertTrue(Files.isRegularFile(dir.resolve(c).resolve(c + ".csv")));
            String html = Files.readString(dir.resolve(c).resolve("report.html"));
            assertTrue(html.contains("<td>SynapticOperations / Dense</td>"), html);
            assertTrue(html.contains("alt=\"activation sparsity per layer\""), html);
            assertTrue(html.contains("alt=\"synaptic operations per layer\""), html);
            assertTrue(r.out().contains("MembraneUpdates: "), r.out());
        }
    }

    /** A Linear-Leaky-Linear-Leaky model file with weights that fire; 6 inputs, 3 classes. */
    private Path model() {
        Rng rng = new Rng(5);
        Sequential net = new Sequential(new Linear(6, 8, rng), Leaky.builder().beta(0.85f).reset(Reset.ZERO).build(),
                new Linear(8, 3, rng), Leaky.builder().beta(0.85f).reset(Reset.ZERO).build());
        for (var p : net.parameters()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().data()[i] *= 3f;
            }
        }
        Path f = dir.resolve("m.snn");
        ModelFile.save(f, net, new int[] {6}, Provenance.of(1L, null, Map.of()), Map.of());
        return f;
    }

    private Path input(int steps, int batch, int features, String name) {
        Tensor x = new Tensor(steps, batch, features);
        Rng r = new Rng(3);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = r.uniform(0, 1) < 0.5 ? 1f : 0f;
        }
        Path f = dir.resolve(name);
        Npy.write(f, x);
        return f;
    }

    @Test
    void labelsAddAccuracyAndBatchFirstInputsGiveTheSameNumbers() throws IOException {
        Path m = model();
        Path x = input(10, 4, 6, "x.npy");
        Path y = dir.resolve("y.npy");
        Npy.write(y, NdArray.ofInts(new int[] {0, 1, 2, 1}, 4));
        Cli r = Cli.run("bench", "--model", m.toString(), "--input", x.toString(), "--labels", y.toString(),
                "--out", dir.resolve("a/results.json").toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode a = json(dir.resolve("a/results.json"));
        assertTrue(a.has("ClassificationAccuracy"), a.toString());
        assertTrue(a.has("DecisionLatency"), a.toString());
        assertEquals(4, a.get("snn4j").get("per_layer").get("samples").asInt());

        // the same data as NeuroBench's [B, T, ...]
        Tensor t = Npy.read(x).toTensor();
        Tensor bt = new Tensor(4, 10, 6);
        for (int s = 0; s < 10; s++) {
            for (int b = 0; b < 4; b++) {
                for (int f = 0; f < 6; f++) {
                    bt.set(t.get(s, b, f), b, s, f);
                }
            }
        }
        Path xb = dir.resolve("xb.npy");
        Npy.write(xb, bt);
        r = Cli.run("bench", "--model", m.toString(), "--input", xb.toString(), "--batch-first", "--labels",
                y.toString(), "--out", dir.resolve("b/results.json").toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode b = json(dir.resolve("b/results.json"));
        for (String k : new String[] {"ClassificationAccuracy", "ActivationSparsity", "MembraneUpdates"}) {
            assertEquals(a.get(k).asDouble(), b.get(k).asDouble(), k);
        }
        assertEquals(a.get("SynapticOperations").toString(), b.get("SynapticOperations").toString());

        // chosen metrics only, and custom energy costs
        r = Cli.run("bench", "--model", m.toString(), "--input", x.toString(), "--metrics",
                "synaptic_operations,energy_estimate", "--energy", "ac=2,mac=3", "--out",
                dir.resolve("c/results.json").toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode c = json(dir.resolve("c/results.json"));
        assertFalse(c.has("Footprint"));
        assertEquals(2.0, c.get("snn4j").get("per_layer").get("energy_costs_pJ").get("ac").asDouble());
    }

    @Test
    void aClassificationTaskReproducesTheTrainingRunsTestAccuracy() throws IOException {
        // spike counts (NeuroBench's ChooseMaxCount) and a membrane readout (the loss's own prediction)
        String[] outputs = {"    - {type: leaky, beta: 0.9}\ntraining: {epochs: 2, threads: 1, optimizer: {type: adam, "
                + "lr: 0.005}, checkpoint_every: 0}\n",
            "    - {type: leaky_integrator, beta: 0.9, neurons: 10}\ntraining: {epochs: 2, threads: 1, loss: {type: "
                + "ce_max_membrane}, optimizer: {type: adam, lr: 0.005}, checkpoint_every: 0}\n"};
        String[] post = {"choose_max_count", "the prediction of the model's loss, ce_max_membrane"};
        for (int k = 0; k < 2; k++) {
            Path cfg = dir.resolve("small" + k + ".yaml");
            Files.writeString(cfg, "data: {limit: 300, steps: 8, batch_size: 50}\nnetwork:\n  layers:\n"
                    + "    - {type: linear, in_features: 64, out_features: 32}\n    - {type: leaky, beta: 0.9}\n"
                    + "    - {type: linear, in_features: 32, out_features: 10}\n" + outputs[k]);
            Path run = dir.resolve("run" + k);
            Cli t = Cli.run("train", "--config", cfg.toString(), "--out", run.toString());
            assertEquals(0, t.exit(), t.toString());
            double trained = json(run.resolve("results.json")).get("ClassificationAccuracy").asDouble();
            Path out = dir.resolve("bench" + k + "/results.json");
            Cli r = Cli.run("bench", "--model", run.resolve("model.snn").toString(), "--task", "digits", "--out",
                    out.toString());
            assertEquals(0, r.exit(), r.toString());
            JsonNode res = json(out);
            // NeuroBench takes the mean in float32, so the two agree to float32 rounding
            assertEquals(trained, res.get("ClassificationAccuracy").asDouble(), 1e-7,
                    "the same test split, coded the same way, predicted the same way, as the training run");
            assertTrue(trained > 0.3, "the run learned something: " + trained);
            assertEquals(60, res.get("snn4j").get("per_layer").get("samples").asInt());
            assertTrue(res.get("SynapticOperations").get("Effective_ACs").asDouble() > 0);
            String html = Files.readString(dir.resolve("bench" + k + "/report.html"));
            assertTrue(html.contains("digits classification"));
            assertTrue(html.contains(post[k]), html);
        }
    }

    @Test
    void aSymbolicSequenceTaskTrainsScoresAndReloads() throws IOException {
        Path out = dir.resolve("s/results.json");
        Cli r = Cli.run("bench", "--task", "reber-next-symbol", "--samples", "64", "--epochs", "4", "--param",
                "strings=1", "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode res = json(out);
        JsonNode t = res.get("snn4j").get("task");
        assertEquals("1", t.get("parameters").get("strings").asText());
        double acc = t.get("accuracy").asDouble();
        assertTrue(acc > t.get("chance").asDouble(), res.toString());
        assertTrue(res.get("SynapticOperations").get("Effective_ACs").asDouble() > 0, res.toString());
        assertTrue(Files.readString(dir.resolve("s/report.html")).contains("unigram baseline"));
        Path model = dir.resolve("s/model.snn");
        assertTrue(Files.isRegularFile(model));
        Cli again = Cli.run("bench", "--task", "reber-next-symbol", "--samples", "64", "--param", "strings=1",
                "--model", model.toString(), "--out", dir.resolve("s2/results.json").toString());
        assertEquals(0, again.exit(), again.toString());
        assertEquals(acc, json(dir.resolve("s2/results.json")).get("snn4j").get("task").get("accuracy").asDouble(),
                "the saved model scores the same test set the same");

        Cli params = Cli.run("bench", "--list-params", "nback-3");
        assertEquals(0, params.exit(), params.toString());
        assertTrue(params.out().contains("symbolSteps"), params.out());
        Cli bad = Cli.run("bench", "--task", "reber-next-symbol", "--param", "colour=red", "--out",
                dir.resolve("s3/results.json").toString());
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("colour") && bad.err().contains("symbolSteps"), bad.err());
        assertFalse(Files.exists(dir.resolve("s3")));
    }

    @Test
    void mackeyGlassReportsTheBenchmarksSmapeAndRefusesBadOptions() throws IOException {
        Path out = dir.resolve("mg/results.json");
        Cli r = Cli.run("bench", "--task", "mackey-glass", "--model-kind", "esn-186", "--repeats", "2", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.toString());
        var expected = io.snn4j.bench.mackeyglass.MackeyGlassBenchmark.run(
                new io.snn4j.bench.mackeyglass.MackeyGlassOptions(17, 2, "esn-186", 0));
        JsonNode res = json(out);
        assertEquals(expected.meanSmape(), res.get("SMAPE").asDouble(), 0);
        assertEquals(((Number) expected.metrics().get("Footprint")).doubleValue(), res.get("Footprint").asDouble(), 0);
        assertEquals(35156, res.get("SynapticOperations").get("Dense").asDouble(), 0, "esn-186's dense count");
        assertTrue(res.get("ConnectionSparsity").asDouble() > 0.8, res.toString());
        assertEquals(2, res.get("snn4j").get("task").get("smape").size());
        assertEquals(37, res.get("snn4j").get("task").get("start_offsets").get(1).asInt());
        assertTrue(Files.readString(dir.resolve("mg/report.html")).contains("sMAPE per repeat"));

        // NeuroBench's own series file: a one-dimensional array, sliced per repeat
        io.snn4j.bench.mackeyglass.MackeyGlassTask task = io.snn4j.bench.mackeyglass.MackeyGlassTask.neuroBench(17);
        var sol = task.solve(1);
        double[] s = new double[task.seriesPoints()];
        for (int i = 0; i < s.length; i++) {
            s[i] = sol.valueAt(task.startTime() + i * task.sampleStep());
        }
        Path mg = dir.resolve("mg_17.npy");
        Npy.write(mg, NdArray.ofDoubles(s, s.length));
        r = Cli.run("bench", "--task", "mackey-glass", "--model-kind", "esn-186", "--repeats", "1", "--data",
                mg.toString(), "--out", dir.resolve("mg2/results.json").toString());
        assertEquals(0, r.exit(), r.toString());
        r = Cli.run("bench", "--task", "mackey-glass", "--repeats", "2", "--data", mg.toString(), "--out",
                dir.resolve("mg3/results.json").toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("mg_17.npy: the series has 1501 points; 2 repeats need 1538"), r.err());
        Npy.write(mg, NdArray.ofDoubles(new double[] {1, 2, 3, 4}, 2, 2));
        r = Cli.run("bench", "--task", "mackey-glass", "--data", mg.toString(), "--out",
                dir.resolve("mg3/results.json").toString());
        assertTrue(r.err().contains("expected a one-dimensional series"), r.err());
        r = Cli.run("bench", "--task", "mackey-glass", "--model-kind", "gru", "--out",
                dir.resolve("mg3/results.json").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--model-kind: unknown model kind 'gru'; valid: esn, esn-186, lstm"), r.err());
        r = Cli.run("bench", "--task", "mackey-glass", "--tau", "-1", "--out", dir.resolve("mg3/results.json").toString());
        assertTrue(r.err().contains("--tau must be a finite number > 0, got -1.0"), r.err());
        assertFalse(Files.exists(dir.resolve("mg3")), "nothing written on errors");
    }

    @Test
    void listNamesTasksAndMetrics() {
        Cli r = Cli.run("bench", "--list");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("fashion_mnist"), r.out());
        assertTrue(r.out().contains("reber-grammaticality") && r.out().contains("nback-2"), r.out());
        assertTrue(r.out().contains("synaptic_operations") && r.out().contains("[SynapticOperations]"), r.out());
    }

    private static long files(Path d) throws IOException {
        if (!Files.exists(d)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws IOException {
        Path m = model();
        Path x = input(10, 4, 6, "x.npy");
        Path out = dir.resolve("out/results.json");
        String[][] cases = {
            {"bench"},
            {"bench", "--model", m.toString(), "--input", x.toString(), "--metrics", "synops", "--out", out.toString()},
            {"bench", "--task", "cifar", "--model", m.toString(), "--out", out.toString()},
            {"bench", "--task", "digits", "--input", x.toString(), "--out", out.toString()},
            {"bench", "--model", m.toString(), "--input", input(10, 4, 5, "x5.npy").toString(), "--out", out.toString()},
            {"bench", "--model", m.toString(), "--input", x.toString(), "--labels", label(3), "--out", out.toString()},
            {"bench", "--model", m.toString(), "--input", x.toString(), "--metrics", "r2", "--out", out.toString()},
            {"bench", "--model", m.toString(), "--input", x.toString(), "--metrics", "classification_accuracy", "--out",
                out.toString()},
            {"bench", "--model", m.toString(), "--input", dir.resolve("none.npy").toString(), "--out", out.toString()},
            {"bench", "--model", m.toString(), "--input", x.toString(), "--energy", "watt=3", "--out", out.toString()},
        };
        String[] expect = {
            "give a --task (see --list) or a --model with an --input",
            "--metrics: unknown metric 'synops'; valid: footprint, connection_sparsity,",
            "--task: unknown task 'cifar'; valid: digits, fashion_mnist,",
            "--task and --input exclude each other",
            "x5.npy: ",
            "expected [4]: one class label per sample",
            "R2",
            "--metrics classification_accuracy needs --labels",
            "none.npy: no such file (expected a .npy array",
            "--energy: unknown cost 'watt'",
        };
        for (int i = 0; i < cases.length; i++) {
            Cli r = Cli.run(cases[i]);
            assertTrue(r.exit() == 1 || r.exit() == 2, String.join(" ", cases[i]) + " -> " + r);
            String e = r.err().strip();
            assertTrue(e.contains(expect[i]), "case " + i + ": " + e);
            assertFalse(e.contains("\tat "), "no stack trace: " + e);
            assertEquals(0, files(dir.resolve("out")), "nothing written for case " + i);
        }
    }

    private String label(int n) {
        Path y = dir.resolve("y" + n + ".npy");
        Npy.write(y, NdArray.ofInts(new int[n], n));
        return y.toString();
    }
}
