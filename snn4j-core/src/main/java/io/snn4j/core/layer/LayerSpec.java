package io.snn4j.core.layer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer's type and hyper-parameters, as written to model files and read from configs. Values are
 * {@link Number}, {@link String}, {@link Boolean}, or {@link List} of numbers.
 */
public record LayerSpec(String type, Map<String, Object> config) {

    public LayerSpec {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    public static LayerSpec of(String type, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new LayerSpec(type, m);
    }

    public boolean has(String key) {
        return config.containsKey(key);
    }

    public double getDouble(String key, double dflt) {
        Object v = config.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(type + ": '" + key + "' must be a number, got " + v);
    }

    public int getInt(String key, int dflt) {
        Object v = config.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw new IllegalArgumentException(type + ": '" + key + "' must be an integer, got " + v);
    }

    public int requireInt(String key) {
        if (!config.containsKey(key)) {
            throw new IllegalArgumentException(type + ": missing '" + key + "'");
        }
        return getInt(key, 0);
    }

    public boolean getBool(String key, boolean dflt) {
        Object v = config.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(type + ": '" + key + "' must be true or false, got " + v);
    }

    public String getString(String key, String dflt) {
        Object v = config.get(key);
        return v == null ? dflt : v.toString();
    }

    /** An int list; a single number is accepted as a list of {@code n} copies. */
    public int[] getInts(String key, int n, int[] dflt) {
        Object v = config.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number num) {
            int[] r = new int[n];
            java.util.Arrays.fill(r, num.intValue());
            return r;
        }
        if (v instanceof List<?> l) {
            int[] r = new int[l.size()];
            for (int i = 0; i < r.length; i++) {
                if (!(l.get(i) instanceof Number x)) {
                    throw new IllegalArgumentException(type + ": '" + key + "' must hold integers, got " + v);
                }
                r[i] = x.intValue();
            }
            return r;
        }
        throw new IllegalArgumentException(type + ": '" + key + "' must be an integer or a list, got " + v);
    }

    /** Rejects keys not in {@code allowed}, naming the unknown key and the valid ones. */
    public void checkKeys(String... allowed) {
        List<String> ok = List.of(allowed);
        for (String k : config.keySet()) {
            if (!ok.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + k + "' for layer type '" + type
                        + "'; valid keys: " + String.join(", ", ok));
            }
        }
    }
}
