package io.snn4j.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snn4j.core.Tensor;
import io.snn4j.core.train.Batch;
import io.snn4j.data.audio.Audio;
import io.snn4j.data.audio.AudioSpikes;
import io.snn4j.data.audio.CochleaEncoder;
import io.snn4j.data.audio.Wav;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/data.md ("Audio to spikes", "Datasets and loaders"), on the shared data. */
class DocExamplesTest {
    @TempDir
    Path tmp;

    @Test
    void audioExample() {
        Path fsddDir = SharedData.dir("fsdd");
        assumeTrue(fsddDir != null, "../shared/data/fsdd absent");
        Path file = fsddDir.resolve("recordings").resolve("0_jackson_0.wav");
        // ---- as in the document
        CochleaEncoder enc = new CochleaEncoder(CochleaEncoder.Params.defaults()
                .with(Map.of("sample_rate", 8000, "channels", 64, "f_min", 100, "f_max", 3800)));
        Audio a = Wav.read(file);                          // 8 kHz mono, 0.64 s
        AudioSpikes s = enc.encode(a);                     // 644 steps of 1 ms, about 1,550 spikes
        Tensor x = s.toDense(10);                          // [65, 64] spike counts per 10 ms
        // ----
        assertEquals(8000, a.sampleRate());
        assertEquals(644, s.numSteps());
        assertTrue(Math.abs(s.count() - 1550) < 50, "spikes " + s.count());
        assertArrayEquals(new int[] {65, 64}, x.shape());
        assertEquals(s.count(), x.sum(), 0);
    }

    @Test
    void datasetExample() {
        Path fm = SharedData.dir("fashion-mnist");
        Path fsddDir = SharedData.dir("fsdd");
        assumeTrue(fm != null && fsddDir != null, "../shared/data absent");
        Path cacheRoot = tmp.resolve("cache");
        // ---- as in the document (paths from the shared folder, the cache in a temporary folder)
        MnistFamily.Parts parts = MnistFamily.FASHION_MNIST.load(fm);
        Loader train = Loader.of(Datasets.reshaped(parts.train(), 784)).steps(25).batchSize(128).seed(42).build();
        Loader test = Loader.of(Datasets.reshaped(parts.test(), 784)).steps(25).batchSize(128).seed(1042)
                .shuffle(false).build();

        Fsdd fsdd = Fsdd.open(fsddDir, CochleaEncoder.Params.defaults()
                .with(Map.of("sample_rate", 8000, "f_max", 3800, "bin", 10)), cacheRoot);
        Loader speech = Loader.of(fsdd.train()).batchSize(32).seed(42).build();   // [T, 32, 64], T = longest in batch
        // ----
        Batch b = test.epoch(0).next();
        assertArrayEquals(new int[] {25, 128, 784}, b.input().shape());
        assertEquals(469, train.batchesPerEpoch());
        assertEquals(85, speech.batchesPerEpoch());   // 2,700 recordings (converting them is tested elsewhere)
        assertArrayEquals(new int[] {64}, speech.inputShape());
    }
}
