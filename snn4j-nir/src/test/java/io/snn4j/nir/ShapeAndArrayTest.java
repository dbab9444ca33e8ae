package io.snn4j.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Tensor;
import org.junit.jupiter.api.Test;

class ShapeAndArrayTest {

    @Test
    void shapesAreValuesWithPythonLikeSlices() {
        Shape s = Shape.of(2, 34, 34);
        assertEquals(3, s.rank());
        assertEquals(2312, s.elements());
        assertEquals(Shape.of(34, 34), s.slice(1, 3));
        assertEquals(Shape.of(5, 2, 34, 34), s.prepend(5));
        assertEquals(Shape.of(2, 34, 34, 7), s.append(7));
        assertEquals("[2, 34, 34]", s.toString());
        assertEquals(1, Shape.SCALAR.elements());
        assertEquals(Shape.of(1, 1), Shape.filled(2, 1));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(3, -1));
    }

    @Test
    void arraysCheckThatValuesFitTheirType() {
        assertEquals((double) (float) 0.1, NirArray.of(NirArray.DType.FLOAT32, Shape.of(1), new double[] {0.1}).get(0),
                "rounded to float32, as NumPy's astype");
        assertEquals((double) (float) 0.1, NirArray.full(NirArray.DType.FLOAT32, Shape.of(2), 0.1).get(1));
        assertThrows(IllegalArgumentException.class, () -> NirArray.of(NirArray.DType.INT64, Shape.of(1),
                new double[] {0.5}));
        assertThrows(IllegalArgumentException.class, () -> NirArray.float32(new float[6], 4, 2));
        assertEquals(Shape.of(3), NirArray.float64(new double[] {1, 2, 3}).shape());
    }

    @Test
    void broadcastFollowsNumpy() {
        NirArray row = NirArray.float32(new float[] {1, 2, 3});
        assertArrayEquals(new double[] {1, 2, 3, 1, 2, 3}, row.broadcastTo(Shape.of(2, 3)).toDoubles());
        NirArray col = NirArray.float32(new float[] {1, 2}, 2, 1);
        assertArrayEquals(new double[] {1, 1, 1, 2, 2, 2}, col.broadcastTo(Shape.of(2, 3)).toDoubles());
        NirArray scalar = NirArray.scalar(NirArray.DType.FLOAT64, 7);
        assertEquals(NirArray.float64(new double[] {7, 7, 7, 7}, 2, 2), scalar.broadcastTo(Shape.of(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> row.broadcastTo(Shape.of(2)));
        assertThrows(IllegalArgumentException.class, () -> row.broadcastTo(Shape.of(3, 2)));
    }

    @Test
    void indexingTypesAndEquality() {
        NirArray a = NirArray.float32(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        assertEquals(5, a.get(1, 2));
        assertEquals(3, a.get(1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(2, 0));
        NirArray d = NirArray.float64(new double[] {0.1});
        assertEquals(NirArray.DType.FLOAT32, d.withDType(NirArray.DType.FLOAT32).dtype());
        assertEquals((float) 0.1, d.withDType(NirArray.DType.FLOAT32).get(0));
        assertNotEquals(NirArray.float64(new double[] {1}), NirArray.float32(new float[] {1}), "types differ");
        assertArrayEquals(new long[] {2, 3}, NirArray.int64(new long[] {2, 3}).toLongs());
        assertTrue(NirArray.full(NirArray.DType.FLOAT32, Shape.of(4), 0).isAll(0));
        assertEquals("int64 [2] {2, 3}", NirArray.int64(new long[] {2, 3}).toString());
    }

    @Test
    void tensorsConvertBothWays() {
        Tensor t = Tensor.of(new float[] {1.5f, -2, 3, 4}, 2, 2);
        NirArray a = NirArray.fromTensor(t);
        assertEquals(NirArray.DType.FLOAT32, a.dtype());
        assertEquals(Shape.of(2, 2), a.shape());
        Tensor back = a.toTensor();
        assertArrayEquals(t.data(), back.data());
        assertArrayEquals(t.shape(), back.shape());
    }
}
