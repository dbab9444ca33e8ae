package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snn4j.data.events.Events;
import io.snn4j.data.events.NmnistBin;
import io.snn4j.data.events.SensorSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snn4j events info} and {@code snn4j events frames}. The frames are compared byte for byte with the
 * .npy files tonic's ToFrame wrote for the same N-MNIST file (snn4j-data's test resources, written by
 * benchmarks/peers/tonic_goldens.py).
 */
class EventsCommandTest {
    @TempDir
    Path dir;

    static final Path TONIC = Paths.get("..", "snn4j-data", "src", "test", "resources", "tonic");

    static Path shared(String name) {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("shared").resolve("data").resolve("events").resolve(name);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        Path f = Paths.get("/work/shared/data/events", name);
        Assumptions.assumeTrue(Files.isRegularFile(f), "shared sample " + name + " not present");
        return f;
    }

    static void oneLineError(Cli r, int exit, String... parts) {
        assertEquals(exit, r.exit(), r.toString());
        assertTrue(r.err().startsWith("snn4j: error: "), r.toString());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "stderr should mention '" + p + "': " + r);
        }
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r);
        if (exit == 1) {
            assertEquals(1, r.err().lines().count(), r.toString());
        }
    }

    @Test
    void infoOnTheNmnistSample() throws Exception {
        Path f = shared("sample_nmnist.bin");
        Cli r = Cli.run("events", "info", f.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals(String.join("\n",
                "file:     " + f,
                "format:   N-MNIST .bin",
                "count:    4,325 events",
                "t_min:    654 us",
                "t_max:    311175 us (0.310521 s after t_min)",
                "sensor:   34,34,2 (W,H,P)",
                "on:       2,145",
                "off:      2,180", ""), r.out());
        Cli j = Cli.run("events", "info", f.toString(), "--json");
        assertEquals(0, j.exit(), j.toString());
        JsonNode n = new ObjectMapper().readTree(j.out());
        assertEquals(4325, n.get("count").asLong());
        assertEquals(654, n.get("t_min").asLong());
        assertEquals(311175, n.get("t_max").asLong());
        assertEquals(34, n.get("sensor").get("width").asInt());
        assertEquals(2, n.get("sensor").get("polarities").asInt());
        assertEquals(2145, n.get("on").asLong());
        assertEquals(2180, n.get("off").asLong());
        assertEquals("N-MNIST .bin", n.get("format").asText());
    }

    @Test
    void infoOnOtherFormats() throws Exception {
        Path a4 = shared("sample.aedat4");
        JsonNode n = new ObjectMapper().readTree(Cli.run("events", "info", a4.toString(), "--json").out());
        assertEquals(111954, n.get("count").asLong());
        assertEquals(320, n.get("sensor").get("width").asInt());
        assertEquals(240, n.get("sensor").get("height").asInt());
        Path shd = Paths.get("..", "snn4j-data", "src", "test", "resources", "events", "shd_small.h5");
        Cli r = Cli.run("events", "info", shd.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("format:   SHD/SSC HDF5\nsamples:  3 (20 classes)\ncount:    6 events\n"), r.out());
        assertTrue(r.out().contains("sensor:   700,1,1 (W,H,P)"), r.out());
        Path empty = dir.resolve("header_only.aedat");
        Files.writeString(empty, "#!AER-DAT2.0\r\n# AEChip: DVS128\r\n");
        JsonNode e = new ObjectMapper().readTree(Cli.run("events", "info", empty.toString(), "--json").out());
        assertEquals(0, e.get("count").asLong());
        assertTrue(e.get("t_min").isNull());
    }

    @Test
    void framesAreTonicsBytes() throws Exception {
        Path bin = TONIC.resolve("nmnist_synth.bin");
        String[][] runs = {
            {"nmnist_frames_tw400000", "--time-window", "400000"},
            {"nmnist_frames_ntb3", "--n-time-bins", "3"},
            {"nmnist_frames_ec128_ov32_incl", "--event-count", "128", "--overlap", "32", "--include-incomplete"},
        };
        for (String[] run : runs) {
            Path out = dir.resolve(run[0] + ".npy");
            String[] args = new String[run.length + 4];
            args[0] = "events";
            args[1] = "frames";
            args[2] = bin.toString();
            System.arraycopy(run, 1, args, 3, run.length - 1);
            args[run.length + 2] = "--out";
            args[run.length + 3] = out.toString();
            Cli r = Cli.run(args);
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().startsWith("wrote " + out + ": int16 [") && r.out().contains("300 events in"),
                    r.out());
            assertArrayEquals(Files.readAllBytes(TONIC.resolve(run[0] + ".npy")), Files.readAllBytes(out), run[0]);
        }
    }

    @Test
    void framesOfAFileWithoutEventsAreTonicsZeros() throws Exception {
        Path empty = dir.resolve("header_only.aedat");
        Files.writeString(empty, "#!AER-DAT2.0\r\n# AEChip: DVS128\r\n");
        Path out = dir.resolve("f.npy");
        Cli r = Cli.run("events", "frames", empty.toString(), "--n-time-bins", "4", "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("float64 [4, 2, 128, 128]"), r.out());
        assertTrue(r.out().contains("tonic's zeros"), r.out());
    }

    @Test
    void usageErrorsExitTwo() {
        Path bin = TONIC.resolve("nmnist_synth.bin");
        String out = dir.resolve("x.npy").toString();
        oneLineError(Cli.run("events", "frames", bin.toString(), "--out", out), 2,
                "--time-window", "--event-count", "--n-time-bins", "--n-event-bins");
        oneLineError(Cli.run("events", "frames", bin.toString(), "--time-window", "10", "--event-count", "5", "--out",
                out), 2, "mutually exclusive");
        oneLineError(Cli.run("events", "frames", bin.toString(), "--n-time-bins", "3", "--include-incomplete",
                "--out", out), 2, "--include-incomplete applies to --time-window and --event-count only");
        oneLineError(Cli.run("events", "frames", bin.toString(), "--n-time-bins", "3", "--overlap", "1", "--out",
                out), 2, "below 1");
        oneLineError(Cli.run("events", "frames", bin.toString(), "--time-window", "10", "--sensor", "34,34",
                "--out", out), 2, "expected W,H,P such as 34,34,2");
        oneLineError(Cli.run("events", "frames", bin.toString(), "--time-window", "-1", "--out", out), 2,
                "positive");
        oneLineError(Cli.run("events", "frames", bin.toString(), "--time-window", "10"), 2, "--out");
        oneLineError(Cli.run("events", "info"), 2, "FILE");
        assertTrue(!Files.exists(dir.resolve("x.npy")));
    }

    @Test
    void failuresExitOneWithOneLine() throws Exception {
        String out = dir.resolve("x.npy").toString();
        oneLineError(Cli.run("events", "info", dir.resolve("missing.bin").toString()), 1, "missing.bin: no such file");
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, new byte[] {1, 2, 3, 4, 5, 6, 7});
        oneLineError(Cli.run("events", "info", cut.toString()), 1, "cut.bin: at byte 5: truncated record");
        Path txt = dir.resolve("notes.txt");
        Files.writeString(txt, "hello, world");
        oneLineError(Cli.run("events", "frames", txt.toString(), "--time-window", "10", "--out", out), 1,
                "not a known event file");
        Path big = dir.resolve("big.bin");
        NmnistBin.write(big, Events.of(new long[] {1, 2}, new int[] {3, 50}, new int[] {3, 3}, new int[] {0, 1},
                new SensorSize(64, 64, 2)));
        oneLineError(Cli.run("events", "frames", big.toString(), "--time-window", "10", "--sensor", "34,34,2",
                "--out", out), 1, "at byte 5", "x=50", "outside the sensor");
        oneLineError(Cli.run("events", "frames", big.toString(), "--time-window", "10", "--out", dir.toString()), 1,
                "is a folder");
        assertTrue(!Files.exists(dir.resolve("x.npy")), "nothing half-written");
        Cli ok = Cli.run("events", "info", big.toString(), "--sensor", "64,64,2");
        assertEquals(0, ok.exit(), ok.toString());
        assertTrue(ok.out().contains("sensor:   64,64,2"), ok.out());
    }
}
