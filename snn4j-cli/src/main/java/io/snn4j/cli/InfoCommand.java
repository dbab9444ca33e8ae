package io.snn4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.snn4j.nir.NirFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snn4j info FILE}: what a model file or a run's results.json holds. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
        description = {"Describes a model file (.snn: layers, shapes, parameter counts, provenance), a run's "
                + "results.json (accuracy, timings, history) or a NIR file (as 'snn4j nir info')."})
final class InfoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "A .snn model file, a results.json or a .nir file.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (Files.isDirectory(file)) {
            throw UserError.about(file, "is a folder; expected a .snn model file or a results.json");
        }
        byte[] head = new byte[Math.max(16, ModelIo.headBytes())];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw UserError.about(file, "no such file");
        } catch (IOException e) {
            throw UserError.about(file, "cannot read: " + e.getMessage());
        }
        String start = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1).stripLeading();
        if (NirFile.looksLikeHdf5(file)) {
            NirCommand.Info nir = new NirCommand.Info(); // HDF5: a NIR file, described as 'nir info' does
            nir.file = file;
            nir.spec = spec;
            return nir.call();
        }
        if (ModelIo.looksLikeModel(head, n)) {
            ModelIo.describe(file, out);
        } else if (start.startsWith("{")) {
            describeResults(file, out);
        } else {
            throw UserError.about(file, "neither an snn4j model file (.snn), a results.json nor a NIR file (.nir)");
        }
        out.flush();
        return 0;
    }

    private static void describeResults(Path file, PrintWriter out) {
        JsonNode r;
        try {
            r = Experiment.Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw UserError.about(file, "not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + "); expected a results.json written by snn4j");
        } catch (IOException e) {
            throw UserError.about(file, "cannot read: " + e.getMessage());
        }
        if (r == null || !r.isObject() || !r.has("ClassificationAccuracy")) {
            throw UserError.about(file, "a JSON file without 'ClassificationAccuracy'; expected a results.json "
                    + "written by snn4j");
        }
        out.println("results: " + file);
        out.printf(Locale.ROOT, "  test accuracy      %.4f%s%n", r.path("ClassificationAccuracy").asDouble(),
                r.has("test_samples") ? " (" + r.path("test_samples").asInt() + " samples)" : "");
        if (r.hasNonNull("test_loss")) {
            out.printf(Locale.ROOT, "  test loss          %.4f%n", r.path("test_loss").asDouble());
        }
        line(out, "epochs", r.path("epochs_completed"));
        if (r.path("stopped_early").asBoolean(false)) {
            out.println("  stopped early      yes");
        }
        line(out, "parameters", r.path("parameters"));
        line(out, "seed", r.path("seed"));
        line(out, "snn4j version", r.path("snn4j_version"));
        JsonNode t = r.path("timings");
        if (t.isObject()) {
            out.printf(Locale.ROOT, "  time (s)           train %.1f, eval %.2f, total %.1f%n",
                    t.path("train").asDouble(), t.path("eval").asDouble(), t.path("total").asDouble());
        }
        JsonNode layers = r.path("config").path("network").path("layers");
        if (layers.isArray()) {
            StringBuilder s = new StringBuilder();
            for (JsonNode l : layers) {
                if (s.length() > 0) {
                    s.append(" -> ");
                }
                s.append(l.path("type").asText("?"));
            }
            out.println("  network            " + s);
        }
        JsonNode h = r.path("history");
        if (h.isArray() && h.size() > 0) {
            out.println("  history");
            for (JsonNode e : h) {
                StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "    epoch %3d", e.path("epoch").asInt()));
                for (Map.Entry<String, JsonNode> f : e.properties()) {
                    if (f.getKey().endsWith("loss") || f.getKey().endsWith("accuracy")) {
                        s.append(String.format(Locale.ROOT, "  %s %s", f.getKey(),
                                f.getValue().isNumber() ? String.format(Locale.ROOT, "%.4f", f.getValue().asDouble())
                                        : "-"));
                    }
                }
                out.println(s);
            }
        }
    }

    private static void line(PrintWriter out, String label, JsonNode v) {
        if (!v.isMissingNode() && !v.isNull()) {
            out.printf(Locale.ROOT, "  %-18s %s%n", label, v.asText());
        }
    }
}
