package io.snn4j.core.kernel;

/**
 * Rows of a {@code [rows, width]} matrix computed on demand instead of read from memory: how a fused kernel takes
 * its input from the layer next to it (a synapse's current in a forward pass, the gradient through a synapse in a
 * backward pass). Implementations must be safe to call from several threads at once for different rows.
 */
@FunctionalInterface
public interface RowSource {
    /** Fills {@code dst[0, n * width)} with rows {@code [r0, r0 + n)}. */
    void rows(int r0, int n, float[] dst);
}
