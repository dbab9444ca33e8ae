package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.MaxPool2d;
import io.snn4j.core.layer.Network;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.RLeaky;
import io.snn4j.core.neuron.Reset;
import io.snn4j.data.io.Npy;
import io.snn4j.data.model.ModelFile;
import io.snn4j.data.model.Provenance;
import io.snn4j.nir.NirFile;
import io.snn4j.nir.NirNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code snn4j simulate}, {@code snn4j nir export} and {@code train --export-nir}, end to end. */
class SimulateCommandTest {

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

    /** A small trained-looking model: Linear-Leaky-Linear-RLeaky, weights scaled so that it fires. */
    private Path snnModel() {
        Rng rng = new Rng(11);
        Sequential net = new Sequential(new Linear(6, 8, rng), Leaky.builder().beta(0.85f).reset(Reset.ZERO).build(),
                new Linear(8, 4, rng), RLeaky.builder(4).beta(0.8f).build(rng));
        for (var p : net.parameters()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().data()[i] *= 2.5f;
            }
        }
        Path f = dir.resolve("model.snn");
        ModelFile.save(f, net, new int[] {6}, Provenance.of(1L, null, Map.of()), Map.of());
        return f;
    }

    private Path input(int steps, int batch, int features) {
        Tensor x = new Tensor(steps, batch, features);
        Rng r = new Rng(2);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = r.uniform(0, 1) < 0.4 ? 1f : 0f;
        }
        Path f = dir.resolve("x.npy");
        Npy.write(f, x);
        return f;
    }

    @Test
    void simulatesTheSnnTorchOracleThroughTheCommandLine() {
        Path o = oracles();
        Assumptions.assumeTrue(o != null, "../shared/data/snntorch-oracles absent");
        Path out = dir.resolve("sim");
        Cli r = Cli.run("simulate", "--model", o.resolve("rec.nir").toString(), "--input",
                o.resolve("rec.input.npy").toString(), "--preset", "snntorch", "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("simulated " + o.resolve("rec.nir") + ": 50 steps x 3 samples (preset "
                + "snntorch, dt 0.0001 s), 21 output spikes\n"), r.out());
        Tensor spikes = Npy.read(out.resolve("spikes.npy")).toTensor();
        assertArrayEquals(Npy.read(o.resolve("rec.spikes.npy")).toTensor().data(), spikes.data(), 0f);
        Tensor mem = Npy.read(out.resolve("membrane.npy")).toTensor();
        assertArrayEquals(Npy.read(o.resolve("rec.membrane.npy")).toTensor().data(), mem.data(), 1e-5f);
        assertEquals("float32", Npy.read(out.resolve("membrane.npy")).dtype().toString());
    }

    @Test
    void exportedModelSimulatesLikeTheModelFile() throws Exception {
        Path model = snnModel();
        Path x = input(30, 3, 6);
        Path nir = dir.resolve("model.nir");
        Cli e = Cli.run("nir", "export", "--model", model.toString(), "--out", nir.toString());
        assertEquals(0, e.exit(), e.toString());
        assertEquals("wrote " + nir + ": 10 nodes, 9 edges, 172 parameters (snnTorch's convention, dt 1e-4 s)\n",
                e.out());
        NirNode.LIF lif = (NirNode.LIF) NirFile.read(nir).graph().node("1");
        assertEquals("zero", lif.metadata().get("snn4j_reset"));

        Cli a = Cli.run("simulate", "--model", model.toString(), "--input", x.toString(), "--out",
                dir.resolve("a").toString());
        assertEquals(0, a.exit(), a.toString());
        assertTrue(a.out().contains("(membrane of layer 3 (rleaky))"), a.out());
        Cli b = Cli.run("simulate", "--model", nir.toString(), "--input", x.toString(), "--preset", "snntorch",
                "--out", dir.resolve("b").toString());
        assertEquals(0, b.exit(), b.toString());
        for (String f : new String[] {"spikes.npy", "membrane.npy"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)),
                    Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
        assertTrue(Npy.read(dir.resolve("a").resolve("spikes.npy")).toTensor().sum() > 0);
        // the other presets run it too (with their own reading of the neurons)
        for (String p : new String[] {"norse", "nir"}) {
            Cli c = Cli.run("simulate", "--model", nir.toString(), "--input", x.toString(), "--preset", p,
                    "--dt", "1e-4", "--out", dir.resolve(p).toString());
            assertEquals(0, c.exit(), c.toString());
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        Path model = snnModel();
        Path x = input(5, 1, 6);
        Path nir = dir.resolve("m.nir");
        assertEquals(0, Cli.run("nir", "export", "--model", model.toString(), "--out", nir.toString()).exit());
        Cli r = Cli.run("simulate", "--model", nir.toString(), "--input", x.toString(), "--out", dir.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("snn4j: error: --preset is required for a NIR model (snntorch, norse or nir): "
                + "NIR stores no time step\n"), r.err());
        r = Cli.run("simulate", "--model", nir.toString(), "--input", x.toString(), "--preset", "lava", "--out",
                dir.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("snn4j: error: Invalid value for option '--preset': expected snntorch, norse or "
                + "nir, got 'lava'\n"), r.err());
        r = Cli.run("simulate", "--model", nir.toString(), "--input", x.toString(), "--preset", "nir", "--dt", "0",
                "--out", dir.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("the time step must be positive, got 0"), r.err());
        r = Cli.run("simulate", "--model", nir.toString(), "--preset", "nir", "--out", dir.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("snn4j: error: Missing required option: '--input=X.npy'"), r.err());
    }

    @Test
    void badFilesFailWithOneLine() throws Exception {
        Path model = snnModel();
        Path x = input(5, 2, 6);
        Path out = dir.resolve("out");
        Cli r = Cli.run("simulate", "--model", dir.resolve("missing.nir").toString(), "--input", x.toString(),
                "--preset", "nir", "--out", out.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("snn4j: error: " + dir.resolve("missing.nir") + ": no such file (expected a model: .nir or "
                + ".snn)\n", r.err());

        r = Cli.run("simulate", "--model", model.toString(), "--input", dir.resolve("nope.npy").toString(),
                "--out", out.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("snn4j: error: " + dir.resolve("nope.npy") + ": no such file (expected a .npy input [T, B, "
                + "...])\n", r.err());

        Path text = dir.resolve("x.txt");
        Files.writeString(text, "1 2 3\n");
        r = Cli.run("simulate", "--model", model.toString(), "--input", text.toString(), "--out", out.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("snn4j: error: " + text + ": "), r.err());
        assertTrue(r.err().endsWith("(expected a .npy input [T, B, ...])\n"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());

        Path wrong = dir.resolve("wrong.npy");
        Npy.write(wrong, new Tensor(5, 2, 7));
        r = Cli.run("simulate", "--model", model.toString(), "--input", wrong.toString(), "--out", out.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("snn4j: error: " + wrong + ": the input has shape [5, 2, 7]; the model takes [T, B, 6] "
                + "(time-major)\n", r.err());

        r = Cli.run("simulate", "--model", text.toString(), "--input", x.toString(), "--preset", "nir", "--out",
                out.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("snn4j: error: " + text + ": neither a NIR file (HDF5) nor an snn4j model file (.snn)\n",
                r.err());
        assertFalse(Files.exists(out.resolve("spikes.npy")), "nothing written after a failure");
    }

    @Test
    void unschedulableNirGraphIsNamed() throws Exception {
        java.util.Map<String, NirNode> n = new java.util.LinkedHashMap<>();
        n.put("input", new NirNode.Input(io.snn4j.nir.Shape.of(2)));
        io.snn4j.nir.NirArray w = io.snn4j.nir.NirArray.full(io.snn4j.nir.NirArray.DType.FLOAT32,
                io.snn4j.nir.Shape.of(2, 2), 0.5);
        n.put("a", new NirNode.Linear(w));
        n.put("b", new NirNode.Linear(w));
        n.put("output", new NirNode.Output(io.snn4j.nir.Shape.of(2)));
        Path f = dir.resolve("loop.nir");
        NirFile.write(f, new io.snn4j.nir.NirGraph(n, java.util.List.of(new io.snn4j.nir.NirGraph.Edge("input", "a"),
                new io.snn4j.nir.NirGraph.Edge("a", "b"), new io.snn4j.nir.NirGraph.Edge("b", "a"),
                new io.snn4j.nir.NirGraph.Edge("b", "output"))));
        Cli r = Cli.run("simulate", "--model", f.toString(), "--input", input(3, 1, 2).toString(), "--preset",
                "norse", "--out", dir.resolve("o").toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("snn4j: error: " + f + ": cycle a -> b -> a has no neuron to hold its value from one step to "
                + "the next: an instantaneous loop cannot be scheduled\n", r.err());
    }

    @Test
    void exportRefusesWhatNirCannotSay() {
        Path f = dir.resolve("pool.snn");
        Network net = new Sequential(new MaxPool2d(2));
        ModelFile.save(f, net, new int[] {1, 4, 4}, Provenance.of(1L, null, Map.of()), Map.of());
        Cli r = Cli.run("nir", "export", "--model", f.toString(), "--out", dir.resolve("p.nir").toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("snn4j: error: " + f + ": cannot be written as NIR: layer 0 (maxpool2d): NIR has no node for it "
                + "(NIR pools by sum or average, not maximum)\n", r.err());
        assertFalse(Files.exists(dir.resolve("p.nir")));
    }

    @Test
    void trainWritesModelNirWhenAsked() throws Exception {
        Path cfg = dir.resolve("small.yaml");
        Files.writeString(cfg, """
                data: {limit: 200, steps: 5, batch_size: 50}
                network:
                  layers:
                    - {type: linear, in_features: 64, out_features: 16}
                    - {type: leaky, beta: 0.9, reset: zero}
                    - {type: linear, in_features: 16, out_features: 10}
                    - {type: leaky, beta: 0.9, reset: zero}
                training: {epochs: 1, threads: 1, checkpoint_every: 0}
                output: {report: false}
                """);
        Path run = dir.resolve("run");
        Cli r = Cli.run("train", "--config", cfg.toString(), "--out", run.toString(), "--export-nir");
        assertEquals(0, r.exit(), r.toString());
        NirFile nir = NirFile.read(run.resolve("model.nir"));
        assertEquals(6, nir.graph().nodes().size());
        assertTrue(Files.exists(run.resolve("model.snn")));
        Path x = input(5, 2, 64);
        Cli a = Cli.run("simulate", "--model", run.resolve("model.snn").toString(), "--input", x.toString(),
                "--out", dir.resolve("a").toString());
        Cli b = Cli.run("simulate", "--model", run.resolve("model.nir").toString(), "--input", x.toString(),
                "--preset", "snntorch", "--out", dir.resolve("b").toString());
        assertEquals(0, a.exit() + b.exit(), a + "\n" + b);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve("spikes.npy")),
                Files.readAllBytes(dir.resolve("b").resolve("spikes.npy")));
    }

    @Test
    void trainRefusesAnUnexportableNetworkBeforeTraining() throws Exception {
        Path cfg = dir.resolve("graded.yaml");
        Files.writeString(cfg, """
                data: {limit: 200, steps: 5, batch_size: 50}
                network:
                  layers:
                    - {type: linear, in_features: 64, out_features: 10}
                    - {type: leaky, graded_spikes_factor: 2}
                training: {epochs: 1, threads: 1}
                output: {export_nir: true}
                """);
        Path run = dir.resolve("run2");
        Cli r = Cli.run("train", "--config", cfg.toString(), "--out", run.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("snn4j: error: " + cfg + ": output.export_nir: the network: cannot be written as NIR: layer 1 "
                + "(leaky): graded spikes (graded_spikes_factor 2.0) cannot be written in NIR, whose neurons emit 0 or "
                + "1\n", r.err());
        assertFalse(r.err().contains("epoch"), "refused before training");
        assertFalse(Files.exists(run.resolve("model.snn")));
    }
}
