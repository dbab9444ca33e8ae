package io.snn4j.cli;

import io.snn4j.bench.neurobench.BenchBatch;
import io.snn4j.bench.neurobench.BenchmarkException;
import io.snn4j.bench.neurobench.EnergyCosts;
import io.snn4j.bench.neurobench.Metrics;
import io.snn4j.bench.neurobench.NeuroBench;
import io.snn4j.bench.neurobench.Results;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Layer;
import io.snn4j.data.io.ArrayFileException;
import io.snn4j.data.io.NdArray;
import io.snn4j.data.io.Npy;
import io.snn4j.data.model.LoadedModel;
import io.snn4j.nir.convert.ConversionOptions;
import io.snn4j.nir.convert.Preset;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code snn4j bench}: NeuroBench's metrics for a model on an input or a task, written as JSON (NeuroBench's keys),
 * CSV and an HTML report.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
        description = {"Benchmarks a network with NeuroBench's metrics (footprint, connection sparsity, activation "
                + "sparsity, synaptic operations, membrane updates, accuracy, MSE, sMAPE, R2, ...). Give a model "
                + "and a raw input (--input, one batch), or a task (--task; --list shows them). Writes the results "
                + "as JSON keyed as NeuroBench keys them, the same as CSV next to it, and report.html in the same "
                + "folder. Metric definitions and every difference from NeuroBench: docs/neurobench.md."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--list", description = "List the tasks and metrics, then stop.")
    boolean list;

    @Option(names = "--list-params", paramLabel = "TASK",
            description = "List a symbolic-sequence task's parameters and their defaults, then stop.")
    String listParams;

    @Option(names = "--model", paramLabel = "FILE", description = "A .snn model or a .nir file (with --preset).")
    Path model;

    @Option(names = "--task", paramLabel = "NAME", description = "A task (see --list).")
    String task;

    @Option(names = "--input", paramLabel = "X.npy",
            description = "A raw input, float32 .npy, time-major [T, B, features...] like simulate's (or [B, T, ...] "
                    + "with --batch-first), benchmarked as one batch.")
    Path input;

    @Option(names = "--labels", paramLabel = "Y.npy",
            description = "Class labels [B] for --input (integers); enables classification_accuracy.")
    Path labels;

    @Option(names = "--batch-first", description = "--input is NeuroBench's [B, T, ...] rather than [T, B, ...].")
    boolean batchFirst;

    @Option(names = "--metrics", paramLabel = "LIST", split = ",",
            description = "Metric names, comma-separated (see --list). Default: footprint, connection_sparsity, "
                    + "parameter_count, activation_sparsity(_by_layer), synaptic_operations, membrane_updates, "
                    + "energy_estimate, plus classification_accuracy and decision_latency with labels; "
                    + "neuron_operations (Leaky/Synaptic only) on request.")
    List<String> metrics;

    @Option(names = "--preset", paramLabel = "NAME", converter = SimulateCommand.PresetConverter.class,
            description = "How a NIR model's neurons step in time: snntorch, norse or nir (see simulate).")
    Preset preset;

    @Option(names = "--dt", paramLabel = "S", converter = SimulateCommand.DtConverter.class,
            description = "Time step in seconds for a NIR model (default: the preset's).")
    Double dt;

    @Option(names = "--data", paramLabel = "PATH",
            description = "The task's data folder (default: the path in the model's training config).")
    Path data;

    @Option(names = "--limit", paramLabel = "N", description = "Benchmark on N random test samples only (0: all).")
    int limit;

    @Option(names = "--param", paramLabel = "K=V",
            description = "A task parameter (symbolic-sequence tasks; --list-params TASK shows them), repeatable.")
    Map<String, String> params;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Training epochs for tasks that train their own model (symbolic sequences; default: the "
                    + "recipe's, 200).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", description = "Seed for tasks that generate data or train (default 42).")
    Long seed;

    @Option(names = "--samples", paramLabel = "N",
            description = "Training samples for symbolic-sequence tasks (default 256; the test set is half as many).")
    Integer samples;

    @Option(names = "--model-kind", paramLabel = "KIND",
            description = "Mackey-Glass: the model to fit: esn, esn-186, lstm, lstm-100 or snn (default esn).")
    String modelKind;

    @Option(names = "--tau", paramLabel = "T", description = "Mackey-Glass: the delay tau (default 17).")
    Double tau;

    @Option(names = "--repeats", paramLabel = "N",
            description = "Mackey-Glass: repeats with start offsets of half a Lyapunov time (default 30).")
    Integer repeats;

    @Option(names = "--energy", paramLabel = "K=V", split = ",",
            description = "Energy costs in pJ: mac, ac, neuron_update, memory_access (default: Horowitz, ISSCC "
                    + "2014, 45 nm, 32-bit float: mac=4.6,ac=0.9,neuron_update=4.6,memory_access=5).")
    Map<String, Double> energy;

    @Option(names = "--out", paramLabel = "FILE.json",
            description = "Where to write the results (default runs/bench-<name>-<time>/results.json); "
                    + "FILE.csv and report.html go next to it.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            printList(o);
            return 0;
        }
        if (listParams != null) {
            BenchTasks.printParams(this, o, listParams);
            return 0;
        }
        if (task == null && input == null) {
            throw usage("give a --task (see --list) or a --model with an --input");
        }
        if (task != null && input != null) {
            throw usage("--task and --input exclude each other: a task brings its own data");
        }
        EnergyCosts costs = costs();
        Outcome r;
        if (input != null) {
            r = rawInput(err, costs);
        } else {
            r = BenchTasks.run(this, err, costs);
        }
        write(r, o);
        return 0;
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** What a run produced, ready to be written. */
    record Outcome(String name, String title, Map<String, String> about, Results results,
                   Map<String, Object> extraJson, Map<String, String> extraRows, io.snn4j.core.layer.Network trained,
                   int[] inputShape) {

        Outcome(String name, String title, Map<String, String> about, Results results, Map<String, Object> extraJson,
                Map<String, String> extraRows) {
            this(name, title, about, results, extraJson, extraRows, null, null);
        }
    }

    private EnergyCosts costs() {
        EnergyCosts d = EnergyCosts.HOROWITZ_45NM_FP32;
        if (energy == null) {
            return d;
        }
        double mac = d.macPj();
        double ac = d.acPj();
        double nu = d.neuronUpdatePj();
        double mem = d.memoryAccessPj();
        for (Map.Entry<String, Double> e : energy.entrySet()) {
            double v = e.getValue();
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw usage("--energy " + e.getKey() + " must be a finite number >= 0 (pJ), got " + v);
            }
            switch (e.getKey()) {
                case "mac" -> mac = v;
                case "ac" -> ac = v;
                case "neuron_update" -> nu = v;
                case "memory_access" -> mem = v;
                default -> throw usage("--energy: unknown cost '" + e.getKey()
                        + "'; valid: mac, ac, neuron_update, memory_access");
            }
        }
        return new EnergyCosts(mac, ac, nu, mem);
    }

    /**
     * The model file, read once.
     *
     * @param network the engine network (a NIR file through the preset)
     * @param config  the training config stored in an snn4j model file, or null (NIR files, models saved without
     *                one)
     */
    record Model(Layer network, Map<String, Object> config) {
    }

    private Model loaded;

    /** The model as an engine network; NIR files through the preset. */
    Layer loadModel() {
        return readModel().network();
    }

    /** The model and its stored training config, read on first use. */
    Model readModel() {
        if (loaded != null) {
            return loaded;
        }
        if (model == null) {
            throw usage("--model is required for this run (a .snn model or a .nir file)");
        }
        boolean nir = NirModels.isNir(model);
        if (nir && preset == null) {
            throw usage("--preset is required for a NIR model (snntorch, norse or nir): NIR stores no time step");
        }
        if (nir) {
            loaded = new Model(NirModels.fromNir(model, new ConversionOptions(preset, dt, null)).network(), null);
        } else {
            LoadedModel m = NirModels.readSnn(model);
            Map<String, Object> cfg = m.provenance() == null || m.provenance().config().isEmpty() ? null
                    : m.provenance().config();
            loaded = new Model(m.network(), cfg);
        }
        return loaded;
    }

    List<String> metricNames(List<String> dflt) {
        if (metrics == null || metrics.isEmpty()) {
            return dflt;
        }
        List<String> valid = Metrics.names();
        for (String m : metrics) {
            try {
                Metrics.isStatic(m);
            } catch (BenchmarkException e) {
                throw usage("--metrics: unknown metric '" + m + "'; valid: " + String.join(", ", valid));
            }
        }
        return metrics;
    }

    static final List<String> SPIKING = List.of("footprint", "connection_sparsity", "parameter_count",
            "activation_sparsity", "activation_sparsity_by_layer", "synaptic_operations", "membrane_updates",
            "energy_estimate");

    static List<String> classification() {
        List<String> l = new ArrayList<>(SPIKING);
        l.add(3, "classification_accuracy");
        l.add("decision_latency");
        return l;
    }

    private Outcome rawInput(PrintWriter err, EnergyCosts costs) {
        Layer net = loadModel();
        Tensor x = readArray(input, "an input [T, B, features...]").toTensor();
        if (x.rank() < 3) {
            throw UserError.about(input, "has shape " + Arrays.toString(x.shape()) + ", expected "
                    + (batchFirst ? "[B, T, features...]" : "[T, B, features...]"));
        }
        BenchBatch batch;
        Tensor y = null;
        int b = batchFirst ? x.dim(0) : x.dim(1);
        if (labels != null) {
            NdArray l = readArray(labels, "class labels [B]");
            if (l.rank() != 1 || l.shape()[0] != b) {
                throw UserError.about(labels, "has shape " + Arrays.toString(l.shape()) + ", expected [" + b
                        + "]: one class label per sample of " + input);
            }
            int[] cls;
            try {
                cls = l.toInts();
            } catch (ArrayFileException | IllegalArgumentException e) {
                throw UserError.about(labels, "expected integer class labels: " + e.getMessage(), e);
            }
            y = new Tensor(b);
            for (int i = 0; i < b; i++) {
                if (cls[i] < 0) {
                    throw UserError.about(labels, "label " + cls[i] + " of sample " + i + " is negative");
                }
                y.data()[i] = cls[i];
            }
        }
        batch = batchFirst ? new BenchBatch(x, y != null ? y : new Tensor(b))
                : NeuroBench.batchFromTimeMajor(x, y);
        List<String> names = metricNames(y != null ? classification() : SPIKING);
        if (y == null) {
            for (String m : names) {
                if (m.equalsIgnoreCase("classification_accuracy") || m.equalsIgnoreCase("ClassificationAccuracy")
                        || m.equalsIgnoreCase("decision_latency")) {
                    throw usage("--metrics " + m + " needs --labels (class labels [B] for the input)");
                }
            }
        }
        NeuroBench.Options opts = (y != null ? NeuroBench.Options.classification() : NeuroBench.Options.defaults())
                .withEnergy(costs);
        Results res = runBench(net, List.of(batch), names, opts, input);
        Map<String, String> about = new LinkedHashMap<>();
        about.put("model", model.toString() + (preset != null ? " (preset " + preset + ")" : ""));
        about.put("input", input + " " + Arrays.toString(x.shape()) + (batchFirst ? " [B, T, ...]" : " [T, B, ...]"));
        if (labels != null) {
            about.put("labels", labels.toString());
        }
        String name = stem(model);
        return new Outcome(name, "snn4j bench: " + model.getFileName(), about, res, Map.of(), Map.of());
    }

    static Results runBench(Layer net, Iterable<BenchBatch> batches, List<String> names, NeuroBench.Options opts,
                            Path what) {
        try {
            return NeuroBench.run(net, batches, names, opts);
        } catch (BenchmarkException e) {
            throw new UserError((what != null ? what + ": " : "") + e.getMessage(), e);
        }
    }

    static NdArray readArray(Path p, String expected) {
        return NirModels.readNpy(p, "a .npy array: " + expected);
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private void write(Outcome r, PrintWriter o) throws IOException {
        Path json = out != null ? out : Path.of("runs", "bench-" + r.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")), "results.json");
        if (Files.isDirectory(json)) {
            throw UserError.about(json, "is a folder; --out takes the results file (e.g. " + json.resolve(
                    "results.json") + ")");
        }
        Path dir = json.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path csv = dir.resolve(stem(json) + ".csv");
        Path html = dir.resolve("report.html");
        Map<String, Object> doc = new LinkedHashMap<>(r.results().values());
        Map<String, Object> detail = new LinkedHashMap<>();
        if (r.results().breakdown() != null) {
            detail.put("per_layer", r.results().breakdown().toMap());
        }
        detail.putAll(r.extraJson());
        detail.put("about", r.about());
        detail.put("snn4j_version", Version.get());
        doc.put("snn4j", detail);
        AtomicFiles.writeString(json, Experiment.Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(doc) + "\n");
        AtomicFiles.writeString(csv, r.results().toCsv());
        AtomicFiles.writeString(html, BenchReport.html(r.title(), r.about(), r.results().values(),
                r.results().breakdown(), r.extraRows()));
        String also = "";
        if (r.trained() != null) {
            Path m = dir.resolve("model.snn");
            io.snn4j.data.model.ModelFile.save(m, r.trained(), r.inputShape(), io.snn4j.data.model.Provenance.of(
                    seed != null ? seed : 42L, r.name(), Map.of("bench_task", r.name())), Map.of());
            also = ", model.snn";
        }
        for (Map.Entry<String, String> e : r.extraRows().entrySet()) {
            o.println(e.getKey() + ": " + e.getValue());
        }
        for (Map.Entry<String, Object> e : r.results().values().entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> x : m.entrySet()) {
                    o.println(e.getKey() + "." + x.getKey() + ": " + fmt(x.getValue()));
                }
            } else {
                o.println(e.getKey() + ": " + fmt(e.getValue()));
            }
        }
        o.println("wrote " + json + ", " + csv.getFileName() + also + " and " + html.getFileName());
        o.flush();
    }

    private static String fmt(Object v) {
        return v instanceof Number n ? BenchReport.num(n.doubleValue()) : String.valueOf(v);
    }

    private static void printList(PrintWriter o) {
        o.println("tasks:");
        for (BenchTasks.Task t : BenchTasks.all()) {
            o.printf(Locale.ROOT, "  %-26s %s%n", t.name(), t.description());
        }
        o.println("metrics (NeuroBench's result key in brackets):");
        for (Map.Entry<String, String> e : Metrics.classNames().entrySet()) {
            o.printf(Locale.ROOT, "  %-30s [%s]%n", e.getKey(), e.getValue());
        }
        o.flush();
    }
}
