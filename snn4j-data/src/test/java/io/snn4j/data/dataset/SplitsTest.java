package io.snn4j.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.data.digits.ClassificationDataset;
import io.snn4j.data.digits.Digits;
import org.junit.jupiter.api.Test;

class SplitsTest {

    @Test
    void stratifiedSplitIsTheDigitsSplit() {
        ClassificationDataset digits = Digits.load();
        Dataset d = Datasets.of(digits, 1f / 16, "digits", 64);
        for (long seed : new long[] {1, 42}) {
            ClassificationDataset.Split want = digits.split(0.2, seed);
            Splits.Split got = Splits.stratified(d, 0.2, seed);
            assertArrayEquals(want.train().labels(), got.train().labels());
            assertArrayEquals(want.test().labels(), got.test().labels());
            for (int i = 0; i < got.test().size(); i += 37) {
                float[] w = want.test().sample(i);
                float[] g = got.test().sample(i).data();
                for (int k = 0; k < w.length; k++) {
                    assertEquals(w[k] / 16, g[k]);
                }
            }
        }
        assertArrayEquals(new int[] {36, 36, 35, 37, 36, 36, 36, 36, 35, 36},
                Splits.stratified(d, 0.2, 42).test().classCounts());
    }

    @Test
    void randomSubsetsAreSeededAndKeepTheOriginalOrder() {
        Dataset d = Datasets.of(Digits.load(), 1f, "digits", 64);
        Dataset a = Splits.randomSubset(d, 50, 3);
        Dataset b = Splits.randomSubset(d, 50, 3);
        assertEquals(50, a.size());
        assertArrayEquals(a.labels(), b.labels());
        assertNotEquals(java.util.Arrays.toString(a.labels()),
                java.util.Arrays.toString(Splits.randomSubset(d, 50, 4).labels()));
        assertEquals(d, Splits.randomSubset(d, 5000, 3));
        // a subset of a subset reads the original samples
        Dataset s = d.subset(new int[] {10, 20, 30}).subset(new int[] {2, 0});
        assertArrayEquals(new int[] {d.label(30), d.label(10)}, s.labels());
        assertThrows(IllegalArgumentException.class, () -> d.subset(new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> Splits.stratified(d, 1.0, 1));
    }
}
