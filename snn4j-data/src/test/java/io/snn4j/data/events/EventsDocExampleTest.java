package io.snn4j.data.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snn4j.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of docs/data.md ("Event transforms ... Example"), kept compiling and running. */
class EventsDocExampleTest {
    @TempDir
    Path tmp;

    @Test
    void documentedExampleRuns() throws IOException {
        Path dir = Fixtures.shared();
        assumeTrue(dir != null && Files.isRegularFile(dir.resolve("sample_nmnist.bin")), "no shared samples");
        try (InputStream in = getClass().getResourceAsStream("/events/shd_small.h5")) {
            Files.copy(in, tmp.resolve("shd_train.h5"));
        }
        Path nmnist = dir.resolve("sample_nmnist.bin");
        Path shdFile = tmp.resolve("shd_train.h5");
        int label;
        Tensor s;

        // ---- as in the document, with its paths replaced
        Events ev = EventFiles.read(nmnist);                                    // 4,325 events on 34,34,2
        Events clean = Transforms.refractoryPeriod(Transforms.denoise(ev, 10_000), 1_000);
        Frames frames = ToFrame.timeWindow(10_000).apply(clean);                // tonic's int16 [T, 2, 34, 34]
        Tensor x = frames.toTensor(true);                                       // float32 spikes, time-major
        Tensor steps = SpikeTensors.bin(ev, 0, 1_000, 320, true);               // [320, 2, 34, 34]
        try (ShdFile shd = ShdFile.open(shdFile)) {
            Events digit = shd.sample(0);                                       // t in us, x = channel 0..699
            s = SpikeTensors.bin(digit, 0, 10_000, 100, false);                 // [100, 1, 700]
            label = shd.label(0);
        }
        // ----

        assertEquals(4325, ev.size());
        assertEquals(34, x.shape()[3]);
        assertEquals(2, x.shape()[1]);
        assertArrayEquals(new int[] {320, 2, 34, 34}, steps.shape());
        assertArrayEquals(new int[] {100, 1, 700}, s.shape());
        assertEquals(3f, s.sum());
        assertEquals(1, label);
    }
}
