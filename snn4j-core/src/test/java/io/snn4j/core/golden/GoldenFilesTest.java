package io.snn4j.core.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test-only readers behind the golden tests read what NumPy and Python's json module write. */
class GoldenFilesTest {

    /** A version-1 .npy file as NumPy writes it: magic, version, header length, padded header dict, data. */
    static byte[] npy(String descr, boolean fortran, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
                + ", 'shape': " + shape + ", }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(pad % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    @Test
    void readsAFloat32MatrixInRowMajorOrder() {
        Npy.Array a = Npy.parse(npy("<f4", false, "(2, 3)", floats(1, 2, 3, 4, 5, 6.5f)), "m");
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6.5f}, a.toFloats());
    }

    @Test
    void readsZeroDimensionalAndOneElementShapes() {
        assertArrayEquals(new int[0], Npy.parse(npy("<f4", false, "()", floats(2.5f)), "s").shape());
        assertArrayEquals(new int[] {1}, Npy.parse(npy("<f4", false, "(1,)", floats(2.5f)), "s").shape());
    }

    @Test
    void readsInt64Labels() {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(2).putLong(0).putLong(3);
        assertArrayEquals(new int[] {2, 0, 3}, Npy.parse(npy("<i8", false, "(3,)", b.array()), "l").toInts());
    }

    @Test
    void rejectsFortranOrderAndUnknownDtypesByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.parse(npy("<f4", true, "(2, 2)", floats(1, 2, 3, 4)), "f.npy"));
        assertTrue(e.getMessage().contains("f.npy") && e.getMessage().contains("Fortran"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Npy.parse(npy(">f4", false, "(1,)", floats(1)), "g.npy"));
        assertTrue(e.getMessage().contains(">f4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Npy.parse("not numpy".getBytes(), "h.npy"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void parsesTheJsonOfACaseDescription() {
        Object o = MiniJson.parse("{\"type\": \"leaky\", \"beta\": [0.5, 1e-3, -2], \"bias\": true, "
                + "\"note\": \"a \\\"quoted\\\" word\", \"n\": null, \"s\": {}}");
        Map<String, Object> m = (Map<String, Object>) o;
        assertEquals("leaky", m.get("type"));
        assertEquals(List.of(0.5, 1e-3, -2), m.get("beta"));
        assertEquals(Boolean.TRUE, m.get("bias"));
        assertEquals("a \"quoted\" word", m.get("note"));
        assertTrue(m.containsKey("n") && m.get("n") == null);
        assertEquals(Map.of(), m.get("s"));
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("{\"a\": 1,}"));
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("[1, 2] x"));
    }

    @Test
    void comparisonScalesByTheLargestExpectedMagnitude() {
        Compare.Result r = Compare.compare(new float[] {1.00001f, 0.5f}, new float[] {1f, 0.5f}, 1e-6, 0, 1e-5);
        assertEquals(1e-5, r.error(), 1e-7);
        assertEquals(0, r.index());
        // an all-tiny array is judged against the floor, not its own scale
        r = Compare.compare(new float[] {2e-9f}, new float[] {1e-9f}, 1e-6, 0, 1e-5);
        assertTrue(r.error() < 1e-2, r.toString());
        r = Compare.compare(new float[] {0, 0, 0, 5}, new float[] {0, 0, 0, 4}, 1e-6, 2, 1e-5);
        assertEquals(1, r.firstBadStep());
    }

    @Test
    void goldenFilesOfACaseAgreeWithItsDescription() {
        GoldenCase g = GoldenCase.load("leaky_subtract");
        assertArrayEquals(new int[] {10, 4, 10}, g.array("input").shape());
        assertEquals(4, g.array("labels").size());
        for (String p : g.parameterNames()) {
            assertTrue(g.has("param." + p) && g.has("grad." + p), p);
        }
        assertEquals(List.of(1, 3), g.spikingLayers());
    }
}
