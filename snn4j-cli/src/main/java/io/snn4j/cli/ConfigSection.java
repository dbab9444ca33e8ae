package io.snn4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One map of a YAML config, with typed getters whose errors name the file, the dotted key and what was
 * expected ({@code digits.yaml: training.epochs must be an integer >= 1, got 'ten'}).
 */
final class ConfigSection {
    private final String source;
    private final String path;
    private final Map<String, Object> values;

    ConfigSection(String source, String path, Map<String, Object> values) {
        this.source = source;
        this.path = path;
        this.values = values;
    }

    String path() {
        return path;
    }

    Map<String, Object> values() {
        return values;
    }

    boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    private String where(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    UserError error(String key, String what) {
        return new UserError(source + ": " + where(key) + " " + what);
    }

    UserError error(String message) {
        return new UserError(source + ": " + message);
    }

    /** Rejects keys other than {@code allowed}, naming the unknown key, its section and the valid keys. */
    void checkKeys(String... allowed) {
        List<String> ok = List.of(allowed);
        for (String k : values.keySet()) {
            if (!ok.contains(k)) {
                throw new UserError(source + ": unknown key '" + k + "' in "
                        + (path.isEmpty() ? "the top level" : "section '" + path + "'")
                        + "; valid keys: " + String.join(", ", ok));
            }
        }
    }

    void require(String key) {
        if (!has(key)) {
            throw error(key, "is missing");
        }
    }

    String string(String key, String dflt) {
        Object v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof String s) {
            return s;
        }
        throw error(key, "must be a text, got " + show(v));
    }

    /** One of {@code choices}. */
    String choice(String key, String dflt, String... choices) {
        String s = string(key, dflt);
        if (s != null && !List.of(choices).contains(s)) {
            throw error(key, "must be one of " + String.join(", ", choices) + ", got " + show(s));
        }
        return s;
    }

    boolean bool(String key, boolean dflt) {
        Object v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw error(key, "must be true or false, got " + show(v));
    }

    long longValue(String key, long dflt) {
        Object v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short
                || v instanceof java.math.BigInteger b && b.bitLength() < 64) {
            return ((Number) v).longValue();
        }
        throw error(key, "must be an integer, got " + show(v));
    }

    /** An integer of at least {@code min}. */
    int integer(String key, int dflt, int min) {
        long v = longValue(key, dflt);
        if (v < min || v > Integer.MAX_VALUE) {
            throw error(key, "must be an integer >= " + min + ", got " + show(values.get(key)));
        }
        return (int) v;
    }

    double number(String key, double dflt) {
        Object v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw error(key, "must be a number, got " + show(v));
    }

    /** A number in the open or closed interval given by the flags. */
    double number(String key, double dflt, double lo, boolean loOpen, double hi, boolean hiOpen) {
        double x = number(key, dflt);
        boolean ok = (loOpen ? x > lo : x >= lo) && (hiOpen ? x < hi : x <= hi);
        if (!ok) {
            throw error(key, "must be in " + (loOpen ? "(" : "[") + fmt(lo) + ", " + fmt(hi) + (hiOpen ? ")" : "]")
                    + ", got " + show(values.get(key)));
        }
        return x;
    }

    /** A positive number. */
    double positive(String key, double dflt) {
        return number(key, dflt, 0, true, Double.POSITIVE_INFINITY, true);
    }

    /** A nested map as a section, or null when absent. */
    @SuppressWarnings("unchecked")
    ConfigSection section(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> m) {
            return new ConfigSection(source, where(key), (Map<String, Object>) m);
        }
        throw error(key, "must be a map of settings, got " + show(v));
    }

    /** A nested map, or an empty one when absent. */
    ConfigSection sectionOrEmpty(String key) {
        ConfigSection s = section(key);
        return s != null ? s : new ConfigSection(source, where(key), new LinkedHashMap<>());
    }

    /** A list of maps. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> listOfMaps(String key) {
        Object v = values.get(key);
        if (!(v instanceof List<?> l)) {
            throw error(key, "must be a list" + (v == null ? "" : ", got " + show(v)));
        }
        List<Map<String, Object>> r = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof Map<?, ?> m)) {
                throw error(key + "[" + i + "]", "must be a map such as {type: linear, ...}, got " + show(l.get(i)));
            }
            r.add((Map<String, Object>) m);
        }
        return r;
    }

    /** The map without {@code type} (options of a typed entry such as an optimizer). */
    Map<String, Object> withoutType() {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.remove("type");
        return m;
    }

    static String show(Object v) {
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof Map<?, ?>) {
            return "a map";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        return String.valueOf(v);
    }

    private static String fmt(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
