package io.snn4j.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Tensor;
import io.snn4j.data.events.EventFormatException;
import io.snn4j.data.events.Events;
import io.snn4j.data.events.ToFrame;
import io.snn4j.data.io.NdArray;
import io.snn4j.data.io.Npy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DVS Gesture in tonic's .npy layout and in the original AEDAT 3.1 layout, on files written here. */
class DvsGestureTest {
    @TempDir
    Path tmp;

    /** One gesture as tonic stores it: float64 [N, 4] columns x, y, p, t (ms). */
    private static void npy(Path f, double[][] rows) {
        double[] v = new double[rows.length * 4];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, v, 4 * i, 4);
        }
        try {
            Files.createDirectories(f.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Npy.write(f, NdArray.ofDoubles(v, rows.length, 4));
    }

    private Path tonicLayout() {
        Path d = tmp.resolve("DVSGesture");
        npy(d.resolve("ibmGestureTrain/user01_fluorescent/0.npy"), new double[][] {{1, 2, 1, 0.5}, {3, 4, 0, 10}});
        npy(d.resolve("ibmGestureTrain/user01_fluorescent/10.npy"), new double[][] {{127, 127, 1, 2}});
        npy(d.resolve("ibmGestureTrain/user01_fluorescent/2.npy"), new double[][] {{5, 6, 1, 1}});
        npy(d.resolve("ibmGestureTrain/user02_led/1.npy"), new double[][] {{7, 8, 0, 3}});
        npy(d.resolve("ibmGestureTest/user24_led/3.npy"), new double[][] {{9, 9, 1, 4}, {9, 9, 1, 5}});
        return tmp;
    }

    @Test
    void readsTonicsLayoutInAFixedOrderWithTonicsTimes() {
        DvsGesture g = DvsGesture.open(tonicLayout(), ToFrame.nTimeBins(2), false, 1, tmp.resolve("cache"));
        assertTrue(g.tonicLayout());
        Dataset tr = g.train();
        assertEquals(4, tr.size());
        assertArrayEquals(new int[] {0, 2, 10, 1}, tr.labels()); // recordings by name, gestures by label number
        assertEquals(11, tr.classes());
        assertArrayEquals(new int[] {2, 128, 128}, tr.shape());
        Events e0 = g.trainEvents(0);
        assertArrayEquals(new long[] {500, 10_000}, e0.timestamps()); // ms * 1000, truncated to int64
        assertArrayEquals(new int[] {1, 3}, e0.xs());
        assertArrayEquals(new int[] {2, 4}, e0.ys());
        assertArrayEquals(new int[] {1, 0}, e0.polarities());
        Tensor x = tr.sample(0);
        assertArrayEquals(new int[] {2, 2, 128, 128}, x.shape());
        assertEquals(1f, x.get(0, 1, 2, 1)); // first event: frame 0, polarity 1, y 2, x 1
        assertEquals(1, g.test().size());
        assertEquals(3, g.test().label(0));
        // tonic's n_time_bins leaves out the event at the last timestamp
        assertEquals(1f, g.test().sample(0).sum());
        assertEquals(1f, g.test().sample(0).get(0, 1, 9, 9));
        assertEquals("Right arm cw", g.classNames().get(3));
    }

    @Test
    void spatialFactorShrinksTheFrames() {
        DvsGesture g = DvsGesture.open(tonicLayout(), ToFrame.timeWindow(1000).includeIncomplete(true), true, 0.25,
                null);
        assertArrayEquals(new int[] {2, 32, 32}, g.train().shape());
        Tensor x = g.train().sample(2); // (127, 127) -> (31, 31)
        assertEquals(1f, x.get(0, 1, 31, 31));
    }

    // ---- the original layout ----

    private static byte[] aedat31(long[] ts, int[] x, int[] y, int[] p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n#!END-HEADER\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.allocate(28 + 8 * ts.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 1).putShort((short) 1).putInt(8).putInt(4).putInt(0).putInt(ts.length)
                .putInt(ts.length).putInt(ts.length);
        for (int i = 0; i < ts.length; i++) {
            b.putInt(x[i] << 17 | y[i] << 2 | p[i] << 1 | 1).putInt((int) ts[i]);
        }
        out.writeBytes(b.array());
        return out.toByteArray();
    }

    private Path originalLayout() throws IOException {
        Path d = tmp.resolve("DvsGesture");
        Files.createDirectories(d);
        Files.write(d.resolve("user01_fluorescent.aedat"), aedat31(new long[] {100, 150, 200, 900, 1000, 1500},
                new int[] {1, 2, 3, 4, 5, 6}, new int[] {1, 1, 1, 1, 1, 1}, new int[] {1, 0, 1, 1, 0, 1}));
        Files.writeString(d.resolve("user01_fluorescent_labels.csv"),
                "class,startTime_usec,endTime_usec\n1,100,201\n11,900,1500\n");
        Files.write(d.resolve("user24_led.aedat"), aedat31(new long[] {10, 20}, new int[] {7, 8},
                new int[] {9, 9}, new int[] {0, 0}));
        Files.writeString(d.resolve("user24_led_labels.csv"), "class,startTime_usec,endTime_usec\n5,0,30\n");
        Files.writeString(d.resolve("trials_to_train.txt"), "user01_fluorescent.aedat\n");
        Files.writeString(d.resolve("trials_to_test.txt"), "user24_led.aedat\n\n");
        return tmp;
    }

    @Test
    void cutsGesturesOutOfAedatRecordings() throws IOException {
        DvsGesture g = DvsGesture.open(originalLayout(), ToFrame.nTimeBins(1), false, 1, tmp.resolve("cache"));
        assertFalse(g.tonicLayout());
        assertArrayEquals(new int[] {0, 10}, g.train().labels());
        assertArrayEquals(new long[] {100, 150, 200}, g.trainEvents(0).timestamps());
        assertArrayEquals(new long[] {900, 1000}, g.trainEvents(1).timestamps()); // end is exclusive
        assertEquals(2f, g.train().sample(0).sum()); // n_time_bins: the event at the last timestamp is left out
        assertEquals(4, g.test().label(0));
        assertEquals(1f, g.test().sample(0).sum());
    }

    @Test
    void badLayoutsAndFilesAreNamed() throws IOException {
        UncheckedIOException none = assertThrows(UncheckedIOException.class, () -> DvsGesture.open(tmp,
                ToFrame.nTimeBins(1), true, 1, null));
        assertTrue(none.getMessage().contains("neither ibmGestureTrain/ nor trials_to_train.txt"), none.getMessage());
        originalLayout();
        Files.writeString(tmp.resolve("DvsGesture/user24_led_labels.csv"), "class,startTime_usec,endTime_usec\n12,0,30\n");
        UncheckedIOException badLabel = assertThrows(UncheckedIOException.class, () -> DvsGesture.open(tmp,
                ToFrame.nTimeBins(1), true, 1, null));
        assertTrue(badLabel.getMessage().contains("user24_led_labels.csv: line 2"), badLabel.getMessage());
        Files.writeString(tmp.resolve("DvsGesture/trials_to_test.txt"), "user99.aedat\n");
        UncheckedIOException missing = assertThrows(UncheckedIOException.class, () -> DvsGesture.open(tmp,
                ToFrame.nTimeBins(1), true, 1, null));
        assertTrue(missing.getMessage().contains("lists user99.aedat"), missing.getMessage());

        Path t = tmp.resolve("t");
        npy(t.resolve("DVSGesture/ibmGestureTrain/user01_x/0.npy"), new double[][] {{200, 1, 1, 1}});
        npy(t.resolve("DVSGesture/ibmGestureTest/user02_x/0.npy"), new double[][] {{1, 1, 1, 1}});
        DvsGesture g = DvsGesture.open(t, ToFrame.nTimeBins(1), true, 1, null);
        EventFormatException outside = assertThrows(EventFormatException.class, () -> g.train().sample(0));
        assertTrue(outside.getMessage().contains("0.npy") && outside.getMessage().contains("outside the 128x128"),
                outside.getMessage());
        npy(t.resolve("DVSGesture/ibmGestureTrain/user01_x/12.npy"), new double[][] {{1, 1, 1, 1}});
        UncheckedIOException label = assertThrows(UncheckedIOException.class, () -> DvsGesture.open(t,
                ToFrame.nTimeBins(1), true, 1, null));
        assertTrue(label.getMessage().contains("12.npy: the file name must be the gesture's label"),
                label.getMessage());
    }
}
