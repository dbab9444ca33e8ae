package io.snn4j.core.kernel;

import static io.snn4j.core.kernel.KernelTestSupport.assertClose;
import static io.snn4j.core.kernel.KernelTestSupport.random;
import static io.snn4j.core.kernel.KernelTestSupport.withSimd;
import static io.snn4j.core.kernel.KernelTestSupport.withThreads;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snn4j.core.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels against the textbook references and the plain kernels, and the plain kernels with the
 * Vector API switched off (both paths run in this one JVM). The surefire configuration adds the
 * {@code jdk.incubator.vector} module, so the SIMD checks run in the build; they are skipped on a JVM without it.
 */
class SimdTest {
    /**
     * m around the row group (4) and the row block (64); k around the panel depth (256); n around a strip
     * (48 columns at 16 lanes), a vector (16) and the column panel (1056).
     */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {3, 5, 7}, {4, 256, 48}, {5, 257, 49}, {67, 300, 17}, {2, 513, 1}, {9, 31, 1100},
        {130, 64, 95}, {64, 1, 16}, {7, 0, 5}, {0, 4, 4},
    };

    @Test
    void vectorKernelsAreInUseUnderTheBuild() {
        // The build runs the tests with --add-modules jdk.incubator.vector: the fast path must not silently fall
        // back there. Elsewhere (no module) there is nothing to check.
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        assertTrue(Simd.available(), Simd.describe());
        assertTrue(Simd.describe().startsWith("Vector API"), Simd.describe());
    }

    @Test
    void switchingOffSelectsThePlainKernels() {
        withSimd(false, () -> {
            assertFalse(Simd.active());
            assertTrue(Simd.describe().startsWith("plain Java"), Simd.describe());
        });
    }

    @Test
    void bothPathsMatchTheReferenceForEveryProductOnOddShapes() {
        for (boolean simd : new boolean[] {false, true}) {
            if (simd && !Simd.available()) {
                continue;
            }
            Rng rng = new Rng(11);
            withSimd(simd, () -> {
                for (int[] s : SHAPES) {
                    int m = s[0];
                    int k = s[1];
                    int n = s[2];
                    String what = (simd ? "simd " : "plain ") + m + "x" + k + "x" + n;
                    float[] a = random(rng, m * k, 0.7, false);
                    float[] b = random(rng, k * n, 1, false);
                    float[] c0 = random(rng, m * n, 1, false);
                    for (boolean acc : new boolean[] {false, true}) {
                        float[] exp = c0.clone();
                        float[] act = c0.clone();
                        Gemm.mmReference(a, 0, b, 0, exp, 0, m, k, n, acc);
                        Gemm.mm(a, 0, b, 0, act, 0, m, k, n, acc);
                        assertClose(exp, act, k, "mm " + what + " accumulate " + acc);

                        exp = c0.clone();
                        act = c0.clone();
                        Gemm.mmTransAReference(a, 0, b, 0, exp, 0, m, k, n, acc); // a read as [k, m]
                        Gemm.mmTransA(a, 0, b, 0, act, 0, m, k, n, acc);
                        assertClose(exp, act, k, "mmTransA " + what + " accumulate " + acc);

                        exp = c0.clone();
                        act = c0.clone();
                        Gemm.mmTransBReference(a, 0, b, 0, exp, 0, m, k, n, acc); // b read as [n, k]
                        Gemm.mmTransB(a, 0, b, 0, act, 0, m, k, n, acc);
                        assertClose(exp, act, k, "mmTransB " + what + " accumulate " + acc);
                    }
                }
            });
        }
    }

    @Test
    void vectorProductStaysWithinItsOffsetsAndIgnoresOverwrittenValues() {
        assumeTrue(Simd.available());
        Rng rng = new Rng(12);
        int m = 6;
        int k = 9;
        int n = 50; // one full strip of 48 and a tail of 2
        float[] a = random(rng, 3 + m * k, 1, false);
        float[] b = random(rng, 5 + k * n, 1, false);
        float[] exp = new float[2 + m * n + 7];
        float[] act = new float[exp.length];
        Arrays.fill(act, Float.NaN);
        Arrays.fill(exp, Float.NaN);
        Gemm.mmReference(a, 3, b, 5, exp, 2, m, k, n, false);
        withSimd(true, () -> Gemm.mm(a, 3, b, 5, act, 2, m, k, n, false));
        for (int i = 0; i < exp.length; i++) {
            if (i < 2 || i >= 2 + m * n) {
                assertTrue(Float.isNaN(act[i]), "written outside C at " + i);
            } else {
                assertEquals(exp[i], act[i], 1e-5 * k, "C at " + i);
            }
        }
    }

    @Test
    void vectorProductsAreBitIdenticalWithOneAndTwoThreads() {
        assumeTrue(Simd.available());
        Rng rng = new Rng(13);
        int m = 203; // rows split unevenly, and not into whole groups of four
        int k = 600; // three panels deep
        int n = 1100; // two column panels, the second with a tail
        float[] a = random(rng, m * k, 0.5, false);
        float[] b = random(rng, k * n, 1, false);
        float[] c0 = random(rng, m * n, 1, false);
        float[][] r = new float[4][];
        withSimd(true, () -> {
            for (int threads = 1; threads <= 2; threads++) {
                int t = threads;
                withThreads(threads, () -> {
                    r[2 * (t - 1)] = c0.clone();
                    Gemm.mm(a, 0, b, 0, r[2 * (t - 1)], 0, m, k, n, true);
                    r[2 * (t - 1) + 1] = new float[m * n];
                    Gemm.mmTransA(a, 0, b, 0, r[2 * (t - 1) + 1], 0, m, k, n, false);
                });
            }
        });
        assertArrayEquals(r[0], r[2], "mm");
        assertArrayEquals(r[1], r[3], "mmTransA");
    }

    @Test
    void productOnRowArraysMatchesTheReferenceOnBothPaths() {
        Rng rng = new Rng(14);
        for (int[] s : new int[][] {{1, 1, 1}, {5, 7, 9}, {33, 256, 256}, {4, 300, 50}, {9, 17, 1070}}) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            float[] a = random(rng, m * k, 0.6, false);
            float[] b = random(rng, k * n, 1, false);
            float[] c0 = random(rng, m * n, 1, false);
            float[] exp = c0.clone();
            Gemm.mmReference(a, 0, b, 0, exp, 0, m, k, n, true);
            for (boolean simd : new boolean[] {false, true}) {
                if (simd && !Simd.available()) {
                    continue;
                }
                // rows longer than needed: only the first n columns may change
                float[][] ar = Elementwise.toRows(a, 0, m, k, null);
                float[][] br = new float[k][n + 3];
                for (int p = 0; p < k; p++) {
                    System.arraycopy(b, p * n, br[p], 0, n);
                }
                float[][] cr = new float[m][n + 3];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(c0, i * n, cr[i], 0, n);
                    Arrays.fill(cr[i], n, n + 3, 42f);
                }
                withSimd(simd, () -> Gemm.mmRowsSerial(ar, br, cr, m, k, n));
                float[] act = new float[m * n];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(cr[i], 0, act, i * n, n);
                    assertArrayEquals(new float[] {42f, 42f, 42f}, Arrays.copyOfRange(cr[i], n, n + 3),
                            "columns past n untouched");
                }
                assertClose(exp, act, k, (simd ? "simd " : "plain ") + m + "x" + k + "x" + n);
            }
        }
    }

    @Test
    void productOnRowArraysGivesEachRowTheSameBitsWhateverTheOtherRows() {
        assumeTrue(Simd.available());
        // Callers split rows over threads; a row's result must not depend on which rows share its call.
        Rng rng = new Rng(15);
        int m = 11;
        int k = 70;
        int n = 37;
        float[][] a = Elementwise.toRows(random(rng, m * k, 1, false), 0, m, k, null);
        float[][] b = Elementwise.toRows(random(rng, k * n, 1, false), 0, k, n, null);
        float[][] all = new float[m][n];
        withSimd(true, () -> Gemm.mmRowsSerial(a, b, all, m, k, n));
        for (int i = 0; i < m; i++) {
            float[][] one = new float[1][n];
            int row = i;
            withSimd(true, () -> Gemm.mmRowsSerial(new float[][] {a[row]}, b, one, 1, k, n));
            assertArrayEquals(all[i], one[0], "row " + i);
        }
    }

    @Test
    void vectorScanRecordsExactlyThePlainEvents() {
        assumeTrue(Simd.available());
        Rng rng = new Rng(16);
        for (int[] s : new int[][] {{1, 1}, {3, 15}, {7, 16}, {5, 17}, {40, 700}, {9, 33}, {4, 0}}) {
            int rows = s[0];
            int cols = s[1];
            for (double d : new double[] {0, 0.02, 0.3, 1}) {
                float[] x = random(rng, rows * cols, d, false);
                if (x.length > 3) {
                    x[0] = Float.NaN; // counts as an event, as in the plain scan
                    x[x.length - 1] = -0f; // equals zero: no event
                    x[x.length / 2] = Float.NEGATIVE_INFINITY;
                }
                EventAccumulate.Events plain = new EventAccumulate.Events();
                EventAccumulate.Events vec = new EventAccumulate.Events();
                withSimd(false, () -> plain.collect(x, 0, rows, cols, Long.MAX_VALUE));
                withSimd(true, () -> vec.collect(x, 0, rows, cols, Long.MAX_VALUE));
                String what = rows + "x" + cols + " density " + d;
                assertEquals(plain.nnz(), vec.nnz(), what);
                assertArrayEquals(Arrays.copyOf(plain.rowPtr, rows + 1), Arrays.copyOf(vec.rowPtr, rows + 1), what);
                assertArrayEquals(Arrays.copyOf(plain.colIdx, plain.nnz()), Arrays.copyOf(vec.colIdx, vec.nnz()),
                        what);
                assertArrayEquals(Arrays.copyOf(plain.rowVal, plain.nnz()), Arrays.copyOf(vec.rowVal, vec.nnz()),
                        what);
            }
        }
    }

    @Test
    void vectorScanGivesUpBeyondTheBudgetLikeThePlainOne() {
        assumeTrue(Simd.available());
        float[] x = new float[6 * 40];
        for (int i = 0; i < x.length; i += 3) {
            x[i] = 1f; // 80 non-zeros
        }
        for (boolean simd : new boolean[] {false, true}) {
            EventAccumulate.Events ev = new EventAccumulate.Events();
            boolean[] res = new boolean[2];
            withSimd(simd, () -> {
                res[0] = ev.collect(x, 0, 6, 40, 79);
                res[1] = ev.collect(x, 0, 6, 40, 80);
            });
            assertFalse(res[0], "79 allowed, simd " + simd);
            assertTrue(res[1], "80 allowed, simd " + simd);
            assertEquals(80, ev.nnz());
        }
    }

    @Test
    void eventOutputsAreTheSameOnBothPaths() {
        assumeTrue(Simd.available());
        // The scan finds the same events; the SIMD accumulate fuses multiply and add, so the sums agree up to
        // float32 rounding (see eventAccumulateOfBothPathsMatchesTheReference for the bounds).
        Rng rng = new Rng(17);
        int rows = 30;
        int in = 71;
        int out = 19;
        float[] x = random(rng, rows * in, 0.05, true);
        float[] wt = random(rng, in * out, 1, false);
        float[][] y = new float[2][];
        for (int s = 0; s < 2; s++) {
            int idx = s;
            withSimd(s == 1, () -> {
                EventAccumulate.Events ev = new EventAccumulate.Events().of(x, 0, rows, in);
                y[idx] = new float[rows * out];
                EventAccumulate.forward(ev, wt, out, y[idx], 0);
            });
        }
        assertClose(y[0], y[1], in, "event forward, plain vs SIMD");
    }

    @Test
    void eventAccumulateOfBothPathsMatchesTheReference() {
        // out around one vector (16 lanes), the register strip (8 vectors = 128) and the shd_ff widths (20, 256).
        int[] outs = {1, 15, 16, 17, 20, 127, 128, 129, 256, 300};
        Rng rng = new Rng(23);
        for (boolean simd : new boolean[] {false, true}) {
            if (simd && !Simd.available()) {
                continue;
            }
            for (int out : outs) {
                for (boolean binary : new boolean[] {true, false}) {
                    int rows = 13;
                    int in = 37;
                    float[] x = random(rng, rows * in, 0.3, binary);
                    float[] wt = random(rng, in * out, 1, false);
                    float[] delta = random(rng, rows * out, 1, false);
                    float[] exp = random(rng, rows * out, 1, false);
                    float[] act = exp.clone();
                    float[] dexp = random(rng, in * out, 1, false);
                    float[] dact = dexp.clone();
                    EventAccumulate.forwardReference(x, rows, in, wt, out, exp);
                    EventAccumulate.weightGradReference(x, rows, in, delta, out, dexp);
                    withSimd(simd, () -> {
                        EventAccumulate.Events ev = new EventAccumulate.Events().of(x, 0, rows, in);
                        EventAccumulate.forward(ev, wt, out, act, 0);
                        EventAccumulate.weightGrad(ev, delta, 0, out, dact);
                    });
                    String what = "simd " + simd + " out " + out + " binary " + binary;
                    assertClose(exp, act, in, "forward, " + what);
                    assertClose(dexp, dact, rows, "weight gradient, " + what);
                }
            }
        }
    }

    @Test
    void vectorEventAccumulateIsBitIdenticalWithOneAndTwoThreads() {
        assumeTrue(Simd.available());
        Rng rng = new Rng(29);
        int rows = 200;
        int in = 300;
        int out = 257;
        float[] x = random(rng, rows * in, 0.05, true);
        float[] wt = random(rng, in * out, 1, false);
        float[] delta = random(rng, rows * out, 1, false);
        float[][] y = new float[2][];
        float[][] dw = new float[2][];
        for (int t = 1; t <= 2; t++) {
            int idx = t - 1;
            withThreads(t, () -> withSimd(true, () -> {
                EventAccumulate.Events ev = new EventAccumulate.Events().of(x, 0, rows, in);
                y[idx] = new float[rows * out];
                dw[idx] = new float[in * out];
                EventAccumulate.forward(ev, wt, out, y[idx], 0);
                EventAccumulate.weightGrad(ev, delta, 0, out, dw[idx]);
            }));
        }
        assertArrayEquals(y[0], y[1]);
        assertArrayEquals(dw[0], dw[1]);
    }

    @Test
    void vectorWeightGradientByRowGivesTheBitsOfTheByColumnOrder() {
        assumeTrue(Simd.available());
        Rng rng = new Rng(31);
        for (int out : new int[] {128, 256, 257, 300, 512}) {
            for (double density : new double[] {0, 0.1, 1}) {
                int rows = 50;
                int in = 40;
                float[] x = random(rng, rows * in, density, false);
                float[] delta = random(rng, rows * out, 1, false);
                float[] start = random(rng, in * out, 1, false);
                // by column lists (2 threads); by row split over inputs (2, 1, 2, 3 threads)
                float[][] dw = new float[5][];
                for (int k = 0; k < 5; k++) {
                    int idx = k;
                    boolean rowBefore = EventAccumulate.byRowWeightGrad;
                    EventAccumulate.byRowWeightGrad = k > 0;
                    try {
                        withThreads(k > 1 ? k - 1 : 2, () -> withSimd(true, () -> {
                            dw[idx] = start.clone();
                            EventAccumulate.weightGrad(new EventAccumulate.Events().of(x, 0, rows, in), delta, 0,
                                    out, dw[idx]);
                        }));
                    } finally {
                        EventAccumulate.byRowWeightGrad = rowBefore;
                    }
                }
                // the flat form reads delta in place: same bits, for 1 and 2 threads
                for (int variant = 0; variant < 4; variant++) {
                    int threads = 1 + variant % 2;
                    boolean byRow = variant >= 2;
                    float[][] rowsOut = new float[in][];
                    for (int i = 0; i < in; i++) {
                        rowsOut[i] = java.util.Arrays.copyOfRange(start, i * out, (i + 1) * out);
                    }
                    boolean[] ran = new boolean[1];
                    boolean rowBefore = EventAccumulate.byRowWeightGrad;
                    EventAccumulate.byRowWeightGrad = byRow;
                    try {
                        withThreads(threads, () -> withSimd(true, () -> ran[0] = EventAccumulate.weightGradFlat(
                                new EventAccumulate.Events().of(x, 0, rows, in), delta, out, rowsOut)));
                    } finally {
                        EventAccumulate.byRowWeightGrad = rowBefore;
                    }
                    assertTrue(ran[0], "the flat form applies to " + out + " outputs");
                    float[] flat = new float[in * out];
                    for (int i = 0; i < in; i++) {
                        System.arraycopy(rowsOut[i], 0, flat, i * out, out);
                    }
                    assertArrayEquals(dw[0], flat, "flat, by row " + byRow + ", threads " + threads + " out " + out);
                }
                float[] ref = start.clone();
                EventAccumulate.weightGradReference(x, rows, in, delta, out, ref);
                for (int k = 1; k < 5; k++) {
                    assertArrayEquals(dw[0], dw[k], "variant " + k + " out " + out + " density " + density);
                }
                for (int i = 0; i < ref.length; i++) {
                    assertEquals(ref[i], dw[0][i], 1e-4 * (1 + Math.abs(ref[i])), "reference at " + i);
                }
            }
        }
    }
}
