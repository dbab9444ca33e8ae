package io.snn4j.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Tensor;
import io.snn4j.data.io.NdArray.DType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NPY reading and writing. The fixtures in {@code src/test/resources/npy} were written by NumPy 1.24
 * ({@code make_fixtures.py} there lists their values), so reading them checks us against NumPy's writer, and
 * re-encoding them checks our writer against NumPy's bytes.
 */
class NpyTest {
    @TempDir
    Path tmp;

    static byte[] resource(String name) {
        try (InputStream in = NpyTest.class.getResourceAsStream("/npy/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource npy/" + name + " missing");
            }
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A fixture copied to a file, so that the path-based reader (which knows the file size) is exercised. */
    Path fixture(String name) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, resource(name));
        return p;
    }

    static NdArray fromResource(String name) {
        return Npy.read(new ByteArrayInputStream(resource(name)), name);
    }

    // ------------------------------------------------------------------ files written by NumPy

    @Test
    void float32KeepsEveryBitIncludingInfinityNanAndNegativeZero() throws IOException {
        NdArray a = Npy.read(fixture("f4.npy"));
        assertEquals(DType.FLOAT32, a.dtype());
        assertArrayEquals(new int[] {2, 3}, a.shape());
        float[] v = a.toFloats();
        assertArrayEquals(new float[] {0.5f, -1.25f, 0.1f, Float.POSITIVE_INFINITY}, Arrays.copyOf(v, 4));
        assertTrue(Float.isNaN(v[4]));
        assertEquals(Float.floatToIntBits(-0.0f), Float.floatToIntBits(v[5]));
        Tensor t = a.toTensor();
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertEquals(0.1f, t.get(0, 2));
    }

    @Test
    void float64IsExactAsDoublesAndRoundedInTheTensor() {
        NdArray a = fromResource("f8.npy");
        assertEquals(DType.FLOAT64, a.dtype());
        assertArrayEquals(new double[] {0.1, -2.5, 1e300, 3.0}, a.toDoubles());
        assertArrayEquals(new float[] {0.1f, -2.5f, Float.POSITIVE_INFINITY, 3f}, a.toTensor().data());
        assertEquals(3L, a.getLong(3));
        ArrayFileException e = assertThrows(ArrayFileException.class, a::toLongs);
        assertTrue(e.getMessage().startsWith("f8.npy: element 0 (index [0]) of the float64 array is 0.1, expected"
                + " a whole number"), e.getMessage());
    }

    @Test
    void signedAndUnsignedIntegersOfEveryWidthKeepTheirExtremes() {
        assertArrayEquals(new long[] {-128, -1, 0, 127}, fromResource("i1.npy").toLongs());
        assertEquals(DType.INT8, fromResource("i1.npy").dtype());
        NdArray u = fromResource("u1.npy");
        assertEquals(DType.UINT8, u.dtype());
        assertArrayEquals(new int[] {2, 3}, u.shape());
        assertArrayEquals(new int[] {0, 51, 102, 153, 204, 255}, u.toInts());
        assertArrayEquals(new float[] {0, 51, 102, 153, 204, 255}, u.toFloats());
        assertArrayEquals(new long[] {-32768, -1, 0, 32767}, fromResource("i2.npy").toLongs());
        assertEquals(DType.INT16, fromResource("i2.npy").dtype());
        NdArray i4 = fromResource("i4.npy");
        assertEquals(DType.INT32, i4.dtype());
        assertArrayEquals(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 1, -1}, i4.toInts());
        NdArray i8 = fromResource("i8.npy");
        assertEquals(DType.INT64, i8.dtype());
        assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, 9007199254740993L}, i8.toLongs());
        assertEquals(9007199254740993L, i8.getLong(3)); // not representable as a double: read as an integer
    }

    @Test
    void int64ThatDoesNotFitAnIntIsRefusedByToIntsNamingTheFileAndIndex() {
        ArrayFileException e = assertThrows(ArrayFileException.class, () -> fromResource("i8.npy").toInts());
        assertEquals("i8.npy: element 0 (index [0]) of the int64 array is -9223372036854775808, which does not fit"
                + " a 32-bit int", e.getMessage());
    }

    @Test
    void boolReadsAsZeroAndOne() {
        NdArray b = fromResource("b1.npy");
        assertEquals(DType.BOOL, b.dtype());
        assertArrayEquals(new long[] {1, 0, 1}, b.toLongs());
        assertArrayEquals(new float[] {1, 0, 1}, b.toTensor().data());
    }

    @Test
    void bigEndianFilesGiveTheSameValues() {
        assertArrayEquals(new float[] {1.5f, -2f, 0.1f}, fromResource("be_f4.npy").toFloats());
        assertEquals(DType.FLOAT32, fromResource("be_f4.npy").dtype());
        assertArrayEquals(new double[] {1.5, -2, 0.1}, fromResource("be_f8.npy").toDoubles());
        assertArrayEquals(new long[] {1, -2, 70000}, fromResource("be_i4.npy").toLongs());
    }

    @Test
    void zeroDimensionalEmptyAndHigherRankShapes() throws IOException {
        NdArray s = Npy.read(fixture("scalar.npy"));
        assertArrayEquals(new int[0], s.shape());
        assertEquals(1, s.size());
        assertEquals(3.5, s.getDouble(0));
        assertEquals(0, s.toTensor().rank());

        NdArray e = Npy.read(fixture("empty.npy"));
        assertArrayEquals(new int[] {0, 3}, e.shape());
        assertEquals(0, e.size());
        assertArrayEquals(new int[] {0, 3}, e.toTensor().shape());

        NdArray r = Npy.read(fixture("rank4.npy"));
        assertArrayEquals(new int[] {2, 1, 2, 1}, r.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3}, r.toFloats());
    }

    @Test
    void formatVersions2And3ReadLikeVersion1() throws IOException {
        for (String f : List.of("v2.npy", "v3.npy")) {
            byte[] raw = resource(f);
            assertEquals(f.equals("v2.npy") ? 2 : 3, raw[6]);
            NdArray a = Npy.read(fixture(f));
            assertArrayEquals(new int[] {3, 2}, a.shape(), f);
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, a.toFloats(), f);
        }
    }

    /** DVS Gesture as tonic ships it ({@code tonic/datasets/dvsgesture.py}): a plain [N, 4] array x, y, p, t. */
    @Test
    void eventFilesStoredAsPlainTwoDimensionalArraysGiveTheirColumns() throws IOException {
        NdArray ev = Npy.read(fixture("dvs_like.npy"));
        assertArrayEquals(new int[] {3, 4}, ev.shape());
        assertArrayEquals(new int[] {10, 11, 127}, ev.column(0).toInts());
        assertArrayEquals(new int[] {20, 21, 0}, ev.column(1).toInts());
        assertArrayEquals(new int[] {1, 0, 1}, ev.column(2).toInts());
        assertArrayEquals(new long[] {0, 5, 17}, ev.column(3).toLongs());
        assertThrows(IndexOutOfBoundsException.class, () -> ev.column(4));
    }

    /** Arrays snnTorch's oracle script saved with NumPy ({@code ../shared/data/snntorch-oracles}). */
    @Test
    void sharedSnnTorchOracleArrays() {
        Path d = SharedData.dir("snntorch-oracles");
        Assumptions.assumeTrue(d != null && Files.isRegularFile(d.resolve("ff2.input.npy")),
                "../shared/data/snntorch-oracles not found");
        assertArrayEquals(new int[] {2, 3, 1, 0}, Npy.read(d.resolve("ff2.labels.npy")).toInts());
        NdArray x = Npy.read(d.resolve("ff2.input.npy"));
        assertEquals(DType.FLOAT32, x.dtype());
        assertArrayEquals(new int[] {60, 4, 20}, x.shape());
        assertEquals(1242.0, x.toTensor().sum(), 0.0);
        NdArray loss = Npy.read(d.resolve("ff2.loss.npy"));
        assertEquals(DType.FLOAT64, loss.dtype());
        assertArrayEquals(new double[] {2.8820300102233887}, loss.toDoubles());
    }

    // ------------------------------------------------------------------ structured arrays

    @Test
    void structuredEventsReadIntoNamedColumns() throws IOException {
        for (String f : List.of("events.npy", "events_aligned.npy", "events_big.npy")) {
            NpyRecords r = Npy.readRecords(fixture(f));
            assertEquals(List.of("x", "y", "p", "t"), r.names(), f);
            assertArrayEquals(new int[] {3}, r.shape(), f);
            assertEquals(3, r.size());
            assertEquals(DType.INT16, r.column("x").dtype());
            assertEquals(DType.BOOL, r.column("p").dtype());
            assertEquals(DType.INT64, r.column("t").dtype());
            assertArrayEquals(new long[] {1, 3, -5}, r.column("x").toLongs(), f);
            assertArrayEquals(new long[] {2, 4, 127}, r.column("y").toLongs(), f);
            assertArrayEquals(new long[] {1, 0, 1}, r.column("p").toLongs(), f);
            assertArrayEquals(new long[] {1000, 2000, 1L << 40}, r.column("t").toLongs(), f);
        }
    }

    @Test
    void aUtf8FieldNameMakesNumpyWriteVersion3AndIsReadBack() {
        byte[] raw = resource("events_utf8.npy");
        assertEquals(3, raw[6]);
        NpyRecords r = Npy.readRecords(new ByteArrayInputStream(raw), "events_utf8.npy");
        assertEquals(List.of("\u03c0", "n"), r.names());
        assertArrayEquals(new float[] {1.5f}, r.column("\u03c0").toFloats());
        assertArrayEquals(new int[] {7}, r.column("n").toInts());
    }

    @Test
    void structuredAndPlainReadersPointToEachOther() throws IOException {
        Path events = fixture("events.npy");
        ArrayFileException e = assertThrows(ArrayFileException.class, () -> Npy.read(events));
        assertEquals(events + ": holds a structured array (fields x, y, p, t), expected a plain array of numbers;"
                + " read it with Npy.readRecords, which gives one column per field", e.getMessage());
        Path f4 = fixture("f4.npy");
        e = assertThrows(ArrayFileException.class, () -> Npy.readRecords(f4));
        assertEquals(f4 + ": holds a plain float32 array, expected a structured array; read it with Npy.read",
                e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Npy.readRecords(events).column("z"));
        assertTrue(missing.getMessage().endsWith("no field 'z'; the fields are [x, y, p, t]"), missing.getMessage());
    }

    @Test
    void subArrayFieldsAreRefused() throws IOException {
        Path p = fixture("subarray.npy");
        ArrayFileException e = assertThrows(ArrayFileException.class, () -> Npy.readRecords(p));
        assertEquals(p + ": field 'xy' is a sub-array of shape (2,); only fields holding one number per record are"
                + " supported", e.getMessage());
    }

    // ------------------------------------------------------------------ writing

    /** Re-encoding what NumPy wrote gives NumPy's bytes: same header text, padding, version and data. */
    @ParameterizedTest
    @ValueSource(strings = {"f4.npy", "f8.npy", "i1.npy", "u1.npy", "b1.npy", "i2.npy", "i4.npy", "i8.npy",
        "scalar.npy", "empty.npy", "rank4.npy", "growth.npy", "u1_1000.npy", "dvs_like.npy"})
    void writerProducesNumpysExactBytes(String name) {
        byte[] numpy = resource(name);
        if (name.equals("growth.npy")) {
            assertEquals(192, numpy.length); // NumPy's spare room after the shape pushed the header past 128 bytes
        }
        assertArrayEquals(numpy, Npy.toBytes(fromResource(name)), name);
    }

    @Test
    void bigEndianInputIsWrittenBackLittleEndianAsNumpyWouldStoreTheSameValues() {
        NdArray be = fromResource("be_i4.npy");
        NdArray back = Npy.read(new ByteArrayInputStream(Npy.toBytes(be)), "x");
        assertEquals(be, back);
        assertTrue(new String(Npy.toBytes(be), StandardCharsets.ISO_8859_1).contains("'descr': '<i4'"));
    }

    @Test
    void tensorRoundTripIsBitExactAndLeavesNoTemporaryFile() throws IOException {
        float[] v = {1f, -0f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE, 0.1f};
        Tensor t = Tensor.of(v, 3, 2);
        Path p = tmp.resolve("sub/dir/x.npy");
        Npy.write(p, t);
        NdArray back = Npy.read(p);
        assertEquals(DType.FLOAT32, back.dtype());
        assertArrayEquals(new int[] {3, 2}, back.shape());
        for (int i = 0; i < v.length; i++) {
            assertEquals(Float.floatToRawIntBits(v[i]), Float.floatToRawIntBits(back.toFloats()[i]));
        }
        assertArrayEquals(Npy.toBytes(NdArray.of(t)), Files.readAllBytes(p));
        try (Stream<Path> files = Files.list(p.getParent())) {
            assertEquals(List.of(p), files.toList());
        }
        // overwriting replaces the file
        Npy.write(p, Tensor.scalar(2f));
        assertArrayEquals(new int[0], Npy.read(p).shape());
    }

    @Test
    void labelsAreWrittenAsInt64() throws IOException {
        Path p = tmp.resolve("labels.npy");
        Npy.writeLabels(p, new int[] {3, 0, 9, Integer.MIN_VALUE});
        NdArray a = Npy.read(p);
        assertEquals(DType.INT64, a.dtype());
        assertArrayEquals(new int[] {4}, a.shape());
        assertArrayEquals(new int[] {3, 0, 9, Integer.MIN_VALUE}, a.toInts());
        assertTrue(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)
                .startsWith("\u0093NUMPY\u0001\u0000v\u0000{'descr': '<i8', 'fortran_order': False, 'shape': (4,), }"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BOOL", "INT8", "UINT8", "INT16", "INT32", "INT64", "FLOAT32", "FLOAT64"})
    void everyTypeRoundTrips(String type) throws IOException {
        DType t = DType.valueOf(type);
        byte[] raw = new byte[6 * t.itemSize()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = t == DType.BOOL ? (byte) (i % 2) : (byte) (i * 37 + 11);
        }
        if (t == DType.FLOAT32 || t == DType.FLOAT64) {
            raw[raw.length - 1] = 0x3f; // keep the last value finite and not a NaN with an odd payload
        }
        NdArray a = NdArray.ofBytes(t, raw, 2, 3);
        Path p = tmp.resolve(type + ".npy");
        Npy.write(p, a);
        NdArray back = Npy.read(p);
        assertEquals(a, back);
        assertArrayEquals(raw, back.toBytes());
    }

    @Test
    void headersBeyond64KiBSwitchToVersion2AndAreAlignedTo64Bytes() throws IOException {
        int[] shape = new int[22000];
        Arrays.fill(shape, 1);
        NdArray a = NdArray.ofFloats(new float[] {2.5f}, shape);
        byte[] b = Npy.toBytes(a);
        assertEquals(2, b[6]);
        int hlen = ByteBuffer.wrap(b, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertEquals(0, (12 + hlen) % 64);
        assertEquals('\n', b[12 + hlen - 1]);
        Path p = tmp.resolve("v2.npy");
        Npy.write(p, a);
        NdArray back = Npy.read(p);
        assertEquals(22000, back.rank());
        assertEquals(2.5, back.getDouble(0));

        for (int[] s : new int[][] {{}, {1}, {7, 3}, {123456, 0, 2}}) {
            byte[] small = Npy.toBytes(NdArray.ofFloats(new float[Tensor.sizeOf(s)], s));
            int h = (small[8] & 0xff) | (small[9] & 0xff) << 8;
            assertEquals(1, small[6]);
            assertEquals(0, (10 + h) % 64, Arrays.toString(s));
            assertEquals('\n', small[10 + h - 1]);
        }
    }

    // ------------------------------------------------------------------ rejections

    @Test
    void fortranOrderIsRefusedNamingTheFileAndTheFix() throws IOException {
        Path p = fixture("fortran.npy");
        ArrayFileException e = assertThrows(ArrayFileException.class, () -> Npy.read(p));
        assertEquals(p + ": holds a Fortran-order (column-major) array of shape [2, 3]; only C order (row-major,"
                + " 'fortran_order': False) is supported (in NumPy: np.save(path, np.ascontiguousarray(a)))",
                e.getMessage());
        assertEquals(p.toString(), e.source());
    }

    @Test
    void fortranOrderIsAcceptedWhenItStoresTheSameBytesAsCOrder() {
        byte[] f = npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 3, 1), }", floats(1, 2, 3));
        assertArrayEquals(new float[] {1, 2, 3}, Npy.read(new ByteArrayInputStream(f), "f.npy").toFloats());
    }

    @Test
    void objectStringAndComplexArraysAreRefused() throws IOException {
        assertRefused(fixture("object.npy"), "dtype '|O' is an object array (pickled Python objects), which is"
                + " not supported; supported: bool ('|b1'), int8 ('|i1'), uint8 ('|u1'), int16 ('<i2'), int32"
                + " ('<i4'), int64 ('<i8'), float32 ('<f4'), float64 ('<f8'), little- ('<') or big-endian ('>')");
        assertRefused(fixture("strings.npy"), "dtype '<U2' holds strings, which are not supported; supported:");
        assertRefused(fixture("complex.npy"), "dtype '<c8' holds complex numbers, which are not supported;");
        assertRefused(write("u2.npy", npy(1, header("'<u2'", "(1,)"), new byte[2])),
                "dtype '<u2' is not supported; supported: bool");
        assertRefused(write("noorder.npy", npy(1, header("'f4'", "(1,)"), new byte[4])),
                "dtype 'f4' does not state its byte order; expected '<f4' (little-endian) or '>f4' (big-endian)");
        assertRefused(write("tuple.npy", npy(1, header("('<f4', (2,))", "(1,)"), new byte[8])),
                "'descr' must be a type string such as '<f4' or a list of fields, got ('<f4', (2,))");
    }

    @Test
    void wrongMagicIsRefusedSayingWhatWasFound() throws IOException {
        assertRefused(write("text.npy", "hello world".getBytes(StandardCharsets.US_ASCII)),
                "not a .npy file: it starts with 68 65 6c 6c 6f 20 77 6f, expected the NPY magic 93 4e 55 4d 50 59"
                        + " (\\x93NUMPY)");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(resource("f4.npy"));
        }
        assertRefused(write("f4.npy.gz", gz.toByteArray()),
                "not a .npy file: it is gzip-compressed (starts with 1f 8b); decompress it first");
        assertRefused(write("a.npz", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0}),
                "not a .npy file: it is a zip archive");
        assertRefused(write("empty.npy", new byte[0]), "is empty, expected a .npy file");
        assertRefused(write("short.npy", Arrays.copyOf(resource("f4.npy"), 7)),
                "truncated: only 7 bytes, shorter than the NPY magic and version");
    }

    @Test
    void unknownVersionsAreRefused() throws IOException {
        byte[] b = resource("f4.npy");
        b[6] = 4;
        assertRefused(write("v4.npy", b), "NPY format version 4.0 is not supported (expected 1.0, 2.0 or 3.0)");
        b[6] = 1;
        b[7] = 1;
        assertRefused(write("v11.npy", b), "NPY format version 1.1 is not supported");
    }

    @Test
    void truncatedDataIsRefusedWithTheExpectedAndActualSizes() throws IOException {
        byte[] full = resource("f4.npy");
        byte[] cut = Arrays.copyOf(full, full.length - 3);
        String want = "truncated: the header describes shape [2, 3] of float32 (24 bytes of data), but only 21 bytes"
                + " follow the header";
        assertRefused(write("cut.npy", cut), want);
        ArrayFileException e = assertThrows(ArrayFileException.class,
                () -> Npy.read(new ByteArrayInputStream(cut), "stream.npy"));
        assertEquals("stream.npy: " + want, e.getMessage());
    }

    @Test
    void truncatedHeaderIsRefused() throws IOException {
        byte[] full = resource("f4.npy");
        assertRefused(write("h.npy", Arrays.copyOf(full, 40)), "truncated: the header should be 118 bytes, but"
                + " only 30 follow");
        assertRefused(write("l.npy", Arrays.copyOf(full, 9)), "truncated: the file ends inside the header length");
    }

    @Test
    void dataThatDoesNotMatchTheShapeIsRefused() throws IOException {
        byte[] longer = Arrays.copyOf(resource("f4.npy"), resource("f4.npy").length + 4);
        String want = "the header describes shape [2, 3] of float32 (24 bytes of data), but 28 bytes follow the"
                + " header (header and data do not match)";
        assertRefused(write("long.npy", longer), want);
        ArrayFileException e = assertThrows(ArrayFileException.class,
                () -> Npy.read(new ByteArrayInputStream(longer), "stream.npy"));
        assertEquals("stream.npy: " + want, e.getMessage());
        // a header claiming more elements than stored
        byte[] wrongShape = npy(1, header("'<f4'", "(2, 4)"), floats(1, 2, 3, 4, 5, 6));
        assertRefused(write("shape.npy", wrongShape), "truncated: the header describes shape [2, 4] of float32"
                + " (32 bytes of data), but only 24 bytes follow the header");
    }

    @Test
    void malformedHeadersAreRefusedQuotingTheHeader() throws IOException {
        assertRefused(write("k1.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, }", new byte[4])),
                "the header must have exactly the keys 'descr', 'fortran_order' and 'shape'; missing [shape]:"
                        + " {'descr': '<f4', 'fortran_order': False, }");
        assertRefused(write("k2.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), 'x': 1}",
                new byte[4])), "the header must have exactly the keys 'descr', 'fortran_order' and 'shape';"
                + " unexpected [x]");
        assertRefused(write("s1.npy", npy(1, header("'<f4'", "[2]"), new byte[8])),
                "'shape' must be a tuple of non-negative integers, got [2]");
        assertRefused(write("s2.npy", npy(1, header("'<f4'", "(2, -1)"), new byte[8])),
                "'shape' must be a tuple of non-negative integers below 2^31, got (2, -1)");
        assertRefused(write("s3.npy", npy(1, header("'<f4'", "(100000, 100000)"), new byte[8])),
                "shape [100000, 100000] needs more than 2 GiB of data; at most 2 GiB per array are supported");
        assertRefused(write("fo.npy", npy(1, "{'descr': '<f4', 'fortran_order': 0, 'shape': ()}", new byte[4])),
                "'fortran_order' must be True or False, got 0");
        assertRefused(write("lit.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,", new byte[8])),
                "the header is not a Python dict literal (unexpected end, expected ')' at character");
        assertRefused(write("call.npy", npy(1, "{'descr': eval('1'), 'fortran_order': False, 'shape': ()}",
                new byte[4])), "the header is not a Python dict literal (unexpected name 'eval'");
        assertRefused(write("list.npy", npy(1, "['descr', 'shape']", new byte[4])), "the header is not a dict");
    }

    @Test
    void absurdHeaderLengthsAndInvalidUtf8AreRefused() throws IOException {
        byte[] b = new byte[64];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, -1, -1, -1, -1}, 0, b, 0, 12);
        assertRefused(write("big.npy", b), "the header length field says 4294967295 bytes, more than the 16777216"
                + " this reader accepts; the file is probably corrupt");
        byte[] v3 = npy(3, header("'<f4'", "()"), new byte[4]);
        v3[14] = (byte) 0xff; // inside 'descr'
        assertRefused(write("utf8.npy", v3), "the version 3.0 header is not valid UTF-8");
    }

    @Test
    void pythonTwoHeadersWithLongSuffixesAreRead() {
        byte[] b = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 1L), }", floats(4, 5));
        assertArrayEquals(new int[] {2, 1}, Npy.read(new ByteArrayInputStream(b), "py2.npy").shape());
    }

    @Test
    void missingFilesAndDirectoriesAreNamed() {
        Path missing = tmp.resolve("nope.npy");
        ArrayFileException e = assertThrows(ArrayFileException.class, () -> Npy.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        e = assertThrows(ArrayFileException.class, () -> Npy.read(tmp));
        assertEquals(tmp + ": is a directory, expected a file", e.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    static String header(String descr, String shape) {
        return "{'descr': " + descr + ", 'fortran_order': False, 'shape': " + shape + ", }";
    }

    /** An NPY file with the given header text (padded like NumPy does) and raw data. */
    static byte[] npy(int major, String header, byte[] data) {
        byte[] h = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int lenBytes = major == 1 ? 2 : 4;
        int hlen = h.length + 1;
        int pad = 64 - ((8 + lenBytes + hlen) % 64);
        ByteBuffer b = ByteBuffer.allocate(8 + lenBytes + hlen + pad + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) (hlen + pad));
        } else {
            b.putInt(hlen + pad);
        }
        b.put(h);
        for (int i = 0; i < pad; i++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n').put(data);
        return b.array();
    }

    static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    Path write(String name, byte[] content) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    static void assertRefused(Path p, String expectedMessageStart) {
        ArrayFileException e = assertThrows(ArrayFileException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().startsWith(p + ": " + expectedMessageStart),
                "expected '" + p + ": " + expectedMessageStart + "...', got '" + e.getMessage() + "'");
        assertEquals(p.toString(), e.source());
    }
}
