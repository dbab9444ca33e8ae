package io.snn4j.core.kernel;

import static io.snn4j.core.kernel.KernelTestSupport.random;
import static io.snn4j.core.kernel.KernelTestSupport.withSimd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snn4j.core.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels of the recurrent neuron ({@link NeuronRows}) against scalar code written from their
 * documented arithmetic: bit for bit, on sizes around the vector width and the register strips (16 and 128 floats
 * at 16 lanes), with NaN, infinities and signed zeros among the inputs. Without the Vector API every call must
 * decline (return false) and leave its outputs alone.
 */
class NeuronRowsTest {
    private static final int[] SIZES = {1, 7, 15, 16, 17, 33, 128, 129, 256, 300};

    /** The plain kernels' branch-free step: 1 for d > 0, NaN for NaN, else 0. */
    private static float step(float d) {
        return Math.min(1f, Math.max(0f, d * 0x1p127f * 0x1p127f));
    }

    @Test
    void everyCallDeclinesWithoutTheVectorApi() {
        float[] a = {1f, 2f};
        withSimd(false, () -> {
            assertFalse(NeuronRows.active());
            assertFalse(NeuronRows.eventSum(a, new float[][] {{5f, 5f}}, new int[] {0}, new float[] {1f}, 0, 1, 2));
            assertFalse(NeuronRows.eventRowsAt(a, new float[][] {{5f, 5f}}, new int[] {0}, new int[] {0},
                    new float[] {1f}, 0, 1, 2));
            assertFalse(NeuronRows.leakyForward(0, 2, new float[2], 0, new float[2], new float[2], new float[2],
                    new float[2], new float[2], null, new float[2], 0));
            assertFalse(NeuronRows.leakyBackward(0, 2, new float[2], new float[2], new float[2], 0, new float[2],
                    new float[2], new float[2], new float[2], new float[2], null, null, null, null, null));
        });
        assertArrayEquals(new float[] {1f, 2f}, a);
    }

    @Test
    void eventSumsAreOneFusedMultiplyAddPerEventInOrder() {
        assumeTrue(Simd.available());
        Rng rng = new Rng(31);
        for (int n : SIZES) {
            int units = 40;
            float[][] rows = new float[units][];
            for (int u = 0; u < units; u++) {
                rows[u] = random(rng, n, 1, false);
            }
            // rows read in place at offsets: one long array holding the rows with gaps
            float[] flat = random(rng, 3 + units * (n + 2), 1, false);
            int[] off = new int[units];
            for (int u = 0; u < units; u++) {
                off[u] = 3 + u * (n + 2);
            }
            for (int count : new int[] {0, 1, 3, 4, 9, 70}) {
                int[] idx = new int[count + 2];
                float[] val = new float[count + 2];
                for (int p = 0; p < idx.length; p++) {
                    idx[p] = rng.nextInt(units);
                    val[p] = rng.nextFloat() < 0.2 ? 1f : rng.uniform(-2f, 2f);
                }
                val[0] = Float.NaN; // outside the range given to the kernels
                float[] init = random(rng, n, 1, false);
                final int events = count;
                // events [1, 1 + events): the kernel must not look outside its range
                float[] want = init.clone();
                float[] wantAt = init.clone();
                for (int j = 0; j < n; j++) {
                    for (int p = 1; p < 1 + events; p++) {
                        want[j] = Math.fma(val[p], rows[idx[p]][j], want[j]);
                        wantAt[j] = Math.fma(val[p], flat[off[idx[p]] + j], wantAt[j]);
                    }
                }
                float[] got = init.clone();
                float[] gotAt = init.clone();
                float[][] flats = new float[units][];
                Arrays.fill(flats, flat);
                withSimd(true, () -> {
                    assertTrue(NeuronRows.eventSum(got, rows, idx, val, 1, 1 + events, n));
                    assertTrue(NeuronRows.eventRowsAt(gotAt, flats, off, idx, val, 1, 1 + events, n));
                });
                assertArrayEquals(want, got, "eventSum n=" + n + " events=" + events);
                assertArrayEquals(wantAt, gotAt, "eventRowsAt n=" + n + " events=" + events);
            }
        }
    }

    /** Inputs for one step: mostly moderate values, some NaN, infinities and signed zeros. */
    private static float[] values(Rng rng, int n, float lo, float hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            float r = rng.nextFloat();
            v[i] = r < 0.02 ? Float.NaN : r < 0.03 ? Float.POSITIVE_INFINITY : r < 0.04 ? -0f : r < 0.05 ? 0f
                    : rng.uniform(lo, hi);
        }
        return v;
    }

    @Test
    void fusedForwardStepRepeatsThePlainArithmeticExactly() {
        assumeTrue(Simd.available());
        Rng rng = new Rng(32);
        for (int n : SIZES) {
            for (int rs = 0; rs < 3; rs++) {
                final int reset = rs;
                for (boolean withMem : new boolean[] {false, true}) {
                    float[] x = values(rng, 5 + n, -1f, 2f);
                    float[] rec = values(rng, n, -0.5f, 0.5f);
                    float[] bb = random(rng, n, 1, false);
                    float[] tt = random(rng, n, 1, false);
                    tt[0] = 1f;
                    float[] u0 = values(rng, n, -1f, 2f);
                    // expected, from the documented formula
                    float[] wu = u0.clone();
                    float[] ws = new float[n];
                    for (int j = 0; j < n; j++) {
                        float th = tt[j];
                        float base = bb[j] * u0[j] + x[5 + j] + rec[j];
                        float r = step(u0[j] - th);
                        float v = reset == 0 ? base - r * th : reset == 1 ? base - r * base : base;
                        wu[j] = v;
                        ws[j] = step(v - th);
                    }
                    float[] u = u0.clone();
                    float[] sp = new float[n];
                    float[] mem = withMem ? new float[7 + n + 2] : null;
                    float[] spk = new float[7 + n + 2];
                    withSimd(true, () -> assertTrue(NeuronRows.leakyForward(resetCode(reset), n, x, 5, rec, bb, tt,
                            u, sp, mem, spk, 7)));
                    String what = "n=" + n + " reset=" + reset;
                    assertArrayEquals(wu, u, what + ": membrane");
                    assertArrayEquals(ws, sp, what + ": spikes");
                    assertArrayEquals(ws, Arrays.copyOfRange(spk, 7, 7 + n), what + ": stored spikes");
                    assertUntouched(spk, 7, n, what + ": spk");
                    if (withMem) {
                        assertArrayEquals(wu, Arrays.copyOfRange(mem, 7, 7 + n), what + ": stored membrane");
                        assertUntouched(mem, 7, n, what + ": mem");
                    }
                }
            }
        }
    }

    private static int resetCode(int reset) {
        return reset; // 0 subtract, 1 zero, 2 none: Cell's codes
    }

    private static void assertUntouched(float[] a, int from, int n, String what) {
        for (int i = 0; i < a.length; i++) {
            if (i < from || i >= from + n) {
                assertEquals(0f, a[i], what + " written outside its row at " + i);
            }
        }
    }

    @Test
    void fusedReverseStepRepeatsThePlainArithmeticExactly() {
        assumeTrue(Simd.available());
        Rng rng = new Rng(33);
        for (int n : SIZES) {
            for (int rs = 0; rs < 3; rs++) {
                final int reset = rs;
                for (int outputs = 0; outputs < 4; outputs++) {
                    float[] prev = values(rng, n, -1f, 2f);
                    float[] sg = random(rng, n, 1, false);
                    float[] gOut = values(rng, 3 + n, -1f, 1f);
                    float[] bb = random(rng, n, 1, false);
                    float[] tt = random(rng, n, 1, false);
                    float[] cU0 = values(rng, n, -1f, 1f);
                    float[] cK = values(rng, n, -1f, 1f);
                    double[] acc0 = new double[n];
                    for (int j = 0; j < n; j++) {
                        acc0[j] = rng.uniform(-1f, 1f);
                    }
                    float[] wg = new float[n];
                    float[] wcU = new float[n];
                    double[] wpb = acc0.clone();
                    double[] wpt = acc0.clone();
                    double[] wpr = acc0.clone();
                    for (int j = 0; j < n; j++) {
                        float r = step(prev[j] - tt[j]);
                        float gs = (gOut[3 + j] + cK[j]) * sg[j];
                        float gU = cU0[j] + gs;
                        float gth = reset == 0 ? (0f - gs) - r * gU : 0f - gs;
                        float gb = reset == 1 ? gU * (1f - r) : gU;
                        wg[j] = gb;
                        wcU[j] = gb * bb[j];
                        wpb[j] += gb * prev[j];
                        wpt[j] += gth;
                        wpr[j] += gb;
                    }
                    float[] g = new float[n];
                    float[] cU = cU0.clone();
                    // outputs: 0 none, 1 gIn only, 2 gIn and a separate gRec, 3 gRec the same array as gIn
                    float[] gIn = outputs == 0 ? null : new float[3 + n + 1];
                    float[] gRec = outputs == 2 ? new float[3 + n + 1] : outputs == 3 ? gIn : null;
                    boolean sums = outputs >= 2;
                    double[] pb = sums ? acc0.clone() : null;
                    double[] pt = sums ? acc0.clone() : null;
                    double[] pr = sums ? acc0.clone() : null;
                    withSimd(true, () -> assertTrue(NeuronRows.leakyBackward(reset, n, prev, sg, gOut, 3, bb, tt,
                            cU, cK, g, gIn, gRec, pb, pt, pr)));
                    String what = "n=" + n + " reset=" + reset + " outputs=" + outputs;
                    assertArrayEquals(wg, g, what + ": g");
                    assertArrayEquals(wcU, cU, what + ": membrane carry");
                    if (gIn != null) {
                        assertArrayEquals(wg, Arrays.copyOfRange(gIn, 3, 3 + n), what + ": gIn");
                        assertUntouched(gIn, 3, n, what + ": gIn");
                    }
                    if (outputs == 2) {
                        assertArrayEquals(wg, Arrays.copyOfRange(gRec, 3, 3 + n), what + ": gRec");
                    }
                    if (sums) {
                        assertArrayEquals(wpb, pb, what + ": beta partials");
                        assertArrayEquals(wpt, pt, what + ": threshold partials");
                        assertArrayEquals(wpr, pr, what + ": bias partials");
                    }
                }
            }
        }
    }
}
