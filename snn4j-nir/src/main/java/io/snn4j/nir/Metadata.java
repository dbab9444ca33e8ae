package io.snn4j.nir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code metadata} dictionary every NIR node carries, as NIR's writer stores it: a group of datasets, one per
 * key. Values may be a {@link String}, a whole number ({@link Long}; smaller integer types are widened), a
 * floating-point number ({@link Double}; float is widened), a {@link Boolean}, a {@link NirArray}, a list of
 * strings, or a nested map of the same. An empty map is not written at all (as NIR does).
 */
public final class Metadata {

    private Metadata() {
    }

    /** A validated, unmodifiable deep copy (keys in the given order); null means empty. */
    public static Map<String, Object> copyOf(Map<String, ?> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return Map.of();
        }
        return copy(metadata, "metadata");
    }

    private static Map<String, Object> copy(Map<String, ?> m, String where) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : m.entrySet()) {
            String k = e.getKey();
            if (k == null || k.isEmpty() || k.contains("/") || k.equals(".")) {
                throw new IllegalArgumentException(where + ": key '" + k + "' cannot be an HDF5 name (empty, '.', "
                        + "or containing '/')");
            }
            out.put(k, value(e.getValue(), where + "." + k));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object value(Object v, String where) {
        if (v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean
                || v instanceof NirArray) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float) {
            return ((Float) v).doubleValue();
        }
        if (v instanceof List) {
            List<String> out = new ArrayList<>();
            for (Object o : (List<?>) v) {
                if (!(o instanceof String)) {
                    throw new IllegalArgumentException(where + ": lists may hold only strings, found "
                            + (o == null ? "null" : o.getClass().getSimpleName()));
                }
                out.add((String) o);
            }
            return List.copyOf(out);
        }
        if (v instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> m = (Map<String, ?>) v;
            return copy(m, where);
        }
        throw new IllegalArgumentException(where + ": unsupported value type "
                + (v == null ? "null" : v.getClass().getName())
                + " (expected String, Long, Double, Boolean, NirArray, List<String> or Map)");
    }
}
