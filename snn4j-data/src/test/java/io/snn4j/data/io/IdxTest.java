package io.snn4j.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Tensor;
import io.snn4j.data.io.NdArray.DType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files written here byte by byte (big-endian, as the MNIST page describes them) and Fashion-MNIST itself. */
class IdxTest {
    @TempDir
    Path tmp;

    /** Header for {@code type} and {@code dims}, then whatever {@code values} writes. */
    interface Values {
        void write(DataOutputStream out) throws IOException;
    }

    static byte[] idx(int type, int[] dims, Values values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b); // big-endian
        out.write(new byte[] {0, 0, (byte) type, (byte) dims.length});
        for (int d : dims) {
            out.writeInt(d);
        }
        values.write(out);
        out.flush();
        return b.toByteArray();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }

    Path write(String name, byte[] b) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, b);
        return p;
    }

    /** Reads {@code b} plain and gzip-compressed, from a file and from a stream; all four must agree. */
    NdArray readAllWays(byte[] b) throws IOException {
        NdArray a = Idx.read(write("plain-idx-ubyte", b));
        byte[] gz = gzip(b);
        assertEquals(a, Idx.read(write("compressed.idx", gz)));
        assertEquals(a, Idx.read(new ByteArrayInputStream(b), "stream"));
        assertEquals(a, Idx.read(new ByteArrayInputStream(gz), "stream.gz"));
        return a;
    }

    @Test
    void unsignedBytesLikeMnistImages() throws IOException {
        NdArray a = readAllWays(idx(0x08, new int[] {2, 2, 3}, o -> o.write(new byte[] {0, 1, 2, 127, (byte) 128,
            (byte) 255, 9, 8, 7, 6, 5, 4})));
        assertEquals(DType.UINT8, a.dtype());
        assertArrayEquals(new int[] {2, 2, 3}, a.shape());
        assertArrayEquals(new int[] {0, 1, 2, 127, 128, 255, 9, 8, 7, 6, 5, 4}, a.toInts());
        Tensor t = a.toTensor();
        assertEquals(255f, t.get(0, 1, 2));
    }

    @Test
    void signedBytesShortsAndInts() throws IOException {
        NdArray i8 = readAllWays(idx(0x09, new int[] {3}, o -> o.write(new byte[] {-128, -1, 127})));
        assertEquals(DType.INT8, i8.dtype());
        assertArrayEquals(new int[] {-128, -1, 127}, i8.toInts());
        NdArray i16 = readAllWays(idx(0x0B, new int[] {3}, o -> {
            o.writeShort(-32768);
            o.writeShort(258);
            o.writeShort(32767);
        }));
        assertEquals(DType.INT16, i16.dtype());
        assertArrayEquals(new int[] {-32768, 258, 32767}, i16.toInts());
        NdArray i32 = readAllWays(idx(0x0C, new int[] {1, 3}, o -> {
            o.writeInt(Integer.MIN_VALUE);
            o.writeInt(0x01020304);
            o.writeInt(-2);
        }));
        assertEquals(DType.INT32, i32.dtype());
        assertArrayEquals(new int[] {1, 3}, i32.shape());
        assertArrayEquals(new int[] {Integer.MIN_VALUE, 0x01020304, -2}, i32.toInts());
    }

    @Test
    void floatsAndDoubles() throws IOException {
        NdArray f = readAllWays(idx(0x0D, new int[] {2}, o -> {
            o.writeFloat(0.1f);
            o.writeFloat(Float.NEGATIVE_INFINITY);
        }));
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY}, f.toFloats());
        NdArray d = readAllWays(idx(0x0E, new int[] {2}, o -> {
            o.writeDouble(0.1);
            o.writeDouble(-1e300);
        }));
        assertEquals(DType.FLOAT64, d.dtype());
        assertArrayEquals(new double[] {0.1, -1e300}, d.toDoubles());
    }

    @Test
    void anyRankIncludingZeroAndEmpty() throws IOException {
        int[] dims = {2, 1, 1, 1, 2};
        NdArray a = readAllWays(idx(0x08, dims, o -> o.write(new byte[] {1, 2, 3, 4})));
        assertArrayEquals(dims, a.shape());
        NdArray scalar = readAllWays(idx(0x0C, new int[0], o -> o.writeInt(42)));
        assertArrayEquals(new int[0], scalar.shape());
        assertEquals(42L, scalar.getLong(0));
        NdArray empty = readAllWays(idx(0x0D, new int[] {0, 28, 28}, o -> { }));
        assertEquals(0, empty.size());
        assertArrayEquals(new int[] {0, 28, 28}, empty.toTensor().shape());
    }

    @Test
    void wrongMagicAndUnknownTypesAreRefused() throws IOException {
        assertRefused(write("a.idx", new byte[] {1, 2, 8, 1, 0, 0, 0, 0}), "not an IDX file: it starts with 01 02 08"
                + " 01, expected two zero bytes, a type code and the number of dimensions (e.g. 00 00 08 03 for MNIST"
                + " images)");
        assertRefused(write("b.idx", gzip(new byte[] {'h', 'e', 'l', 'l', 'o'})), "not an IDX file: it starts with"
                + " 68 65 6c 6c (after gzip decompression)");
        assertRefused(write("c.idx", idx(0x0A, new int[] {1}, o -> o.write(0))), "unknown IDX type code 0x0A;"
                + " expected 0x08 (uint8), 0x09 (int8), 0x0B (int16), 0x0C (int32), 0x0D (float32) or 0x0E (float64)");
        assertRefused(write("d.idx", new byte[0]), "is empty, expected an IDX file");
        assertRefused(write("e.idx", new byte[] {0, 0, 8}), "truncated: only 3 bytes, shorter than the 4-byte IDX"
                + " magic");
    }

    @Test
    void truncatedFilesAreRefusedWithTheExpectedSize() throws IOException {
        byte[] full = idx(0x0D, new int[] {2, 3}, o -> {
            for (int i = 0; i < 6; i++) {
                o.writeFloat(i);
            }
        });
        String want = "truncated: the header describes shape [2, 3] of float32 (24 bytes of data), but only 22 bytes"
                + " follow the header";
        assertRefused(write("cut.idx", Arrays.copyOf(full, full.length - 2)), want);
        ArrayFileException e = assertThrows(ArrayFileException.class,
                () -> Idx.read(new ByteArrayInputStream(Arrays.copyOf(full, full.length - 2)), "s"));
        assertEquals("s: " + want, e.getMessage());
        assertRefused(write("cutgz.idx", gzip(Arrays.copyOf(full, full.length - 2))), "truncated: the header"
                + " describes shape [2, 3] of float32 (after gzip decompression) (24 bytes of data), but only 22");
        assertRefused(write("dims.idx", Arrays.copyOf(full, 9)), "truncated: the header announces 2 dimensions"
                + " (8 bytes), but only 5 bytes follow the magic");
        assertRefused(write("long.idx", Arrays.copyOf(full, full.length + 1)), "the header describes shape [2, 3]"
                + " of float32 (24 bytes of data), but 25 bytes follow the header (header and data do not match)");
    }

    @Test
    void truncatedOrCorruptGzipIsRefused() throws IOException {
        byte[] data = new byte[5000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 % 251);
        }
        byte[] gz = gzip(idx(0x08, new int[] {5000}, o -> o.write(data)));
        assertRefused(write("half.gz", Arrays.copyOf(gz, gz.length / 2)), "truncated: the gzip stream ends early");
        assertRefused(write("tiny.gz", Arrays.copyOf(gz, 5)), "truncated: the gzip stream ends inside its header");
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 6] ^= 0x55; // inside the CRC32 trailer
        assertRefused(write("crc.gz", badCrc), "corrupt gzip data: Corrupt GZIP trailer");
    }

    @Test
    void dimensionsBeyondTheSupportedSizeAreRefused() throws IOException {
        assertRefused(write("huge.idx", idx(0x08, new int[] {-1}, o -> { })), "dimension 0 is 4294967295, more than"
                + " this reader supports (2^31 - 1); the file is probably corrupt");
        assertRefused(write("big.idx", idx(0x0E, new int[] {60000, 60000}, o -> { })), "shape [60000, 60000] of"
                + " float64 needs more than 2 GiB of data; at most 2 GiB per array are supported");
    }

    @Test
    void missingFileIsNamed() {
        Path p = tmp.resolve("train-images-idx3-ubyte");
        ArrayFileException e = assertThrows(ArrayFileException.class, () -> Idx.read(p));
        assertEquals(p + ": no such file", e.getMessage());
    }

    static void assertRefused(Path p, String expectedStart) {
        ArrayFileException e = assertThrows(ArrayFileException.class, () -> Idx.read(p));
        assertTrue(e.getMessage().startsWith(p + ": " + expectedStart),
                "expected '" + p + ": " + expectedStart + "...', got '" + e.getMessage() + "'");
    }

    // ------------------------------------------------------------------ Fashion-MNIST (../shared/data)

    static Path fashion(String file) {
        Path d = SharedData.dir("fashion-mnist");
        Assumptions.assumeTrue(d != null && Files.isRegularFile(d.resolve(file)),
                "../shared/data/fashion-mnist/" + file + " not found");
        return d.resolve(file);
    }

    @Test
    void fashionMnistTestImages() {
        NdArray x = Idx.read(fashion("t10k-images-idx3-ubyte.gz"));
        assertEquals(DType.UINT8, x.dtype());
        assertArrayEquals(new int[] {10000, 28, 28}, x.shape());
        // values computed with NumPy from the same file
        int[] row10 = Arrays.copyOfRange(x.toInts(), 10 * 28, 11 * 28);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 53, 129, 120, 147, 175, 157, 166,
            135, 154, 168, 140, 0, 0}, row10);
        Tensor t = x.toTensor();
        double total = 0;
        double first = 0;
        for (int i = 0; i < t.size(); i++) {
            total += t.data()[i];
            if (i < 784) {
                first += t.data()[i];
            }
        }
        assertEquals(33456, first);
        assertEquals(573469082, total);
    }

    @Test
    void fashionMnistLabels() {
        NdArray test = Idx.read(fashion("t10k-labels-idx1-ubyte.gz"));
        assertArrayEquals(new int[] {10000}, test.shape());
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7, 4, 5}, Arrays.copyOf(test.toInts(), 12));
        assertArrayEquals(counts(10, 1000), classCounts(test.toInts()));
        NdArray train = Idx.read(fashion("train-labels-idx1-ubyte.gz"));
        assertArrayEquals(new int[] {60000}, train.shape());
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5, 0, 9}, Arrays.copyOf(train.toInts(), 12));
        assertArrayEquals(counts(10, 6000), classCounts(train.toInts()));
    }

    private static int[] classCounts(int[] labels) {
        int[] c = new int[10];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }

    private static int[] counts(int n, int each) {
        int[] c = new int[n];
        Arrays.fill(c, each);
        return c;
    }
}
