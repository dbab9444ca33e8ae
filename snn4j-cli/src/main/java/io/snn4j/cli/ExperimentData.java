package io.snn4j.cli;

import io.snn4j.data.audio.AudioFileException;
import io.snn4j.data.audio.CochleaEncoder;
import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.Datasets;
import io.snn4j.data.dataset.DvsGesture;
import io.snn4j.data.dataset.Fsdd;
import io.snn4j.data.dataset.Loader;
import io.snn4j.data.dataset.MnistFamily;
import io.snn4j.data.dataset.Nmnist;
import io.snn4j.data.dataset.SampleCache;
import io.snn4j.data.dataset.Shd;
import io.snn4j.data.dataset.Splits;
import io.snn4j.data.digits.Digits;
import io.snn4j.data.events.EventFormatException;
import io.snn4j.data.events.ToFrame;
import io.snn4j.data.io.ArrayFileException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data side of an experiment: the dataset named in {@code data.dataset}, split into train, (validation) and
 * test parts, each behind a {@link Loader} that produces {@code [T, B, ...]} spike batches.
 *
 * <p>Splits: digits are split by {@code data.split} (stratified); fashion_mnist, mnist, fsdd, nmnist, shd, ssc and dvs_gesture come
 * with their
 * own test split (SSC's validation file is not used: data.validation takes a part of the training split). {@code data.validation} takes a stratified part of the training split. Seeds: the split uses
 * {@code training.seed}, the validation split {@code seed + 1}, the training batches {@code seed}, the test
 * batches {@code seed + 1000} and the validation batches {@code seed + 2000} (fixed across epochs).
 *
 * @param train       training batches
 * @param validation  validation batches, or null
 * @param test        test batches
 * @param inputShape  what the network takes per step and sample, e.g. {@code [784]} or {@code [1, 28, 28]}
 * @param classes     number of classes
 * @param classNames  a name per class
 * @param inputKind   describes the input for the report, e.g. "25 time steps of rate-coded input"
 * @param sampleShape one step of a sample before flattening, e.g. {@code [1, 28, 28]} or {@code [2, 34, 34]}
 */
record ExperimentData(Loader train, Loader validation, Loader test, int[] inputShape, int classes,
                      List<String> classNames, String inputKind, int[] sampleShape) {

    private static final List<String> DIGIT_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /**
     * @param flatten whether static images are given as vectors ({@code [784]}) rather than {@code [1, H, W]}
     *                (what convolutional networks take)
     * @param err     receives progress lines (downloads, audio conversion)
     */
    static ExperimentData prepare(ExperimentConfig cfg, String source, boolean flatten, PrintWriter err) {
        ExperimentConfig.Data dc = cfg.data();
        long seed = cfg.training().seed();
        Path cacheRoot = dc.cache() != null ? userPath(dc.cache()) : SampleCache.defaultRoot();
        Dataset train;
        Dataset test;
        List<String> names = DIGIT_NAMES;
        String kind;
        try {
            switch (dc.dataset()) {
                case "digits" -> {
                    Dataset all = Datasets.of(limitDigits(dc), 1f / Digits.MAX_VALUE, "digits", 1, 8, 8);
                    Splits.Split s = split(all, dc.split(), seed, "data.split", source);
                    train = s.train();
                    test = s.test();
                }
                case "fashion_mnist", "mnist" -> {
                    MnistFamily fam = "mnist".equals(dc.dataset()) ? MnistFamily.MNIST : MnistFamily.FASHION_MNIST;
                    names = fam.classNames();
                    MnistFamily.Parts p;
                    if (dc.path() != null) {
                        p = fam.load(userPath(dc.path()));
                    } else {
                        Path dir = cacheRoot.resolve(fam.id());
                        err.println("snn4j: data.path not set: using " + fam.id() + " in " + dir
                                + " (downloaded when missing)");
                        err.flush();
                        p = fam.download(dir, line -> {
                            err.println("snn4j: " + line);
                            err.flush();
                        });
                    }
                    train = p.train();
                    test = p.test();
                }
                case "fsdd" -> {
                    CochleaEncoder.Params params = CochleaEncoder.Params.defaults().with(dc.encoder());
                    Fsdd fsdd = Fsdd.open(userPath(dc.path()), params, cacheRoot);
                    train = fsdd.train();
                    test = fsdd.test();
                    if (dc.limit() > 0) {
                        train = Splits.randomSubset(train, dc.limit(), seed);
                        test = Splits.randomSubset(test, dc.limit(), seed + 1);
                    }
                    preload(fsdd, train, test, cfg.training().threads(), err);
                }
                case "nmnist", "shd", "ssc", "dvs_gesture" -> {
                    Map<String, Object> f = dc.frames();
                    boolean binary = Boolean.TRUE.equals(f.get("binary"));
                    double spatial = ((Number) f.get("spatial_factor")).doubleValue();
                    Path path = userPath(dc.path());
                    Path cacheDir;
                    switch (dc.dataset()) {
                        case "nmnist" -> {
                            Nmnist nm = Nmnist.open(path, toFrame(f), binary, spatial,
                                    io.snn4j.data.events.SensorSize.NMNIST, cacheRoot);
                            names = nm.classNames();
                            train = nm.train();
                            test = nm.test();
                            cacheDir = nm.cacheDir();
                        }
                        case "dvs_gesture" -> {
                            DvsGesture g = DvsGesture.open(path, toFrame(f), binary, spatial, cacheRoot);
                            names = g.classNames();
                            train = g.train();
                            test = g.test();
                            cacheDir = g.cacheDir();
                        }
                        default -> {
                            // the files stay open while the process runs (samples are read on demand)
                            Shd shd = Shd.open(path, "ssc".equals(dc.dataset()) ? Shd.Variant.SSC : Shd.Variant.SHD,
                                    toFrame(f), binary, spatial, cacheRoot);
                            names = shd.classNames();
                            train = shd.train();
                            test = shd.test();
                            cacheDir = shd.cacheDir();
                        }
                    }
                    if (dc.limit() > 0) {
                        train = Splits.randomSubset(train, dc.limit(), seed);
                        test = Splits.randomSubset(test, dc.limit(), seed + 1);
                    }
                    long t0 = System.nanoTime();
                    err.println("snn4j: " + dc.dataset() + ": " + (train.size() + test.size())
                            + " recordings to frames (" + describeFrames(f) + "; cache " + cacheDir.getParent() + ")");
                    err.flush();
                    Datasets.preload(train, cfg.training().threads(), null);
                    Datasets.preload(test, cfg.training().threads(), null);
                    err.printf(Locale.ROOT, "snn4j: %s: ready in %.1f s%n", dc.dataset(),
                            (System.nanoTime() - t0) / 1e9);
                    err.flush();
                }
                default -> throw new UserError(source + ": data.dataset: unknown dataset " + dc.dataset());
            }
        } catch (ArrayFileException | AudioFileException | EventFormatException e) {
            throw new UserError(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UserError(e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage() : e.getMessage(), e);
        }
        if (dc.hasTestSplit() && !dc.temporal() && dc.limit() > 0) {
            train = Splits.randomSubset(train, dc.limit(), seed);
            test = Splits.randomSubset(test, dc.limit(), seed + 1);
        }
        Dataset val = null;
        if (dc.validation() > 0) {
            Splits.Split v = split(train, dc.validation(), seed + 1, "data.validation", source);
            train = v.train();
            val = v.test();
        }
        int[] sampleShape = train.shape();
        if (flatten) {
            int n = io.snn4j.core.Tensor.sizeOf(train.shape());
            train = Datasets.reshaped(train, n);
            test = Datasets.reshaped(test, n);
            val = val == null ? null : Datasets.reshaped(val, n);
        }
        if (dc.frames() != null) {
            kind = (dc.steps() > 0 ? dc.steps() + " frames" : "frames") + " of events (" + describeFrames(dc.frames())
                    + ")";
        } else if (dc.temporal()) {
            Map<String, Object> e = dc.encoder();
            double stepMs = ((Number) e.get("dt")).doubleValue() * ((Number) e.get("bin")).intValue() * 1000;
            kind = (dc.steps() > 0 ? dc.steps() + " time steps" : "time steps") + String.format(Locale.ROOT,
                    " of %s ms of cochlea-model spikes (%s channels)", fmt(stepMs), e.get("channels"));
        } else {
            kind = dc.steps() + " time steps of rate-coded input";
        }
        float gain = (float) dc.gain();
        Loader trainL = loader(train, dc, gain, seed, dc.shuffle());
        Loader testL = loader(test, dc, gain, seed + 1000, false);
        Loader valL = val == null ? null : loader(val, dc, gain, seed + 2000, false);
        return new ExperimentData(trainL, valL, testL, train.shape(), train.classes(), names, kind, sampleShape);
    }

    private static Loader loader(Dataset d, ExperimentConfig.Data dc, float gain, long seed, boolean shuffle) {
        Loader.Builder b = Loader.of(d).batchSize(dc.batchSize()).seed(seed).shuffle(shuffle).steps(dc.steps());
        if (!dc.temporal()) {
            b.gain(gain);
        }
        return b.build();
    }

    private static io.snn4j.data.digits.ClassificationDataset limitDigits(ExperimentConfig.Data dc) {
        io.snn4j.data.digits.ClassificationDataset all = Digits.load();
        return dc.limit() > 0 ? all.head(dc.limit()) : all;
    }

    private static Splits.Split split(Dataset d, double fraction, long seed, String key, String source) {
        try {
            return Splits.stratified(d, fraction, seed);
        } catch (IllegalArgumentException e) {
            throw new UserError(source + ": " + key + " " + fraction + " of " + d.size()
                    + " samples leaves a part empty; use more data or another fraction");
        }
    }

    /** Converts every recording the run uses (cached on disk), two threads or more, with a line before and after. */
    private static void preload(Fsdd fsdd, Dataset train, Dataset test, int threads, PrintWriter err) {
        long t0 = System.nanoTime();
        int n = train.size() + test.size();
        err.println("snn4j: fsdd: " + n + " recordings to spikes (cochlea encoder, " + fsdd.encoder().params()
                .channels() + " channels; cache " + fsdd.cache().dir() + ")");
        err.flush();
        Datasets.preload(train, threads, null);
        Datasets.preload(test, threads, null);
        err.printf(Locale.ROOT, "snn4j: fsdd: ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        err.flush();
    }

    /** tonic's ToFrame for the complete {@code data.frames} options. */
    static ToFrame toFrame(Map<String, Object> f) {
        double overlap = ((Number) f.get("overlap")).doubleValue();
        if (f.containsKey("time_window")) {
            return ToFrame.timeWindow(((Number) f.get("time_window")).doubleValue()).overlap(overlap)
                    .includeIncomplete(Boolean.TRUE.equals(f.get("include_incomplete")));
        }
        return ToFrame.nTimeBins(((Number) f.get("n_time_bins")).intValue()).overlap(overlap);
    }

    private static String describeFrames(Map<String, Object> f) {
        String how = f.containsKey("time_window") ? "time_window " + fmt(((Number) f.get("time_window"))
                .doubleValue()) + " us" : "n_time_bins " + f.get("n_time_bins");
        double sf = ((Number) f.getOrDefault("spatial_factor", 1.0)).doubleValue();
        return "ToFrame " + how + (Boolean.TRUE.equals(f.get("binary")) ? ", binary spikes" : ", event counts")
                + (sf != 1 ? ", spatial_factor " + fmt(sf) : "");
    }

    /** A path from a config: relative to the current directory, a leading {@code ~/} for the home folder. */
    static Path userPath(String s) {
        if (s.equals("~") || s.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(s.length() > 2 ? s.substring(2) : "");
        }
        return Path.of(s);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
