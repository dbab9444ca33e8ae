package io.snn4j.nir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes NIR files with our writer, for NIR's own Python reader to check ({@code benchmarks/peers/nir_read_check.py}):
 * the test graph with every node type (gzip and plain), and every shared NIR file we can read, re-written. Next to
 * them, {@code expected.json} says what each file holds: per node its type, arrays (type, shape, values), integer
 * settings, and the input and output shapes our {@link NirGraph#inferShapes()} found (which NIR's type inference
 * must agree with).
 *
 * <p>Run: {@code java -cp ... io.snn4j.nir.PeerCheckFiles DIR}, or through {@code NirPeerReaderTest}.
 */
public final class PeerCheckFiles {

    private PeerCheckFiles() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : "nir-peer-check");
        System.out.println("wrote " + writeAll(dir) + " files and expected.json to " + dir.toAbsolutePath());
    }

    /** Writes the files and expected.json into {@code dir}; returns how many NIR files. */
    static int writeAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Object> files = new ArrayList<>();
        NirGraph all = TestGraphs.allTypes();
        NirFile.write(dir.resolve("all_types.nir"), all, true);
        files.add(entry("all_types.nir", all, true));
        NirFile.write(dir.resolve("all_types_plain.nir"), all, false);
        files.add(entry("all_types_plain.nir", all, true));
        for (String shared : new String[] {"nir", "snntorch-oracles"}) {
            Path d = SharedData.dir(shared);
            if (d == null) {
                continue;
            }
            List<Path> nirs;
            try (Stream<Path> s = Files.list(d)) {
                nirs = s.filter(p -> p.toString().endsWith(".nir")).sorted().collect(Collectors.toList());
            }
            for (Path p : nirs) {
                NirGraph g;
                try {
                    g = NirFile.read(p).graph();
                } catch (NirFormatException e) {
                    continue; // the broken subgraph file
                }
                String name = "shared_" + p.getFileName();
                NirFile.write(dir.resolve(name), g);
                // NIR's type check rejects a graph whose edge shapes disagree (Rockpool's LIF file): read it without
                files.add(entry(name, g, g.inferShapes().mismatches().isEmpty()));
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format_version", NirFile.FORMAT_VERSION);
        root.put("files", files);
        Files.writeString(dir.resolve("expected.json"), json(root) + "\n");
        return files.size();
    }

    private static Map<String, Object> entry(String file, NirGraph g, boolean typeCheck) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("type_check", typeCheck);
        m.put("graph", graph(g));
        return m;
    }

    private static Map<String, Object> graph(NirGraph g) {
        NirGraph.ShapeReport shapes = g.inferShapes();
        Map<String, Object> nodes = new LinkedHashMap<>();
        g.nodes().forEach((name, n) -> nodes.put(name, node(n, shapes.input(name), shapes.output(name))));
        List<Object> edges = new ArrayList<>();
        for (NirGraph.Edge e : g.edges()) {
            edges.add(List.of(e.source(), e.target()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", nodes);
        m.put("edges", edges);
        m.put("metadata", metadata(g.metadata()));
        return m;
    }

    private static Map<String, Object> node(NirNode n, Shape in, Shape out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", n.type());
        m.put("input_type", in == null ? null : ints(in));
        m.put("output_type", out == null ? null : ints(out));
        if (n instanceof NirGraph) {
            m.put("graph", graph((NirGraph) n));
            return m;
        }
        Map<String, Object> arrays = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Map.Entry<String, Object> f : n.fields().entrySet()) {
            Object v = f.getValue();
            Object json = v instanceof NirArray ? array((NirArray) v) : v instanceof Shape ? ints((Shape) v)
                    : v instanceof Long ? List.of(v) : v;
            if (v instanceof NirArray) {
                arrays.put(f.getKey(), json);
            } else if (f.getKey().equals("shape") || n instanceof NirNode.Flatten && f.getKey().equals("input_type")) {
                m.put("shape", json); // NIR keeps these in its input_type / output_type dictionaries
            } else {
                settings.put(f.getKey(), json);
            }
        }
        m.put("arrays", arrays);
        m.put("settings", settings);
        m.put("metadata", metadata(n.metadata()));
        return m;
    }

    private static List<Object> ints(Shape s) {
        List<Object> l = new ArrayList<>();
        for (int d : s.toArray()) {
            l.add(d);
        }
        return l;
    }

    private static Map<String, Object> array(NirArray a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dtype", a.dtype().toString());
        m.put("shape", ints(a.shape()));
        double[] v = a.toDoubles();
        if (v.length <= 4096) {
            List<Object> l = new ArrayList<>();
            for (double x : v) {
                l.add(x);
            }
            m.put("values", l);
        } else {
            double sum = 0;
            for (double x : v) {
                sum += x;
            }
            m.put("sum", sum);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> md) {
        Map<String, Object> m = new LinkedHashMap<>();
        md.forEach((k, v) -> m.put(k, v instanceof NirArray ? Map.of("array", array((NirArray) v))
                : v instanceof Map ? Map.of("dict", metadata((Map<String, Object>) v))
                : v instanceof Boolean ? ((Boolean) v ? 1L : 0L) : v));
        return m;
    }

    // ---------------------------------------------------------------- a little JSON

    @SuppressWarnings("unchecked")
    static String json(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof String) {
            StringBuilder s = new StringBuilder("\"");
            for (char c : ((String) o).toCharArray()) {
                if (c == '"' || c == '\\') {
                    s.append('\\').append(c);
                } else if (c < 0x20) {
                    s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    s.append(c);
                }
            }
            return s.append('"').toString();
        }
        if (o instanceof Double) {
            double d = (Double) o;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("no JSON for " + d);
            }
            return Double.toString(d);
        }
        if (o instanceof Number || o instanceof Boolean) {
            return o.toString();
        }
        if (o instanceof Map) {
            return ((Map<String, Object>) o).entrySet().stream().map(e -> json(e.getKey()) + ": " + json(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (o instanceof List) {
            return ((List<Object>) o).stream().map(PeerCheckFiles::json).collect(Collectors.joining(", ", "[", "]"));
        }
        throw new IllegalArgumentException("no JSON for " + o.getClass());
    }
}
