package io.snn4j.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Tensor;
import io.snn4j.data.events.EventFormatException;
import io.snn4j.data.events.ShdFile;
import io.snn4j.data.events.ToFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SHD/SSC datasets over {@code events/shd_small.h5} (SHD's real layout; labels 1, 0, 19). */
class ShdTest {
    @TempDir
    Path tmp;

    private Path copy(String as) throws IOException {
        Path f = tmp.resolve("data").resolve(as);
        Files.createDirectories(f.getParent());
        try (InputStream in = getClass().getResourceAsStream("/events/shd_small.h5")) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void framesEverySampleOfBothSplitsAndMatchesTheFileReader() throws IOException {
        Path train = copy("shd_train.h5");
        copy("shd_test.h5");
        try (Shd shd = Shd.open(tmp.resolve("data"), Shd.Variant.SHD, ToFrame.timeWindow(100_000), false, 1,
                tmp.resolve("cache"))) {
            Dataset tr = shd.train();
            assertEquals(3, tr.size());
            assertEquals(20, tr.classes());
            assertArrayEquals(new int[] {1, 0, 19}, tr.labels());
            assertArrayEquals(new int[] {1, 700}, tr.shape());
            assertTrue(tr.temporal());
            assertNull(shd.validation());
            assertEquals("english-zero", shd.classNames().get(0));
            assertEquals("2", shd.classNames().get(2)); // keys only name two classes
            // sample 2: spikes at 99975 us on units 5 and 6, and at 750000 us on unit 650
            Tensor x = tr.sample(2);
            try (ShdFile f = ShdFile.open(train)) {
                Tensor expected = ToFrame.timeWindow(100_000).sensorSize(io.snn4j.data.events.SensorSize.SHD)
                        .emptyAsTonic(false).apply(f.sample(2)).toTensor(false);
                assertArrayEquals(expected.shape(), x.shape());
                assertArrayEquals(expected.data(), x.data());
            }
            assertEquals(1f, x.get(0, 0, 5));
            assertEquals(1f, x.get(0, 0, 6));
            assertEquals(2f, x.sum()); // the spike at 750000 us falls in an incomplete window, dropped as in tonic
            assertEquals(3, shd.test().size());
            assertEquals(3, shd.trainEvents(0).size());
            // the cache holds what was converted; a second open reads it back equal
            assertTrue(Files.list(shd.cacheDir()).anyMatch(p -> p.toString().endsWith(".npy")));
        }
        try (Shd again = Shd.open(tmp.resolve("data"), Shd.Variant.SHD, ToFrame.timeWindow(100_000), false, 1,
                tmp.resolve("cache"))) {
            assertEquals(2f, again.train().sample(2).sum());
        }
    }

    @Test
    void spatialFactorDownsamplesTheChannels() throws IOException {
        copy("shd_train.h5");
        copy("shd_test.h5");
        try (Shd shd = Shd.open(tmp.resolve("data"), Shd.Variant.SHD, ToFrame.nTimeBins(2), true, 0.2, null)) {
            assertArrayEquals(new int[] {1, 140}, shd.train().shape()); // int(699 * 0.2) + 1
            Tensor x = shd.train().sample(0); // units 3, 699, 0 at 1000, 2500, 500000 us -> 0, 139, 0
            assertArrayEquals(new int[] {2, 1, 140}, x.shape());
            assertEquals(1f, x.get(0, 0, 0));
            assertEquals(1f, x.get(0, 0, 139));
        }
    }

    @Test
    void decompressesGzipDownloadsIntoTheCacheOnce() throws IOException {
        Path h5 = copy("plain.h5");
        for (String n : new String[] {"shd_train.h5.gz", "shd_test.h5.gz"}) {
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(tmp.resolve("data").resolve(n)))) {
                Files.copy(h5, o);
            }
        }
        try (Shd shd = Shd.open(tmp.resolve("data"), Shd.Variant.SHD, ToFrame.nTimeBins(2), true, 1,
                tmp.resolve("cache"))) {
            assertEquals(3, shd.train().size());
            assertEquals(2f, shd.train().sample(2).sum()); // tonic's n_time_bins drops the last event
        }
        assertTrue(Files.isDirectory(tmp.resolve("cache/shd-h5")));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Shd.open(tmp.resolve("data"),
                Shd.Variant.SHD, ToFrame.nTimeBins(2), true, 1, null));
        assertTrue(e.getMessage().contains("shd_train.h5.gz: is compressed"), e.getMessage());
    }

    @Test
    void sscNeedsItsThreeSplitsAndRejectsShdLabels() throws IOException {
        copy("ssc_train.h5");
        copy("ssc_test.h5");
        UncheckedIOException missing = assertThrows(UncheckedIOException.class, () -> Shd.open(tmp.resolve("data"),
                Shd.Variant.SSC, ToFrame.nTimeBins(2), true, 1, null));
        assertTrue(missing.getMessage().contains("has no ssc_valid.h5"), missing.getMessage());
        copy("ssc_valid.h5");
        try (Shd ssc = Shd.open(tmp.resolve("data"), Shd.Variant.SSC, ToFrame.nTimeBins(2), true, 1, null)) {
            assertEquals(35, ssc.train().classes());
            assertEquals(3, ssc.validation().size());
        }
    }

    @Test
    void badFoldersAndFilesAreNamed() throws IOException {
        UncheckedIOException none = assertThrows(UncheckedIOException.class, () -> Shd.open(tmp.resolve("nope"),
                Shd.Variant.SHD, ToFrame.nTimeBins(2), true, 1, null));
        assertTrue(none.getMessage().contains("nope: no such folder"), none.getMessage());
        Path file = copy("shd_train.h5");
        UncheckedIOException isFile = assertThrows(UncheckedIOException.class, () -> Shd.open(file,
                Shd.Variant.SHD, ToFrame.nTimeBins(2), true, 1, null));
        assertTrue(isFile.getMessage().contains("is a file"), isFile.getMessage());
        Files.writeString(tmp.resolve("data/shd_test.h5"), "not hdf5");
        EventFormatException bad = assertThrows(EventFormatException.class, () -> Shd.open(tmp.resolve("data"),
                Shd.Variant.SHD, ToFrame.nTimeBins(2), true, 1, null));
        assertTrue(bad.getMessage().contains("shd_test.h5"), bad.getMessage());
        Files.writeString(tmp.resolve("data/bad.h5.gz"), "truncated");
        Files.delete(tmp.resolve("data/shd_test.h5"));
        Files.move(tmp.resolve("data/bad.h5.gz"), tmp.resolve("data/shd_test.h5.gz"));
        EventFormatException gz = assertThrows(EventFormatException.class, () -> Shd.open(tmp.resolve("data"),
                Shd.Variant.SHD, ToFrame.nTimeBins(2), true, 1, tmp.resolve("cache")));
        assertTrue(gz.getMessage().contains("shd_test.h5.gz") && gz.getMessage().contains("not a complete gzip file"),
                gz.getMessage());
        try (var s = Files.walk(tmp.resolve("cache"))) {
            assertTrue(s.noneMatch(Files::isRegularFile), "nothing half-written");
        }
        assertThrows(IllegalArgumentException.class, () -> {
            Files.delete(tmp.resolve("data/shd_test.h5.gz"));
            copy("shd_test.h5");
            Shd.open(tmp.resolve("data"), Shd.Variant.SHD, ToFrame.nTimeBins(2), true, 1.5, null);
        });
    }
}
