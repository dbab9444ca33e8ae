package io.snn4j.data.model;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.LayerSpec;
import io.snn4j.core.layer.Layers;
import io.snn4j.core.layer.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads trained networks: the architecture (as {@link LayerSpec}s), every parameter bit for bit,
 * and the model's {@link Provenance}. The layout (documented in {@code docs/model-format.md}) is an 8-byte
 * little-endian header length, a JSON header, then raw little-endian float32 arrays, with CRC32 checksums of
 * header and data. Writes are atomic (temporary file, then rename).
 *
 * <pre>{@code
 * ModelFile.save(Path.of("model.snn4j"), net, Provenance.of(42L, "digits", Map.of("epochs", 5)));
 * LoadedModel m = ModelFile.load(Path.of("model.snn4j"));
 * Tensor out = m.network().forward(x, false);
 * }</pre>
 */
public final class ModelFile {
    private ModelFile() {
    }

    /** Saves {@code net} with its provenance (no input shape, no metadata). */
    public static void save(Path path, Network net, Provenance provenance) {
        save(path, net, null, provenance, Map.of());
    }

    /**
     * Saves {@code net}.
     *
     * @param inputShape per-step input feature shape without T and B (e.g. {@code [64]}), or null
     * @param metadata   free-form JSON-like values (maps, lists, strings, numbers, booleans), may be empty
     * @throws ModelFileException when the file cannot be written
     */
    public static void save(Path path, Network net, int[] inputShape, Provenance provenance,
                            Map<String, Object> metadata) {
        Container.write(path, modelFields(net, inputShape, provenance, metadata), parameterEntries(net));
    }

    static Map<String, Object> modelFields(Network net, int[] inputShape, Provenance provenance,
                                           Map<String, Object> metadata) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("kind", "model");
        f.put("architecture", specToMap(net.spec()));
        f.put("input_shape", inputShape == null ? null : Container.toList(inputShape));
        f.put("provenance", provenanceToMap(provenance == null ? Provenance.empty() : provenance));
        f.put("metadata", metadata == null ? Map.of() : metadata);
        return f;
    }

    static LinkedHashMap<String, Container.Entry> parameterEntries(Network net) {
        LinkedHashMap<String, Container.Entry> t = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            t.put(e.getKey(), new Container.Entry(e.getValue().value(), e.getValue().trainable()));
        }
        return t;
    }

    /**
     * Loads a model: rebuilds the network from the stored architecture with {@link Layers#create} and fills in
     * every parameter bit for bit.
     *
     * @throws ModelFileException naming the file and the problem: missing file, not a model file, truncated,
     *                            checksum mismatch, unknown layer type, missing tensor, shape mismatch
     */
    public static LoadedModel load(Path path) {
        Container.Contents c = Container.read(path);
        return fromContents(path, c);
    }

    static LoadedModel fromContents(Path path, Container.Contents c) {
        Map<String, Object> h = c.header();
        Object arch = h.get("architecture");
        if (arch == null) {
            throw new ModelFileException(path, "holds no architecture (a checkpoint written without a network?)");
        }
        Network net = buildNetwork(path, arch);
        Map<String, Parameter> params = net.namedParameters();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor stored = c.tensors().get(e.getKey());
            if (stored == null) {
                throw new ModelFileException(path, "missing tensor '" + e.getKey() + "' required by the architecture");
            }
            Tensor dst = e.getValue().value();
            if (!stored.sameShape(dst)) {
                throw new ModelFileException(path, "shape mismatch for tensor '" + e.getKey() + "': the file has "
                        + Arrays.toString(stored.shape()) + " but the architecture needs "
                        + Arrays.toString(dst.shape()));
            }
            System.arraycopy(stored.data(), 0, dst.data(), 0, dst.size());
            Boolean tr = c.trainable().get(e.getKey());
            if (tr != null) {
                e.getValue().setTrainable(tr);
            }
        }
        for (String name : c.tensors().keySet()) {
            if (!params.containsKey(name) && !name.contains("/")) {
                throw new ModelFileException(path, "tensor '" + name + "' does not belong to any parameter of the "
                        + "architecture (parameters: " + params.keySet() + ")");
            }
        }
        int[] inputShape = h.get("input_shape") == null ? null
                : Container.toInts(path, h.get("input_shape"), "input_shape");
        Provenance prov = provenanceFromMap(path, h.get("provenance"));
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = h.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return new LoadedModel(net, inputShape, prov, meta, ((Number) h.get("format_version")).intValue());
    }

    /**
     * The verified JSON header of a model or checkpoint file as maps and lists, without building the network
     * (for showing what a file holds).
     */
    public static Map<String, Object> readHeader(Path path) {
        return Container.readHeaderOnly(path);
    }

    private static Network buildNetwork(Path path, Object arch) {
        Layer layer;
        try {
            layer = Layers.create(Layers.toSpec(arch), new Rng(0));
        } catch (IllegalArgumentException ex) {
            throw new ModelFileException(path, "cannot rebuild the architecture: " + ex.getMessage(), ex);
        }
        if (!(layer instanceof Network n)) {
            throw new ModelFileException(path, "the architecture's top layer '" + layer.type()
                    + "' is not a network (expected e.g. sequential or graph)");
        }
        return n;
    }

    /** A spec as nested maps {@code {type: ..., key: value}}; nested specs (children) are already maps. */
    static Map<String, Object> specToMap(LayerSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", spec.type());
        for (Map.Entry<String, Object> e : spec.config().entrySet()) {
            m.put(e.getKey(), plain(e.getValue()));
        }
        return m;
    }

    private static Object plain(Object v) {
        if (v instanceof LayerSpec s) {
            return specToMap(s);
        }
        if (v instanceof int[] a) {
            return Container.toList(a);
        }
        if (v instanceof float[] a) {
            List<Object> l = new ArrayList<>();
            for (float x : a) {
                l.add(x);
            }
            return l;
        }
        if (v instanceof List<?> l) {
            List<Object> r = new ArrayList<>();
            for (Object o : l) {
                r.add(plain(o));
            }
            return r;
        }
        if (v instanceof Map<?, ?> mm) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : mm.entrySet()) {
                r.put(String.valueOf(e.getKey()), plain(e.getValue()));
            }
            return r;
        }
        return v;
    }

    static Map<String, Object> provenanceToMap(Provenance p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("snn4j_version", p.snn4jVersion());
        m.put("created", p.createdUtc());
        m.put("seed", p.seed());
        m.put("dataset", p.dataset());
        m.put("config", p.config());
        for (Map.Entry<String, Object> e : p.extra().entrySet()) {
            if (!m.containsKey(e.getKey())) {
                m.put(e.getKey(), e.getValue());
            }
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static Provenance provenanceFromMap(Path path, Object o) {
        if (o == null) {
            return new Provenance(null, null, null, null, Map.of(), Map.of());
        }
        if (!(o instanceof Map<?, ?> raw)) {
            throw new ModelFileException(path, "provenance must be a JSON object, got " + o);
        }
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) raw);
        Object seed = m.remove("seed");
        if (seed != null && !(seed instanceof Number)) {
            throw new ModelFileException(path, "provenance seed must be an integer, got " + seed);
        }
        Object cfg = m.remove("config");
        Object version = m.remove("snn4j_version");
        Object created = m.remove("created");
        Object dataset = m.remove("dataset");
        return new Provenance(version == null ? null : version.toString(), created == null ? null : created.toString(),
                seed == null ? null : ((Number) seed).longValue(), dataset == null ? null : dataset.toString(),
                cfg instanceof Map<?, ?> cm ? (Map<String, Object>) cm : Map.of(), m);
    }
}
