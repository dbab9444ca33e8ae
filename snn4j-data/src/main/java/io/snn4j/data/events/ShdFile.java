package io.snn4j.data.events;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.Closeable;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The Spiking Heidelberg Digits (SHD) and Spiking Speech Commands (SSC) files (Cramer et al. 2020): HDF5 with
 * {@code spikes/times} (one variable-length array of spike times in seconds per sample), {@code spikes/units}
 * (the matching cochlea channels, 0..699), {@code labels} (one class per sample) and optionally {@code extra/}
 * ({@code speaker}, {@code keys}: the class names, {@code meta_info}). Read through jHDF, one sample at a time.
 *
 * <p>A sample becomes events as tonic's {@code HSD} dataset makes them: {@code t = times * 1e6} truncated to
 * whole microseconds, {@code x = units}, {@code p = 1}, no y, on the sensor {@code (700, 1, 1)}. The product is
 * computed in float32 for float16 and float32 times, as NumPy 1.x computes {@code float16_array * 1e6} (NumPy 2
 * computes it in float16, which overflows: tonic then gives meaningless times).
 */
public final class ShdFile implements Closeable {
    /** SHD and SSC have 700 channels. */
    public static final int CHANNELS = 700;

    private final HdfFile h5;
    private final String name;
    private final Dataset times;
    private final Dataset units;
    private final int[] labels;

    private ShdFile(HdfFile h5, String name) {
        this.h5 = h5;
        this.name = name;
        this.times = dataset("spikes/times", true);
        this.units = dataset("spikes/units", true);
        Dataset l = dataset("labels", false);
        int n = length(times, "spikes/times");
        if (length(units, "spikes/units") != n || length(l, "labels") != n) {
            throw error("labels", "spikes/times, spikes/units and labels differ in length ("
                    + n + ", " + length(units, "spikes/units") + ", " + length(l, "labels")
                    + "): expected one entry per sample in each");
        }
        Object ld;
        try {
            ld = l.getData();
        } catch (RuntimeException e) {
            throw error("labels", "cannot be read: " + e);
        }
        this.labels = ints(ld, "labels");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw error("labels", "label " + labels[i] + " of sample " + i + " is negative");
            }
        }
    }

    /** Opens an SHD or SSC file and checks its layout; the spikes are read when a sample is asked for. */
    public static ShdFile open(Path path) {
        String name = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new EventFormatException(name, -1, Files.exists(path) ? "is not a file" : "no such file");
        }
        HdfFile h5;
        try {
            h5 = new HdfFile(path);
        } catch (HdfException | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException
                 | java.nio.BufferUnderflowException e) {
            throw new EventFormatException(name, -1, "not a readable HDF5 file (expected SHD/SSC with spikes/times, "
                    + "spikes/units and labels): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                throw new EventFormatException(name, -1, "no such file", e);
            }
            throw new EventFormatException(name, -1, "not a readable HDF5 file: " + e, e);
        }
        try {
            return new ShdFile(h5, name);
        } catch (RuntimeException e) {
            h5.close();
            if (e instanceof EventFormatException) {
                throw e;
            }
            throw new EventFormatException(name, -1, "corrupt HDF5 file: " + e, e);
        }
    }

    private EventFormatException error(String dataset, String problem) {
        return new EventFormatException(name, -1, "dataset '" + dataset + "': " + problem);
    }

    private Dataset dataset(String path, boolean variableLength) {
        Node n;
        try {
            n = h5.getByPath(path);
        } catch (RuntimeException e) {
            throw new EventFormatException(name, -1, "dataset '" + path + "' is missing: expected an SHD/SSC file "
                    + "with spikes/times, spikes/units and labels");
        }
        if (!(n instanceof Dataset d)) {
            throw error(path, "is a group, expected a dataset");
        }
        if (d.isVariableLength() != variableLength) {
            throw error(path, variableLength ? "expected one variable-length array per sample"
                    : "expected one value per sample, found variable-length arrays");
        }
        return d;
    }

    private int length(Dataset d, String path) {
        int[] dims = d.getDimensions();
        if (dims.length != 1) {
            throw error(path, "has shape " + Arrays.toString(dims) + ", expected one dimension (one entry per "
                    + "sample)");
        }
        return dims[0];
    }

    private int[] ints(Object data, String path) {
        if (data instanceof int[] a) {
            return a;
        }
        if (data instanceof long[] a) {
            int[] r = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                if (a[i] < Integer.MIN_VALUE || a[i] > Integer.MAX_VALUE) {
                    throw error(path, "value " + a[i] + " does not fit in an int");
                }
                r[i] = (int) a[i];
            }
            return r;
        }
        if (data instanceof short[] a) {
            int[] r = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                r[i] = a[i];
            }
            return r;
        }
        if (data instanceof byte[] a) {
            int[] r = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                r[i] = a[i];
            }
            return r;
        }
        throw error(path, "has elements of type " + (data == null ? "null" : data.getClass().getSimpleName())
                + ", expected integers");
    }

    /** The file's name as given. */
    public String name() {
        return name;
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    public int label(int i) {
        return labels[i];
    }

    public int[] labels() {
        return labels.clone();
    }

    /** Number of classes: the length of {@code extra/keys} when present, else the largest label + 1. */
    public int numClasses() {
        String[] k = keys();
        int max = -1;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        return k != null ? Math.max(k.length, max + 1) : max + 1;
    }

    /** {@code extra/speaker}, one speaker id per sample, or null when the file has none. */
    public int[] speakers() {
        Dataset d = optional("extra/speaker");
        if (d == null) {
            return null;
        }
        try {
            return ints(d.getData(), "extra/speaker");
        } catch (EventFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw error("extra/speaker", "cannot be read: " + e);
        }
    }

    /** {@code extra/keys}, the class names, or null when the file has none. */
    public String[] keys() {
        Dataset d = optional("extra/keys");
        if (d == null) {
            return null;
        }
        try {
            Object o = d.getData();
            if (o instanceof String[] s) {
                return s;
            }
            throw error("extra/keys", "expected strings, found " + o.getClass().getSimpleName());
        } catch (EventFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw error("extra/keys", "cannot be read: " + e);
        }
    }

    private Dataset optional(String path) {
        try {
            Node n = h5.getByPath(path);
            return n instanceof Dataset d ? d : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The spikes of sample {@code i} as events (see the class comment), sorted by time as stored. */
    public Events sample(int i) {
        if (i < 0 || i >= labels.length) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + labels.length);
        }
        Object ts;
        Object us;
        try {
            ts = ((Object[]) times.getData(new long[] {i}, new int[] {1}))[0];
            us = ((Object[]) units.getData(new long[] {i}, new int[] {1}))[0];
        } catch (RuntimeException e) {
            throw error("spikes/times", "sample " + i + " cannot be read: " + e);
        }
        int[] u = ints(us, "spikes/units");
        int n = Array.getLength(ts);
        if (u.length != n) {
            throw error("spikes/units", "sample " + i + " has " + n + " spike times but " + u.length + " units");
        }
        long[] t = new long[n];
        if (ts instanceof float[] f) {
            for (int k = 0; k < n; k++) {
                t[k] = micros(f[k] * 1e6f, i);
            }
        } else if (ts instanceof double[] d) {
            for (int k = 0; k < n; k++) {
                t[k] = micros(d[k] * 1e6, i);
            }
        } else {
            throw error("spikes/times", "sample " + i + " holds " + ts.getClass().getSimpleName()
                    + ", expected floating-point times in seconds");
        }
        int[] x = new int[n];
        int[] p = new int[n];
        for (int k = 0; k < n; k++) {
            if (u[k] < 0 || u[k] >= CHANNELS) {
                throw error("spikes/units", "sample " + i + ", spike " + k + ": unit " + u[k] + " outside 0.."
                        + (CHANNELS - 1));
            }
            x[k] = u[k];
            p[k] = 1;
        }
        return Events.of1d(t, x, p, SensorSize.SHD);
    }

    private long micros(double v, int sample) {
        if (!(v >= 0) || v > 1e15) {
            throw error("spikes/times", "sample " + sample + " has the spike time " + v / 1e6
                    + " s: expected finite times >= 0");
        }
        return (long) v;
    }

    @Override
    public void close() {
        h5.close();
    }
}
