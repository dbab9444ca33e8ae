package io.snn4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.Parallel;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.Layers;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.layer.SpikingLayer;
import io.snn4j.core.train.Batch;
import io.snn4j.core.train.CheckpointStore;
import io.snn4j.core.train.EarlyStopping;
import io.snn4j.core.train.EpochMetrics;
import io.snn4j.core.train.Evaluation;
import io.snn4j.core.train.Loss;
import io.snn4j.core.train.Optimizer;
import io.snn4j.core.train.Scheduler;
import io.snn4j.core.train.Trainer;
import io.snn4j.data.dataset.Loader;
import io.snn4j.data.model.FileCheckpointStore;
import io.snn4j.data.model.ModelFileException;
import io.snn4j.data.model.Provenance;
import io.snn4j.nir.convert.SnnToNir;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One training run from an {@link ExperimentConfig}: data, network, training, test evaluation, and the run
 * folder with {@code model.snn}, {@code report.html} and {@code results.json}. Both {@code demo} and
 * {@code train} run through here.
 *
 * <p>Every file is written atomically, {@code results.json} last: a run folder holding {@code results.json}
 * is complete.
 */
final class Experiment {
    static final String RESULTS = "results.json";
    static final String MODEL = "model.snn";
    static final String REPORT = "report.html";
    static final String NIR = "model.nir";
    static final String CHECKPOINT = FileCheckpointStore.FILE_NAME;

    private final ExperimentConfig cfg;
    private final String source;
    private final PrintWriter out;
    private final PrintWriter err;
    private final PrintStream terminal;

    /**
     * @param source   names the config in error messages (a file name, or "built-in digits config")
     * @param terminal stream for a live progress bar, or null for plain progress lines on {@code err}
     */
    Experiment(ExperimentConfig cfg, String source, PrintWriter out, PrintWriter err, PrintStream terminal) {
        this.cfg = cfg;
        this.source = source;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** What a finished run produced. */
    record Outcome(Path dir, double accuracy, List<EpochMetrics> history) {
    }

    /** The run folder: the config's or {@code runs/<name>-<yyyyMMdd-HHmmss>}. */
    static Path defaultDir(ExperimentConfig cfg, String name) {
        if (cfg.output().dir() != null) {
            return Path.of(cfg.output().dir());
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        return Path.of("runs", name + "-" + stamp);
    }

    Outcome run(Path dir, boolean resume) throws IOException {
        long t0 = System.nanoTime();
        checkRunFolder(dir, resume);

        ExperimentConfig.Data dc = cfg.data();
        ExperimentConfig.Training tc = cfg.training();
        Parallel.setThreads(tc.threads());

        // Data: the dataset's own test split or a stratified one; validation (optional) comes out of train.
        ExperimentData data = ExperimentData.prepare(cfg, source, !startsWithConv(cfg), err);
        Loader train = data.train();
        Loader test = data.test();
        Loader val = data.validation();
        int[] inputShape = data.inputShape();
        int classes = data.classes();

        Sequential net = buildNetwork(cfg, source, inputShape, classes, tc.seed());
        if (tc.timeCheckpointEvery() > 0) {
            try {
                net.setCheckpointEvery(tc.timeCheckpointEvery());
            } catch (IllegalArgumentException e) {
                throw new UserError(source + ": training.time_checkpoint_every: " + e.getMessage());
            }
        }
        if (cfg.output().exportNir()) {
            // find out now, not after training, whether NIR can express this network
            NirCommand.toNir(source + ": output.export_nir: the network", net, inputShape, SnnToNir.DEFAULT_DT);
        }
        Optimizer opt = TrainingParts.optimizer(source, tc.optimizer(), net.parameters());
        Loss loss = TrainingParts.loss(source, tc.loss());
        Scheduler scheduler = TrainingParts.scheduler(source, tc.scheduler(), opt, tc.epochs());

        Trainer.Builder tb = Trainer.builder(net, loss, opt).seed(tc.seed());
        if (scheduler != null) {
            tb.scheduler(scheduler);
        }
        if (tc.clipGradNorm() > 0) {
            tb.clipGradNorm(tc.clipGradNorm());
        }
        Provenance provenance = ModelIo.provenance(tc.seed(), cfg.data().dataset(), cfg.toMap());
        CheckpointStore store = tc.checkpointEvery() > 0 || resume
                ? ModelIo.checkpoints(dir, net, inputShape, provenance) : null;
        if (store != null && tc.checkpointEvery() > 0) {
            tb.checkpoints(store, tc.checkpointEvery());
        }
        if (tc.earlyStopping() != null) {
            ConfigSection es = new ConfigSection(source, "training.early_stopping", tc.earlyStopping());
            tb.callback(new EarlyStopping("val_loss", es.integer("patience", 3, 1), es.number("min_delta", 0)));
        }
        Progress progress = new Progress(err, terminal, train.samples(), val != null ? "val" : "test");
        tb.callback(progress);
        Trainer trainer = tb.build();
        if (resume) {
            int done;
            try {
                done = trainer.resume(store);
            } catch (ModelFileException e) {
                throw new UserError(e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw UserError.about(dir.resolve(CHECKPOINT), "does not fit this config's network: "
                        + e.getMessage(), e);
            }
            if (done == 0) {
                throw UserError.about(dir, "has no checkpoint to resume from");
            }
            err.println("snn4j: resuming after epoch " + done + " of " + tc.epochs());
        }

        long tTrain = System.nanoTime();
        List<EpochMetrics> history;
        try {
            history = trainer.fit(train, val != null ? val : test, tc.epochs());
        } finally {
            progress.close();
        }
        double trainSecs = (System.nanoTime() - tTrain) / 1e9;

        long tEval = System.nanoTime();
        Evaluation ev = trainer.evaluate(test);
        double evalSecs = (System.nanoTime() - tEval) / 1e9;
        int[][] confusion = ev.confusionMatrix(classes);

        // Outputs are staged under hidden names and renamed only when all of them are written, results.json
        // last: a failure leaves the folder without partial outputs.
        Files.createDirectories(dir);
        Path model = staged(dir, MODEL);
        Path report = staged(dir, REPORT);
        Path resultsFile = staged(dir, RESULTS);
        Path nir = staged(dir, NIR);
        try {
            ModelIo.save(model, net, inputShape, provenance);
            if (cfg.output().exportNir()) {
                NirCommand.write(nir, NirCommand.toNir(source + ": output.export_nir: the network", net, inputShape,
                        SnnToNir.DEFAULT_DT));
            }
            if (cfg.output().report()) {
                AtomicFiles.writeString(report, Report.html(reportData(net, loss, data, history,
                        val != null ? "validation" : "test", ev, confusion, trainSecs, evalSecs)));
            }
            double total = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> results = results(ev, confusion, history, trainSecs, evalSecs, total, net,
                    trainer.stopRequested() && history.size() < tc.epochs());
            AtomicFiles.writeString(resultsFile, Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(results) + "\n");
            AtomicFiles.move(model, dir.resolve(MODEL));
            if (cfg.output().exportNir()) {
                AtomicFiles.move(nir, dir.resolve(NIR));
            }
            if (cfg.output().report()) {
                AtomicFiles.move(report, dir.resolve(REPORT));
            }
            AtomicFiles.move(resultsFile, dir.resolve(RESULTS));
        } finally {
            Files.deleteIfExists(model);
            Files.deleteIfExists(nir);
            Files.deleteIfExists(report);
            Files.deleteIfExists(resultsFile);
        }

        out.printf(Locale.ROOT, "test accuracy: %.3f%n", ev.accuracy());
        out.println("run folder: " + dir);
        out.flush();
        return new Outcome(dir, ev.accuracy(), history);
    }

    private static Path staged(Path dir, String name) {
        return dir.resolve("." + name + ".partial");
    }

    /** Whether the network starts with a convolution (and so takes images as [1, H, W], not flattened). */
    static boolean startsWithConv(ExperimentConfig cfg) {
        Object t = cfg.layers().get(0).get("type");
        return "conv2d".equals(t) || "conv1d".equals(t);
    }

    private static void checkRunFolder(Path dir, boolean resume) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw UserError.about(dir, "is a file; the run folder must be a directory");
        }
        if (!resume && Files.exists(dir.resolve(RESULTS))) {
            throw UserError.about(dir, "already holds a finished run; choose another --out"
                    + " (or --resume to continue it)");
        }
        if (!resume && Files.exists(dir.resolve(CHECKPOINT))) {
            throw UserError.about(dir, "holds the checkpoint of an unfinished run; pass --resume to continue it"
                    + " or choose another --out");
        }
        if (resume && !Files.isDirectory(dir)) {
            throw UserError.about(dir, "no such run folder to resume");
        }
    }

    /**
     * The config's layers in sequence, with weights drawn from {@code seed}. Errors name the layer's index
     * and type, and shape mismatches the layer where the chain breaks.
     */
    static Sequential buildNetwork(ExperimentConfig cfg, String source, int features, int classes, long seed) {
        return buildNetwork(cfg, source, new int[] {features}, classes, seed);
    }

    /** {@link #buildNetwork(ExperimentConfig, String, int, int, long)} for an input of any shape per step. */
    static Sequential buildNetwork(ExperimentConfig cfg, String source, int[] input, int classes, long seed) {
        Rng rng = new Rng(seed);
        List<Layer> layers = new ArrayList<>();
        List<Map<String, Object>> specs = cfg.layers();
        for (int i = 0; i < specs.size(); i++) {
            Map<String, Object> spec = specs.get(i);
            try {
                layers.add(Layers.create(Layers.toSpec(spec), rng));
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new UserError(source + ": network.layers[" + i + "] (" + spec.get("type") + "): "
                        + e.getMessage(), e);
            }
        }
        Sequential net = new Sequential(layers);
        int[] shape;
        try {
            shape = net.outputShape(input.clone());
        } catch (IllegalArgumentException e) {
            throw new UserError(source + ": network.layers: " + e.getMessage() + " (the input is "
                    + (input.length == 1 ? input[0] + " features" : java.util.Arrays.toString(input))
                    + " per step)", e);
        }
        int outputs = 1;
        for (int s : shape) {
            outputs *= s;
        }
        if (shape.length != 1 || outputs != classes) {
            throw new UserError(source + ": network.layers: the last layer outputs " + java.util.Arrays.toString(shape)
                    + " per sample; expected [" + classes + "], one per class");
        }
        return net;
    }

    private Map<String, Object> results(Evaluation ev, int[][] confusion, List<EpochMetrics> history,
                                        double trainSecs, double evalSecs, double total, Sequential net,
                                        boolean stoppedEarly) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ClassificationAccuracy", ev.accuracy());
        r.put("test_loss", Json.finite(ev.loss()));
        r.put("test_samples", ev.samples());
        r.put("seed", cfg.training().seed());
        r.put("snn4j_version", Version.get());
        r.put("epochs_completed", history.size());
        r.put("stopped_early", stoppedEarly);
        long params = 0;
        for (Parameter p : net.parameters()) {
            params += p.value().size();
        }
        r.put("parameters", params);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("train", round(trainSecs));
        t.put("eval", round(evalSecs));
        t.put("total", round(total));
        r.put("timings", t);
        List<Map<String, Object>> h = new ArrayList<>();
        for (EpochMetrics m : history) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epoch", m.epoch() + 1);
            e.put("train_loss", Json.finite(m.trainLoss()));
            e.put("train_accuracy", Json.finite(m.trainAcc()));
            e.put(cfg.data().validation() > 0 ? "val_loss" : "test_loss", Json.finite(m.valLoss()));
            e.put(cfg.data().validation() > 0 ? "val_accuracy" : "test_accuracy", Json.finite(m.valAcc()));
            e.put("learning_rate", m.learningRate());
            e.put("seconds", round(m.seconds()));
            h.add(e);
        }
        r.put("history", h);
        r.put("confusion_matrix", confusion);
        r.put("config", cfg.toMap());
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("java", System.getProperty("java.version"));
        env.put("threads", Parallel.threads());
        r.put("environment", env);
        return r;
    }

    private static double round(double secs) {
        return Math.round(secs * 1000) / 1000.0;
    }

    private Report.Data reportData(Sequential net, Loss loss, ExperimentData data, List<EpochMetrics> history,
                                   String valLabel, Evaluation ev, int[][] confusion, double trainSecs,
                                   double evalSecs) {
        // The first test sample, coded exactly as in the evaluation.
        Batch first = data.test().epoch(0).next();
        Tensor x = sampleOf(first.input(), 0);
        net.setRecording(true);
        Tensor y;
        Map<String, Tensor> recorded;
        try {
            y = net.forward(x, false);
            recorded = new LinkedHashMap<>(net.recordedOutputs());
        } finally {
            net.setRecording(false);
        }
        int predicted = loss.predict(y, sampleBatch(first, x, 0))[0];
        Map<String, Tensor> spikes = new LinkedHashMap<>();
        Tensor membranes = null;
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof SpikingLayer s) {
                String name = "layer " + i + " (" + s.type() + ")";
                if (!"leaky_integrator".equals(s.type())) {
                    spikes.put(name, recorded.get(Integer.toString(i)));
                }
                if (i == layers.size() - 1) {
                    membranes = s.lastMembrane();
                }
            }
        }
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("test accuracy", String.format(Locale.ROOT, "%.4f (%d samples)", ev.accuracy(), ev.samples()));
        summary.put("test loss", Report.fmt(ev.loss()));
        summary.put("epochs", Integer.toString(history.size()));
        summary.put("training time", String.format(Locale.ROOT, "%.1f s", trainSecs));
        summary.put("evaluation time", String.format(Locale.ROOT, "%.2f s", evalSecs));
        summary.put("seed", Long.toString(cfg.training().seed()));
        summary.put("network", describe(net));
        summary.put("snn4j", Version.get());
        String note = "Test sample 0: " + className(data, first.labels()[0]) + ", predicted "
                + className(data, predicted).replaceFirst("^digit ", "") + ", " + (cfg.data().temporal() ? x.dim(0) + " " : "")
                + data.inputKind() + ".";
        return new Report.Data("snn4j: " + cfg.data().dataset() + " classification", summary, history, valLabel,
                spikes, membranes, note, confusion, yaml(cfg.toMap()), x, data.sampleShape());
    }

    private static String className(ExperimentData data, int c) {
        String n = c >= 0 && c < data.classNames().size() ? data.classNames().get(c) : Integer.toString(c);
        return n.equals(Integer.toString(c)) ? (data.classes() == 10 && n.length() == 1 ? "digit " + n : "class " + n)
                : "class " + c + " (" + n + ")";
    }

    /** Sample {@code b} of a {@code [T, B, ...]} batch as {@code [T, 1, ...]}. */
    static Tensor sampleOf(Tensor batch, int b) {
        int steps = batch.dim(0);
        int n = batch.dim(1);
        int per = batch.size() / (steps * n);
        int[] shape = batch.shape().clone();
        shape[1] = 1;
        float[] out = new float[steps * per];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(batch.data(), (t * n + b) * per, out, t * per, per);
        }
        return new Tensor(out, shape);
    }

    /** Sample {@code b} of {@code batch} as a batch of one, with input {@code x} (its slice of the input). */
    static Batch sampleBatch(Batch batch, Tensor x, int b) {
        int[] steps = null;
        if (batch.hasStepTargets()) {
            int n = batch.size();
            steps = new int[batch.steps()];
            for (int t = 0; t < steps.length; t++) {
                steps[t] = batch.stepTargets()[t * n + b];
            }
        }
        return new Batch(x, new int[] {batch.labels()[b]}, steps);
    }

    static String describe(Sequential net) {
        StringBuilder s = new StringBuilder();
        for (Layer l : net.layers()) {
            if (s.length() > 0) {
                s.append(" -> ");
            }
            s.append(l.type());
            if (l.type().equals("linear")) {
                s.append(' ').append(l.spec().config().get("in_features")).append("->")
                        .append(l.spec().config().get("out_features"));
            }
        }
        return s.toString();
    }

    static String yaml(Map<String, Object> m) {
        try {
            ObjectMapper y = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
            return y.writeValueAsString(m);
        } catch (IOException e) {
            return m.toString();
        }
    }

    /** Shared JSON settings. */
    static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

        private Json() {
        }

        /** NaN and infinities have no JSON form: they become null. */
        static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }
}
