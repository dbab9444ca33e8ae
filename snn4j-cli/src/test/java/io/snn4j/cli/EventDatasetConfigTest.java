package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snn4j.data.io.NdArray;
import io.snn4j.data.io.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * data.dataset shd, ssc and dvs_gesture: configs, errors, and one-epoch runs on small files (SHD's real layout,
 * copied from snn4j-data's fixture {@code shd_small.h5}; DVS Gesture in tonic's .npy layout, written here).
 */
class EventDatasetConfigTest {
    @TempDir
    Path dir;

    private static String errorOf(String yaml) {
        return assertThrows(UserError.class, () -> ExperimentConfig.parse(yaml, "exp.yaml")).getMessage();
    }

    @Test
    void pathsAreRequiredAndDefaultsDependOnTheDataset() {
        String layers = "network:\n  layers:\n    - {type: linear, in_features: 700, out_features: 20}\n"
                + "    - {type: leaky}\n";
        assertEquals("exp.yaml: data.path is required for shd: the folder holding shd_train.h5 and shd_test.h5"
                + " (or .h5.gz; https://zenkelab.org/datasets/)", errorOf(layers + "data:\n  dataset: shd\n"));
        assertTrue(errorOf(layers + "data:\n  dataset: dvs_gesture\n").contains("ibmGestureTrain/"));
        assertEquals("exp.yaml: data.frames.spatial_factor must be in (0, 1], got 2",
                errorOf(layers + "data:\n  dataset: shd\n  path: x\n  frames: {spatial_factor: 2}\n"));
        ExperimentConfig c = ExperimentConfig.parse(layers + "data:\n  dataset: shd\n  path: x\n", "exp.yaml");
        assertEquals(100, c.data().frames().get("n_time_bins"));
        assertTrue(c.data().temporal());
        c = ExperimentConfig.parse(layers + "data:\n  dataset: dvs_gesture\n  path: x\n", "exp.yaml");
        assertEquals(20, c.data().frames().get("n_time_bins"));
    }

    @Test
    void shdTrainsFromItsFiles() throws IOException {
        Path data = dir.resolve("shd");
        Files.createDirectories(data);
        for (String n : new String[] {"shd_train.h5", "shd_test.h5"}) {
            try (InputStream in = getClass().getResourceAsStream("/events/shd_small.h5")) {
                Files.copy(in, data.resolve(n));
            }
        }
        Path cfg = dir.resolve("shd.yaml");
        Files.writeString(cfg, "data:\n  dataset: shd\n  path: " + data + "\n  cache: " + dir.resolve("cache")
                + "\n  batch_size: 2\n  frames: {time_window: 50000, spatial_factor: 0.5}\n"
                + "network:\n  layers:\n    - {type: linear, in_features: 350, out_features: 20}\n"
                + "    - {type: leaky}\ntraining:\n  epochs: 1\n");
        Path run = dir.resolve("run");
        Cli r = Cli.run("train", "--config", cfg.toString(), "--out", run.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("snn4j: shd: 6 recordings to frames (ToFrame time_window 50000 us, binary"
                + " spikes, spatial_factor 0.5"), r.err());
        JsonNode res = new ObjectMapper().readTree(run.resolve("results.json").toFile());
        assertEquals(3, res.get("test_samples").asInt());
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("english-"), html);
        assertTrue(html.contains("alt=\"input spike raster\""), html);
    }

    @Test
    void shdFolderWithoutTestFileIsOneLine() throws IOException {
        Path data = dir.resolve("shd");
        Files.createDirectories(data);
        try (InputStream in = getClass().getResourceAsStream("/events/shd_small.h5")) {
            Files.copy(in, data.resolve("shd_train.h5"));
        }
        Path cfg = dir.resolve("shd.yaml");
        Files.writeString(cfg, "data:\n  dataset: shd\n  path: " + data + "\nnetwork:\n  layers:\n"
                + "    - {type: linear, in_features: 700, out_features: 20}\n    - {type: leaky}\n");
        Cli r = Cli.run("train", "--config", cfg.toString(), "--out", dir.resolve("run").toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("snn4j: error: " + data + ": has no shd_test.h5 (nor shd_test.h5.gz); expected shd_train.h5"
                + " and shd_test.h5 (or .h5.gz)", r.err().strip());
    }

    @Test
    void dvsGestureTrainsFromTonicsLayout() throws IOException {
        Path data = dir.resolve("DVSGesture");
        for (int label = 0; label < 11; label++) {
            for (String split : new String[] {"ibmGestureTrain/user01_led", "ibmGestureTest/user24_led"}) {
                Path f = data.resolve(split).resolve(label + ".npy");
                Files.createDirectories(f.getParent());
                double[] v = new double[4 * 20];
                for (int i = 0; i < 20; i++) {
                    v[4 * i] = (label * 11 + i) % 128;
                    v[4 * i + 1] = (label * 7) % 128;
                    v[4 * i + 2] = i % 2;
                    v[4 * i + 3] = i * 10;
                }
                Npy.write(f, NdArray.ofDoubles(v, 20, 4));
            }
        }
        Path cfg = dir.resolve("g.yaml");
        Files.writeString(cfg, "data:\n  dataset: dvs_gesture\n  path: " + dir + "\n  cache: " + dir.resolve("cache")
                + "\n  batch_size: 4\n  frames: {n_time_bins: 5, spatial_factor: 0.25}\n"
                + "network:\n  layers:\n    - {type: linear, in_features: 2048, out_features: 11}\n"
                + "    - {type: leaky}\ntraining:\n  epochs: 1\n");
        Path run = dir.resolve("run");
        Cli r = Cli.run("train", "--config", cfg.toString(), "--out", run.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("snn4j: dvs_gesture: 22 recordings to frames"), r.err());
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("Test sample 0: class 0 (Hand clapping)"), html);
        assertTrue(html.contains("<p>Input: event frames (ON blue, OFF red), 32x32, 5 time steps.</p>"), html);
    }

    @Test
    void theExampleConfigsParseAndBuildTheirNetworks() {
        ExperimentConfig shd = ExperimentConfig.read(Path.of("..", "examples", "shd.yaml"));
        assertEquals("shd", shd.data().dataset());
        Experiment.buildNetwork(shd, "shd.yaml", new int[] {350}, 20, 42);
        ExperimentConfig g = ExperimentConfig.read(Path.of("..", "examples", "dvs-gesture.yaml"));
        assertEquals(0.25, g.data().frames().get("spatial_factor"));
        Experiment.buildNetwork(g, "dvs-gesture.yaml", new int[] {2, 32, 32}, 11, 42);
    }
}
