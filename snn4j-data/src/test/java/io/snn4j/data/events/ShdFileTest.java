package io.snn4j.data.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.snn4j.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SHD/SSC files. {@code shd_small.h5} has SHD's real layout (variable-length float16 times and uint16 units,
 * written by h5py: {@code make_shd.py} next to it, which also prints what tonic's HSD dataset returns for it);
 * the broken layouts are written here with jHDF.
 */
class ShdFileTest {
    @TempDir
    Path tmp;

    Path small() throws IOException {
        Path f = tmp.resolve("shd_small.h5");
        try (InputStream in = getClass().getResourceAsStream("/events/shd_small.h5")) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void readsTheRealLayoutAsTonicDoes() throws IOException {
        try (ShdFile f = ShdFile.open(small())) {
            assertEquals(3, f.size());
            assertArrayEquals(new int[] {1, 0, 19}, f.labels());
            assertArrayEquals(new int[] {2, 3, 4}, f.speakers());
            assertArrayEquals(new String[] {"english-zero", "english-one"}, f.keys());
            assertEquals(20, f.numClasses());
            Events s0 = f.sample(0);
            assertEquals(SensorSize.SHD, s0.sensorSize());
            assertFalse(s0.hasY());
            // tonic: float16 times * 1e6 computed in float32, truncated (make_shd.py prints these)
            assertArrayEquals(new long[] {1000, 2500, 500000}, s0.timestamps());
            assertArrayEquals(new int[] {3, 699, 0}, s0.xs());
            assertArrayEquals(new int[] {1, 1, 1}, s0.polarities());
            assertEquals(0, f.sample(1).size());
            assertArrayEquals(new long[] {99975, 99975, 750000}, f.sample(2).timestamps());
            assertArrayEquals(new int[] {5, 6, 650}, f.sample(2).xs());
            // frames of 1-d events are [T, P, W]; P = 1, so the polarity becomes 0 (tonic's rule)
            Frames fr = ToFrame.nTimeBins(2).apply(f.sample(2));
            assertArrayEquals(new int[] {2, 1, 700}, fr.shape());
            assertEquals(2, fr.get(5) + fr.get(6)); // both spikes at 99975 us in frame 0; the last is dropped
            Tensor spikes = SpikeTensors.bin(f.sample(0), 0, 1000, 600, true);
            assertArrayEquals(new int[] {600, 1, 700}, spikes.shape());
            assertEquals(1f, spikes.get(1, 0, 3));
            assertEquals(1f, spikes.get(500, 0, 0));
            assertEquals(3f, spikes.sum());
        }
    }

    static void write(Path f, boolean times, boolean units, boolean labels, boolean fixedTimes) {
        try (WritableHdfFile h = HdfFile.write(f)) {
            WritableGroup g = h.putGroup("spikes");
            if (times) {
                g.putDataset("times", fixedTimes ? new float[][] {{0.1f, 0.2f}, {0.3f, 0.4f}} : new float[] {1, 2});
            }
            if (units) {
                g.putDataset("units", new int[] {1, 2});
            }
            if (labels) {
                h.putDataset("labels", new int[] {0, 1});
            }
        }
    }

    @Test
    void missingDatasetsAreNamed() {
        Path a = tmp.resolve("no_units.h5");
        write(a, true, false, true, false);
        EventFormatException e = assertThrows(EventFormatException.class, () -> ShdFile.open(a));
        assertTrue(e.getMessage().contains("no_units.h5"), e.getMessage());
        assertTrue(e.getMessage().contains("dataset 'spikes/times'") || e.getMessage().contains("'spikes/units'"),
                e.getMessage());
        Path b = tmp.resolve("no_times.h5");
        write(b, false, true, true, false);
        assertTrue(assertThrows(EventFormatException.class, () -> ShdFile.open(b)).getMessage()
                .contains("dataset 'spikes/times' is missing"));
        Path c = tmp.resolve("labels_only.h5");
        try (WritableHdfFile h = HdfFile.write(c)) {
            h.putDataset("labels", new int[] {0});
        }
        assertTrue(assertThrows(EventFormatException.class, () -> ShdFile.open(c)).getMessage()
                .contains("'spikes/times' is missing: expected an SHD/SSC file with spikes/times, spikes/units and "
                        + "labels"));
    }

    @Test
    void fixedSizeTimesAreNotSpikeTrains() {
        Path a = tmp.resolve("fixed.h5");
        write(a, true, true, true, true);
        EventFormatException e = assertThrows(EventFormatException.class, () -> ShdFile.open(a));
        assertTrue(e.getMessage().contains("'spikes/times': expected one variable-length array per sample"),
                e.getMessage());
    }

    @Test
    void notHdf5() throws IOException {
        Path a = tmp.resolve("x.h5");
        Files.writeString(a, "plain text, not HDF5");
        assertTrue(assertThrows(EventFormatException.class, () -> ShdFile.open(a)).getMessage()
                .contains("not a readable HDF5 file"));
        assertTrue(assertThrows(EventFormatException.class, () -> ShdFile.open(tmp.resolve("none.h5")))
                .getMessage().contains("no such file"));
    }
}
