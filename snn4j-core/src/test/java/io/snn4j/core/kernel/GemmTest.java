package io.snn4j.core.kernel;

import static io.snn4j.core.kernel.KernelTestSupport.assertClose;
import static io.snn4j.core.kernel.KernelTestSupport.random;
import static io.snn4j.core.kernel.KernelTestSupport.withThreads;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.core.Rng;
import org.junit.jupiter.api.Test;

class GemmTest {
    /**
     * Shapes around the tile sizes (512 rows of B, 256 columns), depths leaving 1, 2 or 3 terms after the groups
     * of four, odd sizes and degenerate ones.
     */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {3, 5, 7}, {17, 129, 257}, {64, 300, 20}, {5, 0, 4}, {0, 3, 3}, {33, 7, 513}, {130, 260, 9},
        {9, 515, 19}, {3, 1030, 260}, {2, 513, 1}, {4, 6, 0},
    };
    private static final double[] DENSITIES = {0, 0.02, 0.5, 1};

    @Test
    void twoByTwoProductByHand() {
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        float[] c = new float[4];
        Gemm.mm(a, 0, b, 0, c, 0, 2, 2, 2, false);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c);
        Gemm.mm(a, 0, b, 0, c, 0, 2, 2, 2, true);
        assertArrayEquals(new float[] {38, 44, 86, 100}, c);
    }

    @Test
    void transposedVariantsByHand() {
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        float[] c = new float[4];
        Gemm.mmTransA(a, 0, b, 0, c, 0, 2, 2, 2, false); // [[1,3],[2,4]] x [[5,6],[7,8]]
        assertArrayEquals(new float[] {26, 30, 38, 44}, c);
        Gemm.mmTransB(a, 0, b, 0, c, 0, 2, 2, 2, false); // [[1,2],[3,4]] x [[5,7],[6,8]]
        assertArrayEquals(new float[] {17, 23, 39, 53}, c);
    }

    @Test
    void mmMatchesReferenceOnRandomShapesAndDensities() {
        Rng rng = new Rng(1);
        for (int[] s : SHAPES) {
            for (double d : DENSITIES) {
                int m = s[0];
                int k = s[1];
                int n = s[2];
                float[] a = random(rng, m * k, d, d == 0.02);
                float[] b = random(rng, k * n, 1, false);
                float[] c0 = random(rng, m * n, 1, false);
                float[] exp = c0.clone();
                float[] act = c0.clone();
                Gemm.mmReference(a, 0, b, 0, exp, 0, m, k, n, true);
                Gemm.mm(a, 0, b, 0, act, 0, m, k, n, true);
                assertClose(exp, act, k, "mm " + m + "x" + k + "x" + n + " density " + d);
                Gemm.mmReference(a, 0, b, 0, exp, 0, m, k, n, false);
                Gemm.mm(a, 0, b, 0, act, 0, m, k, n, false);
                assertClose(exp, act, k, "mm overwrite " + m + "x" + k + "x" + n);
            }
        }
    }

    @Test
    void transposedProductsMatchReference() {
        Rng rng = new Rng(2);
        for (int[] s : SHAPES) {
            for (double d : DENSITIES) {
                int m = s[0];
                int k = s[1];
                int n = s[2];
                float[] at = random(rng, k * m, d, false);
                float[] b = random(rng, k * n, 1, false);
                float[] exp = random(rng, m * n, 1, false);
                float[] act = exp.clone();
                Gemm.mmTransAReference(at, 0, b, 0, exp, 0, m, k, n, true);
                Gemm.mmTransA(at, 0, b, 0, act, 0, m, k, n, true);
                assertClose(exp, act, k, "mmTransA " + m + "x" + k + "x" + n + " density " + d);

                float[] a = random(rng, m * k, d, false);
                float[] bt = random(rng, n * k, 1, false);
                exp = random(rng, m * n, 1, false);
                act = exp.clone();
                Gemm.mmTransBReference(a, 0, bt, 0, exp, 0, m, k, n, true);
                Gemm.mmTransB(a, 0, bt, 0, act, 0, m, k, n, true);
                assertClose(exp, act, k, "mmTransB " + m + "x" + k + "x" + n + " density " + d);
            }
        }
    }

    @Test
    void offsetsSelectSubArrays() {
        Rng rng = new Rng(3);
        float[] a = random(rng, 3 + 4 * 6, 1, false);
        float[] b = random(rng, 2 + 6 * 5, 1, false);
        float[] exp = new float[1 + 20];
        float[] act = new float[1 + 20];
        Gemm.mmReference(a, 3, b, 2, exp, 1, 4, 6, 5, false);
        Gemm.mm(a, 3, b, 2, act, 1, 4, 6, 5, false);
        assertClose(exp, act, 6, "mm with offsets");
        assertArrayEquals(new float[] {0}, new float[] {act[0]}, "nothing written before the offset");
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalResults() {
        Rng rng = new Rng(4);
        int m = 301;
        int k = 257;
        int n = 131;
        float[] a = random(rng, m * k, 0.5, false);
        float[] b = random(rng, k * n, 1, false);
        float[] at = random(rng, k * m, 0.5, false);
        float[][] r1 = new float[2][];
        float[][] r2 = new float[2][];
        withThreads(1, () -> {
            r1[0] = new float[m * n];
            Gemm.mm(a, 0, b, 0, r1[0], 0, m, k, n, false);
            r1[1] = new float[m * n];
            Gemm.mmTransA(at, 0, b, 0, r1[1], 0, m, k, n, false);
        });
        withThreads(2, () -> {
            r2[0] = new float[m * n];
            Gemm.mm(a, 0, b, 0, r2[0], 0, m, k, n, false);
            r2[1] = new float[m * n];
            Gemm.mmTransA(at, 0, b, 0, r2[1], 0, m, k, n, false);
        });
        assertArrayEquals(r1[0], r2[0]);
        assertArrayEquals(r1[1], r2[1]);
    }

    @Test
    void overwriteIgnoresWhatWasInC() {
        float[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}; // [2, 5]: a depth of 5 = one group of four and one term
        float[] b = new float[5 * 3];
        for (int p = 0; p < 5; p++) {
            b[p * 3 + p % 3] = 1; // B row p has a single one, in column p mod 3
        }
        float[] c = {Float.NaN, 9, 9, 9, 9, 9};
        Gemm.mm(a, 0, b, 0, c, 0, 2, 5, 3, false);
        // column 0 sums a[:, 0] + a[:, 3]; column 1 a[:, 1] + a[:, 4]; column 2 a[:, 2]
        assertArrayEquals(new float[] {5, 7, 3, 15, 17, 8}, c);
    }

    @Test
    void deepProductsAreBitIdenticalWithOneAndTwoThreads() {
        Rng rng = new Rng(5);
        int m = 37;
        int k = 1100; // three tiles deep, the last one partial
        int n = 300;
        float[] a = random(rng, m * k, 1, false);
        float[] b = random(rng, k * n, 1, false);
        float[] c0 = random(rng, m * n, 1, false);
        float[][] r = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            int t = threads;
            withThreads(threads, () -> {
                r[t - 1] = c0.clone();
                Gemm.mm(a, 0, b, 0, r[t - 1], 0, m, k, n, true);
            });
        }
        assertArrayEquals(r[0], r[1]);
    }

    @Test
    void negativeDimensionIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.mm(new float[1], 0, new float[1], 0, new float[1], 0, -1, 1, 1, false));
    }

    // ---- a right-hand matrix packed once (recurrent layers) ----

    /** Rows of a matrix [rows, cols] stored in arrays of {@code cols + extra} values, the extra ones set to 42. */
    private static float[][] rowsWithTail(float[] m, int rows, int cols, int extra) {
        float[][] r = new float[rows][cols + extra];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(m, i * cols, r[i], 0, cols);
            java.util.Arrays.fill(r[i], cols, cols + extra, 42f);
        }
        return r;
    }

    @Test
    void packedProductMatchesTheReferenceAndTheRowArrayProductOnBothPaths() {
        Rng rng = new Rng(21);
        // m around the row group (4), n around a vector (16) and a strip (64), k from empty to several hundred
        int[][] shapes = {{1, 1, 1}, {3, 7, 15}, {4, 64, 16}, {5, 256, 17}, {32, 256, 256}, {33, 300, 65},
            {2, 0, 9}, {7, 31, 63}, {1, 5, 130}, {9, 17, 1}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            float[] a = random(rng, m * k, 0.7, false);
            float[] b = random(rng, k * n, 1, false);
            float[] exp = new float[m * n];
            Gemm.mmReference(a, 0, b, 0, exp, 0, m, k, n, false);
            for (boolean simd : new boolean[] {false, true}) {
                if (simd && !Simd.available()) {
                    continue;
                }
                String what = (simd ? "simd " : "plain ") + m + "x" + k + "x" + n;
                // A rows longer than k (their tail must not be read), C rows longer than n (tail untouched),
                // C starting as garbage (the product overwrites it)
                float[][] ar = rowsWithTail(a, m, k, 2);
                float[][] cr = rowsWithTail(random(rng, m * n, 1, false), m, n, 3);
                float[][] rowProduct = new float[m][n];
                float[][] br = rowsWithTail(b, k, n, 0);
                KernelTestSupport.withSimd(simd, () -> {
                    Gemm.PackedRight p = Gemm.packRight(b, 0, k, n);
                    Gemm.mmPackedSerial(ar, p, cr, m);
                    Gemm.mmRowsSerial(ar, br, rowProduct, m, k, n);
                });
                float[] act = new float[m * n];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(cr[i], 0, act, i * n, n);
                    assertArrayEquals(new float[] {42f, 42f, 42f}, java.util.Arrays.copyOfRange(cr[i], n, n + 3),
                            what + ": columns past n untouched");
                    // the same bits as the row-array product onto zeroed rows
                    assertArrayEquals(rowProduct[i], java.util.Arrays.copyOf(cr[i], n), what + " row " + i);
                }
                assertClose(exp, act, k, what);
            }
        }
    }

    @Test
    void packedProductGivesEachRowTheSameBitsWhateverTheOtherRowsAndOffsets() {
        Rng rng = new Rng(22);
        int m = 11;
        int k = 70;
        int n = 83;
        float[] b = random(rng, 5 + k * n, 1, false);
        float[][] a = Elementwise.toRows(random(rng, m * k, 0.5, false), 0, m, k, null);
        for (boolean simd : new boolean[] {false, true}) {
            if (simd && !Simd.available()) {
                continue;
            }
            KernelTestSupport.withSimd(simd, () -> {
                Gemm.PackedRight p = Gemm.packRight(b, 5, k, n);
                float[][] all = new float[m][n];
                Gemm.mmPackedSerial(a, p, all, m);
                float[] exp = new float[m * n];
                float[] flat = new float[m * k];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(a[i], 0, flat, i * k, k);
                }
                Gemm.mmReference(flat, 0, b, 5, exp, 0, m, k, n, false);
                for (int i = 0; i < m; i++) {
                    float[][] one = new float[1][n];
                    Gemm.mmPackedSerial(new float[][] {a[i]}, p, one, 1);
                    assertArrayEquals(all[i], one[0], "row " + i + (simd ? " simd" : " plain"));
                    assertClose(java.util.Arrays.copyOfRange(exp, i * n, i * n + n), one[0], k, "row " + i);
                }
            });
        }
    }

    @Test
    void packedMatrixOutlivesASwitchOfTheKernels() {
        // packed for the Vector API kernel, used by the plain one (a test switching paths in between)
        assumeSimd();
        Rng rng = new Rng(23);
        int k = 20;
        int n = 70;
        float[] b = random(rng, k * n, 1, false);
        float[][] a = Elementwise.toRows(random(rng, 3 * k, 1, false), 0, 3, k, null);
        Gemm.PackedRight[] p = new Gemm.PackedRight[1];
        KernelTestSupport.withSimd(true, () -> p[0] = Gemm.packRight(b, 0, k, n));
        float[][] got = new float[3][n];
        float[][] want = new float[3][n];
        KernelTestSupport.withSimd(false, () -> {
            Gemm.mmPackedSerial(a, p[0], got, 3);
            Gemm.mmRowsSerial(a, Elementwise.toRows(b, 0, k, n, null), want, 3, k, n);
        });
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(want[i], got[i], "row " + i);
        }
    }

    @Test
    void packRightRejectsAMatrixThatDoesNotFit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.packRight(new float[10], 2, 3, 3));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("[3, 3] from 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gemm.packRight(new float[10], 0, -1, 3));
    }

    // ---- the spike scan of one row ----

    @Test
    void nonZerosListsExactlyTheNonZeroIndicesOnBothPaths() {
        Rng rng = new Rng(24);
        for (int n : new int[] {0, 1, 15, 16, 17, 31, 33, 64, 256, 257}) {
            for (double d : new double[] {0, 0.02, 0.5, 1}) {
                float[] x = random(rng, 3 + n, d, d == 0.02);
                if (n > 4) {
                    x[3] = Float.NaN; // NaN != 0: listed
                    x[3 + n / 2] = -0f; // -0 == 0: not listed
                    x[3 + n - 1] = Float.POSITIVE_INFINITY;
                }
                int[] want = new int[n];
                int count = 0;
                for (int j = 0; j < n; j++) {
                    if (x[3 + j] != 0f) {
                        want[count++] = j;
                    }
                }
                for (boolean simd : new boolean[] {false, true}) {
                    if (simd && !Simd.available()) {
                        continue;
                    }
                    // room for exactly n from 5, sentinels around it
                    int[] idx = new int[5 + n + 4];
                    java.util.Arrays.fill(idx, -7);
                    int[] got = new int[1];
                    KernelTestSupport.withSimd(simd, () -> got[0] = Gemm.nonZeros(x, 3, n, idx, 5));
                    String what = (simd ? "simd" : "plain") + " n=" + n + " density " + d;
                    org.junit.jupiter.api.Assertions.assertEquals(count, got[0], what);
                    assertArrayEquals(java.util.Arrays.copyOf(want, count),
                            java.util.Arrays.copyOfRange(idx, 5, 5 + count), what);
                    for (int i : new int[] {0, 1, 2, 3, 4, 5 + n, 6 + n, 7 + n, 8 + n}) {
                        org.junit.jupiter.api.Assertions.assertEquals(-7, idx[i], what + ": written outside at " + i);
                    }
                }
            }
        }
    }

    private static void assumeSimd() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Simd.available());
    }
}
