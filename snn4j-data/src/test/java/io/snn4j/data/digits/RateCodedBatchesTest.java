package io.snn4j.data.digits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.train.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateCodedBatchesTest {

    /** Five samples of three features: always off (0), half (8) and always on (16); label = index % 2. */
    private static ClassificationDataset fiveSamples() {
        float[][] f = new float[5][];
        int[] l = new int[5];
        for (int i = 0; i < 5; i++) {
            f[i] = new float[] {0, 8, 16};
            l[i] = i % 2;
        }
        return new ClassificationDataset(f, l, 2);
    }

    private static List<Batch> all(Iterator<Batch> it) {
        List<Batch> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    @Test
    void batchesAreTimeMajorAndTheLastOneIsSmaller() {
        List<Batch> b = all(RateCodedBatches.digits(fiveSamples(), 4, 2, 1, false).epoch(0));
        assertEquals(3, b.size());
        assertArrayEquals(new int[] {4, 2, 3}, b.get(0).input().shape());
        assertArrayEquals(new int[] {4, 1, 3}, b.get(2).input().shape());
        assertArrayEquals(new int[] {0, 1}, b.get(0).labels());
        assertArrayEquals(new int[] {0}, b.get(2).labels());
    }

    @Test
    void zeroPixelsNeverSpikeFullPixelsAlwaysSpikeHalfPixelsAboutHalfTheTime() {
        List<Batch> b = all(RateCodedBatches.digits(fiveSamples(), 2000, 5, 3, false).epoch(0));
        float[] x = b.get(0).input().data();
        int on = 0;
        for (int i = 0; i < x.length; i += 3) {
            assertEquals(0f, x[i]);
            assertEquals(1f, x[i + 2]);
            on += (int) x[i + 1];
        }
        double rate = on / (2000.0 * 5);
        assertEquals(0.5, rate, 0.02);
    }

    @Test
    void sameEpochGivesIdenticalBatchesOtherEpochsAreReshuffled() {
        ClassificationDataset d = Digits.load().head(200);
        RateCodedBatches src = RateCodedBatches.digits(d, 5, 50, 11, true);
        List<Batch> a = all(src.epoch(3));
        List<Batch> again = all(src.epoch(3));
        List<Batch> other = all(src.epoch(4));
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).labels(), again.get(i).labels());
            assertArrayEquals(a.get(i).input().data(), again.get(i).input().data());
        }
        assertFalse(Arrays.equals(a.get(0).labels(), other.get(0).labels())
                && Arrays.equals(a.get(1).labels(), other.get(1).labels()));
        int total = 0;
        for (Batch b : other) {
            total += b.size();
        }
        assertEquals(200, total);
    }

    @Test
    void withoutShuffleSamplesKeepTheirOrder() {
        ClassificationDataset d = Digits.load().head(30);
        List<Batch> b = all(RateCodedBatches.digits(d, 1, 30, 5, false).epoch(7));
        assertArrayEquals(d.labels(), b.get(0).labels());
    }

    @Test
    void badSettingsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RateCodedBatches.digits(fiveSamples(), 0, 2, 1, false));
        assertTrue(e.getMessage().contains("steps must be >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RateCodedBatches.digits(fiveSamples(), 3, 0, 1, false));
        assertTrue(e.getMessage().contains("batch size"), e.getMessage());
    }
}
