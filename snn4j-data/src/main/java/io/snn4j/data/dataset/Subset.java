package io.snn4j.data.dataset;

import io.snn4j.core.Tensor;
import java.util.Arrays;

/** Some samples of another dataset, by index (a view). */
final class Subset implements Dataset {
    private final Dataset base;
    private final int[] idx;

    Subset(Dataset base, int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= base.size()) {
                throw new IllegalArgumentException(base.name() + ": index " + i + " outside [0, " + base.size()
                        + ")");
            }
        }
        this.base = base;
        this.idx = indices.clone();
    }

    @Override
    public int size() {
        return idx.length;
    }

    @Override
    public int classes() {
        return base.classes();
    }

    @Override
    public int label(int i) {
        return base.label(idx[i]);
    }

    @Override
    public Tensor sample(int i) {
        return base.sample(idx[i]);
    }

    @Override
    public int[] shape() {
        return base.shape();
    }

    @Override
    public boolean temporal() {
        return base.temporal();
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public Dataset subset(int[] indices) {
        int[] m = new int[indices.length];
        for (int k = 0; k < m.length; k++) {
            if (indices[k] < 0 || indices[k] >= idx.length) {
                throw new IllegalArgumentException(name() + ": index " + indices[k] + " outside [0, " + idx.length
                        + ")");
            }
            m[k] = idx[indices[k]];
        }
        return new Subset(base, m);
    }

    @Override
    public String toString() {
        return name() + " subset of " + idx.length + " " + Arrays.toString(Arrays.copyOf(idx, Math.min(5, idx.length)));
    }
}
