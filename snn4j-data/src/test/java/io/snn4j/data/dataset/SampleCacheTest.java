package io.snn4j.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Tensor;
import io.snn4j.data.io.NdArray;
import io.snn4j.data.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCacheTest {
    @TempDir
    Path dir;

    @Test
    void convertsOnceAndReadsBackTheSameValues() throws IOException {
        Path src = Files.writeString(dir.resolve("a.wav"), "source");
        SampleCache c = new SampleCache(dir.resolve("cache"), "test", "conv-v1;x=1");
        AtomicInteger calls = new AtomicInteger();
        Tensor counts = Tensor.of(new float[] {0, 1, 2, 255, 3, 0}, 3, 2);
        Tensor t1 = c.get(src, () -> {
            calls.incrementAndGet();
            return counts;
        });
        Tensor t2 = c.get(src, () -> {
            calls.incrementAndGet();
            return counts;
        });
        assertEquals(1, calls.get());
        assertArrayEquals(counts.data(), t2.data());
        assertArrayEquals(new int[] {3, 2}, t2.shape());
        assertEquals("conv-v1;x=1\n", Files.readString(c.dir().resolve("key.txt")));
        // counts are stored compactly, other values as float32
        Path entry;
        try (Stream<Path> s = Files.list(c.dir())) {
            entry = s.filter(p -> p.toString().endsWith(".npy")).findFirst().orElseThrow();
        }
        assertEquals(NdArray.DType.UINT8, Npy.read(entry).dtype());
        Path src2 = Files.writeString(dir.resolve("b.wav"), "other");
        Tensor fl = Tensor.of(new float[] {0.5f, -1f}, 2);
        c.get(src2, () -> fl);
        assertArrayEquals(fl.data(), c.get(src2, () -> null).data());
        try (Stream<Path> s = Files.list(c.dir())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("partial")));
        }
    }

    @Test
    void otherSettingsOrAnEditedSourceConvertAgain() throws IOException {
        Path src = Files.writeString(dir.resolve("a.wav"), "source");
        SampleCache c1 = new SampleCache(dir, "test", "conv-v1;x=1");
        SampleCache c2 = new SampleCache(dir, "test", "conv-v1;x=2");
        assertNotEquals(c1.dir(), c2.dir());
        AtomicInteger calls = new AtomicInteger();
        c1.get(src, () -> Tensor.full(calls.incrementAndGet(), 2));
        assertEquals(2f, c2.get(src, () -> Tensor.full(calls.incrementAndGet(), 2)).data()[0]);
        Files.writeString(src, "edited source");
        Files.setLastModifiedTime(src, FileTime.fromMillis(1000));
        assertEquals(3f, c1.get(src, () -> Tensor.full(calls.incrementAndGet(), 2)).data()[0]);
    }

    @Test
    void anUnreadableEntryIsConvertedAgain() throws IOException {
        Path src = Files.writeString(dir.resolve("a.wav"), "source");
        SampleCache c = new SampleCache(dir, "test", "k");
        c.get(src, () -> Tensor.full(1, 4));
        Path entry = c.dir().resolve(SampleCache.entryName(src));
        Files.write(entry, new byte[] {(byte) 0x93, 'N', 'U'});
        assertEquals(7f, c.get(src, () -> Tensor.full(7, 4)).data()[0]);
        assertEquals(7f, Npy.read(entry).toTensor().data()[0]);
    }
}
