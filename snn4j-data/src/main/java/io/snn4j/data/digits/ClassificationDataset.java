package io.snn4j.data.digits;

import io.snn4j.core.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small labelled dataset held in memory: {@code N} samples of {@code D} float features and one class label
 * in {@code [0, classes)} each. Immutable; {@link #subset} and {@link #split} return new datasets.
 */
public final class ClassificationDataset {
    private final float[][] features;
    private final int[] labels;
    private final int classes;

    /**
     * @param features {@code [N][D]}, every row of the same length D ≥ 1 (copied)
     * @param labels   {@code [N]}, each in {@code [0, classes)} (copied)
     * @param classes  number of classes, ≥ 1
     * @throws IllegalArgumentException naming the offending row or label
     */
    public ClassificationDataset(float[][] features, int[] labels, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("dataset: classes must be >= 1, got " + classes);
        }
        if (features.length != labels.length) {
            throw new IllegalArgumentException("dataset: " + features.length + " feature rows but "
                    + labels.length + " labels");
        }
        if (features.length == 0) {
            throw new IllegalArgumentException("dataset: no samples");
        }
        int d = features[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("dataset: samples have no features");
        }
        this.features = new float[features.length][];
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException("dataset: row " + i + " has " + features[i].length
                        + " features, expected " + d);
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("dataset: label " + labels[i] + " of row " + i
                        + " is outside [0, " + classes + ")");
            }
            this.features[i] = features[i].clone();
        }
        this.labels = labels.clone();
        this.classes = classes;
    }

    /** Number of samples N. */
    public int size() {
        return labels.length;
    }

    /** Number of features per sample D. */
    public int features() {
        return features[0].length;
    }

    /** Number of classes. */
    public int classes() {
        return classes;
    }

    /** Label of sample {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** A copy of all labels, {@code [N]}. */
    public int[] labels() {
        return labels.clone();
    }

    /** A copy of sample {@code i}'s features, {@code [D]}. */
    public float[] sample(int i) {
        return features[i].clone();
    }

    /** Copies feature {@code i} into {@code dst[offset .. offset + D)} (no allocation, for batching). */
    void copySample(int i, float[] dst, int offset) {
        System.arraycopy(features[i], 0, dst, offset, features[i].length);
    }

    /** Samples per class, {@code [classes]}. */
    public int[] classCounts() {
        int[] c = new int[classes];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }

    /** The samples at {@code indices}, in that order. */
    public ClassificationDataset subset(int[] indices) {
        float[][] f = new float[indices.length][];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException("dataset: index " + i + " outside [0, " + size() + ")");
            }
            f[k] = features[i];
            l[k] = labels[i];
        }
        return new ClassificationDataset(f, l, classes);
    }

    /** The first {@code n} samples (all of them when {@code n >= size()}). */
    public ClassificationDataset head(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("dataset: head needs n >= 1, got " + n);
        }
        int m = Math.min(n, size());
        int[] idx = new int[m];
        Arrays.setAll(idx, i -> i);
        return subset(idx);
    }

    /** Train and test parts of a dataset. */
    public record Split(ClassificationDataset train, ClassificationDataset test) {
    }

    /**
     * A stratified random split: within each class, {@code round(count * testFraction)} samples (shuffled with
     * {@code seed}) go to the test part, the rest to the train part, so both parts keep the class proportions.
     * Each part lists its samples in their original order. The same seed always gives the same split.
     *
     * @param testFraction share of each class in the test part, in (0, 1)
     * @throws IllegalArgumentException if the fraction is outside (0, 1) or a part would be empty
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("dataset split: test fraction must be in (0, 1), got "
                    + testFraction);
        }
        Rng rng = new Rng(seed);
        boolean[] inTest = new boolean[size()];
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            int[] m = members.stream().mapToInt(Integer::intValue).toArray();
            rng.shuffle(m);
            int nTest = (int) Math.round(m.length * testFraction);
            for (int k = 0; k < nTest; k++) {
                inTest[m[k]] = true;
            }
        }
        int nTest = 0;
        for (boolean b : inTest) {
            nTest += b ? 1 : 0;
        }
        if (nTest == 0 || nTest == size()) {
            throw new IllegalArgumentException("dataset split: a test fraction of " + testFraction + " of "
                    + size() + " samples leaves one part empty");
        }
        int[] train = new int[size() - nTest];
        int[] test = new int[nTest];
        int a = 0;
        int b = 0;
        for (int i = 0; i < size(); i++) {
            if (inTest[i]) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new Split(subset(train), subset(test));
    }
}
