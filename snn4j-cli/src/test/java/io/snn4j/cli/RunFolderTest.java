package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder that demo and train write, end to end on small runs. */
class RunFolderTest {

    private static final String SMALL = """
            data: {limit: 300, steps: 8, batch_size: 50}
            network:
              layers:
                - {type: linear, in_features: 64, out_features: 32}
                - {type: leaky, beta: 0.9}
                - {type: linear, in_features: 32, out_features: 10}
                - {type: leaky, beta: 0.9}
            training:
              epochs: 2
              threads: 1
              optimizer: {type: adam, lr: 0.005}
              checkpoint_every: 1
            """;

    private static JsonNode json(Path p) throws Exception {
        return new ObjectMapper().readTree(p.toFile());
    }

    private static long files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void oneEpochDemoWritesResultsModelAndASelfContainedReport(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Cli r = Cli.run("demo", "--epochs", "1", "--threads", "2", "--out", run.toString());
        assertEquals(0, r.exit(), r.toString());
        Matcher m = Pattern.compile("test accuracy: (0\\.\\d{3})").matcher(r.out());
        assertTrue(m.find(), r.toString());
        assertTrue(r.out().contains("run folder: " + run), r.toString());
        assertTrue(r.err().contains("epoch 1/1"), "plain progress lines off a terminal:\n" + r.err());

        JsonNode res = json(run.resolve("results.json"));
        double acc = res.path("ClassificationAccuracy").asDouble(-1);
        assertEquals(Double.parseDouble(m.group(1)), acc, 5e-4);
        assertTrue(acc > 0.5, "one epoch already learns the digits: " + acc);
        assertEquals(360, res.path("test_samples").asInt() + 1, "20% of 1,797, stratified per class");
        assertEquals(42, res.path("seed").asInt());
        assertEquals(1, res.path("history").size());
        assertTrue(res.path("timings").path("train").asDouble() > 0);
        assertTrue(res.path("timings").path("total").asDouble() >= res.path("timings").path("train").asDouble());
        assertEquals(25, res.path("config").path("data").path("steps").asInt());
        assertEquals(10, res.path("confusion_matrix").size());

        String html = Files.readString(run.resolve("report.html"));
        assertEquals(7, html.split("src=\"data:image/png;base64,", -1).length - 1,
                "loss, accuracy, the input, two rasters, membranes, confusion matrix");
        assertTrue(html.contains("<p>Input: spikes per pixel, 8x8, 25 time steps summed into 1 panel.</p>"), html);
        assertFalse(html.contains("src=\"http"), "the report must not load anything");
        assertTrue(Files.size(run.resolve("model.snn")) > 9610 * 4, "the weights are in the model file");

        Cli info = Cli.run("info", run.resolve("model.snn").toString());
        assertEquals(0, info.exit(), info.toString());
        assertTrue(info.out().contains("total parameters   9610"), info.toString());
        assertTrue(info.out().contains("seed               42"), info.toString());
        Cli infoRes = Cli.run("info", run.resolve("results.json").toString());
        assertEquals(0, infoRes.exit(), infoRes.toString());
        assertTrue(infoRes.out().contains("test accuracy      " + String.format(java.util.Locale.ROOT, "%.4f", acc)),
                infoRes.toString());
    }

    @Test
    void trainResumesFromTheCheckpointAndRefusesToOverwriteAFinishedRun(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("small.yaml");
        Files.writeString(cfg, SMALL);
        Path run = tmp.resolve("run");
        Cli first = Cli.run("train", "--config", cfg.toString(), "--out", run.toString());
        assertEquals(0, first.exit(), first.toString());
        assertEquals(2, json(run.resolve("results.json")).path("history").size());

        Cli again = Cli.run("train", "--config", cfg.toString(), "--out", run.toString());
        assertEquals(1, again.exit(), again.toString());
        assertTrue(again.err().contains("already holds a finished run"), again.toString());

        Cli more = Cli.run("train", "--config", cfg.toString(), "--out", run.toString(), "--resume", "--epochs", "3");
        assertEquals(0, more.exit(), more.toString());
        assertTrue(more.err().contains("resuming after epoch 2 of 3"), more.toString());
        assertTrue(more.err().contains("epoch 3/3") && !more.err().contains("epoch 1/3"), more.toString());
        JsonNode res = json(run.resolve("results.json"));
        assertEquals(3, res.path("history").size());
        assertEquals(3, res.path("epochs_completed").asInt());
    }

    @Test
    void resumedRunEndsWhereAnUninterruptedRunEnds(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("small.yaml");
        Files.writeString(cfg, SMALL.replace("epochs: 2", "epochs: 1"));
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, Cli.run("train", "--config", cfg.toString(), "--out", a.toString(), "--epochs", "2").exit());
        assertEquals(0, Cli.run("train", "--config", cfg.toString(), "--out", b.toString()).exit());
        assertEquals(0, Cli.run("train", "--config", cfg.toString(), "--out", b.toString(), "--resume",
                "--epochs", "2").exit());
        assertEquals(json(a.resolve("results.json")).path("ClassificationAccuracy").asDouble(),
                json(b.resolve("results.json")).path("ClassificationAccuracy").asDouble());
        assertEquals(json(a.resolve("results.json")).path("test_loss").asDouble(),
                json(b.resolve("results.json")).path("test_loss").asDouble());
    }

    @Test
    void resultsDoNotDependOnTheThreadCount(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("small.yaml");
        Files.writeString(cfg, SMALL.replace("epochs: 2", "epochs: 1"));
        for (String k : new String[] {"1", "2"}) {
            Cli r = Cli.run("train", "--config", cfg.toString(), "--out", tmp.resolve("t" + k).toString(),
                    "--threads", k);
            assertEquals(0, r.exit(), r.toString());
        }
        JsonNode one = json(tmp.resolve("t1/results.json"));
        JsonNode two = json(tmp.resolve("t2/results.json"));
        assertEquals(one.path("test_loss").asDouble(), two.path("test_loss").asDouble());
        assertEquals(one.path("history").get(0).path("train_loss").asDouble(),
                two.path("history").get(0).path("train_loss").asDouble());
    }

    @Test
    void timeCheckpointingTrainsTheSameNetworkWithinRounding(@TempDir Path tmp) throws Exception {
        Path plain = tmp.resolve("plain.yaml");
        Files.writeString(plain, SMALL.replace("epochs: 2", "epochs: 1"));
        Path seg = tmp.resolve("seg.yaml");
        Files.writeString(seg, SMALL.replace("epochs: 2", "epochs: 1")
                .replace("checkpoint_every: 1", "checkpoint_every: 1\n  time_checkpoint_every: 3"));
        assertEquals(0, Cli.run("train", "--config", plain.toString(), "--out", tmp.resolve("a").toString()).exit());
        Cli r = Cli.run("train", "--config", seg.toString(), "--out", tmp.resolve("b").toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode a = json(tmp.resolve("a/results.json"));
        JsonNode b = json(tmp.resolve("b/results.json"));
        assertEquals(3, b.path("config").path("training").path("time_checkpoint_every").asInt());
        assertEquals(a.path("history").get(0).path("train_loss").asDouble(),
                b.path("history").get(0).path("train_loss").asDouble(), 1e-4);
        assertEquals(a.path("test_loss").asDouble(), b.path("test_loss").asDouble(), 1e-3);
    }

    @Test
    void resumeWithoutACheckpointIsAClearError(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("small.yaml");
        Files.writeString(cfg, SMALL);
        Files.createDirectories(tmp.resolve("empty"));
        Cli r = Cli.run("train", "--config", cfg.toString(), "--out", tmp.resolve("empty").toString(), "--resume");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("snn4j: error: " + tmp.resolve("empty") + ": has no checkpoint to resume from\n", r.err());
    }

    @Test
    void divergedTrainingFailsInOneLineAndLeavesNoOutputs(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("diverge.yaml");
        Files.writeString(cfg, """
                data: {limit: 200, steps: 5}
                network:
                  layers:
                    - {type: linear, in_features: 64, out_features: 10}
                    - {type: leaky_integrator, beta: 0.9}
                training:
                  epochs: 2
                  loss: ce_readout
                  optimizer: {type: adam, lr: 1.0e+38}
                """);
        Path run = tmp.resolve("run");
        Cli r = Cli.run("train", "--config", cfg.toString(), "--out", run.toString());
        assertEquals(1, r.exit(), r.toString());
        String last = r.err().strip().lines().reduce((x, y) -> y).orElse("");
        assertTrue(last.startsWith("snn4j: error: training diverged"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
        for (String f : new String[] {"results.json", "model.snn", "report.html"}) {
            assertFalse(Files.exists(run.resolve(f)), f + " must not exist after a failed run");
        }
        if (Files.isDirectory(run)) {
            try (Stream<Path> s = Files.list(run)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".partial")));
            }
        }
    }

    @Test
    void noReportWhenTheConfigSaysSo(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("small.yaml");
        Files.writeString(cfg, SMALL.replace("epochs: 2", "epochs: 1").replace("checkpoint_every: 1",
                "checkpoint_every: 0") + "output: {report: false}\n");
        Path run = tmp.resolve("run");
        assertEquals(0, Cli.run("train", "--config", cfg.toString(), "--out", run.toString()).exit());
        assertFalse(Files.exists(run.resolve("report.html")));
        assertEquals(2, files(run), "results.json and model.snn only");
    }
}
