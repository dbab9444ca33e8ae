package io.snn4j.data.dataset;

import io.snn4j.data.events.EventFiles;
import io.snn4j.data.events.Events;
import io.snn4j.data.events.ReadOptions;
import io.snn4j.data.events.SensorSize;
import io.snn4j.data.events.ToFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An N-MNIST-style folder of {@code .bin} recordings: {@code Train/<label>/*.bin} and {@code Test/<label>/*.bin}
 * (the layout of the real N-MNIST download, and of {@link SyntheticNmnist}). Labels come from the folder names:
 * the names of both splits, sorted (numerically when all are whole numbers), are the classes, so folders
 * {@code 0} to {@code 9} are labels 0 to 9.
 *
 * <p>Each sample is read with the N-MNIST reader on a 34x34x2 sensor (or the one given) and turned into frames
 * by a {@link ToFrame} (tonic's semantics; for a fixed number of frames use {@code ToFrame.nTimeBins(n)}), giving
 * a temporal sample {@code [T_i, 2, 34, 34]} of event counts, or of spikes (1 where a pixel saw an event) with
 * {@code binary}. Converted samples are kept in memory and, with a cache folder, on disk ({@link SampleCache},
 * one folder per split keyed by the frame settings).
 *
 * <pre>{@code
 * Nmnist d = Nmnist.open(Path.of("nmnist"), ToFrame.nTimeBins(10), true, SampleCache.defaultRoot());
 * Tensor x = d.train().sample(0);     // [10, 2, 34, 34]
 * }</pre>
 */
public final class Nmnist {
    /** Changes whenever the conversion's algorithm changes, so that old cache entries are not reused. */
    static final String CONVERTER = "snn4j-nmnist-frames-v1";

    private final Path dir;
    private final List<String> classNames;
    private final EventSplit train;
    private final EventSplit test;

    private Nmnist(Path dir, List<String> classNames, EventSplit train, EventSplit test) {
        this.dir = dir;
        this.classNames = classNames;
        this.train = train;
        this.test = test;
    }

    /** As {@link #open(Path, ToFrame, boolean, SensorSize, Path)} on N-MNIST's 34x34x2 sensor. */
    public static Nmnist open(Path dir, ToFrame frames, boolean binary, Path cacheRoot) {
        return open(dir, frames, binary, SensorSize.NMNIST, cacheRoot);
    }

    /**
     * Lists the recordings of the folder.
     *
     * @param frames    how recordings become frames (its sensor size is set to {@code sensor})
     * @param binary    spikes (0/1) rather than event counts
     * @param cacheRoot folder for the on-disk cache of converted samples, or null for none
     * @throws UncheckedIOException naming the folder when it is missing, lacks Train/ or Test/, or a split holds
     *                              no .bin files
     */
    public static Nmnist open(Path dir, ToFrame frames, boolean binary, SensorSize sensor, Path cacheRoot) {
        return open(dir, frames, binary, 1, sensor, cacheRoot);
    }

    /**
     * As {@link #open(Path, ToFrame, boolean, SensorSize, Path)}, with tonic's {@code Downsample(spatial_factor)}
     * applied to the events before the frames ({@code spatialFactor} in (0, 1], 1 for none).
     */
    public static Nmnist open(Path dir, ToFrame frames, boolean binary, double spatialFactor, SensorSize sensor,
                              Path cacheRoot) {
        if (!Files.isDirectory(dir)) {
            throw new UncheckedIOException(new IOException(dir + ": " + (Files.exists(dir) ? "is not a folder"
                    : "no such folder") + " (expected an N-MNIST folder with Train/<label>/*.bin and"
                    + " Test/<label>/*.bin)"));
        }
        Path trainDir = splitDir(dir, "Train");
        Path testDir = splitDir(dir, "Test");
        TreeSet<String> names = new TreeSet<>(labelFolders(trainDir));
        names.addAll(labelFolders(testDir));
        List<String> classes = new ArrayList<>(names);
        if (classes.stream().allMatch(s -> s.matches("\\d{1,9}"))) {
            classes.sort(Comparator.comparingInt(Integer::parseInt));
        }
        String key = EventSplit.key(CONVERTER, frames, binary, spatialFactor, sensor);
        Function<EventSplit.Item, Events> read = it -> EventFiles.read(it.file(),
                ReadOptions.DEFAULT.withSensorSize(sensor));
        EventSplit tr = new EventSplit("nmnist/train", list(trainDir, classes), classes.size(), frames, binary,
                spatialFactor, sensor, read,
                cacheRoot == null ? null : new SampleCache(cacheRoot, "nmnist", key + ";split=Train"));
        EventSplit te = new EventSplit("nmnist/test", list(testDir, classes), classes.size(), frames, binary,
                spatialFactor, sensor, read,
                cacheRoot == null ? null : new SampleCache(cacheRoot, "nmnist", key + ";split=Test"));
        return new Nmnist(dir, List.copyOf(classes), tr, te);
    }

    private static Path splitDir(Path dir, String name) {
        Path p = dir.resolve(name);
        if (!Files.isDirectory(p)) {
            throw new UncheckedIOException(new IOException(dir + ": has no " + name + "/ folder (expected an"
                    + " N-MNIST folder with Train/<label>/*.bin and Test/<label>/*.bin)"));
        }
        return p;
    }

    private static List<String> labelFolders(Path split) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(split)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")) {
                    out.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(split + ": cannot list: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new UncheckedIOException(new IOException(split + ": holds no label folders (expected <label>/*.bin)"));
        }
        return out;
    }

    private static List<EventSplit.Item> list(Path split, List<String> classes) {
        List<EventSplit.Item> recs = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path d = split.resolve(classes.get(c));
            if (!Files.isDirectory(d)) {
                continue;
            }
            List<Path> files = new ArrayList<>();
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bin"))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(d + ": cannot list: " + e.getMessage(), e);
            }
            files.sort(Comparator.comparing(p -> p.getFileName().toString()));
            for (Path f : files) {
                recs.add(new EventSplit.Item(f, null, c));
            }
        }
        if (recs.isEmpty()) {
            throw new UncheckedIOException(new IOException(split + ": holds no .bin recordings (expected"
                    + " <label>/*.bin)"));
        }
        return List.copyOf(recs);
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The class names (label folder names), indexed by label. */
    public List<String> classNames() {
        return classNames;
    }

    /** The recordings of Train/. */
    public Dataset train() {
        return train;
    }

    /** The recordings of Test/. */
    public Dataset test() {
        return test;
    }

    /** The on-disk cache folder of the training split, or null. */
    public Path cacheDir() {
        return train.cache() == null ? null : train.cache().dir();
    }
}
