package io.snn4j.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Tensor;
import io.snn4j.core.train.Batch;
import io.snn4j.data.digits.ClassificationDataset;
import io.snn4j.data.digits.Digits;
import io.snn4j.data.digits.RateCodedBatches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoaderTest {

    /** Temporal samples {@code [len_i, 2]} holding value (i + 1) everywhere, label i % 3. */
    static Dataset ramps(int... lengths) {
        return new Dataset() {
            @Override
            public int size() {
                return lengths.length;
            }

            @Override
            public int classes() {
                return 3;
            }

            @Override
            public int label(int i) {
                return i % 3;
            }

            @Override
            public Tensor sample(int i) {
                return Tensor.full(i + 1, lengths[i], 2);
            }

            @Override
            public int[] shape() {
                return new int[] {2};
            }

            @Override
            public boolean temporal() {
                return true;
            }
        };
    }

    private static List<Batch> all(Iterator<Batch> it) {
        List<Batch> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    @Test
    void rateCodedStaticDataIsExactlyWhatRateCodedBatchesGives() {
        ClassificationDataset digits = Digits.load().head(300);
        Dataset d = Datasets.of(digits, 1f / 16, "digits", 64);
        RateCodedBatches ref = RateCodedBatches.digits(digits, 10, 32, 42, true);
        for (boolean prefetch : new boolean[] {true, false}) {
            Loader l = Loader.of(d).steps(10).batchSize(32).seed(42).shuffle(true).prefetch(prefetch).build();
            assertEquals(ref.batchesPerEpoch(), l.batchesPerEpoch());
            for (int e = 0; e < 2; e++) {
                List<Batch> want = all(ref.epoch(e));
                List<Batch> got = all(l.epoch(e));
                assertEquals(want.size(), got.size());
                for (int k = 0; k < want.size(); k++) {
                    assertArrayEquals(want.get(k).labels(), got.get(k).labels());
                    assertArrayEquals(want.get(k).input().shape(), got.get(k).input().shape());
                    assertArrayEquals(want.get(k).input().data(), got.get(k).input().data());
                    assertNotNull(got.get(k).input().events());
                    assertTrue(got.get(k).input().events().matches(got.get(k).input().data()));
                }
            }
        }
    }

    @Test
    void imagesKeepTheirShapeAfterTheTimeAndBatchAxes() {
        byte[] px = new byte[5 * 3 * 4];
        Arrays.fill(px, (byte) 255);
        ImageDataset im = new ImageDataset(px, new int[] {0, 1, 2, 3, 4}, 3, 4, 5, "tiny");
        Batch b = Loader.of(im).steps(6).batchSize(4).seed(1).build().epoch(0).next();
        assertArrayEquals(new int[] {6, 4, 1, 3, 4}, b.input().shape());
        for (float v : b.input().data()) {
            assertEquals(1f, v);   // intensity 1 spikes at every step
        }
        Batch flat = Loader.of(Datasets.reshaped(im, 12)).steps(6).batchSize(4).seed(1).build().epoch(0).next();
        assertArrayEquals(new int[] {6, 4, 12}, flat.input().shape());
    }

    @Test
    void temporalSamplesArePaddedToTheLongestOfTheBatch() {
        Dataset d = ramps(3, 5, 2, 4);
        List<Batch> bs = all(Loader.of(d).batchSize(3).shuffle(false).build().epoch(0));
        assertEquals(2, bs.size());
        Tensor x = bs.get(0).input();
        assertArrayEquals(new int[] {5, 3, 2}, x.shape());
        assertArrayEquals(new int[] {0, 1, 2}, bs.get(0).labels());
        // step 3: sample 0 (length 3) is padding, sample 1 is 2s, sample 2 (length 2) padding
        assertArrayEquals(new float[] {0, 0, 2, 2, 0, 0}, Arrays.copyOfRange(x.data(), 3 * 6, 4 * 6));
        assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3}, Arrays.copyOfRange(x.data(), 0, 6));
        assertTrue(x.events().matches(x.data()));
        assertArrayEquals(new int[] {4, 1, 2}, bs.get(1).input().shape());

        // a fixed length cuts and pads
        Tensor y = Loader.of(d).batchSize(4).steps(4).shuffle(false).build().epoch(0).next().input();
        assertArrayEquals(new int[] {4, 4, 2}, y.shape());
        assertArrayEquals(new float[] {0, 0, 2, 2, 0, 0, 4, 4}, Arrays.copyOfRange(y.data(), 3 * 8, 4 * 8));
    }

    @Test
    void shufflingIsDeterministicPerSeedAndEpoch() {
        int[] ones = new int[40];
        Arrays.fill(ones, 1);
        Dataset d = ramps(ones);   // sample i is the value i + 1 at one step
        Loader a = Loader.of(d).batchSize(40).seed(5).build();
        Loader b = Loader.of(d).batchSize(40).seed(5).build();
        Loader c = Loader.of(d).batchSize(40).seed(6).build();
        int[] a0 = order(a, 0);
        assertArrayEquals(a0, order(b, 0));
        assertFalse(Arrays.equals(a0, order(a, 1)));
        assertFalse(Arrays.equals(a0, order(c, 0)));
        int[] sorted = a0.clone();
        Arrays.sort(sorted);
        int[] all = new int[40];
        Arrays.setAll(all, i -> i + 1);
        assertArrayEquals(all, sorted);
        assertArrayEquals(all, order(Loader.of(d).batchSize(40).shuffle(false).build(), 3));
    }

    /** Which sample sits at each batch position (the value it holds). */
    private static int[] order(Loader l, int epoch) {
        Batch batch = l.epoch(epoch).next();
        int[] ids = new int[batch.size()];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = (int) batch.input().data()[k * 2];
            assertEquals((ids[k] - 1) % 3, batch.labels()[k]);
        }
        return ids;
    }

    @Test
    void badSettingsAreRefused() {
        Dataset d = ramps(2, 2);
        assertThrows(IllegalArgumentException.class, () -> Loader.of(d).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> Loader.of(d).gain(0));
        byte[] px = new byte[4];
        ImageDataset im = new ImageDataset(px, new int[] {0}, 2, 2, 1, "one");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loader.of(im).build());
        assertTrue(e.getMessage().contains("steps"), e.getMessage());
    }
}
