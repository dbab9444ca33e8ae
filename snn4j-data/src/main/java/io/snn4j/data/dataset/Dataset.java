package io.snn4j.data.dataset;

import io.snn4j.core.Tensor;

/**
 * Labelled samples for classification, loaded lazily: {@link #label} is cheap, {@link #sample} may read a file
 * and convert it (and cache the result). Samples are either static, of shape {@link #shape()} (an image
 * {@code [1, 28, 28]}, a feature vector {@code [64]}), to be spike-coded by a {@link Loader}, or
 * {@link #temporal()}, of shape {@code [T_i, ...shape()]} with a length {@code T_i} of their own (spike trains
 * of an audio recording, {@code [T_i, channels]}).
 *
 * <p>Implementations are safe to read from several threads at once.
 */
public interface Dataset {

    /** Number of samples. */
    int size();

    /** Number of classes; labels are in {@code [0, classes)}. */
    int classes();

    /** Label of sample {@code i}, without loading the sample. */
    int label(int i);

    /**
     * Sample {@code i}: {@code shape()} for static data, {@code [T_i, ...shape()]} for temporal data. The caller
     * must not modify the returned tensor (it may be cached).
     */
    Tensor sample(int i);

    /** Shape of a static sample, or of one time step of a temporal sample. */
    int[] shape();

    /** Whether samples carry their own time axis. */
    boolean temporal();

    /** A short name for messages and provenance, e.g. {@code fashion_mnist/train}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** All labels, {@code [size()]}. */
    default int[] labels() {
        int[] l = new int[size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = label(i);
        }
        return l;
    }

    /** Samples per class, {@code [classes()]}. */
    default int[] classCounts() {
        int[] c = new int[classes()];
        for (int i = 0; i < size(); i++) {
            c[label(i)]++;
        }
        return c;
    }

    /** The samples at {@code indices}, in that order (a view; nothing is loaded). */
    default Dataset subset(int[] indices) {
        return new Subset(this, indices);
    }
}
