package io.snn4j.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes arbitrary HDF5 layouts for tests (through jHDF, as the writer does): a map is a group, anything else a
 * dataset (a String, a boxed number, or a Java array such as {@code float[][]}, {@code String[][]}).
 */
final class RawH5 {

    private RawH5() {
    }

    static void write(Path file, Map<String, Object> root) {
        try (WritableHdfFile h = HdfFile.write(file)) {
            fill(h, root);
        }
    }

    @SuppressWarnings("unchecked")
    private static void fill(WritableGroup g, Map<String, Object> m) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (e.getValue() instanceof Map) {
                fill(g.putGroup(e.getKey()), (Map<String, Object>) e.getValue());
            } else {
                g.putDataset(e.getKey(), e.getValue());
            }
        }
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A NIR file: {@code version} and the graph {@code node} of these nodes and edges. */
    static Map<String, Object> nirFile(Map<String, Object> nodes, String[][] edges) {
        return map("version", "1.0.7", "node", graph(nodes, edges));
    }

    static Map<String, Object> graph(Map<String, Object> nodes, String[][] edges) {
        return map("type", "NIRGraph", "nodes", nodes, "edges", edges);
    }
}
