package io.snn4j.core.kernel;

import static io.snn4j.core.kernel.KernelTestSupport.assertClose;
import static io.snn4j.core.kernel.KernelTestSupport.random;
import static io.snn4j.core.kernel.KernelTestSupport.withThreads;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import org.junit.jupiter.api.Test;

class EventAccumulateTest {
    private static final int[][] SHAPES = {{1, 1, 1}, {7, 13, 5}, {64, 700, 20}, {33, 50, 257}, {0, 4, 3}, {5, 9, 0}};
    private static final double[] DENSITIES = {0, 0.02, 0.5, 1};

    @Test
    void spikeAddsTheRowOfItsInput() {
        // x = [[0, 1, 0], [1, 0, 2]]; Wt rows: [1, 2], [10, 20], [100, 200]
        float[] x = {0, 1, 0, 1, 0, 2};
        float[] wt = {1, 2, 10, 20, 100, 200};
        float[] y = new float[4];
        EventAccumulate.Events ev = new EventAccumulate.Events().of(x, 0, 2, 3);
        assertEquals(3, ev.nnz());
        assertEquals(0.5, ev.density(), 1e-12);
        EventAccumulate.forward(ev, wt, 2, y, 0);
        assertArrayEquals(new float[] {10, 20, 201, 402}, y);
        float[] delta = {1, -1, 3, 5};
        float[] dwt = new float[6];
        EventAccumulate.weightGrad(ev, delta, 0, 2, dwt);
        // row 0 of dWt: x[1,0] * delta[1] = [3, 5]; row 1: x[0,1] * delta[0] = [1, -1]; row 2: 2 * delta[1]
        assertArrayEquals(new float[] {3, 5, 1, -1, 6, 10}, dwt);
    }

    @Test
    void forwardAndWeightGradMatchDenseReference() {
        Rng rng = new Rng(7);
        for (int[] s : SHAPES) {
            for (double d : DENSITIES) {
                for (boolean binary : new boolean[] {true, false}) {
                    int rows = s[0];
                    int in = s[1];
                    int out = s[2];
                    float[] x = random(rng, rows * in, d, binary);
                    float[] wt = random(rng, in * out, 1, false);
                    float[] exp = random(rng, rows * out, 1, false);
                    float[] act = exp.clone();
                    EventAccumulate.forwardReference(x, rows, in, wt, out, exp);
                    EventAccumulate.Events ev = new EventAccumulate.Events().of(x, 0, rows, in);
                    EventAccumulate.forward(ev, wt, out, act, 0);
                    String what = rows + "x" + in + "x" + out + " density " + d + " binary " + binary;
                    assertClose(exp, act, in, "forward " + what);

                    float[] delta = random(rng, rows * out, 1, false);
                    float[] dexp = random(rng, in * out, 1, false);
                    float[] dact = dexp.clone();
                    EventAccumulate.weightGradReference(x, rows, in, delta, out, dexp);
                    EventAccumulate.weightGrad(ev, delta, 0, out, dact);
                    assertClose(dexp, dact, rows, "weightGrad " + what);
                }
            }
        }
    }

    @Test
    void eventListsAreReusedAcrossCallsOfDifferentSizes() {
        Rng rng = new Rng(8);
        EventAccumulate.Events ev = new EventAccumulate.Events();
        for (int[] s : new int[][] {{40, 30, 6}, {3, 4, 6}, {50, 60, 6}}) {
            float[] x = random(rng, s[0] * s[1], 0.3, false);
            float[] wt = random(rng, s[1] * s[2], 1, false);
            float[] exp = new float[s[0] * s[2]];
            float[] act = new float[s[0] * s[2]];
            EventAccumulate.forwardReference(x, s[0], s[1], wt, s[2], exp);
            ev.of(x, 0, s[0], s[1]);
            EventAccumulate.forward(ev, wt, s[2], act, 0);
            assertClose(exp, act, s[1], "reused events " + s[0] + "x" + s[1]);
            float[] delta = random(rng, s[0] * s[2], 1, false);
            float[] dexp = new float[s[1] * s[2]];
            float[] dact = new float[s[1] * s[2]];
            EventAccumulate.weightGradReference(x, s[0], s[1], delta, s[2], dexp);
            EventAccumulate.weightGrad(ev, delta, 0, s[2], dact);
            assertClose(dexp, dact, s[0], "reused events weightGrad");
        }
    }

    @Test
    void collectRecordsUpToTheBudgetAndGivesUpBeyondIt() {
        float[] x = {0, 2, 0, 3, 0, 0, 1, 0, 0};
        EventAccumulate.Events ev = new EventAccumulate.Events();
        assertTrue(ev.collect(x, 0, 3, 3, 3), "3 non-zeros fit a budget of 3");
        assertEquals(3, ev.nnz());
        float[] y = new float[3];
        EventAccumulate.forward(ev, new float[] {1, 10, 100}, 1, y, 0);
        assertArrayEquals(new float[] {20, 3, 1}, y);
        assertFalse(ev.collect(x, 0, 3, 3, 2), "3 non-zeros exceed a budget of 2");
        assertThrows(IllegalStateException.class, () -> EventAccumulate.forward(ev, new float[3], 1, y, 0),
                "nothing usable is recorded after giving up");
        assertTrue(ev.collect(x, 1, 2, 4, 3), "offset view [2, 4] starting at x[1]");
        assertEquals(3, ev.nnz());
    }

    @Test
    void forwardWithInitialRowOverwritesTheOutput() {
        // x = [[1, 0], [0, 0], [0, 2]]; Wt rows [1, 2], [10, 20]; init (a bias) [0.5, -0.5]
        EventAccumulate.Events ev = new EventAccumulate.Events().of(new float[] {1, 0, 0, 0, 0, 2}, 0, 3, 2);
        float[][] wt = {{1, 2}, {10, 20}};
        float[] y = {9, 9, 9, 9, 9, 9};
        EventAccumulate.forward(ev, wt, 2, new float[] {0.5f, -0.5f}, y, 0);
        assertArrayEquals(new float[] {1.5f, 1.5f, 0.5f, -0.5f, 20.5f, 39.5f}, y);
        EventAccumulate.forward(ev, wt, 2, null, y, 0);
        assertArrayEquals(new float[] {2.5f, 3.5f, 0.5f, -0.5f, 40.5f, 79.5f}, y, "null init accumulates");
    }

    @Test
    void rowFormsMatchTheReferenceForEveryRemainderOfFour() {
        Rng rng = new Rng(10);
        int in = 9;
        int out = 33;
        int rows = 40;
        for (double d : new double[] {0.1, 0.3, 0.7}) {
            float[] x = random(rng, rows * in, d, false);
            float[] wt = random(rng, in * out, 1, false);
            float[] init = random(rng, out, 1, false);
            float[] exp = new float[rows * out];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(init, 0, exp, r * out, out);
            }
            EventAccumulate.forwardReference(x, rows, in, wt, out, exp);
            EventAccumulate.Events ev = new EventAccumulate.Events().of(x, 0, rows, in);
            float[] act = new float[rows * out];
            EventAccumulate.forward(ev, Elementwise.toRows(wt, 0, in, out, null), out, init, act, 0);
            assertClose(exp, act, in, "forward with init at density " + d);

            float[] delta = random(rng, rows * out, 1, false);
            float[] dexp = new float[in * out];
            EventAccumulate.weightGradReference(x, rows, in, delta, out, dexp);
            float[][] dwt = new float[in][out + 3]; // longer rows are fine: only out columns are touched
            EventAccumulate.weightGrad(ev, Elementwise.toRows(delta, 0, rows, out, null), out, dwt);
            float[] dact = new float[in * out];
            for (int i = 0; i < in; i++) {
                System.arraycopy(dwt[i], 0, dact, i * out, out);
                assertEquals(0f, dwt[i][out], "column beyond out untouched");
            }
            assertClose(dexp, dact, rows, "weightGrad rows at density " + d);
        }
    }

    @Test
    void tooFewWeightOrGradientRowsAreRejected() {
        EventAccumulate.Events ev = new EventAccumulate.Events().of(new float[] {1, 0, 0, 1}, 0, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventAccumulate.forward(ev, new float[1][3], 3, null, new float[6], 0));
        assertTrue(e.getMessage().contains("1 weight rows for 2 inputs"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> EventAccumulate.weightGrad(ev, new float[1][3], 3, new float[2][3]));
    }

    @Test
    void countingWithoutFillingCannotBeUsed() {
        EventAccumulate.Events ev = new EventAccumulate.Events();
        assertEquals(2, ev.count(new float[] {1, 0, 0, 3}, 0, 2, 2));
        assertThrows(IllegalStateException.class, () -> EventAccumulate.forward(ev, new float[4], 2, new float[4], 0));
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalResults() {
        Rng rng = new Rng(9);
        int rows = 640;
        int in = 700;
        int out = 256;
        float[] x = random(rng, rows * in, 0.02, true);
        float[] wt = random(rng, in * out, 1, false);
        float[] delta = random(rng, rows * out, 1, false);
        float[][] r = new float[4][];
        for (int threads = 1; threads <= 2; threads++) {
            int k = threads;
            withThreads(threads, () -> {
                EventAccumulate.Events ev = new EventAccumulate.Events();
                assertTrue(ev.collect(x, 0, rows, in, rows * in / 10));
                float[] y = new float[rows * out];
                EventAccumulate.forward(ev, Elementwise.toRows(wt, 0, in, out, null), out,
                        java.util.Arrays.copyOf(wt, out), y, 0);
                float[] dwt = new float[in * out];
                EventAccumulate.weightGrad(ev, delta, 0, out, dwt);
                r[2 * (k - 1)] = y;
                r[2 * (k - 1) + 1] = dwt;
            });
        }
        assertArrayEquals(r[0], r[2]);
        assertArrayEquals(r[1], r[3]);
    }
}
