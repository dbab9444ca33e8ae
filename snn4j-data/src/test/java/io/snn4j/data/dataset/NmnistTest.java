package io.snn4j.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Tensor;
import io.snn4j.data.events.EventFiles;
import io.snn4j.data.events.EventFormatException;
import io.snn4j.data.events.Events;
import io.snn4j.data.events.NmnistBin;
import io.snn4j.data.events.SensorSize;
import io.snn4j.data.events.ToFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic N-MNIST generator and the N-MNIST folder dataset (reader, ToFrame, cache). */
class NmnistTest {
    @TempDir
    Path dir;

    private static List<Path> bins(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
        }
    }

    @Test
    void theGeneratorWritesNmnistsLayoutDeterministically() throws IOException {
        SyntheticNmnist.generate(dir.resolve("a"), 2, 1, 7);
        SyntheticNmnist.generate(dir.resolve("b"), 2, 1, 7);
        SyntheticNmnist.generate(dir.resolve("c"), 2, 1, 8);
        List<Path> a = bins(dir.resolve("a"));
        assertEquals(30, a.size());
        assertTrue(Files.isRegularFile(dir.resolve("a/Train/0/00001.bin")));
        assertTrue(Files.isRegularFile(dir.resolve("a/Train/9/00020.bin")));
        assertTrue(Files.isRegularFile(dir.resolve("a/Test/4/00005.bin")));
        boolean differs = false;
        for (Path p : a) {
            Path rel = dir.resolve("a").relativize(p);
            assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(dir.resolve("b").resolve(rel)), rel.toString());
            differs |= !java.util.Arrays.equals(Files.readAllBytes(p), Files.readAllBytes(dir.resolve("c").resolve(rel)));
        }
        assertTrue(differs, "another seed gives other samples");
        // every file reads back as sorted events inside the 34x34 sensor, both polarities, about 0.3 s long
        for (Path p : a) {
            Events ev = EventFiles.read(p);
            assertTrue(ev.size() > 100, p + ": " + ev.size());
            assertTrue(ev.isSortedByTime());
            var st = ev.stats();
            assertTrue(st.on() > 0 && st.off() > 0, p.toString());
            assertTrue(ev.t(ev.size() - 1) > 200_000 && ev.t(ev.size() - 1) < 360_000, p.toString());
            for (int i = 0; i < ev.size(); i++) {
                assertTrue(ev.x(i) < 34 && ev.y(i) < 34);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SyntheticNmnist.generate(dir.resolve("d"), 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticNmnist.generate(dir.resolve("d"), 0, 1, 1));
    }

    @Test
    void classesMoveInTheirOwnDirection() {
        // without noise, the mean ON position moves along the class direction (first third against last third)
        for (int c = 0; c < 10; c++) {
            Events ev = SyntheticNmnist.sample(c, 10, new SplittableRandom(c), 0);
            long end = ev.t(ev.size() - 1);
            double[] early = meanOn(ev, 0, end / 3);
            double[] late = meanOn(ev, 2 * end / 3, end + 1);
            double angle = Math.atan2(late[1] - early[1], late[0] - early[0]);
            double want = 2 * Math.PI * c / 10;
            double diff = Math.abs(Math.IEEEremainder(angle - want, 2 * Math.PI));
            assertTrue(diff < 0.2, "class " + c + ": moved at " + Math.toDegrees(angle) + " degrees");
        }
    }

    private static double[] meanOn(Events ev, long from, long to) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.p(i) == 1 && ev.t(i) >= from && ev.t(i) < to) {
                sx += ev.x(i);
                sy += ev.y(i);
                n++;
            }
        }
        return new double[] {sx / n, sy / n};
    }

    @Test
    void samplesAreToFrameOfTheFileAndAreCached() throws IOException {
        SyntheticNmnist.generate(dir.resolve("d"), 2, 1, 3);
        Path cache = dir.resolve("cache");
        Nmnist nm = Nmnist.open(dir.resolve("d"), ToFrame.nTimeBins(5), false, cache);
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), nm.classNames());
        Dataset train = nm.train();
        Dataset test = nm.test();
        assertEquals(20, train.size());
        assertEquals(10, test.size());
        assertEquals(10, train.classes());
        assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, train.classCounts());
        assertTrue(train.temporal());
        assertArrayEquals(new int[] {2, 34, 34}, train.shape());
        Tensor x = train.sample(6);
        assertArrayEquals(new int[] {5, 2, 34, 34}, x.shape());
        Path f = dir.resolve("d/Train/3/00004.bin");
        assertEquals(3, train.label(6));
        Events ev = EventFiles.read(f);
        assertArrayEquals(ToFrame.nTimeBins(5).sensorSize(SensorSize.NMNIST).apply(ev).toTensor(false).data(),
                x.data());
        // tonic's n_time_bins leaves out the last event; all others are counted
        float sum = 0;
        for (float v : x.data()) {
            sum += v;
        }
        assertEquals(ev.size() - 1, sum, 0);
        // the sample is in the cache: a second open reads it back as is
        try (Stream<Path> s = Files.list(nm.cacheDir())) {
            assertEquals(1, s.filter(p -> p.toString().endsWith(".npy")).count());
        }
        assertArrayEquals(x.data(), Nmnist.open(dir.resolve("d"), ToFrame.nTimeBins(5), false, cache).train()
                .sample(6).data());
        // an edited file (another size) is converted again, not taken from the cache
        Files.delete(f);
        Files.writeString(f, "");
        Files.setLastModifiedTime(f, Files.getLastModifiedTime(dir.resolve("d/Train/3/00014.bin")));
        Nmnist again = Nmnist.open(dir.resolve("d"), ToFrame.nTimeBins(5), false, cache);
        assertThrows(EventFormatException.class, () -> again.train().sample(6));   // size changed: converted again
        try (Stream<Path> s = Files.list(cache)) {
            assertEquals(2, s.filter(p -> p.getFileName().toString().startsWith("nmnist-")).count());
        }
        // binary frames are 0/1, and other settings use another cache folder
        Nmnist bin = Nmnist.open(dir.resolve("d"), ToFrame.nTimeBins(5), true, cache);
        Tensor b = bin.test().sample(0);
        for (float v : b.data()) {
            assertTrue(v == 0 || v == 1);
        }
        assertNotEquals(bin.cacheDir(), nm.cacheDir());
        // a time window gives a length of each recording's own
        Nmnist tw = Nmnist.open(dir.resolve("d"), ToFrame.timeWindow(50_000), false, null);
        Tensor w = tw.test().sample(0);
        Events e0 = EventFiles.read(dir.resolve("d/Test/0/00001.bin"));
        assertEquals((e0.t(e0.size() - 1) - e0.t(0) - 50_000) / 50_000 + 1, w.dim(0));
    }

    @Test
    void badFoldersAndFilesAreClearErrors() throws IOException {
        String m = assertThrows(UncheckedIOException.class, () -> Nmnist.open(dir.resolve("nope"),
                ToFrame.nTimeBins(3), true, null)).getCause().getMessage();
        assertTrue(m.startsWith(dir.resolve("nope") + ": no such folder (expected an N-MNIST folder"), m);
        Files.createDirectories(dir.resolve("e/Train/0"));
        m = assertThrows(UncheckedIOException.class, () -> Nmnist.open(dir.resolve("e"), ToFrame.nTimeBins(3), true,
                null)).getCause().getMessage();
        assertEquals(dir.resolve("e") + ": has no Test/ folder (expected an N-MNIST folder with Train/<label>/*.bin"
                + " and Test/<label>/*.bin)", m);
        Files.createDirectories(dir.resolve("e/Test/0"));
        m = assertThrows(UncheckedIOException.class, () -> Nmnist.open(dir.resolve("e"), ToFrame.nTimeBins(3), true,
                null)).getCause().getMessage();
        assertEquals(dir.resolve("e/Train") + ": holds no .bin recordings (expected <label>/*.bin)", m);
        // an event outside 34x34 names the file and the byte offset
        NmnistBin.write(dir.resolve("e/Train/0/1.bin"), Events.of(new long[] {1, 2}, new int[] {3, 40},
                new int[] {3, 3}, new int[] {1, 0}, new SensorSize(64, 64, 2)));
        NmnistBin.write(dir.resolve("e/Test/0/1.bin"), Events.of(new long[] {1}, new int[] {3}, new int[] {3},
                new int[] {1}, SensorSize.NMNIST));
        Nmnist nm = Nmnist.open(dir.resolve("e"), ToFrame.nTimeBins(3), true, null);
        m = assertThrows(EventFormatException.class, () -> nm.train().sample(0)).getMessage();
        assertTrue(m.startsWith(dir.resolve("e/Train/0/1.bin") + ": at byte 5: event at (x=40, y=3) lies outside"
                + " the sensor"), m);
        // one event: tonic's n_time_bins gives empty frames (duration 0), as int16-like zeros [T, P, H, W]
        assertArrayEquals(new int[] {3, 2, 34, 34}, nm.test().sample(0).shape());
    }
}
