package io.snn4j.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes NIR files as NIR's own writer does (NIR 1.0.x): the {@code version} string, then the graph under
 * {@code node}, each node a group holding its {@code type} and exactly NIR's fields; arrays gzip-compressed (level
 * 4, h5py's default) unless told otherwise. See {@link NirFile#write(Path, NirGraph, boolean)}.
 */
final class NirWriter {

    /** h5py's default gzip level, which NIR's writer uses. */
    private static final int GZIP_LEVEL = 4;

    private final DatasetCreationOptions arrays;

    private NirWriter(boolean gzip) {
        this.arrays = gzip ? DatasetCreationOptions.builder().deflate(GZIP_LEVEL).build()
                : DatasetCreationOptions.DEFAULT;
    }

    static void write(Path target, NirGraph graph, boolean gzip) throws IOException {
        NirGraph complete = complete(graph, "");
        checkWritable(complete, "");
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            NirWriter w = new NirWriter(gzip);
            try {
                try (WritableHdfFile h = HdfFile.write(tmp)) {
                    h.putDataset("version", NirFile.FORMAT_VERSION);
                    w.graph(h.putGroup("node"), complete);
                }
            } catch (RuntimeException e) {
                throw new IOException(target + ": cannot write the NIR file: " + NirReader.describe(e), e);
            }
            readableByAll(tmp);
            move(tmp, abs);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    // ---------------------------------------------------------------- completing shapes NIR's reader needs

    /**
     * The graph with every shape NIR's reader needs filled in from {@link NirGraph#inferShapes()}: a
     * convolution's {@code input_shape}, a Flatten's {@code input_type}, an Output's {@code shape}.
     */
    static NirGraph complete(NirGraph g, String prefix) {
        NirGraph.ShapeReport shapes = null;
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<String, NirNode> e : g.nodes().entrySet()) {
            String name = e.getKey();
            NirNode n = e.getValue();
            NirNode c = n;
            if (n instanceof NirGraph) {
                c = complete((NirGraph) n, prefix + name + ".");
            } else if (n instanceof NirNode.Conv1d && ((NirNode.Conv1d) n).inputShape() == null) {
                NirNode.Conv1d v = (NirNode.Conv1d) n;
                shapes = shapes != null ? shapes : g.inferShapes();
                c = new NirNode.Conv1d(spatial(shapes.input(name), 1, prefix + name, "Conv1d", "input_shape"),
                        v.weight(), v.stride(), v.padding(), v.dilation(), v.groups(), v.bias(), v.metadata());
            } else if (n instanceof NirNode.Conv2d && ((NirNode.Conv2d) n).inputShape() == null) {
                NirNode.Conv2d v = (NirNode.Conv2d) n;
                shapes = shapes != null ? shapes : g.inferShapes();
                c = new NirNode.Conv2d(spatial(shapes.input(name), 2, prefix + name, "Conv2d", "input_shape"),
                        v.weight(), v.stride(), v.padding(), v.dilation(), v.groups(), v.bias(), v.metadata());
            } else if (n instanceof NirNode.Flatten && ((NirNode.Flatten) n).inputType() == null) {
                NirNode.Flatten v = (NirNode.Flatten) n;
                shapes = shapes != null ? shapes : g.inferShapes();
                c = new NirNode.Flatten(known(shapes.input(name), prefix + name, "Flatten", "input_type"),
                        v.startDim(), v.endDim(), v.metadata());
            } else if (n instanceof NirNode.Output && ((NirNode.Output) n).shape() == null) {
                shapes = shapes != null ? shapes : g.inferShapes();
                c = new NirNode.Output(known(shapes.input(name), prefix + name, "Output", "shape"), n.metadata());
            }
            changed |= c != n;
            nodes.put(name, c);
        }
        return changed ? new NirGraph(nodes, g.edges(), g.metadata()) : g;
    }

    /**
     * jHDF 0.13 cannot write a dataset without elements (it looks at the first one to choose the HDF5 type), so
     * an empty edge list, an empty array or an empty list of strings is refused here, before anything is written.
     */
    static void checkWritable(NirGraph g, String prefix) {
        String name = prefix.isEmpty() ? "the top-level graph" : "graph '" + prefix.substring(0, prefix.length() - 1)
                + "'";
        if (g.edges().isEmpty()) {
            throw new IllegalArgumentException("cannot write " + name + ": it has no edges, and the HDF5 library "
                    + "(jHDF) cannot write the empty edge list NIR expects");
        }
        checkMetadata(g.metadata(), name);
        for (Map.Entry<String, NirNode> e : g.nodes().entrySet()) {
            String address = prefix + e.getKey();
            NirNode n = e.getValue();
            if (n instanceof NirGraph) {
                checkWritable((NirGraph) n, address + ".");
                continue;
            }
            Shape io = n instanceof NirNode.Input ? ((NirNode.Input) n).shape()
                    : n instanceof NirNode.Output ? ((NirNode.Output) n).shape() : null;
            if (io != null && io.rank() == 0) {
                throw new IllegalArgumentException("cannot write node '" + address + "' (" + n.type() + "): its shape "
                        + "[] is an empty list, which the HDF5 library (jHDF) cannot write");
            }
            for (Map.Entry<String, NirArray> a : n.arrays().entrySet()) {
                if (a.getValue().size() == 0) {
                    throw new IllegalArgumentException("cannot write node '" + address + "' (" + n.type() + "): "
                            + a.getKey() + " has shape " + a.getValue().shape() + " with no elements, which the HDF5 "
                            + "library (jHDF) cannot write");
                }
            }
            checkMetadata(n.metadata(), "node '" + address + "'");
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkMetadata(Map<String, Object> m, String owner) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            boolean empty = v instanceof NirArray && ((NirArray) v).size() == 0 || v instanceof List
                    && ((List<?>) v).isEmpty();
            if (empty) {
                throw new IllegalArgumentException("cannot write " + owner + ": metadata '" + e.getKey() + "' is "
                        + "empty, which the HDF5 library (jHDF) cannot write");
            }
            if (v instanceof Map) {
                checkMetadata((Map<String, Object>) v, owner);
            }
        }
    }

    private static Shape known(Shape s, String address, String type, String field) {
        if (s == null) {
            throw new IllegalArgumentException("cannot write node '" + address + "' (" + type + "): its " + field
                    + " is unknown and the graph does not tell it (NIR's reader needs it)");
        }
        return s;
    }

    private static Shape spatial(Shape input, int dims, String address, String type, String field) {
        Shape in = known(input, address, type, field);
        if (in.rank() != dims + 1) {
            throw new IllegalArgumentException("cannot write node '" + address + "' (" + type + "): it is fed data of"
                    + " shape " + in + ", expected [C" + (dims == 1 ? ", N]" : ", H, W]"));
        }
        return in.slice(1, dims + 1);
    }

    // ---------------------------------------------------------------- nodes, exactly NIR's fields

    private void graph(WritableGroup g, NirGraph graph) {
        g.putDataset("type", graph.type());
        WritableGroup nodes = g.putGroup("nodes");
        for (Map.Entry<String, NirNode> e : graph.nodes().entrySet()) {
            node(nodes.putGroup(e.getKey()), e.getValue());
        }
        List<NirGraph.Edge> edges = graph.edges();
        String[][] pairs = new String[edges.size()][];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new String[] {edges.get(i).source(), edges.get(i).target()};
        }
        g.putDataset("edges", pairs);
        metadata(g, graph.metadata());
    }

    private void node(WritableGroup g, NirNode n) {
        if (n instanceof NirGraph) {
            graph(g, (NirGraph) n);
            return;
        }
        g.putDataset("type", n.type());
        for (Map.Entry<String, Object> e : n.fields().entrySet()) {
            Object v = e.getValue();
            if (v instanceof NirArray) {
                array(g, e.getKey(), (NirArray) v);
            } else if (v instanceof Shape) {
                ints(g, e.getKey(), (Shape) v);
            } else if (v instanceof Long || v instanceof String) {
                g.putDataset(e.getKey(), v);
            } else {
                // complete() fills every shape NIR needs; anything else is a bug in a record's fields()
                throw new IllegalStateException(n.type() + "." + e.getKey() + " cannot be written: " + v);
            }
        }
        metadata(g, n.metadata());
    }

    private void metadata(WritableGroup g, Map<String, Object> metadata) {
        if (!metadata.isEmpty()) {
            metadataGroup(g.putGroup("metadata"), metadata);
        }
    }

    @SuppressWarnings("unchecked")
    private void metadataGroup(WritableGroup g, Map<String, Object> m) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            String k = e.getKey();
            if (v instanceof String || v instanceof Long || v instanceof Double) {
                g.putDataset(k, v);
            } else if (v instanceof Boolean) {
                g.putDataset(k, (Boolean) v ? 1L : 0L); // jHDF's booleans are HDF5 bitfields, which h5py cannot read
            } else if (v instanceof NirArray) {
                array(g, k, (NirArray) v);
            } else if (v instanceof List) {
                List<String> l = (List<String>) v;
                g.putDataset(k, l.toArray(new String[0]));
            } else if (v instanceof Map) {
                metadataGroup(g.putGroup(k), (Map<String, Object>) v);
            }
        }
    }

    private void ints(WritableGroup g, String name, Shape s) {
        int[] d = s.toArray();
        long[] l = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            l[i] = d[i];
        }
        g.putDataset(name, l, arrays);
    }

    private void array(WritableGroup g, String name, NirArray a) {
        if (a.rank() == 0) {
            double v = a.get(0);
            switch (a.dtype()) {
                case FLOAT32:
                    g.putDataset(name, (float) v);
                    break;
                case FLOAT64:
                    g.putDataset(name, v);
                    break;
                default:
                    g.putDataset(name, (long) v);
            }
            return;
        }
        g.putDataset(name, nested(a), arrays);
    }

    /** The values as a Java array of the array's rank ({@code float[][]} for a float32 matrix), as jHDF takes. */
    static Object nested(NirArray a) {
        int[] dims = a.shape().toArray();
        Class<?> component = a.dtype() == NirArray.DType.FLOAT32 ? float.class
                : a.dtype() == NirArray.DType.FLOAT64 ? double.class : long.class;
        Object out = Array.newInstance(component, dims);
        fill(out, a, 0, dims, 0);
        return out;
    }

    private static int fill(Object target, NirArray a, int axis, int[] dims, int offset) {
        if (axis == dims.length - 1) {
            for (int i = 0; i < dims[axis]; i++) {
                double v = a.get(offset + i);
                switch (a.dtype()) {
                    case FLOAT32:
                        Array.setFloat(target, i, (float) v);
                        break;
                    case FLOAT64:
                        Array.setDouble(target, i, v);
                        break;
                    default:
                        Array.setLong(target, i, (long) v);
                }
            }
            return offset + dims[axis];
        }
        for (int i = 0; i < dims[axis]; i++) {
            offset = fill(Array.get(target, i), a, axis + 1, dims, offset);
        }
        return offset;
    }

    private static void readableByAll(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults apply
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
