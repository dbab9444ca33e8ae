package io.snn4j.data.dataset;

import io.snn4j.core.Rng;
import java.util.Arrays;

/** Deterministic splits and random subsets of a {@link Dataset}, given a seed. */
public final class Splits {
    private Splits() {
    }

    /** Train and test parts of a dataset. */
    public record Split(Dataset train, Dataset test) {
    }

    /**
     * A stratified random split: within each class, {@code round(count * testFraction)} samples (shuffled with
     * {@code seed}) go to the test part, the rest to the train part, so both parts keep the class proportions.
     * Each part lists its samples in their original order. The same seed gives the same split, and the same
     * split as {@link io.snn4j.data.digits.ClassificationDataset#split} for the same labels.
     *
     * @throws IllegalArgumentException if the fraction is outside (0, 1) or a part would be empty
     */
    public static Split stratified(Dataset d, double testFraction, long seed) {
        int[][] parts = stratifiedIndices(d.labels(), d.classes(), testFraction, seed);
        return new Split(d.subset(parts[0]), d.subset(parts[1]));
    }

    /** {@link #stratified} on labels alone: {@code {train indices, test indices}}, each ascending. */
    public static int[][] stratifiedIndices(int[] labels, int classes, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("split: test fraction must be in (0, 1), got " + testFraction);
        }
        int n = labels.length;
        Rng rng = new Rng(seed);
        boolean[] inTest = new boolean[n];
        for (int c = 0; c < classes; c++) {
            int count = 0;
            for (int l : labels) {
                count += l == c ? 1 : 0;
            }
            int[] m = new int[count];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (labels[i] == c) {
                    m[k++] = i;
                }
            }
            rng.shuffle(m);
            int nTest = (int) Math.round(m.length * testFraction);
            for (int j = 0; j < nTest; j++) {
                inTest[m[j]] = true;
            }
        }
        int nTest = 0;
        for (boolean b : inTest) {
            nTest += b ? 1 : 0;
        }
        if (nTest == 0 || nTest == n) {
            throw new IllegalArgumentException("split: a test fraction of " + testFraction + " of " + n
                    + " samples leaves one part empty");
        }
        int[] train = new int[n - nTest];
        int[] test = new int[nTest];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (inTest[i]) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new int[][] {train, test};
    }

    /**
     * {@code n} samples drawn at random without replacement (seeded), in their original order; the whole
     * dataset when {@code n >= size()}.
     */
    public static Dataset randomSubset(Dataset d, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("random subset: n must be >= 1, got " + n);
        }
        if (n >= d.size()) {
            return d;
        }
        int[] order = new int[d.size()];
        Arrays.setAll(order, i -> i);
        new Rng(seed).shuffle(order);
        int[] pick = Arrays.copyOf(order, n);
        Arrays.sort(pick);
        return d.subset(pick);
    }
}
