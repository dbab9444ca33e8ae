package io.snn4j.cli;

import io.snn4j.bench.neurobench.BenchBatch;
import io.snn4j.bench.neurobench.EnergyCosts;
import io.snn4j.bench.neurobench.NeuroBench;
import io.snn4j.bench.neurobench.Results;
import io.snn4j.bench.mackeyglass.MackeyGlassBenchmark;
import io.snn4j.bench.mackeyglass.MackeyGlassOptions;
import io.snn4j.bench.mackeyglass.MackeyGlassResult;
import io.snn4j.bench.mackeyglass.MackeyGlassTask;
import io.snn4j.bench.mackeyglass.ModelKind;
import io.snn4j.bench.symseq.SymSeqBatches;
import io.snn4j.data.io.NdArray;
import io.snn4j.bench.symseq.SymSeqData;
import io.snn4j.bench.symseq.SymSeqEvaluation;
import io.snn4j.bench.symseq.SymSeqRecipe;
import io.snn4j.bench.symseq.SymSeqTask;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.Network;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The tasks {@code snn4j bench --task} runs. */
final class BenchTasks {
    private BenchTasks() {
    }

    /** A task's name and what it does, for {@code --list}. */
    record Task(String name, String description) {
    }

    /** Classification tasks: a trained model on a data set's test split. */
    static final List<String> CLASSIFICATION = List.of("digits", "fashion_mnist", "mnist", "fsdd", "nmnist", "shd",
            "ssc", "dvs_gesture");

    /** Losses that read the output layer's membrane: their own prediction replaces ChooseMaxCount. */
    private static final List<String> MEMBRANE_LOSSES = List.of("ce_max_membrane", "mse_membrane", "ce_readout");

    static List<Task> all() {
        List<Task> l = new ArrayList<>();
        for (String c : CLASSIFICATION) {
            l.add(new Task(c, "classification: --model (.snn/.nir) on the " + c + " test split (--data PATH)"));
        }
        l.add(new Task("mackey-glass", "NeuroBench's chaotic time-series prediction, sMAPE over autonomous "
                + "forecasts (--model-kind " + String.join("|", ModelKind.names()) + ", --tau, --repeats, --data "
                + "mg_<tau>.npy)"));
        for (String n : SymSeqTask.list()) {
            String d;
            try {
                d = SymSeqTask.create(n.equals("nback-2") ? "nback-2" : n).description();
            } catch (IllegalArgumentException e) {
                d = "symbolic sequences";
            }
            l.add(new Task(n, "symbolic sequences: " + d + " (trains a recurrent SNN unless --model)"));
        }
        return l;
    }

    static void printParams(BenchCommand c, PrintWriter o, String task) {
        Map<String, String> p;
        try {
            p = SymSeqTask.parameterNames(task);
        } catch (IllegalArgumentException e) {
            throw c.usage("--list-params: " + e.getMessage());
        }
        o.println(task + " parameters (defaults):");
        for (Map.Entry<String, String> e : p.entrySet()) {
            o.println("  " + e.getKey() + " = " + e.getValue());
        }
        o.flush();
    }

    static List<String> names() {
        List<String> l = new ArrayList<>();
        for (Task t : all()) {
            l.add(t.name());
        }
        return l;
    }

    static BenchCommand.Outcome run(BenchCommand c, PrintWriter err, EnergyCosts costs) throws java.io.IOException {
        String t = c.task.toLowerCase(Locale.ROOT).replace('-', '_');
        if (CLASSIFICATION.contains(t)) {
            return classification(c, t, err, costs);
        }
        if (t.equals("mackey_glass")) {
            return mackeyGlass(c, err);
        }
        if (isSymSeq(c.task)) {
            return symseq(c, c.task.toLowerCase(Locale.ROOT), err, costs);
        }
        throw c.usage("--task: unknown task '" + c.task + "'; valid: " + String.join(", ", names()));
    }

    /**
     * The model on the test split of a data set, prepared as the model's training config says when it was trained
     * on that data set (steps, coding, frames), else with the data set's defaults.
     */
    private static BenchCommand.Outcome classification(BenchCommand c, String dataset, PrintWriter err,
                                                       EnergyCosts costs) {
        BenchCommand.Model m = c.readModel();
        Layer net = m.network();
        Map<String, Object> trained = m.config();
        Map<String, Object> cfgMap = new LinkedHashMap<>();
        boolean same = trained != null && trained.get("data") instanceof Map<?, ?> d && dataset.equals(d.get("dataset"));
        @SuppressWarnings("unchecked")
        Map<String, Object> dataMap = same ? new LinkedHashMap<>((Map<String, Object>) trained.get("data"))
                : new LinkedHashMap<>();
        dataMap.put("dataset", dataset);
        if (c.data != null) {
            dataMap.put("path", c.data.toString());
        }
        if (c.limit > 0) {
            dataMap.put("limit", c.limit);
        }
        dataMap.remove("validation");
        cfgMap.put("data", dataMap);
        cfgMap.put("network", Map.of("layers", List.of(Map.of("type", "flatten"))));
        ExperimentConfig cfg = ExperimentConfig.parse(Experiment.yaml(cfgMap), "bench --task " + dataset);
        boolean flatten = firstIsDense(net);
        ExperimentData data = ExperimentData.prepare(cfg, "bench --task " + dataset, flatten, err);
        List<String> names = c.metricNames(BenchCommand.classification());
        // Predictions as the model was trained to make them: spike counts (NeuroBench's ChooseMaxCount) unless its
        // loss reads the output's membrane, whose own prediction then applies.
        String post = "choose_max_count (the class with the most output spikes)";
        NeuroBench.Options opts = NeuroBench.Options.classification().withEnergy(costs);
        Object lossSpec = trained != null && trained.get("training") instanceof Map<?, ?> tr ? tr.get("loss") : null;
        if (lossSpec instanceof Map<?, ?> lm && MEMBRANE_LOSSES.contains(String.valueOf(lm.get("type")))) {
            @SuppressWarnings("unchecked")
            io.snn4j.core.train.Loss loss = TrainingParts.loss("the model's training config",
                    (Map<String, Object>) lm);
            post = "the prediction of the model's loss, " + lm.get("type") + " (its output is a membrane)";
            opts = opts.withPostprocessors(List.of(out -> {
                int[] p = loss.predict(BenchBatch.swap01(out));
                float[] f = new float[p.length];
                for (int i = 0; i < p.length; i++) {
                    f[i] = p[i];
                }
                return new io.snn4j.core.Tensor(f, p.length);
            }));
        }
        Results res = BenchCommand.runBench(net, NeuroBench.batches(data.test(), 0), names, opts, c.model);
        Map<String, String> about = new LinkedHashMap<>();
        about.put("model", c.model + (c.preset != null ? " (preset " + c.preset + ")" : ""));
        about.put("task", dataset + " classification, test split (" + res.samples() + " samples)");
        about.put("input", data.inputKind() + (same ? ", as in the model's training config" : ", task defaults"));
        about.put("postprocessor", post);
        return new BenchCommand.Outcome(dataset, "snn4j bench: " + dataset + " classification", about, res,
                Map.of(), Map.of());
    }

    /** Whether the network takes flat vectors (its first weighted layer is not a convolution). */
    private static boolean firstIsDense(Layer net) {
        if (net instanceof io.snn4j.core.layer.Network n) {
            for (Layer l : n.namedLayers().values()) {
                String t = l.type();
                if (t.equals("conv2d") || t.equals("conv1d")) {
                    return false;
                }
                if (t.equals("linear") || t.equals("lstm") || t.equals("gru") || t.equals("rnn")) {
                    return true;
                }
            }
        }
        return true;
    }

    /**
     * NeuroBench's Mackey-Glass task: the model kind fitted with teacher forcing and scored on its autonomous
     * forecast, per repeat; our own integration of the equation, or NeuroBench's series file with {@code --data}.
     */
    private static BenchCommand.Outcome mackeyGlass(BenchCommand c, PrintWriter err) {
        if (c.model != null) {
            throw c.usage("--model does not apply to mackey-glass, which fits its own model: choose it with "
                    + "--model-kind (" + String.join(", ", ModelKind.names()) + ")");
        }
        MackeyGlassOptions opts = new MackeyGlassOptions(c.tau != null ? c.tau : 17,
                c.repeats != null ? c.repeats : MackeyGlassTask.REPEATS, c.modelKind != null ? c.modelKind : "esn",
                c.seed != null ? c.seed : 0);
        try {
            opts.validate();
        } catch (IllegalArgumentException e) {
            throw c.usage(e.getMessage());
        }
        double[] series = null;
        if (c.data != null) {
            NdArray a = BenchCommand.readArray(c.data, "a Mackey-Glass series, one-dimensional (NeuroBench's mg_<tau>.npy)");
            if (a.rank() != 1) {
                throw UserError.about(c.data, "has shape " + java.util.Arrays.toString(a.shape())
                        + ", expected a one-dimensional series (NeuroBench's mg_<tau>.npy)");
            }
            series = a.toDoubles();
        }
        err.println("snn4j: mackey-glass: tau " + BenchReport.num(opts.tau()) + ", " + opts.repeats() + " repeats, "
                + opts.modelKind() + (series == null ? ", series from our RK4 integration" : ", series " + c.data));
        err.flush();
        MackeyGlassResult r;
        try {
            r = MackeyGlassBenchmark.run(opts, series, rep -> {
                err.printf(Locale.ROOT, "snn4j: mackey-glass: repeat %d/%d (offset %d, seed %d): sMAPE %.3f%n",
                        rep.repeat() + 1, opts.repeats(), rep.startOffset(), rep.seed(), rep.smape());
                err.flush();
            });
        } catch (IllegalArgumentException e) {
            throw new UserError((c.data != null ? c.data + ": " : "") + e.getMessage(), e);
        }
        Map<String, Object> values = new LinkedHashMap<>(r.metrics());
        values.putIfAbsent("SMAPE", r.meanSmape());
        Map<String, String> about = new LinkedHashMap<>();
        about.put("task", "Mackey-Glass, tau " + BenchReport.num(opts.tau()) + ": 750 points with teacher forcing,"
                + " 750 predicted autonomously, sMAPE; " + opts.repeats() + " repeats, start offsets of half a "
                + "Lyapunov time");
        about.put("series", series == null ? "our integration (RK4, step tau/ceil(tau/0.01); docs/mackey-glass.md)"
                : c.data.toString());
        about.put("model", r.model());
        about.put("metrics", "NeuroBench's, per predicted point, averaged over the repeats as NeuroBench's scripts"
                + " do; the per-layer numbers are repeat 0's");
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("mean sMAPE", String.format(Locale.ROOT, "%.3f over %d repeats", r.meanSmape(), opts.repeats()));
        StringBuilder per = new StringBuilder();
        for (int k = 0; k < r.smape().length; k++) {
            per.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", r.smape()[k]));
        }
        rows.put("sMAPE per repeat", per.toString());
        rows.put("time", String.format(Locale.ROOT, "%.1f s", r.seconds()));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("tau", opts.tau());
        t.put("repeats", opts.repeats());
        t.put("model_kind", opts.modelKind());
        t.put("model", r.model());
        t.put("seed", opts.seed());
        t.put("series", series == null ? "integrated" : c.data.toString());
        t.put("start_offsets", r.startOffsets());
        t.put("seeds", r.seeds());
        t.put("smape", r.smape());
        t.put("mean_smape", r.meanSmape());
        t.put("metrics_per_repeat", r.repeatMetrics());
        t.put("seconds", r.seconds());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("task", t);
        return new BenchCommand.Outcome("mackey-glass-" + opts.modelKind(), "snn4j bench: Mackey-Glass ("
                + opts.modelKind() + ")", about, Results.of(values, r.breakdown(), opts.repeats()), json, rows);
    }

    private static boolean isSymSeq(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SymSeqTask.list().contains(n) || n.matches("nback-\\d+");
    }

    /**
     * A symbolic-sequence task: data generated with the seed, the default recurrent SNN of {@code SymSeqRecipe}
     * (RLeaky, per-step loss) trained on it, unless {@code --model} gives one; then the
     * per-decision scores and NeuroBench's metrics on the test set.
     */
    private static BenchCommand.Outcome symseq(BenchCommand c, String name, PrintWriter err, EnergyCosts costs)
            throws java.io.IOException {
        SymSeqTask task;
        try {
            task = SymSeqTask.create(name, c.params == null ? Map.of() : c.params);
        } catch (IllegalArgumentException e) {
            throw c.usage("--task " + name + ": " + e.getMessage());
        }
        long seed = c.seed != null ? c.seed : 42;
        int n = c.samples != null ? c.samples : 256;
        if (n < 2) {
            throw c.usage("--samples must be at least 2, got " + n);
        }
        if (c.epochs != null && c.epochs < 0) {
            throw c.usage("--epochs must be >= 0, got " + c.epochs);
        }
        Network net;
        String how;
        double secs = 0;
        SymSeqData train;
        SymSeqBatches testSrc;
        int inputs;
        SymSeqEvaluation ev;
        if (c.model != null) {
            Layer m = c.loadModel();
            if (!(m instanceof Network nw)) {
                throw UserError.about(c.model, "is not a network");
            }
            net = nw;
            how = c.model.toString();
            train = task.generate(n, seed);
            SymSeqData test = task.generate(Math.max(1, n / 2), seed + 1);
            testSrc = task.batches(test, 64, seed + 3, false);
            inputs = testSrc.inputSize();
            try {
                ev = SymSeqEvaluation.evaluate(net, testSrc, train);
            } catch (IllegalArgumentException e) {
                throw new UserError(c.model + ": " + e.getMessage(), e);
            }
        } else {
            SymSeqRecipe.Trained tr = SymSeqRecipe.train(task, n, c.epochs, seed, line -> {
                err.println("snn4j: " + name + ": " + line);
                err.flush();
            });
            net = tr.network();
            how = "trained here: " + tr.description();
            secs = tr.seconds();
            train = tr.train();
            testSrc = tr.testBatches();
            inputs = testSrc.inputSize();
            ev = tr.evaluation();
        }
        List<String> names = c.metricNames(BenchCommand.SPIKING);
        for (String m : names) {
            String k = m.toLowerCase(Locale.ROOT);
            if (k.startsWith("classification") || k.startsWith("decision")) {
                throw c.usage("--metrics " + m + " does not apply to " + name + ", which scores every decision "
                        + "step (its accuracy is reported as the task's result)");
            }
        }
        Results res = BenchCommand.runBench(net, NeuroBench.batches(testSrc, 0), names,
                NeuroBench.Options.defaults().withEnergy(costs), c.model);
        Map<String, String> about = new LinkedHashMap<>();
        about.put("task", name + ": " + task.description());
        about.put("parameters", task.parameters().toString());
        about.put("data", n + " training and " + testSrc.samples() + " test samples, seed " + seed);
        about.put("model", how);
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("accuracy", String.format(Locale.ROOT, "%.4f over %d decisions", ev.accuracy(), ev.decisions()));
        rows.put("sequence accuracy", String.format(Locale.ROOT, "%.4f of %d test samples", ev.sequenceAccuracy(),
                ev.sequences()));
        rows.put("loss", String.format(Locale.ROOT, "%.4f", ev.loss()));
        rows.put("chance", String.format(Locale.ROOT, "%.4f", ev.chance()));
        rows.put("unigram baseline", String.format(Locale.ROOT, "%.4f", ev.unigram()));
        rows.put("bigram baseline", String.format(Locale.ROOT, "%.4f", ev.bigram()));
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("parameters", task.parameters());
        t.put("accuracy", ev.accuracy());
        t.put("decisions", ev.decisions());
        t.put("sequence_accuracy", ev.sequenceAccuracy());
        t.put("loss", ev.loss());
        t.put("chance", ev.chance());
        t.put("unigram", ev.unigram());
        t.put("bigram", ev.bigram());
        t.put("train_seconds", secs);
        json.put("task", t);
        return new BenchCommand.Outcome(name, "snn4j bench: " + name, about, res, json, rows,
                c.model == null ? net : null, new int[] {inputs});
    }
}
