package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset keys of configs, and the example configs for Fashion-MNIST and FSDD (one tiny run each). */
class DatasetConfigTest {
    @TempDir
    Path dir;

    private static final String LAYERS = "network:\n  layers:\n    - {type: linear, in_features: 64, out_features: 10}\n"
            + "    - {type: leaky}\n";

    private static Path repo() {
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples")) && Files.isRegularFile(p.resolve("snn4j"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    private static Path shared(String name) {
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared").resolve("data").resolve(name);
            if (Files.isDirectory(d)) {
                return d;
            }
        }
        Path d = Paths.get("/work/shared/data").resolve(name);
        return Files.isDirectory(d) ? d : null;
    }

    private static String errorOf(String yaml) {
        return assertThrows(UserError.class, () -> ExperimentConfig.parse(yaml, "exp.yaml")).getMessage();
    }

    @Test
    void datasetKeysAreChecked() {
        assertEquals("exp.yaml: data.split does not apply to fashion_mnist, which has its own test split; remove it"
                + " (data.validation takes a validation part out of the training split)",
                errorOf(LAYERS + "data:\n  dataset: fashion_mnist\n  split: 0.1\n"));
        assertTrue(errorOf(LAYERS + "data:\n  dataset: fsdd\n").startsWith("exp.yaml: data.path is required for"
                + " fsdd"));
        assertEquals("exp.yaml: data.encoder.channels: expected a whole number between 1 and 10000, got 0",
                errorOf(LAYERS + "data:\n  dataset: fsdd\n  path: x\n  encoder: {channels: 0}\n"));
        assertTrue(errorOf(LAYERS + "data:\n  dataset: fsdd\n  path: x\n  encoder: {chanels: 3}\n")
                .startsWith("exp.yaml: data.encoder.chanels: unknown option; expected one of channels, sample_rate"));
        assertEquals("exp.yaml: data.encoder applies to audio datasets (fsdd) only",
                errorOf(LAYERS + "data:\n  dataset: mnist\n  encoder: {channels: 3}\n"));
        assertEquals("exp.yaml: data.encoding must be one of cochlea, got 'rate'",
                errorOf(LAYERS + "data:\n  dataset: fsdd\n  path: x\n  encoding: rate\n"));
        assertEquals("exp.yaml: data.path does not apply to digits, which are bundled with snn4j",
                errorOf(LAYERS + "data:\n  path: x\n"));

        ExperimentConfig c = ExperimentConfig.parse(LAYERS + "data:\n  dataset: fsdd\n  path: rec\n"
                + "  encoder: {channels: 32, sample_rate: 8000}\n", "exp.yaml");
        assertEquals(0, c.data().steps());
        assertEquals("cochlea", c.data().encoding());
        @SuppressWarnings("unchecked")
        Map<String, Object> enc = (Map<String, Object>) ((Map<String, Object>) c.toMap().get("data")).get("encoder");
        assertEquals(32, enc.get("channels"));
        assertEquals(3600.0, enc.get("f_max"));   // resolved default, recorded in results.json
        // the normalised form parses back to the same config
        assertEquals(c.toMap(), ExperimentConfig.parse(Experiment.yaml(c.toMap()), "again").toMap());
    }

    @Test
    void aMissingDatasetFolderIsOneClearError() throws IOException {
        Path cfg = dir.resolve("fm.yaml");
        Files.writeString(cfg, "data:\n  dataset: fashion_mnist\n  path: " + dir.resolve("nope") + "\n" + LAYERS
                .replace("64", "784") + "training:\n  epochs: 1\n");
        Cli r = Cli.run("train", "--config", cfg.toString(), "--out", dir.resolve("run").toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("snn4j: error: " + dir.resolve("nope") + ": no such folder (expected a folder"
                + " holding train-images-idx3-ubyte.gz"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    /** The example with its data path pointed at the shared folder, a small subset, one epoch, a temp cache. */
    private Path tiny(String example, String data, int limit) throws IOException {
        Path shared = shared(data);
        assumeTrue(shared != null, "../shared/data/" + data + " absent");
        ObjectMapper y = new ObjectMapper(new YAMLFactory());
        @SuppressWarnings("unchecked")
        Map<String, Object> m = y.readValue(repo().resolve("examples").resolve(example).toFile(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) m.get("data");
        d.put("path", shared.toString());
        d.put("limit", limit);
        d.put("cache", dir.resolve("cache").toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) m.get("training");
        t.put("epochs", 1);
        t.put("threads", 2);
        t.put("checkpoint_every", 0);
        Path cfg = dir.resolve(example);
        y.writeValue(cfg.toFile(), m);
        return cfg;
    }

    private JsonNode runTiny(Path cfg) throws IOException {
        Path run = dir.resolve("run-" + cfg.getFileName());
        Cli r = Cli.run("train", "--config", cfg.toString(), "--out", run.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("test accuracy: "), r.out());
        assertTrue(Files.isRegularFile(run.resolve("report.html")));
        return new ObjectMapper().readTree(run.resolve("results.json").toFile());
    }

    @Test
    void theFashionMnistExampleRuns() throws IOException {
        JsonNode res = runTiny(tiny("fashion-mnist.yaml", "fashion-mnist", 128));
        assertEquals(128, res.get("test_samples").asInt());
        assertEquals("fashion_mnist", res.get("config").get("data").get("dataset").asText());
        assertEquals(784 * 512 + 512 + 512 * 10 + 10 + 10, res.get("parameters").asLong());   // + readout betas
    }

    @Test
    void theFsddExampleRuns() throws IOException {
        JsonNode res = runTiny(tiny("fsdd.yaml", "fsdd", 40));
        assertEquals(40, res.get("test_samples").asInt());
        JsonNode enc = res.get("config").get("data").get("encoder");
        assertEquals(64, enc.get("channels").asInt());
        assertEquals(10, enc.get("bin").asInt());
        try (var s = Files.list(dir.resolve("cache"))) {
            assertEquals(1, s.filter(p -> p.getFileName().toString().startsWith("fsdd-")).count());
        }
    }
}
