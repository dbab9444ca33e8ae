package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.snn4j.data.dataset.SyntheticNmnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** data.dataset: nmnist (folder of .bin, ToFrame frames) and examples/nmnist-synthetic.yaml on generated data. */
class NmnistConfigTest {
    @TempDir
    Path dir;

    private static final String LAYERS = "network:\n  layers:\n    - {type: linear, in_features: 2312, out_features: 10}"
            + "\n    - {type: leaky}\n";

    private static Path repo() {
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples")) && Files.isRegularFile(p.resolve("snn4j"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    private static String errorOf(String yaml) {
        return assertThrows(UserError.class, () -> ExperimentConfig.parse(yaml, "exp.yaml")).getMessage();
    }

    @Test
    void frameKeysAreChecked() {
        assertEquals("exp.yaml: data.path is required for nmnist: the folder holding Train/<label>/*.bin and"
                + " Test/<label>/*.bin", errorOf(LAYERS + "data:\n  dataset: nmnist\n"));
        assertEquals("exp.yaml: data.frames.n_time_bins and time_window cannot both be given; choose one",
                errorOf(LAYERS + "data:\n  dataset: nmnist\n  path: x\n  frames: {n_time_bins: 3, time_window: 9}\n"));
        assertTrue(errorOf(LAYERS + "data:\n  dataset: nmnist\n  path: x\n  frames: {n_bins: 3}\n")
                .startsWith("exp.yaml: unknown key 'n_bins' in section 'data.frames'; valid keys: n_time_bins"));
        assertEquals("exp.yaml: data.frames.overlap must be in [0, 1), got 1",
                errorOf(LAYERS + "data:\n  dataset: nmnist\n  path: x\n  frames: {overlap: 1}\n"));
        assertEquals("exp.yaml: data.frames.include_incomplete applies to time_window only (as in tonic)",
                errorOf(LAYERS + "data:\n  dataset: nmnist\n  path: x\n  frames: {include_incomplete: true}\n"));
        assertEquals("exp.yaml: data.frames applies to event datasets (nmnist, shd, ssc, dvs_gesture) only",
                errorOf(LAYERS + "data:\n  dataset: fsdd\n  path: x\n  frames: {n_time_bins: 3}\n"));
        assertEquals("exp.yaml: data.encoder applies to audio datasets (fsdd) only",
                errorOf(LAYERS + "data:\n  dataset: nmnist\n  path: x\n  encoder: {channels: 3}\n"));
        assertTrue(errorOf(LAYERS + "data:\n  dataset: nmnist\n  path: x\n  gain: 2\n")
                .startsWith("exp.yaml: data.gain applies to rate coding only; nmnist recordings are coded by"
                        + " data.frames"));

        ExperimentConfig c = ExperimentConfig.parse(LAYERS + "data:\n  dataset: nmnist\n  path: x\n", "exp.yaml");
        assertEquals(Map.of("n_time_bins", 10, "overlap", 0.0, "binary", true, "spatial_factor", 1.0),
                c.data().frames());
        assertEquals("frames", c.data().encoding());
        assertTrue(c.data().temporal());
        assertEquals(0, c.data().steps());
        c = ExperimentConfig.parse(LAYERS + "data:\n  dataset: nmnist\n  path: x\n  frames: {time_window: 20000,"
                + " overlap: 5000, include_incomplete: true, binary: false}\n", "exp.yaml");
        assertEquals(Map.of("time_window", 20000.0, "overlap", 5000.0, "include_incomplete", true, "binary", false,
                "spatial_factor", 1.0), c.data().frames());
        assertEquals(c.toMap(), ExperimentConfig.parse(Experiment.yaml(c.toMap()), "again").toMap());
    }

    @Test
    void aFolderWithoutTestIsOneClearError() throws IOException {
        Files.createDirectories(dir.resolve("nm/Train/0"));
        Path cfg = dir.resolve("nm.yaml");
        Files.writeString(cfg, "data:\n  dataset: nmnist\n  path: " + dir.resolve("nm") + "\n  cache: "
                + dir.resolve("cache") + "\n" + LAYERS + "training:\n  epochs: 1\n");
        Cli r = Cli.run("train", "--config", cfg.toString(), "--out", dir.resolve("run").toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("snn4j: error: " + dir.resolve("nm") + ": has no Test/ folder (expected an N-MNIST folder with"
                + " Train/<label>/*.bin and Test/<label>/*.bin)", r.err().strip());
    }

    @Test
    void theSyntheticExampleTrainsOnGeneratedFiles() throws IOException {
        Path data = dir.resolve("nmnist");
        SyntheticNmnist.generate(data, 2, 1, 5);
        ObjectMapper y = new ObjectMapper(new YAMLFactory());
        @SuppressWarnings("unchecked")
        Map<String, Object> m = y.readValue(repo().resolve("examples/nmnist-synthetic.yaml").toFile(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) m.get("data");
        assertEquals("nmnist", d.get("dataset"));
        d.put("path", data.toString());
        d.put("cache", dir.resolve("cache").toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) m.get("training");
        t.put("epochs", 1);
        t.put("threads", 2);
        Path cfg = dir.resolve("nmnist.yaml");
        y.writeValue(cfg.toFile(), m);
        Path run = dir.resolve("run");
        Cli r = Cli.run("train", "--config", cfg.toString(), "--out", run.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("test accuracy: "), r.out());
        assertTrue(r.err().contains("snn4j: nmnist: 30 recordings to frames (ToFrame n_time_bins 10, binary spikes"),
                r.err());
        assertTrue(Files.isRegularFile(run.resolve("report.html")));
        JsonNode res = new ObjectMapper().readTree(run.resolve("results.json").toFile());
        assertEquals(10, res.get("test_samples").asInt());
        assertEquals(10, res.get("config").get("data").get("frames").get("n_time_bins").asInt());
        assertEquals(2312L * 128 + 128 + 128 * 10 + 10, res.get("parameters").asLong());
        try (var s = Files.list(dir.resolve("cache"))) {
            assertEquals(2, s.filter(p -> p.getFileName().toString().startsWith("nmnist-")).count());
        }
    }
}
