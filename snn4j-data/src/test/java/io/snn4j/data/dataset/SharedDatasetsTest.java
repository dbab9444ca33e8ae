package io.snn4j.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snn4j.core.Tensor;
import io.snn4j.data.audio.Audio;
import io.snn4j.data.audio.AudioFileException;
import io.snn4j.data.audio.CochleaEncoder;
import io.snn4j.data.audio.Wav;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedDatasetsTest {
    @TempDir
    Path tmp;

    private static final CochleaEncoder.Params FSDD = CochleaEncoder.Params.defaults().with(Map.of(
            "sample_rate", 8000, "channels", 16, "f_min", 100, "f_max", 3800, "bin", 10));

    @Test
    void fashionMnistFromTheSharedFolder() {
        Path dir = SharedData.dir("fashion-mnist");
        assumeTrue(dir != null, "../shared/data/fashion-mnist absent");
        MnistFamily.Parts p = MnistFamily.FASHION_MNIST.load(dir);
        assertEquals(60000, p.train().size());
        assertEquals(10000, p.test().size());
        assertArrayEquals(new int[] {1, 28, 28}, p.train().shape());
        assertArrayEquals(new int[] {9, 0, 0, 3, 0}, java.util.Arrays.copyOf(p.train().labels(), 5));
        assertArrayEquals(new int[] {9, 2, 1, 1, 6}, java.util.Arrays.copyOf(p.test().labels(), 5));
        int[] perClass = new int[10];
        java.util.Arrays.fill(perClass, 6000);
        assertArrayEquals(perClass, p.train().classCounts());
        float sum = 0;
        for (float v : p.test().sample(0).data()) {
            sum += v;
        }
        assertEquals(33456 / 255f, sum, 1e-3);
    }

    @Test
    void fsddFromTheSharedFolderHasTheConventionalSplit() {
        Path dir = SharedData.dir("fsdd");
        assumeTrue(dir != null, "../shared/data/fsdd absent");
        Fsdd fsdd = Fsdd.open(dir, FSDD, null);
        assertEquals(3000, fsdd.size());
        assertEquals(2700, fsdd.train().size());
        assertEquals(300, fsdd.test().size());
        int[] per = new int[10];
        java.util.Arrays.fill(per, 30);
        assertArrayEquals(per, fsdd.test().classCounts());
        Fsdd.Recording r = fsdd.recordings().get(0);
        assertEquals("0_george_0.wav", r.file().getFileName().toString());
        Tensor x = fsdd.test().sample(0);
        assertEquals(16, x.dim(1));
        assertTrue(x.dim(0) > 10 && x.sum() > 0, java.util.Arrays.toString(x.shape()));
    }

    private Path recordings() {
        Path dir = tmp.resolve("fsdd").resolve("recordings");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int digit = 0; digit < 2; digit++) {
            for (int index = 0; index < 7; index++) {
                Wav.write16(dir.resolve(digit + "_alice_" + index + ".wav"),
                        Audio.tone(300 + 500 * digit + 10 * index, 0.5, 0.05 + 0.01 * index, 8000));
            }
        }
        return dir;
    }

    @Test
    void fsddFolderConversionAndCache() throws IOException {
        Path dir = recordings();
        Path cache = tmp.resolve("cache");
        Fsdd a = Fsdd.open(dir.getParent(), FSDD, cache);
        assertEquals(14, a.size());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, a.test().labels());
        assertArrayEquals(new int[] {0, 0, 1, 1}, a.train().labels());
        Tensor t = a.train().sample(1);   // 0_alice_6: 0.11 s = 110 steps of 1 ms = 11 steps of 10 ms
        assertArrayEquals(new int[] {11, 16}, t.shape());
        assertTrue(t.sum() > 0);
        Datasets.preload(a, 2, null);
        long files;
        try (var s = Files.list(a.cache().dir())) {
            files = s.filter(p -> p.toString().endsWith(".npy")).count();
        }
        assertEquals(14, files);
        // a new instance reads from the cache: the same values even if the WAV files are now unreadable... no:
        // an edited WAV is converted again; an untouched one is read back unchanged
        Fsdd b = Fsdd.open(dir, FSDD, cache);
        assertArrayEquals(t.data(), b.train().sample(1).data());
        assertEquals(a.cache().dir(), b.cache().dir());
        assertTrue(!a.cache().dir().equals(Fsdd.open(dir, FSDD.with("channels", 8), cache).cache().dir()));
    }

    @Test
    void fsddRefusesBadFoldersAndNamesAndReportsBadRecordings() throws IOException {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Fsdd.open(tmp.resolve("none"), FSDD, null));
        assertTrue(e.getMessage().contains("no such folder"), e.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        e = assertThrows(UncheckedIOException.class, () -> Fsdd.open(empty, FSDD, null));
        assertTrue(e.getMessage().contains("holds no .wav recordings"), e.getMessage());
        Path dir = recordings();
        Files.writeString(dir.resolve("hello.wav"), "x");
        e = assertThrows(UncheckedIOException.class, () -> Fsdd.open(dir, FSDD, null));
        assertTrue(e.getMessage().contains("hello.wav: the name does not follow {digit}_{speaker}_{index}.wav"),
                e.getMessage());
        Files.delete(dir.resolve("hello.wav"));
        Files.writeString(dir.resolve("1_bob_9.wav"), "not audio");
        Fsdd f = Fsdd.open(dir, FSDD, null);
        int bad = f.recordings().indexOf(f.recordings().stream().filter(r -> r.speaker().equals("bob"))
                .findFirst().orElseThrow());
        AudioFileException ae = assertThrows(AudioFileException.class, () -> f.sample(bad));
        assertTrue(ae.getMessage().contains("1_bob_9.wav: not a WAV file"), ae.getMessage());
    }
}
