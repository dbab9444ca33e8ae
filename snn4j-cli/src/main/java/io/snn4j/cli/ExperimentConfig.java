package io.snn4j.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment as written in a YAML file: {@code data}, {@code network}, {@code training} and {@code output}
 * sections (see docs/cli.md). Parsing checks every key and type and fills in defaults, so an instance is
 * complete; {@link #toMap()} gives the normalised form recorded in results.json.
 */
record ExperimentConfig(Data data, List<Map<String, Object>> layers, Training training, Output output) {

    /**
     * Input data and its spike coding.
     *
     * @param path    folder of the dataset's files, null for the bundled digits or a download
     * @param cache   folder for downloads and converted samples, null for the default (~/.cache/snn4j)
     * @param steps   rate-coding steps (static data); for temporal data the length samples are cut or padded
     *                to, 0 for the longest sample of each batch
     * @param encoder the audio encoder's options, complete (fsdd), else null
     * @param frames  the event-to-frame options, complete (nmnist: {@code n_time_bins} or {@code time_window},
     *                {@code overlap}, {@code include_incomplete}, {@code binary}), else null
     */
    record Data(String dataset, String path, String cache, int steps, String encoding, double gain, double split,
                double validation, int batchSize, int limit, boolean shuffle, Map<String, Object> encoder,
                Map<String, Object> frames) {

        /** Whether the dataset defines its own test split (data.split does not apply). */
        boolean hasTestSplit() {
            return !"digits".equals(dataset);
        }

        /** Whether samples are recordings with their own time axis. */
        boolean temporal() {
            return "fsdd".equals(dataset) || isEvents(dataset);
        }
    }

    /** Datasets {@code data.dataset} accepts. */
    static final String[] DATASETS = {"digits", "fashion_mnist", "mnist", "fsdd", "nmnist", "shd", "ssc",
        "dvs_gesture"};

    /** Event datasets: their recordings become frames ({@code data.frames}). */
    static final String[] EVENT_DATASETS = {"nmnist", "shd", "ssc", "dvs_gesture"};

    static boolean isEvents(String dataset) {
        return java.util.Arrays.asList(EVENT_DATASETS).contains(dataset);
    }

    /** Keys of {@code data.frames} (event datasets). */
    static final String[] FRAME_KEYS = {"n_time_bins", "time_window", "overlap", "include_incomplete", "binary",
        "spatial_factor"};

    /** What {@code data.path} must hold, per dataset that needs one. */
    private static String pathHelp(String dataset) {
        return switch (dataset) {
            case "nmnist" -> "the folder holding Train/<label>/*.bin and Test/<label>/*.bin";
            case "shd" -> "the folder holding shd_train.h5 and shd_test.h5 (or .h5.gz; https://zenkelab.org/datasets/)";
            case "ssc" -> "the folder holding ssc_train.h5, ssc_valid.h5 and ssc_test.h5 (or .h5.gz;"
                    + " https://zenkelab.org/datasets/)";
            case "dvs_gesture" -> "the folder holding tonic's ibmGestureTrain/ and ibmGestureTest/, or IBM's"
                    + " DvsGesture/ (*.aedat, *_labels.csv, trials_to_train.txt, trials_to_test.txt)";
            default -> "the folder of {digit}_{speaker}_{index}.wav recordings"
                    + " (https://github.com/Jakobovski/free-spoken-digit-dataset)";
        };
    }

    /**
     * @param optimizer      {@code type} plus the optimizer's options
     * @param loss           {@code type} plus the loss's options
     * @param scheduler      {@code type} plus options, or null
     * @param clipGradNorm   largest global gradient norm, 0 for none
     * @param earlyStopping  {@code patience}, {@code min_delta}; null for none
     * @param checkpointEvery epochs between checkpoints, 0 for none
     */
    record Training(int epochs, long seed, int threads, Map<String, Object> optimizer, Map<String, Object> loss,
                    Map<String, Object> scheduler, double clipGradNorm, Map<String, Object> earlyStopping,
                    int checkpointEvery, int timeCheckpointEvery) {
    }

    /**
     * @param dir       run folder, null for {@code runs/<name>-<timestamp>}
     * @param report    whether to write report.html
     * @param exportNir whether to write model.nir (the model as NIR, snnTorch's convention) next to model.snn
     */
    record Output(String dir, boolean report, boolean exportNir) {
    }

    static final String[] TOP_KEYS = {"data", "network", "training", "output"};
    static final String[] DATA_KEYS = {"dataset", "path", "cache", "steps", "encoding", "gain", "split",
        "validation", "batch_size", "limit", "shuffle", "encoder", "frames"};
    static final String[] TRAINING_KEYS = {"epochs", "seed", "threads", "optimizer", "loss", "scheduler",
        "clip_grad_norm", "early_stopping", "checkpoint_every", "time_checkpoint_every"};
    static final String[] OUTPUT_KEYS = {"dir", "report", "export_nir"};

    private static ObjectMapper yaml() {
        ObjectMapper m = new ObjectMapper(new YAMLFactory());
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return m;
    }

    /** Reads and checks a YAML file; every problem is a {@link UserError} naming the file. */
    static ExperimentConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw UserError.about(file, "no such file (expected a YAML experiment config)");
        } catch (IOException e) {
            throw UserError.about(file, "cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses YAML text; {@code source} names it in error messages. */
    @SuppressWarnings("unchecked")
    static ExperimentConfig parse(String yamlText, String source) {
        Object root;
        try {
            root = yaml().readValue(yamlText, Object.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new UserError(source + ": " + where + "not valid YAML: " + e.getOriginalMessage().lines()
                    .findFirst().orElse(""), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new UserError(source + ": expected a YAML map with sections " + String.join(", ", TOP_KEYS)
                    + (root == null ? ", the file is empty" : ""));
        }
        return fromMap(new ConfigSection(source, "", (Map<String, Object>) map));
    }

    private static ExperimentConfig fromMap(ConfigSection top) {
        top.checkKeys(TOP_KEYS);

        ConfigSection d = top.sectionOrEmpty("data");
        d.checkKeys(DATA_KEYS);
        Data data = data(d);

        ConfigSection n = top.section("network");
        if (n == null) {
            throw top.error("network", "is missing (a map with a 'layers' list)");
        }
        n.checkKeys("layers");
        n.require("layers");
        List<Map<String, Object>> layers = n.listOfMaps("layers");
        if (layers.isEmpty()) {
            throw n.error("layers", "must list at least one layer");
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!(layers.get(i).get("type") instanceof String)) {
                throw n.error("layers[" + i + "]", "needs a 'type' such as linear or leaky");
            }
        }

        ConfigSection t = top.sectionOrEmpty("training");
        t.checkKeys(TRAINING_KEYS);
        ConfigSection es = t.section("early_stopping");
        if (es != null) {
            es.checkKeys("patience", "min_delta");
            es.integer("patience", 3, 1);
            es.number("min_delta", 0, 0, false, Double.POSITIVE_INFINITY, true);
        }
        Training training = new Training(
                t.integer("epochs", 10, 1),
                t.longValue("seed", 42),
                t.integer("threads", Runtime.getRuntime().availableProcessors(), 1),
                typed(t, "optimizer", Map.of("type", "adam", "lr", 1e-3)),
                typed(t, "loss", Map.of("type", "ce_count")),
                t.has("scheduler") ? typed(t, "scheduler", null) : null,
                t.number("clip_grad_norm", 0, 0, false, Double.POSITIVE_INFINITY, true),
                es == null ? null : es.values(),
                t.integer("checkpoint_every", 1, 0),
                t.integer("time_checkpoint_every", 0, 0));
        if (training.earlyStopping() != null && data.validation() == 0) {
            throw t.error("early_stopping", "needs data.validation > 0: stopping must not look at the test split");
        }

        if (training.scheduler() != null && "plateau".equals(training.scheduler().get("type"))
                && data.validation() == 0) {
            throw t.error("scheduler", "plateau needs data.validation > 0: it must not look at the test split");
        }

        ConfigSection o = top.sectionOrEmpty("output");
        o.checkKeys(OUTPUT_KEYS);
        Output output = new Output(o.string("dir", null), o.bool("report", true), o.bool("export_nir", false));
        return new ExperimentConfig(data, layers, training, output);
    }

    private static Data data(ConfigSection d) {
        String dataset = d.choice("dataset", "digits", DATASETS);
        boolean audio = "fsdd".equals(dataset);
        boolean events = isEvents(dataset);
        boolean temporal = audio || events;
        boolean ownSplit = !"digits".equals(dataset);
        if (ownSplit && d.has("split")) {
            throw d.error("split", "does not apply to " + dataset + ", which has its own test split; remove it"
                    + " (data.validation takes a validation part out of the training split)");
        }
        if ("digits".equals(dataset) && d.has("path")) {
            throw d.error("path", "does not apply to digits, which are bundled with snn4j");
        }
        if ((events || audio) && !d.has("path")) {
            throw d.error("path", "is required for " + dataset + ": " + pathHelp(dataset));
        }
        if (temporal && d.has("gain")) {
            throw d.error("gain", "applies to rate coding only; " + dataset + " recordings are coded by data."
                    + (audio ? "encoder" : "frames"));
        }
        if (!events && d.has("frames")) {
            throw d.error("frames", "applies to event datasets (" + String.join(", ", EVENT_DATASETS) + ") only");
        }
        if (!audio && d.has("encoder")) {
            throw d.error("encoder", "applies to audio datasets (fsdd) only");
        }
        String encoding = audio ? d.choice("encoding", "cochlea", "cochlea")
                : events ? d.choice("encoding", "frames", "frames") : d.choice("encoding", "rate", "rate");
        Map<String, Object> encoder = null;
        Map<String, Object> frames = events ? frames(d.sectionOrEmpty("frames"), dataset) : null;
        if (audio) {
            ConfigSection e = d.sectionOrEmpty("encoder");
            try {
                encoder = io.snn4j.data.audio.CochleaEncoder.Params.defaults().with(e.values()).toMap();
            } catch (IllegalArgumentException ex) {
                throw new UserError(e.error("data.encoder." + ex.getMessage()).getMessage(), ex);
            }
        }
        return new Data(dataset, d.string("path", null), d.string("cache", null),
                temporal ? d.integer("steps", 0, 0) : d.integer("steps", 25, 1),
                encoding,
                d.positive("gain", 1.0),
                d.number("split", 0.2, 0, true, 1, true),
                d.number("validation", 0.0, 0, false, 1, true),
                d.integer("batch_size", 64, 1),
                d.integer("limit", 0, 0),
                d.bool("shuffle", true),
                encoder, frames);
    }

    /**
     * {@code data.frames}, complete: one of n_time_bins (default 10; 100 for shd and ssc, 20 for dvs_gesture) or
     * time_window (us), and the options.
     */
    private static Map<String, Object> frames(ConfigSection f, String dataset) {
        f.checkKeys(FRAME_KEYS);
        if (f.has("n_time_bins") && f.has("time_window")) {
            throw f.error("n_time_bins", "and time_window cannot both be given; choose one");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (f.has("time_window")) {
            m.put("time_window", f.positive("time_window", 1000));
            m.put("overlap", f.number("overlap", 0, 0, false, (Double) m.get("time_window"), true));
            m.put("include_incomplete", f.bool("include_incomplete", false));
        } else {
            if (f.has("include_incomplete")) {
                throw f.error("include_incomplete", "applies to time_window only (as in tonic)");
            }
            int dflt = switch (dataset) {
                case "shd", "ssc" -> 100;
                case "dvs_gesture" -> 20;
                default -> 10;
            };
            m.put("n_time_bins", f.integer("n_time_bins", dflt, 1));
            m.put("overlap", f.number("overlap", 0, 0, false, 1, true));
        }
        m.put("binary", f.bool("binary", true));
        m.put("spatial_factor", f.number("spatial_factor", 1, 0, true, 1, false));
        return m;
    }

    /** A {@code {type: ..., options...}} entry, given as a map or just as its type name. */
    private static Map<String, Object> typed(ConfigSection t, String key, Map<String, Object> dflt) {
        Object v = t.values().get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof String s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", s);
            return m;
        }
        ConfigSection s = t.section(key);
        if (!(s.values().get("type") instanceof String)) {
            throw t.error(key, "needs a 'type'");
        }
        return s.values();
    }

    /** Checks an option section's keys (called by the factories that know them). */
    static ConfigSection options(String source, String path, Map<String, Object> typed) {
        return new ConfigSection(source, path, typed);
    }

    /** This config with some values replaced from the command line. */
    ExperimentConfig withOverrides(Integer epochs, Long seed, Integer threads, String dir) {
        return withOverrides(epochs, seed, threads, dir, false);
    }

    /** This config with some values replaced from the command line; {@code exportNir} true turns model.nir on. */
    ExperimentConfig withOverrides(Integer epochs, Long seed, Integer threads, String dir, boolean exportNir) {
        Training t = training;
        t = new Training(epochs != null ? epochs : t.epochs(), seed != null ? seed : t.seed(),
                threads != null ? threads : t.threads(), t.optimizer(), t.loss(), t.scheduler(), t.clipGradNorm(),
                t.earlyStopping(), t.checkpointEvery(), t.timeCheckpointEvery());
        Output o = new Output(dir != null ? dir : output.dir(), output.report(), output.exportNir() || exportNir);
        return new ExperimentConfig(data, layers, t, o);
    }

    /** The complete config (defaults filled in), for results.json and run provenance. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dataset", data.dataset());
        if (data.path() != null) {
            d.put("path", data.path());
        }
        if (data.cache() != null) {
            d.put("cache", data.cache());
        }
        d.put("steps", data.steps());
        d.put("encoding", data.encoding());
        if (!data.temporal()) {
            d.put("gain", data.gain());
        }
        if (!data.hasTestSplit()) {
            d.put("split", data.split());
        }
        d.put("validation", data.validation());
        d.put("batch_size", data.batchSize());
        if (data.limit() > 0) {
            d.put("limit", data.limit());
        }
        d.put("shuffle", data.shuffle());
        if (data.encoder() != null) {
            d.put("encoder", data.encoder());
        }
        if (data.frames() != null) {
            d.put("frames", data.frames());
        }
        m.put("data", d);
        m.put("network", Map.of("layers", new ArrayList<>(layers)));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("epochs", training.epochs());
        t.put("seed", training.seed());
        t.put("threads", training.threads());
        t.put("optimizer", training.optimizer());
        t.put("loss", training.loss());
        if (training.scheduler() != null) {
            t.put("scheduler", training.scheduler());
        }
        if (training.clipGradNorm() > 0) {
            t.put("clip_grad_norm", training.clipGradNorm());
        }
        if (training.earlyStopping() != null) {
            t.put("early_stopping", training.earlyStopping());
        }
        t.put("checkpoint_every", training.checkpointEvery());
        if (training.timeCheckpointEvery() > 0) {
            t.put("time_checkpoint_every", training.timeCheckpointEvery());
        }
        m.put("training", t);
        Map<String, Object> o = new LinkedHashMap<>();
        if (output.dir() != null) {
            o.put("dir", output.dir());
        }
        o.put("report", output.report());
        if (output.exportNir()) {
            o.put("export_nir", true);
        }
        m.put("output", o);
        return m;
    }
}
