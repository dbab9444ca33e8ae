package io.snn4j.nir;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NIR files (HDF5, through jHDF) of NIR 0.1 to 1.0.x. See {@link NirFile#read(Path)} for what it accepts;
 * every problem becomes a {@link NirFormatException} naming the file, the node and the field.
 */
final class NirReader {

    /** NIR's node types, as the {@code type} field names them. */
    static final List<String> TYPES = List.of("Affine", "AvgPool2d", "Conv1d", "Conv2d", "CubaLI", "CubaLIF", "Delay",
            "Flatten", "I", "IF", "Input", "LI", "LIF", "Linear", "NIRGraph", "Output", "Scale", "SumPool2d",
            "Threshold");

    private static final int MAX_DEPTH = 64;

    /** A record's message that starts with the field: {@code r has shape [3], expected [4] ...}. */
    private static final Pattern FIELD_FIRST = Pattern.compile("([a-z_]+) (has shape .*)");

    private final Path file;
    private final long fileSize;
    private final List<String> warnings = new ArrayList<>();

    private NirReader(Path file, long fileSize) {
        this.file = file;
        this.fileSize = fileSize;
    }

    static NirFile read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new NirFormatException(file, "is a folder, not a NIR file");
        }
        long size = Files.size(file);
        if (!NirFile.looksLikeHdf5(file)) {
            throw new NirFormatException(file, size == 0 ? "empty file; expected a NIR file (HDF5)"
                    : "not an HDF5 file (no HDF5 signature); expected a NIR file");
        }
        NirReader r = new NirReader(file, size);
        HdfFile h;
        try {
            h = new HdfFile(file);
        } catch (RuntimeException e) {
            throw new NirFormatException(file, "cannot open as HDF5 (truncated or corrupt?): " + describe(e), e);
        }
        try (h) {
            return r.readFile(h);
        } catch (NirFormatException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new NirFormatException(file, "cannot read the HDF5 structure (truncated or corrupt?): "
                    + describe(e), e);
        }
    }

    private NirFile readFile(HdfFile h) {
        Map<String, Node> top = children(h, "the file's root");
        String version = null;
        Node v = top.get("version");
        if (v instanceof Dataset) {
            Object s = scalarString((Dataset) v);
            version = s instanceof String ? ((String) s).strip() : null;
            if (version == null) {
                warnings.add("the 'version' dataset is not a string; ignored");
            }
        }
        Node root = top.get("node");
        if (!(root instanceof Group)) {
            if (top.containsKey("nodes") && top.containsKey("edges")) {
                throw new NirFormatException(file, "a NIR file from before NIR 0.1 ('nodes' and 'edges' at the root, "
                        + "no 'node' group); not supported: re-export it with NIR 0.1 or newer");
            }
            throw new NirFormatException(file, root == null
                    ? "no 'node' group at the root (found: " + String.join(", ", new TreeSet<>(top.keySet()))
                            + "); not a NIR file"
                    : "'node' at the root is a dataset, expected the graph's group; not a NIR file");
        }
        NirNode node = readNode((Group) root, "", 0);
        if (!(node instanceof NirGraph)) {
            throw new NirFormatException(file, "the root node is a " + node.type() + ", expected a NIRGraph");
        }
        return new NirFile(file, version, (NirGraph) node, warnings);
    }

    // ---------------------------------------------------------------- nodes

    private NirNode readNode(Group g, String address, int depth) {
        if (depth > MAX_DEPTH) {
            throw new NirFormatException(file, where(address, null) + ": graphs nested deeper than " + MAX_DEPTH);
        }
        Fields f = new Fields(g, address);
        String type = f.type();
        f.typeName = type;
        NirNode n;
        try {
            n = build(f, type, address, depth);
        } catch (IllegalArgumentException e) {
            String m = stripType(e.getMessage(), type);
            Matcher fieldFirst = FIELD_FIRST.matcher(m);
            throw fieldFirst.matches() ? f.error(fieldFirst.group(1), fieldFirst.group(2)) : f.error(null, m);
        }
        f.warnUnused();
        return n;
    }

    private NirNode build(Fields f, String type, String address, int depth) {
        switch (type) {
            case "Input":
                return new NirNode.Input(f.ioShape("shape", "input_type", "input", true), f.metadata());
            case "Output":
                return new NirNode.Output(f.ioShape("shape", "output_type", "output", false), f.metadata());
            case "Affine": {
                NirArray w = f.array("weight");
                NirArray b = f.array("bias");
                if (w.rank() >= 2) {
                    b = f.fitScalar("bias", b, w.shape().slice(0, w.rank() - 1));
                }
                return new NirNode.Affine(w, b, f.metadata());
            }
            case "Linear":
                return new NirNode.Linear(f.array("weight"), f.metadata());
            case "Scale":
                return new NirNode.Scale(f.array("scale"), f.metadata());
            case "Conv1d":
            case "Conv2d":
                return conv(f, type.equals("Conv1d") ? 1 : 2);
            case "SumPool2d":
                return new NirNode.SumPool2d(f.ints("kernel_size", 2), f.ints("stride", 2), f.ints("padding", 2),
                        f.metadata());
            case "AvgPool2d":
                return new NirNode.AvgPool2d(f.ints("kernel_size", 2), f.ints("stride", 2), f.ints("padding", 2),
                        f.metadata());
            case "Flatten": {
                Shape in = f.has("input_type") ? f.ioShape("input_type", null, "input", false) : null;
                if (in == null) {
                    warnings.add(where(address, type) + ": no input_type; taken from the graph where needed");
                }
                return new NirNode.Flatten(in, f.integer("start_dim", 1), f.integer("end_dim", -1), f.metadata());
            }
            case "Delay":
                return new NirNode.Delay(f.array("delay"), f.metadata());
            case "Threshold":
                return new NirNode.Threshold(f.array("threshold"), f.metadata());
            case "I":
                return new NirNode.I(f.array("r"), f.metadata());
            case "IF": {
                Map<String, NirArray> p = f.neuron(new String[] {"r", "v_threshold"}, "v_reset", null);
                return new NirNode.IF(p.get("r"), p.get("v_threshold"), p.get("v_reset"), f.metadata());
            }
            case "LI": {
                Map<String, NirArray> p = f.neuron(new String[] {"tau", "r", "v_leak"}, null, null);
                return new NirNode.LI(p.get("tau"), p.get("r"), p.get("v_leak"), f.metadata());
            }
            case "LIF": {
                Map<String, NirArray> p = f.neuron(new String[] {"tau", "r", "v_leak", "v_threshold"}, "v_reset",
                        null);
                return new NirNode.LIF(p.get("tau"), p.get("r"), p.get("v_leak"), p.get("v_threshold"),
                        p.get("v_reset"), f.metadata());
            }
            case "CubaLI": {
                Map<String, NirArray> p = f.neuron(new String[] {"tau_syn", "tau_mem", "r", "v_leak"}, null, "w_in");
                return new NirNode.CubaLI(p.get("tau_syn"), p.get("tau_mem"), p.get("r"), p.get("v_leak"),
                        p.get("w_in"), f.metadata());
            }
            case "CubaLIF": {
                Map<String, NirArray> p = f.neuron(new String[] {"tau_syn", "tau_mem", "r", "v_leak", "v_threshold"},
                        "v_reset", "w_in");
                return new NirNode.CubaLIF(p.get("tau_syn"), p.get("tau_mem"), p.get("r"), p.get("v_leak"),
                        p.get("v_threshold"), p.get("v_reset"), p.get("w_in"), f.metadata());
            }
            case "NIRGraph":
                return graph(f, address, depth);
            default:
                throw f.error(null, "unknown node type '" + type + "' (NIR's types: " + String.join(", ", TYPES)
                        + ")");
        }
    }

    private NirNode conv(Fields f, int dims) {
        String type = dims == 1 ? "Conv1d" : "Conv2d";
        Shape inputShape = f.has("input_shape") ? f.ints("input_shape", dims) : null;
        if (inputShape == null) {
            warnings.add(where(f.address, type) + ": no input_shape (NIR before 1.0); taken from the graph where "
                    + "needed");
        }
        NirArray w = f.array("weight");
        Shape stride = f.ints("stride", dims);
        NirNode.Padding padding = f.padding("padding", dims);
        Shape dilation = f.ints("dilation", dims);
        int groups = f.integer("groups", null);
        NirArray b = f.array("bias");
        if (w.rank() >= 1) {
            b = f.fitScalar("bias", b, Shape.of(w.shape().get(0)));
        }
        return dims == 1
                ? new NirNode.Conv1d(inputShape, w, stride, padding, dilation, groups, b, f.metadata())
                : new NirNode.Conv2d(inputShape, w, stride, padding, dilation, groups, b, f.metadata());
    }

    private NirNode graph(Fields f, String address, int depth) {
        Group nodesGroup = f.group("nodes");
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : children(nodesGroup, where(address, "NIRGraph")).entrySet()) {
            String childAddress = address.isEmpty() ? e.getKey() : address + "." + e.getKey();
            if (!(e.getValue() instanceof Group)) {
                throw new NirFormatException(file, where(childAddress, null) + ": is a dataset, expected a node "
                        + "(a group with a 'type')");
            }
            nodes.put(e.getKey(), readNode((Group) e.getValue(), childAddress, depth + 1));
        }
        List<NirGraph.Edge> edges = f.edges();
        Map<String, Object> metadata = f.metadata();
        f.warnUnused();
        try {
            return new NirGraph(nodes, edges, metadata);
        } catch (IllegalArgumentException e) {
            throw new NirFormatException(file, graphName(address) + ": " + stripType(e.getMessage(), "NIRGraph"));
        }
    }

    // ---------------------------------------------------------------- fields of one node

    /** The datasets of one node's group; remembers which were used, to warn about the others. */
    private final class Fields {
        final Group group;
        final String address;
        final Map<String, Node> children;
        final Set<String> used = new HashSet<>();
        String typeName;

        Fields(Group group, String address) {
            this.group = group;
            this.address = address;
            this.children = children(group, where(address, null));
        }

        NirFormatException error(String field, String problem) {
            return new NirFormatException(file, where(address, typeName) + (field == null ? "" : ", field '" + field
                    + "'") + ": " + problem);
        }

        String type() {
            used.add("type");
            Node t = children.get("type");
            if (t instanceof Dataset) {
                Object s = scalarString((Dataset) t);
                if (s instanceof String) {
                    return ((String) s).strip();
                }
                throw error("type", "is not a string (it holds " + describeType((Dataset) t) + ")");
            }
            Attribute a = group.getAttributes().get("type");
            if (a != null && a.getData() instanceof String) {
                return ((String) a.getData()).strip();
            }
            throw new NirFormatException(file, where(address, null) + ": no 'type' field; expected a NIR node (a "
                    + "group with a 'type' string" + (children.isEmpty() ? "" : "; found: "
                    + String.join(", ", new TreeSet<>(children.keySet()))) + ")");
        }

        boolean has(String name) {
            return children.containsKey(name);
        }

        Dataset dataset(String name) {
            used.add(name);
            Node n = children.get(name);
            if (n == null) {
                throw error(null, "missing required field '" + name + "'");
            }
            if (!(n instanceof Dataset)) {
                throw error(name, "is a group, expected a dataset");
            }
            return (Dataset) n;
        }

        Group group(String name) {
            used.add(name);
            Node n = children.get(name);
            if (n == null) {
                throw error(null, "missing required field '" + name + "'");
            }
            if (!(n instanceof Group)) {
                throw error(name, "is a dataset, expected a group");
            }
            return (Group) n;
        }

        NirArray array(String name) {
            return numbers(dataset(name), name);
        }

        NirArray optArray(String name) {
            return has(name) ? array(name) : null;
        }

        NirArray numbers(Dataset d, String name) {
            DataType t;
            try {
                t = d.getDataType();
            } catch (RuntimeException e) {
                throw error(name, "cannot read its type: " + describe(e));
            }
            NirArray.DType dtype;
            if (t instanceof FloatingPoint) {
                dtype = t.getSize() == 8 ? NirArray.DType.FLOAT64 : NirArray.DType.FLOAT32;
            } else if (t instanceof FixedPoint) {
                dtype = NirArray.DType.INT64;
            } else {
                throw error(name, "holds " + describeType(d) + ", expected numbers");
            }
            if (d.isEmpty()) {
                throw error(name, "has no data (an empty dataspace), expected numbers");
            }
            int[] dims = d.getDimensions();
            checkSize(d, name);
            Object data = readData(d, name);
            double[] values;
            try {
                values = toDoubles(data);
            } catch (RuntimeException e) {
                throw error(name, "cannot convert to numbers: " + describe(e));
            }
            try {
                return NirArray.of(dtype, Shape.of(dims), values);
            } catch (IllegalArgumentException e) {
                throw error(name, e.getMessage());
            }
        }

        Object readData(Dataset d, String name) {
            try {
                return d.isScalar() ? d.getData() : d.getDataFlat();
            } catch (RuntimeException e) {
                throw error(name, "cannot read (truncated or corrupt file?): " + describe(e));
            }
        }

        void checkSize(Dataset d, String name) {
            long bytes;
            try {
                bytes = d.getSizeInBytes();
            } catch (RuntimeException e) {
                throw error(name, "cannot read its size: " + describe(e));
            }
            // compressed data can expand, but not without limit; this stops corrupt sizes from exhausting memory
            if (bytes > Integer.MAX_VALUE || bytes > Math.max(1L << 20, fileSize * 1100)) {
                throw error(name, "claims " + bytes + " bytes of data in a file of " + fileSize
                        + " bytes (corrupt?)");
            }
        }

        /** Integers of a shape-like field: a 0-d value or a 1-d array. */
        int[] integers(String name, NirArray a) {
            if (a.rank() > 1) {
                throw error(name, "has shape " + a.shape() + ", expected a list of integers");
            }
            int[] out = new int[a.size()];
            for (int i = 0; i < out.length; i++) {
                double v = a.get(i);
                if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                    throw error(name, "holds " + v + ", expected integers");
                }
                out[i] = (int) v;
            }
            return out;
        }

        Shape shapeOf(String name, NirArray a) {
            int[] v = integers(name, a);
            for (int x : v) {
                if (x < 0) {
                    throw error(name, "holds " + Arrays.toString(v) + ", expected a shape (no negative sizes)");
                }
            }
            return Shape.of(v);
        }

        /**
         * An Input's or Output's shape: dataset {@code primary}, else dataset {@code alt} (or a group {@code alt}
         * holding {@code key}, NIR's type dictionaries), else an attribute of either name.
         */
        Shape ioShape(String primary, String alt, String key, boolean required) {
            for (String name : alt == null ? new String[] {primary} : new String[] {primary, alt}) {
                Node n = children.get(name);
                if (n instanceof Dataset) {
                    return shapeOf(name, numbers(dataset(name), name));
                }
                if (n instanceof Group) {
                    used.add(name);
                    Node inner = children((Group) n, where(address, typeName)).get(key);
                    if (inner instanceof Dataset) {
                        return shapeOf(name + "/" + key, numbers((Dataset) inner, name + "/" + key));
                    }
                    throw error(name, "is a group without a '" + key + "' dataset");
                }
            }
            for (String name : alt == null ? new String[] {primary} : new String[] {primary, alt}) {
                Attribute a = group.getAttributes().get(name);
                if (a != null) {
                    try {
                        double[] v = toDoubles(a.getData());
                        long[] l = new long[v.length];
                        for (int i = 0; i < v.length; i++) {
                            l[i] = (long) v[i];
                        }
                        return shapeOf(name, NirArray.int64(l));
                    } catch (RuntimeException e) {
                        throw error(name, "attribute is not a list of integers: " + describe(e));
                    }
                }
            }
            if (required) {
                throw error(null, "missing required field '" + primary + "'");
            }
            warnings.add(where(address, typeName) + ": no " + primary + "; taken from the graph");
            return null;
        }

        /** A per-dimension integer setting: one value for every dimension, or one per dimension. */
        Shape ints(String name, int dims) {
            NirArray a = array(name);
            int[] v = integers(name, a);
            if (v.length == 1 && (a.rank() == 0 || dims > 1)) {
                int[] all = new int[dims];
                Arrays.fill(all, v[0]);
                v = all;
            }
            if (v.length != dims) {
                throw error(name, "has shape " + a.shape() + ", expected one value or " + dims
                        + (dims == 1 ? " value" : " values (one per spatial dimension)"));
            }
            for (int x : v) {
                if (x < 0) {
                    throw error(name, "holds " + Arrays.toString(v) + ", expected non-negative values");
                }
            }
            return Shape.of(v);
        }

        NirNode.Padding padding(String name, int dims) {
            Dataset d = dataset(name);
            Object s = scalarString(d);
            if (s instanceof String) {
                String mode = ((String) s).strip();
                if (!mode.equals("same") && !mode.equals("valid")) {
                    throw error(name, "is '" + mode + "', expected 'same', 'valid' or integers");
                }
                return new NirNode.Padding(mode, null);
            }
            return new NirNode.Padding(null, ints(name, dims));
        }

        int integer(String name, Integer dflt) {
            if (!has(name)) {
                if (dflt == null) {
                    throw error(null, "missing required field '" + name + "'");
                }
                warnings.add(where(address, typeName) + ": no " + name + "; NIR's default " + dflt + " used");
                return dflt;
            }
            NirArray a = array(name);
            if (a.size() != 1) {
                throw error(name, "has shape " + a.shape() + ", expected one integer");
            }
            return integers(name, a.rank() == 0 ? a : a.broadcastTo(Shape.of(1)))[0];
        }

        /** A 0-d value spread over {@code target} (noted); any other shape is left for the record to check. */
        NirArray fitScalar(String name, NirArray a, Shape target) {
            if (a.rank() == 0 && !target.equals(Shape.SCALAR)) {
                warnings.add(where(address, typeName) + ": scalar " + name + " broadcast to " + target);
                return a.broadcastTo(target);
            }
            return a;
        }

        /**
         * A neuron's parameters by field name: the required ones (0-d values are spread to the shape of the
         * others), then {@code reset} (absent: zeros like the last required one, as NIR does) and {@code wIn}
         * (absent: ones; else broadcast by NumPy's rules, as NIR's {@code ones_like(v) * w_in} does).
         */
        Map<String, NirArray> neuron(String[] required, String reset, String wIn) {
            Map<String, NirArray> p = new LinkedHashMap<>();
            Shape shape = null;
            for (String name : required) {
                NirArray a = array(name);
                p.put(name, a);
                if (shape == null && a.rank() > 0) {
                    shape = a.shape();
                }
            }
            Shape neurons = shape == null ? Shape.SCALAR : shape;
            p.replaceAll((name, a) -> fitScalar(name, a, neurons));
            NirArray like = p.get(required[required.length - 1]);
            if (reset != null) {
                NirArray v = optArray(reset);
                if (v == null) {
                    warnings.add(where(address, typeName) + ": no " + reset + "; NIR's default (zeros) used");
                }
                p.put(reset, v == null ? Check.zerosLike(like) : fitScalar(reset, v, neurons));
            }
            if (wIn != null) {
                NirArray w = optArray(wIn);
                if (w == null) {
                    warnings.add(where(address, typeName) + ": no " + wIn + "; NIR's default (ones) used");
                    w = Check.onesLike(like);
                } else if (!w.shape().equals(neurons)) {
                    Shape given = w.shape();
                    try {
                        w = w.broadcastTo(neurons);
                    } catch (IllegalArgumentException e) {
                        throw error(wIn, "has shape " + given + ", which does not broadcast to the neurons' shape "
                                + neurons);
                    }
                    warnings.add(where(address, typeName) + ": " + wIn + " of shape " + given + " broadcast to "
                            + neurons);
                }
                p.put(wIn, w);
            }
            return p;
        }

        List<NirGraph.Edge> edges() {
            Dataset d = dataset("edges");
            if (d.isEmpty()) {
                return List.of();
            }
            int[] dims = d.getDimensions();
            long size = 1;
            for (int x : dims) {
                size *= x;
            }
            if (size == 0) {
                return List.of();
            }
            if (d.getJavaType() != String.class || dims.length != 2 || dims[1] != 2) {
                throw error("edges", "holds " + describeType(d) + " of shape " + Arrays.toString(dims)
                        + ", expected an [n, 2] array of node names");
            }
            checkSize(d, "edges");
            Object data = readData(d, "edges");
            List<NirGraph.Edge> edges = new ArrayList<>();
            for (int i = 0; i < dims[0]; i++) {
                String a = String.valueOf(Array.get(data, 2 * i)).strip();
                String b = String.valueOf(Array.get(data, 2 * i + 1)).strip();
                if (a.isEmpty() || b.isEmpty()) {
                    throw error("edges", "edge " + i + " (" + a + " -> " + b + ") has an empty node name");
                }
                edges.add(new NirGraph.Edge(a, b));
            }
            return edges;
        }

        Map<String, Object> metadata() {
            used.add("metadata");
            Node n = children.get("metadata");
            if (n == null) {
                return Map.of();
            }
            if (!(n instanceof Group)) {
                warnings.add(where(address, typeName) + ": 'metadata' is not a group; ignored");
                return Map.of();
            }
            return metadataGroup((Group) n, where(address, typeName) + ", metadata");
        }

        void warnUnused() {
            for (String name : children.keySet()) {
                if (!used.contains(name)) {
                    warnings.add(where(address, typeName) + ": ignored field '" + name + "' (not a field of "
                            + typeName + ")");
                    used.add(name);
                }
            }
        }
    }

    private Map<String, Object> metadataGroup(Group g, String where) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : children(g, where).entrySet()) {
            String key = e.getKey();
            try {
                if (e.getValue() instanceof Group) {
                    m.put(key, metadataGroup((Group) e.getValue(), where + "." + key));
                    continue;
                }
                Dataset d = (Dataset) e.getValue();
                Object v = metadataValue(d);
                if (v == null) {
                    warnings.add(where + ": '" + key + "' holds " + describeType(d) + "; ignored");
                } else {
                    m.put(key, v);
                }
            } catch (RuntimeException ex) {
                warnings.add(where + ": '" + key + "' cannot be read (" + describe(ex) + "); ignored");
            }
        }
        return Metadata.copyOf(m);
    }

    private Object metadataValue(Dataset d) {
        if (d.isEmpty()) {
            return null;
        }
        if (d.getSizeInBytes() > Math.max(1L << 20, fileSize * 1100)) {
            return null;
        }
        DataType t = d.getDataType();
        Class<?> jt = d.getJavaType();
        if (jt == String.class && t instanceof EnumDataType) {
            Object v = d.getData();
            if (v instanceof String && (v.equals("TRUE") || v.equals("FALSE"))) {
                return v.equals("TRUE");
            }
            return null;
        }
        if (jt == String.class) {
            if (d.isScalar()) {
                return d.getData();
            }
            Object flat = d.getDataFlat();
            List<String> l = new ArrayList<>();
            for (int i = 0; i < Array.getLength(flat); i++) {
                l.add(String.valueOf(Array.get(flat, i)));
            }
            return l;
        }
        if (t instanceof FloatingPoint || t instanceof FixedPoint) {
            boolean isFloat = t instanceof FloatingPoint;
            Object data = d.isScalar() ? d.getData() : d.getDataFlat();
            double[] v = toDoubles(data);
            if (d.isScalar()) {
                return isFloat ? (Object) v[0] : (Object) (long) v[0];
            }
            NirArray.DType dtype = !isFloat ? NirArray.DType.INT64
                    : t.getSize() == 8 ? NirArray.DType.FLOAT64 : NirArray.DType.FLOAT32;
            return NirArray.of(dtype, Shape.of(d.getDimensions()), v);
        }
        return null;
    }

    // ---------------------------------------------------------------- helpers

    private Map<String, Node> children(Group g, String where) {
        try {
            return g.getChildren();
        } catch (RuntimeException e) {
            throw new NirFormatException(file, where + ": cannot list the group's contents (truncated or corrupt "
                    + "file?): " + describe(e), e);
        }
    }

    /** The value of a scalar (or 1-element) string dataset, else null. */
    private static Object scalarString(Dataset d) {
        if (d.isEmpty() || d.getJavaType() != String.class || d.getDataType() instanceof EnumDataType) {
            return null;
        }
        if (d.isScalar()) {
            return d.getData();
        }
        Object flat = d.getDataFlat();
        return Array.getLength(flat) == 1 ? Array.get(flat, 0) : null;
    }

    private static double[] toDoubles(Object data) {
        if (data instanceof double[]) {
            return ((double[]) data).clone();
        }
        if (data instanceof Number) {
            return new double[] {((Number) data).doubleValue()};
        }
        if (data != null && data.getClass().isArray()) {
            int n = Array.getLength(data);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                Object o = Array.get(data, i);
                if (!(o instanceof Number)) {
                    throw new IllegalArgumentException("element " + i + " is not a number");
                }
                d[i] = ((Number) o).doubleValue();
            }
            return d;
        }
        throw new IllegalArgumentException("not numeric data: " + (data == null ? "null" : data.getClass()));
    }

    private static String describeType(Dataset d) {
        try {
            DataType t = d.getDataType();
            Class<?> jt = d.getJavaType();
            if (t instanceof EnumDataType) {
                return "an enum";
            }
            if (jt == String.class) {
                return "strings";
            }
            if (t instanceof FloatingPoint) {
                return "float" + 8 * t.getSize() + " numbers";
            }
            if (t instanceof FixedPoint) {
                return "int" + 8 * t.getSize() + " numbers";
            }
            return "data of HDF5 class " + t.getClass().getSimpleName();
        } catch (RuntimeException e) {
            return "data of an unreadable type";
        }
    }

    private static String where(String address, String type) {
        if (address.isEmpty()) {
            return "the top-level graph";
        }
        return "node '" + address + "'" + (type == null ? "" : " (" + type + ")");
    }

    private static String graphName(String address) {
        return address.isEmpty() ? "the top-level graph" : "graph '" + address + "'";
    }

    /** Drops a record's {@code Type: } prefix, which the reader's own prefix already says. */
    private static String stripType(String message, String type) {
        String m = message == null ? "invalid" : message;
        return m.startsWith(type + ": ") ? m.substring(type.length() + 2) : m;
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        String line = m == null || m.isBlank() ? "" : m.strip().lines().findFirst().orElse("");
        Throwable c = e.getCause();
        if (line.isEmpty() && c != null && c != e) {
            return describe(c);
        }
        return e.getClass().getSimpleName() + (line.isEmpty() ? "" : ": " + line);
    }
}
