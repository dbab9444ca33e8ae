package io.snn4j.data.digits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigitsTest {

    @Test
    void bundledDatasetHas1797SamplesOf64PixelsAndTheKnownClassCounts() {
        ClassificationDataset d = Digits.load();
        assertEquals(1797, d.size());
        assertEquals(64, d.features());
        assertEquals(10, d.classes());
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, d.classCounts());
    }

    @Test
    void firstSampleIsTheZeroFromScikitLearn() {
        ClassificationDataset d = Digits.load();
        assertEquals(0, d.label(0));
        float[] x = d.sample(0);
        assertArrayEquals(new float[] {0, 0, 5, 13, 9, 1, 0, 0}, java.util.Arrays.copyOf(x, 8));
        assertEquals(1, d.label(1));
    }

    @Test
    void pixelValuesStayWithin0And16() {
        ClassificationDataset d = Digits.load();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = 0; i < d.size(); i++) {
            for (float v : d.sample(i)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertEquals(0f, min);
        assertEquals(16f, max);
    }

    @Test
    void parserNamesTheLineWithTheWrongNumberOfValues() {
        String csv = "0".repeat(1) + ",1".repeat(64) + "\n1,2,3\n";
        IOException e = assertThrows(IOException.class,
                () -> Digits.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.US_ASCII))));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 65"), e.getMessage());
    }
}
