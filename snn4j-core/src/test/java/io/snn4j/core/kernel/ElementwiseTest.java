package io.snn4j.core.kernel;

import static io.snn4j.core.kernel.KernelTestSupport.random;
import static io.snn4j.core.kernel.KernelTestSupport.withThreads;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.snn4j.core.Rng;
import org.junit.jupiter.api.Test;

class ElementwiseTest {
    @Test
    void toRowsSplitsAMatrixAtAnOffset() {
        float[][] r = Elementwise.toRows(new float[] {9, 1, 2, 3, 4, 5, 6}, 1, 2, 3, null);
        assertArrayEquals(new float[] {1, 2, 3}, r[0]);
        assertArrayEquals(new float[] {4, 5, 6}, r[1]);
    }

    @Test
    void rowsAreReusedOnlyWhenLargeEnough() {
        float[][] big = new float[4][5];
        assertSame(big, Elementwise.ensureRows(big, 3, 5));
        assertSame(big, Elementwise.ensureRows(big, 4, 2));
        assertNotSame(big, Elementwise.ensureRows(big, 5, 5), "too few rows");
        assertNotSame(big, Elementwise.ensureRows(big, 2, 6), "rows too short");
        float[][] r = Elementwise.toRows(new float[] {1, 2, 3, 4}, 0, 2, 2, big);
        assertSame(big, r);
        assertArrayEquals(new float[] {3, 4, 0, 0, 0}, r[1]);
    }

    @Test
    void transposeToRowsAndAddTransposedRowsAreInverse() {
        // W [2, 3] = [[1, 2, 3], [4, 5, 6]] -> rows of W^T: [1, 4], [2, 5], [3, 6]
        float[] w = {1, 2, 3, 4, 5, 6};
        float[][] wt = Elementwise.transposeToRows(w, 0, 2, 3, null);
        assertEquals(3, wt.length);
        assertArrayEquals(new float[] {1, 4}, wt[0]);
        assertArrayEquals(new float[] {3, 6}, wt[2]);
        float[] acc = {10, 10, 10, 10, 10, 10};
        Elementwise.addTransposedRows(wt, acc, 0, 2, 3);
        assertArrayEquals(new float[] {11, 12, 13, 14, 15, 16}, acc);
    }

    @Test
    void transposesAgreeWithTheFlatTransposeAcrossBlockEdges() {
        Rng rng = new Rng(3);
        int rows = 45;
        int cols = 70;
        float[] src = random(rng, rows * cols + 2, 1, false);
        float[] flat = new float[rows * cols];
        Elementwise.transpose(src, 2, rows, cols, flat, 0);
        float[][] t = Elementwise.transposeToRows(src, 2, rows, cols, null);
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                assertEquals(flat[c * rows + r], t[c][r]);
            }
        }
        float[] back = new float[rows * cols];
        Elementwise.addTransposedRows(t, back, 0, rows, cols);
        assertArrayEquals(java.util.Arrays.copyOfRange(src, 2, 2 + rows * cols), back);
    }

    @Test
    void columnSumsByHandFromFlatAndRowForms() {
        float[] x = {1, 2, 3, 4, 5, 6}; // [3, 2]
        float[] acc = {100, 200};
        Elementwise.addColumnSums(x, 0, 3, 2, acc);
        assertArrayEquals(new float[] {109, 212}, acc);
        Elementwise.addColumnSums(new float[][] {{1, 2}, {3, 4}, {5, 6}}, 3, 2, acc);
        assertArrayEquals(new float[] {118, 224}, acc);
    }

    @Test
    void columnSumsAreIdenticalInBothFormsAndForOneAndTwoThreads() {
        Rng rng = new Rng(4);
        int rows = 300;
        int n = 600; // three column blocks, the last partial
        float[] x = random(rng, rows * n, 1, false);
        float[][] xr = Elementwise.toRows(x, 0, rows, n, null);
        float[] start = random(rng, n, 1, false);
        float[][] r = new float[4][];
        for (int threads = 1; threads <= 2; threads++) {
            int t = threads;
            withThreads(threads, () -> {
                r[2 * t - 2] = start.clone();
                Elementwise.addColumnSums(x, 0, rows, n, r[2 * t - 2]);
                r[2 * t - 1] = start.clone();
                Elementwise.addColumnSums(xr, rows, n, r[2 * t - 1]);
            });
        }
        for (int i = 1; i < 4; i++) {
            assertArrayEquals(r[0], r[i], "variant " + i);
        }
        double s = 0;
        for (int q = 0; q < rows; q++) {
            s += x[q * n + 599];
        }
        assertEquals(start[599] + s, r[0][599], 1e-4);
    }
}
