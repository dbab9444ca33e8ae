package io.snn4j.data.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * What the tonic goldens cannot cover: the random transforms (tonic's definitions, checked by their statistics
 * and invariants, since NumPy's random streams cannot be reproduced), argument checks, the training tensors and
 * the {@link Events} container.
 */
class TransformsTest {
    static final SensorSize S = new SensorSize(32, 24, 2);

    static Events random(int n, long seed) {
        Rng r = new Rng(seed);
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] p = new int[n];
        long now = 0;
        for (int i = 0; i < n; i++) {
            now += r.nextInt(20);
            t[i] = now;
            x[i] = r.nextInt(S.width());
            y[i] = r.nextInt(S.height());
            p[i] = r.nextInt(2);
        }
        return Events.of(t, x, y, p, S);
    }

    @Test
    void dropEventDropsExactlyTheRoundedCountAndKeepsOrder() {
        Events e = random(1001, 1);
        Events d = Transforms.dropEvent(e, 0.3, new Rng(5));
        assertEquals(1001 - (int) (0.3 * 1001 + 0.5), d.size());
        assertTrue(d.isSortedByTime());
        assertEquals(d, Transforms.dropEvent(e, 0.3, new Rng(5)), "same seed, same result");
        assertNotEquals(d, Transforms.dropEvent(e, 0.3, new Rng(6)));
        assertEquals(e, Transforms.dropEvent(e, 0, new Rng(1)));
        assertEquals(0, Transforms.dropEvent(e, 1, new Rng(1)).size());
        assertThrows(IllegalArgumentException.class, () -> Transforms.dropEvent(e, 1.5, new Rng(1)));
    }

    @Test
    void timeJitterHasTheRequestedSpreadAndTruncates() {
        int n = 20000;
        long[] t = new long[n];
        java.util.Arrays.fill(t, 1_000_000);
        Events e = Events.of(t, new int[n], new int[n], new int[n], S);
        Events j = Transforms.timeJitter(e, 100, true, false, new Rng(3));
        double mean = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double d = j.t(i) - 1_000_000;
            mean += d / n;
            sq += d * d / n;
        }
        assertEquals(0, mean, 3);
        assertEquals(100, Math.sqrt(sq), 3);
        // truncation towards zero (NumPy's float-to-int cast): for positive times a shift in (-1, 0) moves the
        // event 1 us earlier and a shift in [0, 1) leaves it; so with std 0.4 about half move down, few move up
        Events small = Transforms.timeJitter(e, 0.4, true, false, new Rng(3));
        long down = 0;
        long up = 0;
        for (int i = 0; i < n; i++) {
            down += small.t(i) < 1_000_000 ? 1 : 0;
            up += small.t(i) > 1_000_000 ? 1 : 0;
        }
        assertEquals(0.5, down / (double) n, 0.03);
        assertTrue(up < n * 0.02, "moved up " + up);
        // clip_negative drops events pushed below 0; sort gives time order
        Events early = Events.of(new long[40], new int[40], new int[40], new int[40], S);
        Events clipped = Transforms.timeJitter(early, 50, true, true, new Rng(9));
        assertTrue(clipped.size() < 30 && clipped.size() > 10, "kept " + clipped.size());
        assertEquals(40, Transforms.timeJitter(early, 50, false, false, new Rng(9)).size());
        for (int i = 0; i < clipped.size(); i++) {
            assertTrue(clipped.t(i) >= 0);
        }
        assertTrue(clipped.isSortedByTime());
    }

    @Test
    void spatialJitterFollowsTheCovariance() {
        int n = 20000;
        int[] x = new int[n];
        int[] y = new int[n];
        java.util.Arrays.fill(x, 16);
        java.util.Arrays.fill(y, 12);
        Events e = Events.of(new long[n], x, y, new int[n], S);
        Events j = Transforms.spatialJitter(e, 4, 9, 3, false, new Rng(11));
        // truncation towards zero biases nothing at an integer centre far from 0; compare variances loosely
        double vx = 0;
        double vy = 0;
        double cxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = j.x(i) - 16;
            double dy = j.y(i) - 12;
            vx += dx * dx / n;
            vy += dy * dy / n;
            cxy += dx * dy / n;
        }
        // truncation to integers shrinks the variances a little
        assertEquals(4, vx, 0.8);
        assertEquals(9, vy, 1.2);
        assertEquals(3, cxy, 0.8);
        Events edge = Events.of(new long[n], new int[n], new int[n], new int[n], S);
        Events clipped = Transforms.spatialJitter(edge, 4, 4, 0, true, new Rng(1));
        assertTrue(clipped.size() < n && clipped.size() > n / 4);
        clipped.checkInsideSensor();
        assertThrows(IllegalArgumentException.class, () -> Transforms.spatialJitter(e, 1, 1, 2, false, new Rng(1)));
    }

    @Test
    void toFrameChecks() {
        Events e = random(50, 2);
        assertThrows(IllegalArgumentException.class, () -> ToFrame.timeWindow(0));
        assertThrows(IllegalArgumentException.class, () -> ToFrame.timeWindow(10).overlap(10));
        assertThrows(IllegalArgumentException.class, () -> ToFrame.nTimeBins(3).overlap(1));
        assertThrows(IllegalArgumentException.class, () -> ToFrame.eventCount(0));
        IllegalArgumentException mono = assertThrows(IllegalArgumentException.class,
                () -> ToFrame.timeWindow(100).apply(e.withSensorSize(new SensorSize(32, 24, 1))));
        assertTrue(mono.getMessage().contains("single polarity"));
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
                () -> ToFrame.timeWindow(100).apply(e.withSensorSize(new SensorSize(4, 4, 2))));
        assertTrue(out.getMessage().contains("outside the sensor size 4,4,2"));
        Events unsorted = Events.of(new long[] {5, 1}, new int[2], new int[2], new int[2], S);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ToFrame.timeWindow(2).apply(unsorted))
                .getMessage().contains("sorted by time"));
        // every event lands in exactly one frame without overlap when the windows cover the recording
        Frames f = ToFrame.eventCount(10).includeIncomplete(true).apply(e);
        assertEquals(50, f.total());
        assertArrayEquals(new int[] {5, 2, 24, 32}, f.shape());
        Frames empty = ToFrame.nTimeBins(4).emptyAsTonic(false).apply(Events.empty(S));
        assertArrayEquals(new int[] {4, 2, 24, 32}, empty.shape());
        assertEquals(io.snn4j.data.io.NdArray.DType.INT16, empty.toNdArray().dtype());
    }

    @Test
    void binGivesFixedTimeSteps() {
        Events e = Events.of(new long[] {100, 150, 199, 200, 1100}, new int[] {1, 1, 2, 3, 0},
                new int[] {0, 0, 1, 2, 0}, new int[] {1, 1, 0, 1, 0}, new SensorSize(4, 3, 2));
        Tensor counts = SpikeTensors.bin(e, 100, 3, false);
        assertArrayEquals(new int[] {3, 2, 3, 4}, counts.shape());
        assertEquals(2f, counts.get(0, 1, 0, 1));
        assertEquals(1f, counts.get(0, 0, 1, 2));
        assertEquals(1f, counts.get(1, 1, 2, 3));
        assertEquals(4f, counts.sum()); // the event at 1100 is past 3 steps
        Tensor spikes = SpikeTensors.bin(e, 100, 3, true);
        assertEquals(1f, spikes.get(0, 1, 0, 1));
        assertEquals(3f, spikes.sum());
        assertEquals(e.size() - 1, (int) ToFrame.timeWindow(100).apply(e).toTensor(false).sum() - 0);
    }

    @Test
    void eventsContainer() {
        Events e = random(100, 4);
        Events s = e.sliceByTime(e.t(10), e.t(20));
        assertEquals(e.searchSorted(e.t(20)) - e.searchSorted(e.t(10)), s.size());
        assertEquals(e.slice(3, 7), e.select(new int[] {3, 4, 5, 6}));
        Events tied = Events.of(new long[] {5, 3, 5, 1}, new int[] {0, 1, 2, 3}, new int[4], new int[4], S);
        Events sorted = tied.sortedByTime();
        assertArrayEquals(new long[] {1, 3, 5, 5}, sorted.timestamps());
        assertArrayEquals(new int[] {3, 1, 0, 2}, sorted.xs(), "a stable sort keeps ties in order");
        assertEquals(e, Events.fromNdArray(e.toNdArray(), S));
        assertThrows(IllegalArgumentException.class, () -> Events.of(new long[1], new int[] {40000}, new int[1],
                new int[1], S));
        assertEquals(SensorSize.parse("34,34,2"), SensorSize.NMNIST);
        assertEquals(new SensorSize(128, 128, 2), SensorSize.parse(" 128 x 128 x 2 "));
        assertThrows(IllegalArgumentException.class, () -> SensorSize.parse("34,34"));
        assertThrows(IllegalArgumentException.class, () -> SensorSize.parse("0,34,2"));
        EventStats st = e.stats();
        assertEquals(100, st.count());
        assertEquals(st.on() + st.off(), 100);
    }
}
