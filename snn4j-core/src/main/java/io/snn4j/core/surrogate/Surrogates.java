package io.snn4j.core.surrogate;

import io.snn4j.core.layer.LayerSpec;
import io.snn4j.core.layer.Layers;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * The surrogate gradients, with snnTorch 0.9.4's names and defaults. {@code u = U - threshold} is the membrane
 * potential relative to the threshold; every surrogate's forward pass is the step {@code u > 0}.
 *
 * <p>Rebuild one from a model file or config with {@link #fromSpec} ({@code {type: atan, alpha: 2}}) or
 * {@link #fromConfig} (that map, or just its type name as a string). Add your own with {@link #custom} and,
 * to make it loadable by name, {@link #register}.
 */
public final class Surrogates {
    private static final Map<String, Function<LayerSpec, Surrogate>> FACTORIES = new TreeMap<>();
    private static final Map<String, String> ALIASES = Map.of(
            "triangular", "triangle",
            "rectangular", "boxcar",
            "ste", "straight_through",
            "straight_through_estimator", "straight_through");

    static {
        FACTORIES.put("atan", s -> {
            s.checkKeys("alpha");
            return atan((float) s.getDouble("alpha", 2.0));
        });
        FACTORIES.put("fast_sigmoid", s -> {
            s.checkKeys("slope");
            return fastSigmoid((float) s.getDouble("slope", 25.0));
        });
        FACTORIES.put("sigmoid", s -> {
            s.checkKeys("slope");
            return sigmoid((float) s.getDouble("slope", 25.0));
        });
        FACTORIES.put("triangle", s -> {
            s.checkKeys("threshold");
            return triangle((float) s.getDouble("threshold", 1.0));
        });
        FACTORIES.put("boxcar", s -> {
            s.checkKeys("width");
            return boxcar((float) s.getDouble("width", 1.0));
        });
        FACTORIES.put("straight_through", s -> {
            s.checkKeys();
            return straightThrough();
        });
    }

    private Surrogates() {
    }

    /** snnTorch's default: arctangent with alpha 2, dS/du = 1 / (1 + (pi u)^2). */
    public static Surrogate atan() {
        return new ATan(2f);
    }

    /** Arctangent: dS/du = (alpha/2) / (1 + (pi/2 alpha u)^2); peak alpha/2 at u = 0. */
    public static Surrogate atan(float alpha) {
        return new ATan(alpha);
    }

    /** Fast sigmoid with slope 25 (snnTorch's default). */
    public static Surrogate fastSigmoid() {
        return new FastSigmoid(25f);
    }

    /** Fast sigmoid: dS/du = 1 / (slope |u| + 1)^2. */
    public static Surrogate fastSigmoid(float slope) {
        return new FastSigmoid(slope);
    }

    /** Sigmoid with slope 25 (snnTorch's default). */
    public static Surrogate sigmoid() {
        return new Sigmoid(25f);
    }

    /** Sigmoid: dS/du = slope s (1 - s), s = 1 / (1 + exp(-slope u)). */
    public static Surrogate sigmoid(float slope) {
        return new Sigmoid(slope);
    }

    /** snnTorch's {@code triangular()} (threshold 1). */
    public static Surrogate triangle() {
        return new Triangular(1f);
    }

    /**
     * snnTorch's {@code triangular(threshold)} exactly as it computes it: dS/du = +threshold for u &lt; 0 and
     * -threshold for u &gt;= 0.
     */
    public static Surrogate triangle(float threshold) {
        return new Triangular(threshold);
    }

    /** Boxcar of width 1. */
    public static Surrogate boxcar() {
        return new Boxcar(1f);
    }

    /** Boxcar of unit area: dS/du = 1/width for |u| &lt; width/2, else 0. */
    public static Surrogate boxcar(float width) {
        return new Boxcar(width);
    }

    /** snnTorch's {@code straight_through_estimator}: dS/du = 1. */
    public static Surrogate straightThrough() {
        return StraightThrough.INSTANCE;
    }

    /**
     * A surrogate from two functions of {@code u}.
     *
     * @param name   type name written to model files ({@link #register} it to load such files)
     * @param grad   dS/du used by the backward pass
     * @param smooth a primitive of {@code grad}, used only in gradient-check mode
     */
    public static Surrogate custom(String name, DoubleUnaryOperator grad, DoubleUnaryOperator smooth) {
        if (name == null || name.isBlank() || grad == null || smooth == null) {
            throw new IllegalArgumentException("custom surrogate: name, grad and smooth are required");
        }
        return new CustomSurrogate(name, grad, smooth);
    }

    /** Makes {@link #fromSpec} know a surrogate type (replacing any earlier one of that name). */
    public static synchronized void register(String type, Function<LayerSpec, Surrogate> factory) {
        FACTORIES.put(type, factory);
    }

    /** Rebuilds a surrogate from its {@link Surrogate#spec()}. */
    public static Surrogate fromSpec(LayerSpec spec) {
        String type = ALIASES.getOrDefault(spec.type(), spec.type());
        Function<LayerSpec, Surrogate> f;
        synchronized (Surrogates.class) {
            f = FACTORIES.get(type);
        }
        if (f == null) {
            throw new IllegalArgumentException("unknown surrogate '" + spec.type() + "'; known surrogates: "
                    + String.join(", ", types()));
        }
        return f.apply(new LayerSpec(type, spec.config()));
    }

    /** A surrogate from a config value: a type name ({@code "atan"}) or a map ({@code {type: atan, alpha: 2}}). */
    public static Surrogate fromConfig(Object value) {
        if (value instanceof Surrogate s) {
            return s;
        }
        if (value instanceof String name) {
            return fromSpec(LayerSpec.of(name));
        }
        if (value instanceof Map<?, ?>) {
            return fromSpec(Layers.toSpec(value));
        }
        throw new IllegalArgumentException("surrogate must be a name or a map with a 'type' key, got " + value);
    }

    /** The spec as a plain map with {@code type} first, the form used inside neuron layer specs. */
    public static Map<String, Object> toConfig(Surrogate s) {
        LayerSpec spec = s.spec();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("type", spec.type());
        m.putAll(spec.config());
        return m;
    }

    /** Known type names (aliases excluded), sorted. */
    public static synchronized java.util.Set<String> types() {
        return new java.util.TreeSet<>(FACTORIES.keySet());
    }

    static float positive(String type, String key, float v) {
        if (!(v > 0f) || Float.isInfinite(v)) {
            throw new IllegalArgumentException(type + " surrogate: '" + key + "' must be a positive finite number, got "
                    + v);
        }
        return v;
    }

    /** A float as the double with the same decimal text (0.9f -> 0.9, not 0.8999999761581421). */
    static Double num(float v) {
        return Double.parseDouble(Float.toString(v));
    }
}
