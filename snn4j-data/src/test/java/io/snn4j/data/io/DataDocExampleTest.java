package io.snn4j.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.snn4j.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of docs/data.md ("Array files"), kept compiling and running on the shared Fashion-MNIST files. */
class DataDocExampleTest {
    @TempDir
    Path tmp;

    @Test
    void documentedExampleRuns() throws IOException {
        Path dir = SharedData.dir("fashion-mnist");
        Assumptions.assumeTrue(dir != null, "../shared/data/fashion-mnist not found");
        Path gestureFile = tmp.resolve("user01_fluorescent/0.npy");
        Files.createDirectories(gestureFile.getParent());
        Files.write(gestureFile, NpyTest.resource("dvs_like.npy"));
        Files.write(tmp.resolve("events.npy"), NpyTest.resource("events.npy"));

        // ---- as in the document, with paths under tmp
        NdArray images = Idx.read(dir.resolve("t10k-images-idx3-ubyte.gz"));   // uint8 [10000, 28, 28]
        int[] labels = Idx.read(dir.resolve("t10k-labels-idx1-ubyte.gz")).toInts();
        Tensor x = images.toTensor().reshape(10000, 784);                       // float32 0..255

        Npy.write(tmp.resolve("x.npy"), x);                   // np.load("x.npy") -> float32 (10000, 784)
        Npy.writeLabels(tmp.resolve("y.npy"), labels);        // int64 (10000,)
        Tensor back = Npy.read(tmp.resolve("x.npy")).toTensor();

        NdArray gesture = Npy.read(gestureFile);                                // tonic DVS Gesture: [N, 4]
        long[] t = gesture.column(3).toLongs();                                // timestamps, ms
        NpyRecords events = Npy.readRecords(tmp.resolve("events.npy"));       // np.save of a structured array
        long[] ts = events.column("t").toLongs();
        // ----

        assertArrayEquals(x.data(), back.data());
        assertArrayEquals(new int[] {10000, 784}, back.shape());
        assertArrayEquals(labels, Npy.read(tmp.resolve("y.npy")).toInts());
        assertEquals(128 + 4L * 10000 * 784, Files.size(tmp.resolve("x.npy")));
        assertArrayEquals(new long[] {0, 5, 17}, t);
        assertArrayEquals(new long[] {1000, 2000, 1L << 40}, ts);
    }
}
