package io.snn4j.data.dataset;

import io.snn4j.data.events.Events;
import io.snn4j.data.events.EventFormatException;
import io.snn4j.data.events.SensorSize;
import io.snn4j.data.events.ShdFile;
import io.snn4j.data.events.ToFrame;
import io.snn4j.data.io.AtomicWrite;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * The Spiking Heidelberg Digits (SHD, 20 classes) and Spiking Speech Commands (SSC, 35 classes) data sets
 * (Cramer et al. 2020) from their HDF5 files, as a train and a test {@link Dataset} (SSC also has a validation
 * split). Each sample's spikes become events on the sensor {@code (700, 1, 1)} exactly as tonic's {@code SHD}
 * dataset makes them (see {@link ShdFile}), then frames by a {@link ToFrame}: samples are {@code [T_i, 1, 1, 700]}
 * (or fewer channels with a spatial factor, tonic's {@code Downsample(spatial_factor)}).
 *
 * <p>The folder holds the files as published at https://zenkelab.org/datasets/: {@code shd_train.h5} and
 * {@code shd_test.h5} ({@code ssc_train.h5}, {@code ssc_valid.h5}, {@code ssc_test.h5}), or their {@code .h5.gz}
 * downloads, which are decompressed once into the cache folder (through {@link AtomicWrite}: never half-written).
 * A path to a single {@code .h5} file is refused: the splits are separate files. Class names come from
 * {@code extra/keys} when the file has them.
 *
 * <pre>{@code
 * try (Shd shd = Shd.open(Path.of("shd"), Shd.Variant.SHD, ToFrame.timeWindow(10_000), true, 1,
 *         SampleCache.defaultRoot())) {
 *     Tensor x = shd.train().sample(0);   // [T_0, 1, 1, 700], 10 ms bins
 * }
 * }</pre>
 */
public final class Shd implements Closeable {
    /** Changes whenever the conversion's algorithm changes, so that old cache entries are not reused. */
    static final String CONVERTER = "snn4j-shd-frames-v1";

    /** Which data set. */
    public enum Variant {
        /** Spiking Heidelberg Digits: 20 classes (digits 0-9 in English and German). */
        SHD("shd", 20),
        /** Spiking Speech Commands: 35 classes. */
        SSC("ssc", 35);

        private final String id;
        private final int classes;

        Variant(String id, int classes) {
            this.id = id;
            this.classes = classes;
        }

        /** {@code shd} or {@code ssc}: the files' prefix. */
        public String id() {
            return id;
        }

        /** Number of classes the data set defines. */
        public int classes() {
            return classes;
        }
    }

    private final Variant variant;
    private final List<ShdFile> files;
    private final List<String> classNames;
    private final EventSplit train;
    private final EventSplit validation;
    private final EventSplit test;

    private Shd(Variant variant, List<ShdFile> files, List<String> classNames, EventSplit train,
                EventSplit validation, EventSplit test) {
        this.variant = variant;
        this.files = files;
        this.classNames = classNames;
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /**
     * Opens the data set's files in {@code dir}.
     *
     * @param frames        how samples become frames (its sensor size is set here)
     * @param binary        spikes (0/1) rather than spike counts per bin
     * @param spatialFactor tonic's {@code Downsample(spatial_factor)} on the 700 channels before the frames, in
     *                      (0, 1]; 1 for none
     * @param cacheRoot     folder for decompressed files and converted samples, or null for none (then the
     *                      files must not be compressed)
     * @throws UncheckedIOException  naming the folder or file when a split's file is missing
     * @throws EventFormatException naming the file and dataset when a file is not an SHD/SSC file, or its labels
     *                              are outside the data set's classes
     */
    public static Shd open(Path dir, Variant variant, ToFrame frames, boolean binary, double spatialFactor,
                           Path cacheRoot) {
        if (Files.isRegularFile(dir)) {
            throw new UncheckedIOException(new IOException(dir + ": is a file; give the folder holding "
                    + expected(variant)));
        }
        if (!Files.isDirectory(dir)) {
            throw new UncheckedIOException(new IOException(dir + ": no such folder (expected a folder holding "
                    + expected(variant) + ")"));
        }
        List<String> splits = variant == Variant.SSC ? List.of("train", "valid", "test") : List.of("train", "test");
        List<ShdFile> opened = new ArrayList<>();
        try {
            List<Path> paths = new ArrayList<>();
            for (String s : splits) {
                paths.add(locate(dir, variant, s, cacheRoot));
            }
            for (Path p : paths) {
                opened.add(ShdFile.open(p));
            }
            String key = EventSplit.key(CONVERTER, frames, binary, spatialFactor, SensorSize.SHD);
            List<EventSplit> made = new ArrayList<>();
            for (int k = 0; k < splits.size(); k++) {
                ShdFile f = opened.get(k);
                Path source = paths.get(k);
                List<EventSplit.Item> items = new ArrayList<>(f.size());
                int[] labels = f.labels();
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] >= variant.classes()) {
                        throw new EventFormatException(f.name(), -1, "dataset 'labels': label " + labels[i]
                                + " of sample " + i + " is outside 0.." + (variant.classes() - 1) + " ("
                                + variant.id().toUpperCase(Locale.ROOT) + " has " + variant.classes() + " classes)");
                    }
                    items.add(new EventSplit.Item(source, Integer.toString(i), labels[i]));
                }
                Function<EventSplit.Item, Events> read = it -> {
                    synchronized (f) { // one reader per file: jHDF's reads are not documented thread-safe
                        return f.sample(Integer.parseInt(it.part()));
                    }
                };
                made.add(new EventSplit(variant.id() + "/" + splits.get(k), items, variant.classes(), frames, binary,
                        spatialFactor, SensorSize.SHD, read, cacheRoot == null ? null
                        : new SampleCache(cacheRoot, variant.id(), key + ";split=" + splits.get(k))));
            }
            String[] keys = opened.get(0).keys();
            List<String> names = new ArrayList<>();
            for (int c = 0; c < variant.classes(); c++) {
                names.add(keys != null && c < keys.length ? keys[c] : Integer.toString(c));
            }
            EventSplit val = variant == Variant.SSC ? made.get(1) : null;
            return new Shd(variant, List.copyOf(opened), List.copyOf(names), made.get(0), val,
                    made.get(made.size() - 1));
        } catch (RuntimeException e) {
            for (ShdFile f : opened) {
                f.close();
            }
            throw e;
        }
    }

    private static String expected(Variant v) {
        return v == Variant.SSC ? "ssc_train.h5, ssc_valid.h5 and ssc_test.h5 (or .h5.gz)"
                : "shd_train.h5 and shd_test.h5 (or .h5.gz)";
    }

    /** The split's .h5 file: as given, or decompressed from the .h5.gz into the cache. */
    private static Path locate(Path dir, Variant v, String split, Path cacheRoot) {
        String base = v.id() + "_" + split + ".h5";
        Path h5 = dir.resolve(base);
        if (Files.isRegularFile(h5)) {
            return h5;
        }
        Path gz = dir.resolve(base + ".gz");
        if (!Files.isRegularFile(gz)) {
            throw new UncheckedIOException(new IOException(dir + ": has no " + base + " (nor " + base
                    + ".gz); expected " + expected(v)));
        }
        if (cacheRoot == null) {
            throw new UncheckedIOException(new IOException(gz + ": is compressed and no cache folder is set to"
                    + " decompress it into; gunzip it, or give a cache folder"));
        }
        try {
            long size = Files.size(gz);
            long mtime = Files.getLastModifiedTime(gz).toMillis();
            Path out = cacheRoot.resolve(v.id() + "-h5").resolve(base.replace(".h5", "-" + SampleCache.sha256(
                    gz.toAbsolutePath() + "|" + size + "|" + mtime).substring(0, 12) + ".h5"));
            if (Files.isRegularFile(out)) {
                return out;
            }
            AtomicWrite.write(out, o -> {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
                    in.transferTo(o);
                } catch (java.util.zip.ZipException | java.io.EOFException e) {
                    throw new EventFormatException(gz.toString(), -1, "not a complete gzip file: " + e.getMessage(),
                            e);
                }
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(gz + ": cannot decompress: " + e.getMessage(), e);
        }
    }

    /** Which data set this is. */
    public Variant variant() {
        return variant;
    }

    /** A name per class: {@code extra/keys} of the training file, else the class numbers. */
    public List<String> classNames() {
        return classNames;
    }

    /** The training split. */
    public Dataset train() {
        return train;
    }

    /** SSC's validation split; null for SHD, which has none. */
    public Dataset validation() {
        return validation;
    }

    /** The test split. */
    public Dataset test() {
        return test;
    }

    /** The on-disk cache folder of the training split's samples, or null. */
    public Path cacheDir() {
        return train.cache() == null ? null : train.cache().dir();
    }

    /** The events of training sample {@code i} as read (for a raster plot). */
    public Events trainEvents(int i) {
        return train.events(i);
    }

    /** Closes the HDF5 files. */
    @Override
    public void close() {
        for (ShdFile f : files) {
            f.close();
        }
    }

    @Override
    public String toString() {
        return variant.id() + Arrays.toString(new int[] {train.size(), test.size()});
    }
}
