package io.snn4j.core.layer;

import io.snn4j.core.Rng;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Builds layers from {@link LayerSpec}s (model files, YAML configs). Built-in types register themselves;
 * users add their own with {@link #register}.
 */
public final class Layers {
    private static final Map<String, BiFunction<LayerSpec, Rng, Layer>> FACTORIES = new TreeMap<>();

    static {
        BuiltinLayers.registerAll();
        io.snn4j.core.neuron.BuiltinNeurons.registerAll();
        register("sequential", (spec, rng) -> {
            spec.checkKeys("layers");
            Object v = spec.config().get("layers");
            if (!(v instanceof java.util.List<?> list) || list.isEmpty()) {
                throw new IllegalArgumentException("sequential: 'layers' must be a non-empty list");
            }
            java.util.List<Layer> ls = new java.util.ArrayList<>();
            for (Object o : list) {
                ls.add(create(toSpec(o), rng));
            }
            return new Sequential(ls);
        });
    }

    private Layers() {
    }

    /** Adds a layer type; its factory receives the spec and a seeded random source for initial weights. */
    public static synchronized void register(String type, BiFunction<LayerSpec, Rng, Layer> factory) {
        FACTORIES.put(type, factory);
    }

    /** The registered type names, sorted. */
    public static synchronized java.util.Set<String> types() {
        return new java.util.TreeSet<>(FACTORIES.keySet());
    }

    /** Builds a layer with freshly initialised parameters. */
    public static Layer create(LayerSpec spec, Rng rng) {
        BiFunction<LayerSpec, Rng, Layer> f;
        synchronized (Layers.class) {
            f = FACTORIES.get(spec.type());
        }
        if (f == null) {
            throw new IllegalArgumentException("unknown layer type '" + spec.type() + "'; known types: "
                    + String.join(", ", types()));
        }
        return f.apply(spec, rng);
    }

    /** A map {@code {type: ..., key: value, ...}} as a spec. */
    @SuppressWarnings("unchecked")
    public static LayerSpec toSpec(Object o) {
        if (!(o instanceof Map<?, ?> m) || !(m.get("type") instanceof String type)) {
            throw new IllegalArgumentException("a layer must be a map with a 'type' key, got " + o);
        }
        Map<String, Object> cfg = new java.util.LinkedHashMap<>((Map<String, Object>) m);
        cfg.remove("type");
        return new LayerSpec(type, cfg);
    }
}
