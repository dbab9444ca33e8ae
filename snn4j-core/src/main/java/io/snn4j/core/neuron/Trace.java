package io.snn4j.core.neuron;

/**
 * One run of a neuron kernel over {@code T} steps: the input, the state it started from and what the kernel
 * produced. A whole-sequence forward is one trace; each recorded step is a one-step trace whose starting state
 * is the previous trace's final state (shared, not copied).
 */
final class Trace {
    /** The input; null once the kernel no longer needs it. */
    float[] x;
    final int steps;
    final int batch;
    /** Neurons per sample. */
    final int features;
    final int[] featureShape;
    final float[] mem0;
    final float[] syn0;
    final float[] spk0;
    float[] out;
    float[] mem;
    float[] syn;
    float[] spk;
    float[] rec;
    float[] gRec;
    /**
     * Reusable buffer slots of the owning layer for {@code out}, {@code mem} and {@code syn} (see
     * {@code AbstractLayer.buffer}), or -1 for fresh arrays.
     */
    int outSlot = -1;
    /** Whether the kernel should list the output spikes (whole-sequence forwards), and the list it made. */
    boolean emit;
    io.snn4j.core.Tensor.Events events;
    int memSlot = -1;
    int synSlot = -1;

    Trace(float[] x, int steps, int batch, int[] featureShape, float[] mem0, float[] syn0, float[] spk0) {
        this.x = x;
        this.steps = steps;
        this.batch = batch;
        this.featureShape = featureShape;
        this.features = io.snn4j.core.Tensor.sizeOf(featureShape);
        this.mem0 = mem0;
        this.syn0 = syn0;
        this.spk0 = spk0;
    }

    int elements() {
        return batch * features;
    }

    /** The state after the last step (views into this trace's arrays when it has one step). */
    float[] lastOf(float[] a) {
        if (a == null) {
            return null;
        }
        int e = elements();
        return steps == 1 ? a : java.util.Arrays.copyOfRange(a, (steps - 1) * e, steps * e);
    }
}
