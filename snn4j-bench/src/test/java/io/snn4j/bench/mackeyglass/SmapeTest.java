package io.snn4j.bench.mackeyglass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SmapeTest {
    @Test
    void handCheckedValues() {
        // |1-2|/(1+2) = 1/3, |4-4|/8 = 0 -> 200 * (1/3) / 2
        assertEquals(100.0 / 3, Smape.of(new double[] {1, 4}, new double[] {2, 4}), 1e-12);
        assertEquals(0, Smape.of(new double[] {0.5}, new double[] {0.5}), 0);
        // opposite signs: |p - y| = |p| + |y|
        assertEquals(200, Smape.of(new double[] {-1, 3}, new double[] {1, -2}), 1e-12);
    }

    @Test
    void aNanMeanCountsAsTwoHundredAsNeuroBenchsNanToNum() {
        assertEquals(200, Smape.of(new double[] {Double.NaN, 1}, new double[] {1, 1}), 0);
        assertEquals(200, Smape.of(new double[] {0, 1}, new double[] {0, 1}), 0); // 0/0
        assertEquals(200, Smape.of(new double[] {Double.POSITIVE_INFINITY}, new double[] {1}), 0); // inf/inf
    }

    @Test
    void lengthsMustMatch() {
        assertEquals("sMAPE needs predictions and targets of the same non-zero length, got 2 and 1",
                assertThrows(IllegalArgumentException.class,
                        () -> Smape.of(new double[2], new double[1])).getMessage());
    }
}
