package io.snn4j.data.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NumPy structured array (a record per element, e.g. events with fields {@code x, y, p, t}) split into one
 * {@link NdArray} per field, each with the record array's shape. Read with {@link Npy#readRecords}.
 */
public final class NpyRecords {
    private final int[] shape;
    private final Map<String, NdArray> columns;
    private final String source;

    NpyRecords(int[] shape, LinkedHashMap<String, NdArray> columns, String source) {
        this.shape = shape.clone();
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        this.source = source;
    }

    /** Shape of the record array (for an event list: {@code [N]}). */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of records. */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Field names in file order (padding fields excluded). */
    public List<String> names() {
        return new ArrayList<>(columns.keySet());
    }

    /** All fields in file order. */
    public Map<String, NdArray> columns() {
        return columns;
    }

    /**
     * One field's values.
     *
     * @throws IllegalArgumentException naming the fields there are, when {@code name} is not one of them
     */
    public NdArray column(String name) {
        NdArray a = columns.get(name);
        if (a == null) {
            throw new IllegalArgumentException(source + ": no field '" + name + "'; the fields are " + names());
        }
        return a;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("records").append(Arrays.toString(shape)).append(" {");
        String sep = "";
        for (Map.Entry<String, NdArray> e : columns.entrySet()) {
            b.append(sep).append(e.getKey()).append(": ").append(e.getValue().dtype());
            sep = ", ";
        }
        return b.append("}").append(source == null ? "" : " from " + source).toString();
    }
}
