package io.snn4j.bench.mackeyglass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

class EigenvaluesTest {

    /** numpy.linalg.eigvals of A[i][j] = sin(1 + 0.7 i^2 + 1.3 j + 0.37 i j), 12 x 12, by decreasing modulus. */
    private static final double[][] NUMPY = {
        {-3.016077640638275, 0.0},
        {2.3977006005096664, 0.0},
        {0.9440616412569454, 2.1433929551296425},
        {0.9440616412569454, -2.1433929551296425},
        {-1.7171866606427797, 0.0},
        {1.014562548808198, 0.0},
        {0.5235661166843593, 0.69351261063018},
        {0.5235661166843593, -0.69351261063018},
        {-0.7401032663894062, 0.0},
        {-0.1322906695333907, 0.0},
        {-0.00081149811191694, 0.07215527358256255},
        {-0.00081149811191694, -0.07215527358256255},
    };

    private static double[][] sorted(Eigenvalues e) {
        double[] re = e.real();
        double[] im = e.imaginary();
        double[][] z = new double[re.length][];
        for (int i = 0; i < re.length; i++) {
            z[i] = new double[] {re[i], im[i]};
        }
        Arrays.sort(z, Comparator.comparingDouble((double[] v) -> -Math.hypot(v[0], v[1]))
                .thenComparingDouble(v -> -v[1]));
        return z;
    }

    @Test
    void matchesNumpyOnAGenericMatrixWithComplexPairs() {
        int n = 12;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = Math.sin(1 + 0.7 * i * i + 1.3 * j + 0.37 * i * j);
            }
        }
        double[][] z = sorted(Eigenvalues.of(a));
        for (int i = 0; i < n; i++) {
            assertEquals(NUMPY[i][0], z[i][0], 1e-12, "re " + i);
            assertEquals(NUMPY[i][1], z[i][1], 1e-12, "im " + i);
        }
        assertEquals(3.016077640638275, Eigenvalues.of(a).spectralRadius(), 1e-12);
    }

    @Test
    void companionMatrixGivesThePolynomialsRoots() {
        // (x - 3)(x + 2)(x^2 + 1)(x - 0.5) = x^5 - 1.5 x^4 - 4.5 x^3 + 1.5 x^2 - 5.5 x + 3
        double[] c = {-1.5, -4.5, 1.5, -5.5, 3}; // coefficients after the leading 1
        double[][] a = new double[5][5];
        for (int j = 0; j < 5; j++) {
            a[0][j] = -c[j];
        }
        for (int i = 1; i < 5; i++) {
            a[i][i - 1] = 1;
        }
        double[][] z = sorted(Eigenvalues.of(a));
        double[][] want = {{3, 0}, {-2, 0}, {0, 1}, {0, -1}, {0.5, 0}};
        for (int i = 0; i < 5; i++) {
            assertEquals(want[i][0], z[i][0], 1e-12);
            assertEquals(want[i][1], z[i][1], 1e-12);
        }
    }

    @Test
    void traceAndTraceOfTheSquareArePreservedOnALargeRandomMatrix() {
        int n = 300;
        Rng rng = new Rng(5);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = rng.nextDouble() < 0.2 ? rng.nextGaussian() : 0;
            }
        }
        Eigenvalues e = Eigenvalues.of(a);
        double[] re = e.real();
        double[] im = e.imaginary();
        double tr = 0;
        double tr2 = 0;
        double sumRe = 0;
        double sumRe2 = 0;
        double sumIm = 0;
        for (int i = 0; i < n; i++) {
            tr += a[i][i];
            for (int k = 0; k < n; k++) {
                tr2 += a[i][k] * a[k][i];
            }
            sumRe += re[i];
            sumIm += im[i];
            sumRe2 += re[i] * re[i] - im[i] * im[i];
        }
        assertEquals(tr, sumRe, 1e-9);
        assertEquals(0, sumIm, 1e-9);
        assertEquals(tr2, sumRe2, 1e-8);
        // circular law: the spectrum fills a disk of radius about sqrt(n p) = 7.75
        assertEquals(Math.sqrt(n * 0.2), e.spectralRadius(), 0.8);
    }

    @Test
    void triangularAndTinyMatrices() {
        double[][] t = {{2, 5, 1}, {0, -4, 7}, {0, 0, 0.5}};
        double[][] z = sorted(Eigenvalues.of(t));
        assertEquals(-4, z[0][0], 1e-14);
        assertEquals(2, z[1][0], 1e-14);
        assertEquals(0.5, z[2][0], 1e-14);
        assertEquals(7, Eigenvalues.of(new double[][] {{7}}).spectralRadius(), 0);
        assertEquals(0, Eigenvalues.of(new double[][] {{0, 0}, {0, 0}}).spectralRadius(), 0);
        assertEquals(1, Eigenvalues.of(new double[][] {{0, -1}, {1, 0}}).spectralRadius(), 1e-15);
    }

    @Test
    void nonSquareOrNonFiniteInputIsRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Eigenvalues.of(new double[][] {{1, 2}, {3}})).getMessage().contains("square"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Eigenvalues.of(new double[][] {{Double.NaN}})).getMessage().contains("non-finite"));
    }
}
