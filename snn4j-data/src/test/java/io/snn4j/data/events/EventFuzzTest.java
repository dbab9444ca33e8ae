package io.snn4j.data.events;

import static io.snn4j.data.events.Fixtures.ascii;
import static io.snn4j.data.events.Fixtures.concat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every binary reader on random and mutated input (fixed seeds, a bounded number of cases): the only exception
 * allowed is {@link EventFormatException}, no case may hang, and no reader may return more events than the
 * file's size allows (allocations follow the data actually present, never a length field).
 */
class EventFuzzTest {
    static final int CASES = 400;

    @TempDir
    Path tmp;

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        Events ev = Events.of(new long[] {0, 5, 9000, 9001, 20000}, new int[] {0, 33, 5, 6, 7},
                new int[] {0, 33, 9, 10, 11}, new int[] {1, 0, 1, 0, 1}, SensorSize.NMNIST);
        m.put("nmnist.bin", NmnistBin.toBytes(ev));
        m.put("x.dat", Fixtures.dat("% Data file containing CD events.\n% Version 2\n% Width 40\n% Height 40\n",
                0x0C, 8, ev.timestamps(), ev.xs(), ev.ys(), ev.polarities()));
        m.put("evt2.raw", Fixtures.evt2("% evt 2.0\n% format EVT2;height=64;width=64\n% end\n",
                Fixtures.evt2TimeHigh(3), Fixtures.evt2Cd(1, 5, 10, 20), 0xA << 28, Fixtures.evt2Cd(0, 9, 11, 21),
                Fixtures.evt2TimeHigh(4), Fixtures.evt2Cd(1, 0, 1, 2)));
        m.put("evt3.raw", Fixtures.evt3("% evt 3.0\n% geometry 64x64\n% end\n", 0x8000 | 3, 0x6000 | 7, 5,
                0x2000 | 0x800 | 9, 0x3000 | 20, 0x4000 | 0xfff, 0x5000 | 0x81, 0x6000 | 9, 0x2000 | 3, 0xA000));
        m.put("dvs.aedat", Fixtures.aedat2("DVS128", new int[] {(5 << 8) | (10 << 1), 0x8000, (7 << 8) | 1},
                new long[] {1, 2, 3}));
        m.put("davis.aedat", Fixtures.aedat2("DAVIS346B", new int[] {(10 << 22) | (20 << 12) | (1 << 11),
            0x80000000, (1 << 22) | (2 << 12)}, new long[] {1, 2, 3}));
        m.put("x3.aedat", concat(ascii(Fixtures.AEDAT3_HEADER),
                Fixtures.aedat3Packet(0, 8, 0, 1, new int[] {1}, new int[] {1}),
                Fixtures.aedat3Packet(1, 8, 0, 3, new int[] {Fixtures.aedat3Polarity(1, 2, 1, true),
                    Fixtures.aedat3Polarity(3, 4, 0, false)}, new int[] {5, 6}),
                Fixtures.aedat3Packet(1, 8, 1, 1, new int[] {Fixtures.aedat3Polarity(5, 5, 1, true)}, new int[] {1})));
        for (int c : new int[] {0, 1, 3}) {
            byte[] p1 = Fixtures.compress(c, Fixtures.eventPacket(new long[] {1, 2, 3}, new int[] {1, 2, 3},
                    new int[] {4, 5, 6}, new int[] {1, 0, 1}));
            m.put("c" + c + ".aedat4", Fixtures.aedat4(c, Fixtures.aedat4Info(16, 16, 0, 2),
                    Fixtures.packets(new Object[] {0, p1}, new Object[] {2, ascii("imu")}, new Object[] {0, p1}),
                    c == 1));
        }
        byte[] pk = Fixtures.eventPacket(new long[] {1, 2}, new int[] {1, 2}, new int[] {3, 4}, new int[] {1, 0});
        m.put("linked.aedat4", Fixtures.aedat4(1, Fixtures.aedat4Info(16, 16, 0, 2), Fixtures.packets(
                new Object[] {0, Fixtures.linkedLz4(Arrays.copyOf(pk, 40), Arrays.copyOfRange(pk, 40, pk.length))}),
                false));
        return m;
    }

    static byte[] mutate(byte[] base, Random r) {
        byte[] b = base.clone();
        switch (r.nextInt(7)) {
            case 0 -> {
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    int i = r.nextInt(b.length);
                    b[i] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> {
                for (int k = 1 + r.nextInt(8); k > 0; k--) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length));
            case 3 -> {
                int at = r.nextInt(b.length + 1);
                byte[] ins = new byte[1 + r.nextInt(16)];
                r.nextBytes(ins);
                b = concat(Arrays.copyOf(base, at), ins, Arrays.copyOfRange(base, at, base.length));
            }
            case 4 -> {
                int at = r.nextInt(b.length);
                int len = 1 + r.nextInt(Math.max(1, b.length - at));
                b = concat(Arrays.copyOf(base, at), Arrays.copyOfRange(base, Math.min(base.length, at + len),
                        base.length));
            }
            case 5 -> {
                if (b.length >= 4) {
                    int at = r.nextInt(b.length - 3);
                    int[] extremes = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, r.nextInt(), 1 << 30, 0xFFFF};
                    int v = extremes[r.nextInt(extremes.length)];
                    for (int k = 0; k < 4; k++) {
                        b[at + k] = (byte) (v >>> 8 * k);
                    }
                }
            }
            default -> {
                int at = r.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + r.nextInt(64));
                b = concat(Arrays.copyOf(base, at), Arrays.copyOfRange(base, at, at + len),
                        Arrays.copyOfRange(base, at, base.length));
            }
        }
        return b;
    }

    static void check(String name, byte[] b, String what) {
        try {
            Events e = EventFiles.read(b, name, ReadOptions.DEFAULT.withChunkSize(7));
            assertTrue(e.size() <= 100L * b.length + 10000, what + ": " + e.size() + " events from " + b.length
                    + " bytes");
        } catch (EventFormatException ok) {
            assertTrue(ok.getMessage().startsWith(name + ": "), ok.getMessage());
        } catch (Throwable t) {
            fail(what + ": " + t, t);
        }
    }

    @TestFactory
    Iterable<DynamicTest> mutatedFilesOnlyRaiseOurError() {
        return seeds().entrySet().stream().map(en -> DynamicTest.dynamicTest(en.getKey(), () -> {
            byte[] base = en.getValue();
            check(en.getKey(), base, "unmutated seed"); // the seed itself reads
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                Random r = new Random(en.getKey().hashCode());
                for (int i = 0; i < CASES; i++) {
                    long seed = r.nextLong();
                    byte[] b = mutate(base, new Random(seed));
                    check(en.getKey(), b, en.getKey() + " case " + i + " (seed " + seed + ")");
                }
            });
        })).toList();
    }

    @Test
    void randomBytesBehindEachMagic() {
        String[] magics = {"", "#!AER-DAT2.0\r\n", "#!AER-DAT3.1\r\n#!END-HEADER\r\n", "#!AER-DAT4.0\r\n",
            "% evt 2.0\n", "% evt 3.0\n", "% Version 2\n", "%"};
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Random r = new Random(42);
            for (String m : magics) {
                for (int i = 0; i < 150; i++) {
                    byte[] tail = new byte[r.nextInt(400)];
                    r.nextBytes(tail);
                    byte[] b = concat(ascii(m), tail);
                    if (b.length > 0) {
                        check("rand.bin", b, "magic '" + m.trim() + "' case " + i);
                    }
                }
            }
        });
    }

    @Test
    void mutatedHdf5OnlyRaisesOurError() throws IOException {
        byte[] base;
        try (InputStream in = getClass().getResourceAsStream("/events/shd_small.h5")) {
            base = in.readAllBytes();
        }
        Path f = tmp.resolve("m.h5");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random r = new Random(7);
            for (int i = 0; i < 120; i++) {
                long seed = r.nextLong();
                Random cr = new Random(seed);
                byte[] b = base.clone();
                for (int k = 1 + cr.nextInt(6); k > 0; k--) {
                    b[cr.nextInt(b.length)] = (byte) cr.nextInt(256);
                }
                Files.write(f, b);
                try (ShdFile s = ShdFile.open(f)) {
                    for (int j = 0; j < s.size(); j++) {
                        s.sample(j);
                    }
                    s.keys();
                    s.speakers();
                } catch (EventFormatException ok) {
                    assertTrue(ok.getMessage().startsWith(f.toString()), ok.getMessage());
                } catch (Throwable t) {
                    fail("hdf5 case " + i + " (seed " + seed + "): " + t, t);
                }
            }
        });
    }
}
