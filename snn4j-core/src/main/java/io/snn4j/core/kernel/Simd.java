package io.snn4j.core.kernel;

/**
 * Decides once whether the explicit-SIMD kernels run. They need the incubating module {@code jdk.incubator.vector}
 * in the boot layer (the JVM option {@code --add-modules jdk.incubator.vector}) and float vectors of at least 8
 * lanes (AVX2 or wider; narrower hardware is served as well by HotSpot's own vectorisation of the plain loops).
 * {@code -Dsnn4j.simd=false} forces the plain kernels. Without the module nothing here touches the Vector API
 * classes: the implementation is loaded by name only after the module was found.
 *
 * <p>The SIMD kernels use fused multiply-add, so their results differ from the plain kernels' by float32
 * rounding; each path on its own gives bit-identical results for any number of threads.
 */
public final class Simd {
    private static final String IMPL = "io.snn4j.core.kernel.VectorKernels";
    private static final SimdKernels LOADED = load();
    /** Package-private switch for tests that run both paths in one JVM. */
    static volatile boolean enabled = LOADED != null;

    private Simd() {
    }

    /** Whether the explicit-SIMD kernels are in use. */
    public static boolean active() {
        return enabled && LOADED != null;
    }

    /** A one-line description of the kernels in use, e.g. for a benchmark report. */
    public static String describe() {
        if (active()) {
            return "Vector API, " + LOADED.lanes() + " float lanes";
        }
        if (LOADED != null) {
            return "plain Java (Vector API switched off)";
        }
        return "plain Java" + (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? ""
                : " (add --add-modules jdk.incubator.vector for the Vector API kernels)");
    }

    /** The SIMD kernels, or null when the plain ones must run. */
    static SimdKernels kernels() {
        return enabled ? LOADED : null;
    }

    /** Whether the SIMD kernels could be loaded at all (tests skip the SIMD checks otherwise). */
    static boolean available() {
        return LOADED != null;
    }

    private static SimdKernels load() {
        if (!Boolean.parseBoolean(System.getProperty("snn4j.simd", "true"))) {
            return null;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            SimdKernels k = (SimdKernels) Class.forName(IMPL).getDeclaredConstructor().newInstance();
            return k.lanes() >= 8 ? k : null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // A JVM whose Vector API differs from the one compiled against: the plain kernels still work.
            return null;
        }
    }
}
