package io.snn4j.core.kernel;

/** For tests outside this package: runs code with the Vector API kernels switched on or off. */
public final class SimdSwitch {
    private SimdSwitch() {
    }

    /** Whether the Vector API kernels can run in this JVM (the module is present and they loaded). */
    public static boolean available() {
        return Simd.available();
    }

    /** Runs {@code body} with the Vector API kernels on or off, restoring the previous setting. */
    public static void with(boolean on, Runnable body) {
        KernelTestSupport.withSimd(on, body);
    }
}
