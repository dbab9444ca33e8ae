package io.snn4j.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.core.Tensor;
import io.snn4j.data.io.NdArray.DType;
import org.junit.jupiter.api.Test;

class NdArrayTest {

    @Test
    void factoriesKeepValuesAndShape() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        NdArray a = NdArray.of(t);
        assertEquals(DType.FLOAT32, a.dtype());
        assertArrayEquals(new int[] {2, 3}, a.shape());
        t.data()[0] = 99; // a copy, not a view
        assertEquals(1.0, a.getDouble(0));
        assertArrayEquals(new double[] {0.5, -1}, NdArray.ofDoubles(new double[] {0.5, -1}, 2).toDoubles());
        assertArrayEquals(new int[] {7, -7}, NdArray.ofInts(new int[] {7, -7}, 2).toInts());
        assertArrayEquals(new long[] {Long.MAX_VALUE}, NdArray.ofLongs(new long[] {Long.MAX_VALUE}).toLongs());
        NdArray labels = NdArray.labels(new int[] {3, 1});
        assertEquals(DType.INT64, labels.dtype());
        assertArrayEquals(new int[] {2}, labels.shape());
    }

    @Test
    void valuesThatDoNotFillTheShapeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdArray.ofFloats(new float[5], 2, 3));
        assertEquals("5 values do not fill shape [2, 3] (6 elements)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdArray.ofFloats(new float[0], 2, -1));
        assertEquals("negative dimension in shape [2, -1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdArray.ofBytes(DType.BOOL, new byte[] {0, 2}, 2));
        assertEquals("bool array: byte 1 is 2, expected 0 or 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdArray.ofBytes(DType.INT16, new byte[3], 2));
        assertEquals("int16 array of shape [2] needs 4 bytes, got 3", e.getMessage());
    }

    @Test
    void conversionsBetweenTypes() {
        byte[] raw = {(byte) 0xff, 0x7f, 0x00, (byte) 0x80}; // int16 little-endian: 32767, -32768
        NdArray a = NdArray.ofBytes(DType.INT16, raw, 2);
        assertArrayEquals(new long[] {32767, -32768}, a.toLongs());
        assertArrayEquals(new float[] {32767, -32768}, a.toTensor().data());
        assertArrayEquals(raw, a.toBytes());
        NdArray u = NdArray.ofBytes(DType.UINT8, new byte[] {(byte) 200}, 1);
        assertEquals(200L, u.getLong(0));
        NdArray i = NdArray.ofBytes(DType.INT8, new byte[] {(byte) 200}, 1);
        assertEquals(-56L, i.getLong(0));
        NdArray f = NdArray.ofFloats(new float[] {2f, Float.NaN}, 2);
        assertEquals(2L, f.getLong(0));
        ArrayFileException e = assertThrows(ArrayFileException.class, () -> f.getLong(1));
        assertEquals("array: element 1 (index [1]) of the float32 array is NaN, expected a whole number",
                e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> f.getDouble(2));
    }

    @Test
    void columnAndReshape() {
        NdArray a = NdArray.ofInts(new int[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertArrayEquals(new int[] {2, 4, 6}, a.column(1).toInts());
        assertArrayEquals(new int[] {2, 3}, a.reshape(2, 3).shape());
        assertThrows(IllegalArgumentException.class, () -> a.reshape(4, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.reshape(6).column(0));
        assertEquals("array: column() needs a 2-d array, this one has shape [6]", e.getMessage());
    }

    @Test
    void equalityIsTypeShapeAndValues() {
        NdArray a = NdArray.ofInts(new int[] {1, 2}, 2);
        assertEquals(a, NdArray.ofInts(new int[] {1, 2}, 2));
        assertEquals(a.hashCode(), NdArray.ofInts(new int[] {1, 2}, 2).hashCode());
        assertNotEquals(a, NdArray.ofInts(new int[] {1, 2}, 1, 2));
        assertNotEquals(a, NdArray.ofFloats(new float[] {Float.intBitsToFloat(1), Float.intBitsToFloat(2)}, 2));
        assertEquals("int32[2]", a.toString());
    }
}
