package io.snn4j.data.digits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassificationDatasetTest {

    /** Ten samples: feature = index, labels 0,1,0,1,... */
    private static ClassificationDataset tenAlternating() {
        float[][] f = new float[10][];
        int[] l = new int[10];
        for (int i = 0; i < 10; i++) {
            f[i] = new float[] {i};
            l[i] = i % 2;
        }
        return new ClassificationDataset(f, l, 2);
    }

    private static Set<Float> ids(ClassificationDataset d) {
        Set<Float> s = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            s.add(d.sample(i)[0]);
        }
        return s;
    }

    @Test
    void splitIsStratifiedDisjointAndComplete() {
        ClassificationDataset.Split s = tenAlternating().split(0.2, 7);
        assertEquals(8, s.train().size());
        assertEquals(2, s.test().size());
        assertArrayEquals(new int[] {1, 1}, s.test().classCounts());
        Set<Float> all = ids(s.train());
        all.addAll(ids(s.test()));
        assertEquals(10, all.size());
    }

    @Test
    void digitsSplit80To20KeepsEveryClassProportion() {
        ClassificationDataset.Split s = Digits.load().split(0.2, 42);
        assertEquals(1797, s.train().size() + s.test().size());
        int[] all = Digits.load().classCounts();
        int[] test = s.test().classCounts();
        for (int c = 0; c < 10; c++) {
            assertEquals(Math.round(all[c] * 0.2), test[c], "class " + c);
        }
    }

    @Test
    void sameSeedGivesTheSameSplitAndAnotherSeedAnotherOne() {
        ClassificationDataset d = Digits.load();
        Set<Float> a = firstPixels(d.split(0.2, 1).test());
        assertEquals(a, firstPixels(d.split(0.2, 1).test()));
        assertFalse(sameSamples(d.split(0.2, 1).test(), d.split(0.2, 2).test()));
    }

    private static Set<Float> firstPixels(ClassificationDataset d) {
        Set<Float> s = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            float h = 0;
            float[] x = d.sample(i);
            for (int k = 0; k < x.length; k++) {
                h = h * 31 + x[k];
            }
            s.add(h);
        }
        return s;
    }

    private static boolean sameSamples(ClassificationDataset a, ClassificationDataset b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.sample(i), b.sample(i))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void badInputIsRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClassificationDataset(new float[][] {{1}, {2}}, new int[] {0, 3}, 2));
        assertTrue(e.getMessage().contains("label 3 of row 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ClassificationDataset(new float[][] {{1}, {2, 3}}, new int[] {0, 1}, 2));
        assertTrue(e.getMessage().contains("row 1 has 2 features, expected 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tenAlternating().split(1.0, 1));
        assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
    }

    @Test
    void headTakesTheFirstSamplesInOrder() {
        ClassificationDataset h = tenAlternating().head(3);
        assertEquals(3, h.size());
        assertEquals(2f, h.sample(2)[0]);
        assertEquals(10, tenAlternating().head(100).size());
    }
}
