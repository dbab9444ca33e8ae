package io.snn4j.data.events;

import static io.snn4j.data.events.Fixtures.ascii;
import static io.snn4j.data.events.Fixtures.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input: each is refused with an {@link EventFormatException} that names the file, says where (byte offset)
 * and what was expected.
 */
class EventBadInputTest {
    @TempDir
    Path tmp;

    static EventFormatException fails(byte[] b, String name) {
        return fails(b, name, ReadOptions.DEFAULT);
    }

    static EventFormatException fails(byte[] b, String name, ReadOptions o) {
        return assertThrows(EventFormatException.class, () -> EventFiles.read(b, name, o));
    }

    static void says(EventFormatException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    static byte[] nmnist(long[] t) {
        int[] z = new int[t.length];
        return NmnistBin.toBytes(Events.of(t, z, z, z, SensorSize.NMNIST));
    }

    @Test
    void emptyFile() throws IOException {
        Path f = tmp.resolve("empty.aedat4");
        Files.write(f, new byte[0]);
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventFiles.read(f));
        says(e, f.toString(), "empty file (0 bytes)");
        assertEquals(-1, e.offset());
    }

    @Test
    void missingFileAndDirectory() {
        says(assertThrows(EventFormatException.class, () -> EventFiles.read(tmp.resolve("nope.bin"))), "no such file");
        says(assertThrows(EventFormatException.class, () -> EventFiles.read(tmp)), "is a directory");
    }

    @Test
    void truncatedRecords() {
        byte[] b = nmnist(new long[] {1, 2, 3});
        EventFormatException e = fails(Arrays.copyOf(b, 13), "cut.bin");
        says(e, "cut.bin", "at byte 10", "truncated record", "5 bytes", "3 bytes are left");
        assertEquals(10, e.offset());
        byte[] dat = Fixtures.dat("% Version 2\n", 0, 8, new long[] {1, 2}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1});
        says(fails(Arrays.copyOf(dat, dat.length - 3), "cut.dat"), "at byte 22", "DAT events are 8 bytes");
        byte[] evt2 = Fixtures.evt2("% evt 2.0\n", Fixtures.evt2TimeHigh(1), Fixtures.evt2Cd(1, 1, 1, 1));
        says(fails(Arrays.copyOf(evt2, evt2.length - 1), "cut.raw"), "EVT 2.0 words are 4 bytes");
        byte[] a3 = concat(ascii(Fixtures.AEDAT3_HEADER), Fixtures.aedat3Packet(1, 8, 0, 4,
                new int[] {Fixtures.aedat3Polarity(1, 1, 1, true)}, new int[] {1}));
        says(fails(Arrays.copyOf(a3, a3.length - 8), "cut.aedat"), "truncated packet", "announces 4 events");
        says(fails(Arrays.copyOf(a3, Fixtures.AEDAT3_HEADER.length() + 10), "cut.aedat"),
                "truncated packet header", "28 bytes");
        byte[] a4 = Fixtures.aedat4(1, Fixtures.aedat4Info(10, 10, 0, 1), Fixtures.packets(new Object[] {0,
                Fixtures.compress(1, Fixtures.eventPacket(new long[] {1}, new int[] {1}, new int[] {1},
                        new int[] {1}))}), false);
        says(fails(Arrays.copyOf(a4, a4.length - 5), "cut.aedat4"), "claims", "bytes");
    }

    @Test
    void wrongMagic() {
        says(fails(ascii("#!AER-DAT9.9\r\n0000"), "x.aedat"), "AEDAT version", "2.0, 3.1 and 4.0");
        says(fails(ascii("#!AER-DAT4.1\r\nxxxxxxxxxxxxxxxxx"), "x.aedat4"), "at byte 0", "#!AER-DAT4.0");
        says(fails(ascii("% evt 2.1\n% end\n\0\0\0\0\0\0\0\0"), "x.raw"), "EVT 2.1", "only EVT 2.0 and EVT 3.0");
        byte[] hdf = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0};
        says(fails(hdf, "x.h5"), "HDF5", "ShdFile");
        says(fails(ascii("GIF89a-not-events"), "x.gif"), "not a known event file", "47 49 46 38");
        says(fails(concat(ascii("#!AER-DAT3.1\r\n#Source 1: DVS128\r\n"), new byte[] {1, 2, 3}), "x.aedat"),
                "#!END-HEADER");
    }

    @Test
    void unknownEventTypes() {
        says(fails(Fixtures.dat("% Version 2\n", 0x05, 8, new long[0], new int[0], new int[0], new int[0]), "x.dat"),
                "unknown DAT event type 0x05", "0x0c (EventCD)");
        says(fails(Fixtures.evt2("% evt 2.0\n", 0x3 << 28), "x.raw"), "at byte 10", "unknown EVT 2.0 word type 0x3");
        says(fails(Fixtures.evt3("% evt 3.0\n", 0x9000), "x.raw"), "at byte 10", "unknown EVT 3.0 word type 0x9");
        byte[] odd = Fixtures.aedat3Packet(42, 8, 0, 1, new int[] {1}, new int[] {1});
        EventFormatException e = fails(concat(ascii(Fixtures.AEDAT3_HEADER), odd), "x.aedat");
        says(e, "unknown event type 42", "1 (polarity)");
        assertEquals(Fixtures.AEDAT3_HEADER.length(), e.offset());
        says(fails(Fixtures.aedat2("eu.seebetter.ini.chips.SomethingNew", new int[] {1}, new long[] {1}), "x.aedat"),
                "SomethingNew", "supported chips");
    }

    @Test
    void coordinatesOutsideTheSensor() {
        byte[] dat = Fixtures.dat("% Width 10\n% Height 10\n", 0, 8, new long[] {1, 2}, new int[] {9, 10},
                new int[] {0, 0}, new int[] {0, 1});
        says(fails(dat, "x.dat"), "at byte 33", "x=10", "outside the sensor, 10 x 10", "as the header says");
        byte[] bin = NmnistBin.toBytes(Events.of(new long[] {1, 2}, new int[] {3, 20}, new int[] {3, 3},
                new int[] {0, 1}, new SensorSize(40, 40, 2)));
        says(fails(bin, "x.bin", ReadOptions.DEFAULT.withSensorSize(SensorSize.NMNIST.withWidth(10))),
                "at byte 5", "x=20", "10 x 34", "as given");
        byte[] a4 = Fixtures.aedat4(0, Fixtures.aedat4Info(10, 10, 0, 1), Fixtures.packets(new Object[] {0,
                Fixtures.eventPacket(new long[] {1}, new int[] {-3}, new int[] {1}, new int[] {1})}), false);
        says(fails(a4, "x.aedat4"), "x=-3");
        byte[] dat3 = Fixtures.dat("% Version 2\n", 0, 8, new long[] {1}, new int[] {1}, new int[] {1}, new int[] {7});
        says(fails(dat3, "x.dat"), "polarity 7", "0 (OFF) or 1 (ON)");
    }

    @Test
    void unsortedTimestamps() {
        byte[] b = nmnist(new long[] {5, 6, 7});
        b[12] = 0;
        b[13] = 0;
        b[14] = 1; // third event at t = 1
        EventFormatException e = fails(b, "x.bin");
        says(e, "at byte 10", "timestamp 1 us comes before the previous event's 6 us", "allow unsorted");
        Events ok = EventFiles.read(b, "x.bin", ReadOptions.DEFAULT.withAllowUnsorted(true));
        assertEquals(1, ok.t(2));
        assertTrue(!ok.isSortedByTime());
        assertTrue(ok.sortedByTime().isSortedByTime());
        byte[] evt3 = Fixtures.evt3("% evt 3.0\n", 0x6000 | 10, 0x2000 | 1, 0x6000 | 5, 0x2000 | 2);
        says(fails(evt3, "x.raw"), "timestamp 5 us comes before");
    }

    @Test
    void corruptCompressedPackets() {
        byte[] good = Fixtures.compress(1, Fixtures.eventPacket(new long[] {1}, new int[] {1}, new int[] {1},
                new int[] {1}));
        for (int at : new int[] {0, 6}) { // the frame's magic, its header checksum
            byte[] bad = good.clone();
            bad[at] ^= 0x55;
            says(fails(Fixtures.aedat4(1, Fixtures.aedat4Info(10, 10, 0, 1), Fixtures.packets(new Object[] {0, bad}),
                    false), "x.aedat4"), "not valid LZ4 frame data", at == 0 ? "magic" : "header checksum");
        }
        byte[] junk = ascii("this is not zstd data at all");
        says(fails(Fixtures.aedat4(3, Fixtures.aedat4Info(10, 10, 0, 1), Fixtures.packets(new Object[] {0, junk}),
                false), "x.aedat4"), "not valid zstd data");
        says(fails(Fixtures.aedat4(0, Fixtures.aedat4Info(10, 10, 0, 1), Fixtures.packets(new Object[] {0, junk}),
                false), "x.aedat4"), "expected the identifier 'EVTS'");
        says(fails(Fixtures.aedat4(0, "<dv><node name=\"outInfo\"></node></dv>", Fixtures.packets(), false),
                "x.aedat4"), "no event stream");
        says(fails(Fixtures.aedat4(0, "<dv><unclosed>", Fixtures.packets(), false), "x.aedat4"), "well-formed XML");
    }
}
