package io.snn4j.data.dataset;

import io.snn4j.data.events.EventFiles;
import io.snn4j.data.events.EventFormatException;
import io.snn4j.data.events.Events;
import io.snn4j.data.events.ReadOptions;
import io.snn4j.data.events.SensorSize;
import io.snn4j.data.events.ToFrame;
import io.snn4j.data.io.ArrayFileException;
import io.snn4j.data.io.NdArray;
import io.snn4j.data.io.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * IBM's DVS Gesture data set (Amir et al. 2017): 11 gesture classes recorded by a 128x128 DVS, as a train and a
 * test {@link Dataset} of frames ({@code [T_i, 2, 128, 128]}, or smaller with a spatial factor). Two layouts are
 * read, detected from the folder's content:
 * <ul>
 *   <li><b>tonic's</b> (what {@code tonic.datasets.DVSGesture} downloads): {@code ibmGestureTrain/} and
 *   {@code ibmGestureTest/}, each with one folder per recording ({@code user01_fluorescent}, ...) holding one
 *   {@code <label>.npy} per gesture, an array {@code [N, 4]} with the columns x, y, p, t in milliseconds.
 *   As tonic does, t is multiplied by 1000 in the array's own type and then cast to whole microseconds,
 *   and the label is the file name's number.</li>
 *   <li><b>the original</b> (IBM's {@code DvsGesture.tar.gz}): AEDAT 3.1 recordings {@code userXX_<lighting>.aedat},
 *   each with {@code userXX_<lighting>_labels.csv} ({@code class,startTime_usec,endTime_usec}, classes 1-11) and
 *   the split lists {@code trials_to_train.txt} and {@code trials_to_test.txt}. A gesture is the recording's
 *   polarity events with {@code start <= t < end}; labels become 0-10.</li>
 * </ul>
 * Samples are listed in a fixed order (recording folders or files by name, then gestures by label or by start),
 * unlike tonic, whose order follows the file system's.
 *
 * <pre>{@code
 * DvsGesture g = DvsGesture.open(Path.of("DVSGesture"), ToFrame.nTimeBins(20), true, 0.25,
 *         SampleCache.defaultRoot());
 * Tensor x = g.train().sample(0);   // [20, 2, 32, 32]
 * }</pre>
 */
public final class DvsGesture {
    /** Changes whenever the conversion's algorithm changes, so that old cache entries are not reused. */
    static final String CONVERTER = "snn4j-dvsgesture-frames-v1";

    /** tonic's class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("Hand clapping", "Right hand wave", "Left hand wave",
            "Right arm cw", "Right arm ccw", "Left arm cw", "Left arm ccw", "Arm roll", "Air drums", "Air guitar",
            "Other gestures");

    /** Number of classes. */
    public static final int CLASSES = 11;

    private final Path dir;
    private final boolean tonicLayout;
    private final EventSplit train;
    private final EventSplit test;

    private DvsGesture(Path dir, boolean tonicLayout, EventSplit train, EventSplit test) {
        this.dir = dir;
        this.tonicLayout = tonicLayout;
        this.train = train;
        this.test = test;
    }

    /**
     * Lists the gestures of the folder (nothing is read yet but the label files).
     *
     * @param frames        how gestures become frames (its sensor size is set here)
     * @param binary        spikes (0/1) rather than event counts
     * @param spatialFactor tonic's {@code Downsample(spatial_factor)} before the frames, in (0, 1]; 1 for none
     * @param cacheRoot     folder for the on-disk cache of converted samples, or null for none
     * @throws UncheckedIOException naming the folder or file when the layout is not one of the two, a split is
     *                              empty, or a label file is malformed
     */
    public static DvsGesture open(Path dir, ToFrame frames, boolean binary, double spatialFactor, Path cacheRoot) {
        if (!Files.isDirectory(dir)) {
            throw io(dir + ": " + (Files.exists(dir) ? "is not a folder" : "no such folder") + " (" + LAYOUTS + ")");
        }
        Path root = dir;
        if (!Files.isDirectory(root.resolve("ibmGestureTrain")) && Files.isDirectory(dir.resolve("DVSGesture"))) {
            root = dir.resolve("DVSGesture");
        }
        if (!Files.isRegularFile(root.resolve("trials_to_train.txt")) && Files.isDirectory(dir.resolve("DvsGesture"))) {
            root = dir.resolve("DvsGesture");
        }
        boolean tonic = Files.isDirectory(root.resolve("ibmGestureTrain"));
        boolean original = Files.isRegularFile(root.resolve("trials_to_train.txt"));
        if (!tonic && !original) {
            throw io(dir + ": holds neither ibmGestureTrain/ nor trials_to_train.txt (" + LAYOUTS + ")");
        }
        String key = EventSplit.key(CONVERTER, frames, binary, spatialFactor, SensorSize.DVS128);
        List<List<EventSplit.Item>> lists = new ArrayList<>();
        Function<EventSplit.Item, Events> read;
        if (tonic) {
            for (String s : new String[] {"ibmGestureTrain", "ibmGestureTest"}) {
                lists.add(listNpy(root.resolve(s)));
            }
            read = it -> readNpy(it.file());
        } else {
            for (String s : new String[] {"trials_to_train.txt", "trials_to_test.txt"}) {
                lists.add(listAedat(root, root.resolve(s)));
            }
            read = new AedatGestures()::read;
        }
        String[] names = {"train", "test"};
        EventSplit[] splits = new EventSplit[2];
        for (int k = 0; k < 2; k++) {
            splits[k] = new EventSplit("dvs_gesture/" + names[k], lists.get(k), CLASSES, frames, binary,
                    spatialFactor, SensorSize.DVS128, read, cacheRoot == null ? null
                    : new SampleCache(cacheRoot, "dvs_gesture", key + ";layout=" + (tonic ? "tonic" : "aedat")
                    + ";split=" + names[k]));
        }
        return new DvsGesture(root, tonic, splits[0], splits[1]);
    }

    private static final String LAYOUTS = "expected tonic's layout, ibmGestureTrain/ and ibmGestureTest/ with"
            + " <recording>/<label>.npy, or the original one, *.aedat with *_labels.csv and trials_to_train.txt /"
            + " trials_to_test.txt";

    private static UncheckedIOException io(String message) {
        return new UncheckedIOException(new IOException(message));
    }

    // ---- tonic's layout ----

    private static List<EventSplit.Item> listNpy(Path split) {
        if (!Files.isDirectory(split)) {
            throw io(split + ": no such folder (" + LAYOUTS + ")");
        }
        List<EventSplit.Item> items = new ArrayList<>();
        for (Path rec : sorted(split, Files::isDirectory)) {
            List<Path> files = sorted(rec, p -> p.getFileName().toString().endsWith(".npy"));
            files.sort(Comparator.comparingLong(p -> labelNumber(p)));
            for (Path f : files) {
                long label = labelNumber(f);
                if (label < 0 || label >= CLASSES) {
                    throw io(f + ": the file name must be the gesture's label, 0.." + (CLASSES - 1) + ".npy");
                }
                items.add(new EventSplit.Item(f, null, (int) label));
            }
        }
        if (items.isEmpty()) {
            throw io(split + ": holds no <recording>/<label>.npy files");
        }
        return items;
    }

    private static long labelNumber(Path f) {
        String n = f.getFileName().toString();
        String stem = n.substring(0, n.length() - ".npy".length());
        return stem.matches("\\d{1,9}") ? Long.parseLong(stem) : -1;
    }

    /** tonic's {@code __getitem__}: {@code events[:, 3] *= 1000}, then the cast to (x int16, y int16, p bool, t int64). */
    static Events readNpy(Path f) {
        NdArray a;
        try {
            a = Npy.read(f);
        } catch (ArrayFileException e) {
            throw new EventFormatException(f.toString(), -1, e.getMessage(), e);
        }
        int[] s = a.shape();
        if (s.length != 2 || s[1] != 4) {
            throw new EventFormatException(f.toString(), -1, "holds an array of shape " + java.util.Arrays.toString(s)
                    + ", expected [N, 4] with the columns x, y, p, t (milliseconds)");
        }
        int n = s[0];
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] p = new int[n];
        boolean isFloat = a.dtype().isFloat();
        for (int i = 0; i < n; i++) {
            double xv = a.getDouble(4 * i);
            double yv = a.getDouble(4 * i + 1);
            double pv = a.getDouble(4 * i + 2);
            if (!(xv >= 0 && xv < 128 && yv >= 0 && yv < 128)) {
                throw new EventFormatException(f.toString(), -1, "event " + i + " at (" + xv + ", " + yv
                        + ") is outside the 128x128 sensor");
            }
            x[i] = (int) xv;
            y[i] = (int) yv;
            p[i] = pv != 0 ? 1 : 0;
            if (isFloat) {
                double tv = a.dtype() == NdArray.DType.FLOAT32 ? (float) a.getDouble(4 * i + 3) * 1000f
                        : a.getDouble(4 * i + 3) * 1000;
                if (!(Math.abs(tv) < 9e18)) {
                    throw new EventFormatException(f.toString(), -1, "event " + i + " has the time " + tv / 1000
                            + " ms, expected a finite number");
                }
                t[i] = (long) tv;
            } else {
                t[i] = a.getLong(4 * i + 3) * 1000;
            }
        }
        return Events.of(t, x, y, p, SensorSize.DVS128);
    }

    // ---- the original layout ----

    private static List<EventSplit.Item> listAedat(Path root, Path trials) {
        List<String> names;
        try {
            names = Files.readAllLines(trials, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(trials + ": cannot read: " + e.getMessage(), e);
        }
        List<EventSplit.Item> items = new ArrayList<>();
        for (String line : names) {
            String name = line.strip();
            if (name.isEmpty()) {
                continue;
            }
            Path aedat = root.resolve(name);
            if (!Files.isRegularFile(aedat)) {
                throw io(trials + ": lists " + name + ", which is not in " + root);
            }
            Path labels = root.resolve(name.replaceFirst("\\.aedat$", "") + "_labels.csv");
            items.addAll(readLabels(aedat, labels));
        }
        if (items.isEmpty()) {
            throw io(trials + ": lists no recordings");
        }
        return items;
    }

    /** The gestures of one recording: part = "start-end" in microseconds. */
    private static List<EventSplit.Item> readLabels(Path aedat, Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(csv + ": cannot read (every recording needs its _labels.csv): "
                    + e.getMessage(), e);
        }
        List<EventSplit.Item> items = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || (i == 0 && l.toLowerCase(Locale.ROOT).startsWith("class"))) {
                continue;
            }
            String[] f = l.split(",");
            try {
                if (f.length != 3) {
                    throw new NumberFormatException();
                }
                int c = Integer.parseInt(f[0].strip());
                long start = Long.parseLong(f[1].strip());
                long end = Long.parseLong(f[2].strip());
                if (c < 1 || c > CLASSES || end <= start || start < 0) {
                    throw new NumberFormatException();
                }
                items.add(new EventSplit.Item(aedat, start + "-" + end, c - 1));
            } catch (NumberFormatException e) {
                throw io(csv + ": line " + (i + 1) + " is '" + l + "', expected class,startTime_usec,endTime_usec"
                        + " with a class in 1.." + CLASSES + " and start < end");
            }
        }
        return items;
    }

    /** Reads gestures out of AEDAT recordings, keeping the last recording read (its gestures come in a row). */
    private static final class AedatGestures {
        private Path lastFile;
        private Events last;

        Events read(EventSplit.Item it) {
            Events all;
            synchronized (this) {
                if (!it.file().equals(lastFile)) {
                    last = EventFiles.read(it.file(), ReadOptions.DEFAULT.withSensorSize(SensorSize.DVS128));
                    if (!last.isSortedByTime()) {
                        last = last.sortedByTime();
                    }
                    lastFile = it.file();
                }
                all = last;
            }
            String[] se = it.part().split("-");
            return all.sliceByTime(Long.parseLong(se[0]), Long.parseLong(se[1]));
        }
    }

    private static List<Path> sorted(Path dir, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>();
            s.filter(p -> !p.getFileName().toString().startsWith(".")).filter(keep).forEach(out::add);
            out.sort(Comparator.comparing(p -> p.getFileName().toString()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** The data set's folder (the one holding ibmGestureTrain/ or trials_to_train.txt). */
    public Path dir() {
        return dir;
    }

    /** Whether the folder has tonic's layout (else the original AEDAT one). */
    public boolean tonicLayout() {
        return tonicLayout;
    }

    /** tonic's class names. */
    public List<String> classNames() {
        return CLASS_NAMES;
    }

    /** The training gestures. */
    public Dataset train() {
        return train;
    }

    /** The test gestures. */
    public Dataset test() {
        return test;
    }

    /** The on-disk cache folder of the training split, or null. */
    public Path cacheDir() {
        return train.cache() == null ? null : train.cache().dir();
    }

    /** The events of training gesture {@code i} as read (for a raster plot). */
    public Events trainEvents(int i) {
        return train.events(i);
    }
}
