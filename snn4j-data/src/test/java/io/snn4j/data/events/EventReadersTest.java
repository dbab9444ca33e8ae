package io.snn4j.data.events;

import static io.snn4j.data.events.Fixtures.ascii;
import static io.snn4j.data.events.Fixtures.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The readers on the shared sample files (skipped when ../shared/data is absent) and on files written here from
 * the formats' definitions, including timestamp overflows, skipped event types and chunked reading.
 */
class EventReadersTest {
    @TempDir
    Path tmp;

    static Path sample(String name) {
        Path d = Fixtures.shared();
        assumeTrue(d != null && Files.isRegularFile(d.resolve(name)), "shared sample " + name + " not present");
        return d.resolve(name);
    }

    static Events read(byte[] b) {
        return EventFiles.read(b, "test", ReadOptions.DEFAULT);
    }

    static EventFormatException fails(byte[] b) {
        return assertThrows(EventFormatException.class, () -> EventFiles.read(b, "test", ReadOptions.DEFAULT));
    }

    static void assertEvents(Events e, long[] t, int[] x, int[] y, int[] p) {
        assertArrayEquals(t, e.timestamps(), "t");
        assertArrayEquals(x, e.xs(), "x");
        assertArrayEquals(y, e.ys(), "y");
        assertArrayEquals(p, e.polarities(), "p");
    }

    // ---- shared samples: the numbers and an independent decoding (NumPy + python-lz4) ----

    @Test
    void nmnistSample() {
        Path f = sample("sample_nmnist.bin");
        assertEquals(EventFormat.NMNIST_BIN, EventFiles.detect(f));
        Events e = EventFiles.read(f);
        EventStats s = e.stats();
        assertEquals(4325, s.count());
        assertEquals(654, s.tMin());
        assertEquals(311175, s.tMax());
        assertEquals(2145, s.on());
        assertEquals(2180, s.off());
        assertEquals(SensorSize.NMNIST, e.sensorSize());
        assertEquals(7, e.x(0));
        assertEquals(15, e.y(0));
        assertEquals(654, e.t(0));
        assertEquals(1, e.p(0));
        assertEquals(19, e.x(1));
        assertEquals(18, e.y(1));
        assertEquals(2999, e.t(1));
        assertEquals(0, e.p(1));
        assertEquals(21, e.x(2));
        assertEquals(17, e.y(2));
        assertEquals(3017, e.t(2));
        assertEquals(0, e.p(2));
        assertEquals(s, EventFiles.stats(f, ReadOptions.DEFAULT.withChunkSize(100)));
    }

    @Test
    void ncarsDatSample() {
        Path f = sample("sample_ncars.dat");
        assertEquals(EventFormat.PROPHESEE_DAT, EventFiles.detect(f));
        EventStats s = EventFiles.read(f).stats();
        assertEquals(2009, s.count());
        assertEquals(0, s.tMin());
        assertEquals(99952, s.tMax());
        assertEquals(1350, s.on());
        assertEquals(659, s.off());
        assertEquals(new SensorSize(78, 42, 2), s.sensorSize()); // no size in the header: inferred
    }

    @Test
    void aedat4Sample() {
        Path f = sample("sample.aedat4");
        assertEquals(EventFormat.AEDAT4, EventFiles.detect(f));
        Events e = EventFiles.read(f);
        EventStats s = e.stats();
        assertEquals(new SensorSize(320, 240, 2), e.sensorSize());
        assertEquals(111954, s.count());
        assertEquals(1605537493718345L, s.tMin());
        assertEquals(1605537494308262L, s.tMax());
        assertEquals(55023, s.on());
        assertEquals(56931, s.off());
        assertEquals(154, e.x(0));
        assertEquals(204, e.y(0));
        assertEquals(0, e.p(0));
        assertEquals(1605537493718348L, e.t(1));
        assertTrue(e.isSortedByTime());
    }

    @Test
    void aedat2HeaderSample() {
        Path f = sample("sample_aedat_header.aedat");
        assertEquals(EventFormat.AEDAT2, EventFiles.detect(f));
        Events e = EventFiles.read(f);
        assertEquals(0, e.size());
        assertEquals(new SensorSize(346, 260, 2), e.sensorSize()); // AEChip: ...Davis346red
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 100000})
    void chunkSizeDoesNotChangeTheEvents(int chunk) {
        Path f = sample("sample.aedat4");
        Events whole = EventFiles.read(f);
        Events chunked = EventFiles.read(f, ReadOptions.DEFAULT.withChunkSize(chunk));
        assertEquals(whole, chunked);
    }

    // ---- N-MNIST ----

    @Test
    void nmnistRoundTripWithOverflowRecords() throws IOException {
        long big = (1L << 23) + 5000; // needs overflow records
        Events e = Events.of(new long[] {0, 10, (1L << 23) - 1, big, big + 20000},
                new int[] {0, 33, 5, 255, 1}, new int[] {0, 33, 6, 239, 241}, new int[] {1, 0, 1, 0, 1},
                new SensorSize(256, 256, 2));
        byte[] b = NmnistBin.toBytes(e);
        int markers = 0;
        for (int i = 1; i < b.length; i += 5) {
            markers += (b[i] & 0xff) == 240 ? 1 : 0;
        }
        assertTrue(markers > 0);
        Events back = read(b);
        assertEvents(back, e.timestamps(), e.xs(), e.ys(), e.polarities());
        assertEquals(new SensorSize(256, 242, 2), back.sensorSize()); // beyond 34 x 34: inferred
        Path f = tmp.resolve("s.bin");
        NmnistBin.write(f, e);
        assertEquals(e.timestamps()[4], EventFiles.read(f).t(4));
    }

    @Test
    void nmnistOverflowAddsTwoToTheThirteenth() {
        // as tonic's read_mnist_file: each y == 240 record adds 2^13 to every later timestamp
        byte[] b = {1, 2, (byte) 0x80, 0, 5, /* overflow */ 0, (byte) 240, 0, 0, 0, 3, 4, 0, 0, 1};
        Events e = read(b);
        assertEvents(e, new long[] {5, 8193}, new int[] {1, 3}, new int[] {2, 4}, new int[] {1, 0});
    }

    // ---- Prophesee ----

    @Test
    void datWithHeaderSizeAndWraparound() {
        String h = "% Data file containing CD events.\n% Version 2\n% Width 304\n% Height 240\n";
        long[] t = {5, 4_000_000_000L, 100, 200};
        byte[] b = Fixtures.dat(h, 0x0C, 8, t, new int[] {0, 303, 1, 2}, new int[] {0, 239, 3, 4},
                new int[] {0, 1, 1, 0});
        Events e = read(b);
        assertEquals(new SensorSize(304, 240, 2), e.sensorSize());
        assertEvents(e, new long[] {5, 4_000_000_000L, (1L << 32) + 100, (1L << 32) + 200}, new int[] {0, 303, 1, 2},
                new int[] {0, 239, 3, 4}, new int[] {0, 1, 1, 0});
    }

    @Test
    void evt2DecodesTimeHighAndSkipsTriggers() {
        String h = "% evt 2.0\n% format EVT2;height=480;width=640\n% end\n";
        byte[] b = Fixtures.evt2(h,
                Fixtures.evt2TimeHigh(2),
                Fixtures.evt2Cd(1, 5, 639, 479),
                0xA << 28 | 123, // external trigger
                Fixtures.evt2Cd(0, 63, 10, 20),
                Fixtures.evt2TimeHigh(3),
                Fixtures.evt2Cd(0, 0, 1, 2),
                Fixtures.evt2TimeHigh(1), // goes back: the 34-bit time base wrapped
                Fixtures.evt2Cd(1, 1, 3, 4));
        Events e = read(b);
        assertEquals(new SensorSize(640, 480, 2), e.sensorSize());
        assertEvents(e, new long[] {2 * 64 + 5, 2 * 64 + 63, 3 * 64, (1L << 34) + 64 + 1},
                new int[] {639, 10, 1, 3}, new int[] {479, 20, 2, 4}, new int[] {1, 0, 0, 1});
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 100})
    void evt3DecodesVectorsAndTimeLoops(int chunk) {
        String h = "% evt 3.0\n% geometry 1280x720\n% end\n";
        int[] words = {
            0x8000 | 0xABC,          // TIME_HIGH 0xabc
            0x6000 | 0x123,          // TIME_LOW 0x123
            0x0000 | 700,            // ADDR_Y 700
            0x2000 | 0x800 | 1279,   // ADDR_X x=1279 p=1
            0x3000 | 100,            // VECT_BASE_X x=100, p=0
            0x4000 | 0b100000000101, // VECT_12: bits 0, 2, 11 -> x 100, 102, 111
            0x5000 | 0b10000001,     // VECT_8: bits 0, 7 -> x 112, 119
            0xA000 | 5,              // EXT_TRIGGER: skipped
            0x7000,                  // CONTINUED_4: skipped
            0x8000 | 0x001,          // TIME_HIGH goes back: 24-bit loop
            0x6000 | 0x002,
            0x0000 | 3,
            0x2000 | 4,              // x=4, y=3, p=0
        };
        byte[] b = Fixtures.evt3(h, words);
        Events e = EventFiles.read(b, "t.raw", ReadOptions.DEFAULT.withChunkSize(chunk));
        long t0 = 0xABC << 12 | 0x123;
        long t1 = (1L << 24) + (1 << 12 | 2);
        assertEquals(new SensorSize(1280, 720, 2), e.sensorSize());
        assertEvents(e, new long[] {t0, t0, t0, t0, t0, t0, t1}, new int[] {1279, 100, 102, 111, 112, 119, 4},
                new int[] {700, 700, 700, 700, 700, 700, 3}, new int[] {1, 0, 0, 0, 0, 0, 0});
    }

    // ---- AEDAT ----

    @Test
    void aedat2Dvs128AsJaerDecodesIt() {
        // jAER DVS128: x = 127 - bits 1-7, y = bits 8-14, raw polarity 0 is ON; bit 15 = external event
        int[] addr = {(5 << 8) | (10 << 1), (7 << 8) | (0 << 1) | 1, 0x8000, (127 << 8) | (127 << 1)};
        long[] ts = {10, 20, 25, 30};
        Events e = read(Fixtures.aedat2("ch.unizh.ini.jaer.chip.retina.DVS128", addr, ts));
        assertEquals(SensorSize.DVS128, e.sensorSize());
        assertEvents(e, new long[] {10, 20, 30}, new int[] {117, 127, 0}, new int[] {5, 7, 127},
                new int[] {1, 0, 1});
    }

    @Test
    void aedat2DavisSkipsApsAndExternalAndWraps() {
        // DAVIS: y bits 22-30, x bits 12-21, polarity bit 11; bit 31 = APS/IMU, bit 10 = external input
        int dvs = (10 << 22) | (20 << 12) | (1 << 11);
        int aps = 0x80000000 | 5;
        int ext = 0x400;
        long[] ts = {0xFFFFFF00L, 0xFFFFFF10L, 0xFFFFFF20L, 0x10};
        Events e = read(Fixtures.aedat2("eu.seebetter.ini.chips.davis.DAVIS240C", new int[] {dvs, aps, ext, dvs},
                ts));
        assertEquals(new SensorSize(240, 180, 2), e.sensorSize());
        assertEvents(e, new long[] {0xFFFFFF00L, (1L << 32) + 0x10}, new int[] {239 - 20, 219},
                new int[] {179 - 10, 169}, new int[] {1, 1});
    }

    @Test
    void aedat3ReadsPolarityPacketsOnly() {
        int[] d1 = {Fixtures.aedat3Polarity(1, 2, 1, true), Fixtures.aedat3Polarity(3, 4, 0, false),
            Fixtures.aedat3Polarity(127, 127, 0, true)};
        byte[] special = Fixtures.aedat3Packet(0, 8, 0, 1, new int[] {0x55}, new int[] {7});
        byte[] pol1 = Fixtures.aedat3Packet(1, 8, 0, 5, d1, new int[] {100, 150, 200}); // capacity 5 > number 3
        byte[] imu = Fixtures.aedat3Packet(3, 60, 0, 2, new int[] {1, 2}, new int[] {3, 4});
        byte[] pol2 = Fixtures.aedat3Packet(1, 8, 1, 1, new int[] {Fixtures.aedat3Polarity(0, 0, 1, true)},
                new int[] {5});
        Events e = read(concat(ascii(Fixtures.AEDAT3_HEADER), special, pol1, imu, pol2));
        assertEquals(SensorSize.DVS128, e.sensorSize());
        assertEvents(e, new long[] {100, 200, (1L << 31) | 5}, new int[] {1, 127, 0}, new int[] {2, 127, 0},
                new int[] {1, 0, 1});
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void aedat4EveryCompression(int compression) {
        long[] t1 = {1000, 1001, 1001};
        long[] t2 = {2000, 3000};
        byte[] p1 = Fixtures.compress(compression, Fixtures.eventPacket(t1, new int[] {0, 1, 319},
                new int[] {0, 2, 239}, new int[] {1, 0, 1}));
        byte[] p2 = Fixtures.compress(compression, Fixtures.eventPacket(t2, new int[] {5, 6}, new int[] {7, 8},
                new int[] {0, 0}));
        byte[] imu = Fixtures.compress(compression, ascii("IMU data, not events"));
        String info = Fixtures.aedat4Info(320, 240, 3, 7);
        byte[] file = Fixtures.aedat4(compression, info, Fixtures.packets(new Object[] {3, p1},
                new Object[] {7, imu}, new Object[] {3, p2}), compression % 2 == 0);
        Events e = read(file);
        assertEquals(new SensorSize(320, 240, 2), e.sensorSize());
        assertEvents(e, new long[] {1000, 1001, 1001, 2000, 3000}, new int[] {0, 1, 319, 5, 6},
                new int[] {0, 2, 239, 7, 8}, new int[] {1, 0, 1, 0, 0});
    }

    @Test
    void aedat4LinkedLz4Blocks() throws Exception {
        // DV writes LZ4 frames with linked blocks, which lz4-java's frame stream refuses: our frame reader
        // decodes the second block's match into the first block's output
        byte[] packet = Fixtures.eventPacket(new long[] {7, 8}, new int[] {1, 2}, new int[] {3, 4}, new int[] {1, 0});
        byte[] frame = Fixtures.linkedLz4(packet, ascii("tail!"));
        byte[] out = Lz4Frames.decompress(frame, 1 << 20);
        assertArrayEquals(concat(packet, packet, ascii("tail!")), out);
        // and a whole file whose packets are single-block linked frames, like sample.aedat4
        byte[] single = Fixtures.linkedLz4(Arrays.copyOf(packet, packet.length / 2),
                Arrays.copyOfRange(packet, packet.length / 2, packet.length));
        byte[] viaLinked = Lz4Frames.decompress(single, 1 << 20);
        assertEquals(packet.length / 2 + packet.length, viaLinked.length);
        byte[] lib = Fixtures.compress(1, new byte[200_000]); // lz4-java: independent blocks, several of them
        assertArrayEquals(new byte[200_000], Lz4Frames.decompress(lib, 1 << 20));
    }

    // ---- detection ----

    @Test
    void formatComesFromContentNotName() throws IOException {
        Path f = tmp.resolve("looks_like.bin");
        Files.write(f, Fixtures.aedat2(null, new int[] {0}, new long[] {1}));
        assertEquals(EventFormat.AEDAT2, EventFiles.detect(f));
        Path g = tmp.resolve("recording.aedat4");
        Files.write(g, NmnistBin.toBytes(Events.of(new long[] {1}, new int[] {1}, new int[] {1}, new int[] {1},
                SensorSize.NMNIST)));
        assertEquals(EventFormat.NMNIST_BIN, EventFiles.detect(g));
        Path h = tmp.resolve("x.dat");
        Files.write(h, Fixtures.evt3("% evt 3.0\n% end\n", 0x8000));
        assertEquals(EventFormat.EVT3, EventFiles.detect(h));
    }

    @Test
    void streamingNeverNeedsTheWholeFile() {
        Path f = sample("sample_nmnist.bin");
        try (EventStream s = EventFiles.open(f)) {
            EventChunk c = new EventChunk(1000);
            int chunks = 0;
            long n = 0;
            while (s.read(c) > 0) {
                chunks++;
                n += c.size();
                assertTrue(c.size() <= 1000);
            }
            assertEquals(5, chunks);
            assertEquals(4325, n);
            assertEquals(0, s.read(c));
        }
    }
}
