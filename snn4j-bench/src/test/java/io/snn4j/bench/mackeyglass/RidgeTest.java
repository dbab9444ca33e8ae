package io.snn4j.bench.mackeyglass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RidgeTest {
    @Test
    void recoversExactLinearWeightsWithoutRidge() {
        double[][] x = new double[20][];
        double[] y = new double[20];
        for (int s = 0; s < 20; s++) {
            x[s] = new double[] {1, Math.sin(s), Math.cos(3 * s)};
            y[s] = 0.5 - 2 * x[s][1] + 3 * x[s][2];
        }
        assertArrayEquals(new double[] {0.5, -2, 3}, Ridge.fit(x, y, 0), 1e-12);
    }

    @Test
    void theRidgeTermShrinksAsTheClosedFormSays() {
        // one feature: w = sum(x y) / (sum(x^2) + lambda)
        double[][] x = {{1}, {2}, {3}};
        double[] y = {2, 4, 6};
        assertEquals(28.0 / (14 + 7), Ridge.fit(x, y, 7)[0], 1e-15);
    }

    @Test
    void singularNormalEquationsWithoutRidgeFailClearly() {
        double[][] x = {{1, 0}, {2, 0}};
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> Ridge.fit(x, new double[] {1, 2}, 0));
        assertTrue(e.getMessage().contains("increase the ridge parameter"));
        assertEquals(2, Ridge.fit(x, new double[] {1, 2}, 1e-9).length);
    }
}
