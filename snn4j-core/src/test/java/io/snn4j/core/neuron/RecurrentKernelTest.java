package io.snn4j.core.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.kernel.Parallel;
import io.snn4j.core.kernel.SimdSwitch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast recurrent kernels (batched, event-driven, vectorisable) equal the plain per-sample reference
 * {@link RecurrentKernelReference} and textbook sums, within 1e-5 of the largest magnitude, on random shapes
 * and previous-spike densities 0, about 0.05 and 1.
 */
class RecurrentKernelTest {
    private static final double TOL = 1e-5;

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs((double) expected[i] - actual[i]);
            if (!(err <= TOL * scale)) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]
                        + " (largest magnitude " + scale + ")");
            }
        }
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static float[] spikes(Rng rng, double density, int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = rng.nextFloat() < density ? 1f : 0f;
        }
        return s;
    }

    private static float[] uniform(Rng rng, float lo, float hi, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.uniform(lo, hi);
        }
        return a;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.05, 1})
    void eventDrivenProductEqualsTheDenseVectorMatrixProduct(double density) {
        Rng rng = new Rng(11);
        for (int n : new int[] {1, 3, 7, 64, 130}) {
            float[] m = uniform(rng, -1f, 1f, n * n);
            // binary spikes, and graded values (gradient-check mode feeds smooth spikes through the same path)
            for (boolean graded : new boolean[] {false, true}) {
                float[] v = spikes(rng, density, n + 5);
                if (graded) {
                    for (int j = 0; j < v.length; j++) {
                        v[j] *= rng.uniform(-2f, 2f);
                    }
                }
                float[] acc = uniform(rng, -1f, 1f, n);
                float[] expected = new float[n];
                for (int i = 0; i < n; i++) {
                    double s = acc[i];
                    for (int j = 0; j < n; j++) {
                        s += (double) v[5 + j] * m[j * n + i];
                    }
                    expected[i] = (float) s;
                }
                RecurrentKernel.addRows(RecurrentKernel.rows(m, n), v, 5, n, new int[n], acc);
                assertClose(expected, acc, "n=" + n + " graded=" + graded);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.05, 1})
    void weightAndBiasGradientsEqualThePlainSumsOverStepsAndSamples(double density) {
        Rng rng = new Rng(12);
        for (int[] shape : new int[][] {{1, 1, 1}, {5, 3, 7}, {30, 4, 33}, {9, 2, 130}}) {
            int t = shape[0];
            int b = shape[1];
            int n = shape[2];
            int e = b * n;
            float[] g = uniform(rng, -1f, 1f, t * e);
            float[] s = spikes(rng, density, t * e);
            float[][] gs = new float[t][];
            int[] gOff = new int[t];
            float[][] ss = new float[t][];
            int[] sOff = new int[t];
            for (int k = 0; k < t; k++) {
                gs[k] = g;
                gOff[k] = k * e;
                // step 0 is fed by the zero spikes of the reset state
                ss[k] = k == 0 ? null : s;
                sOff[k] = (k - 1) * e;
            }
            double[] dw = new double[n * n];
            double[] db = new double[n];
            for (int k = 0; k < t; k++) {
                for (int r = 0; r < b; r++) {
                    for (int i = 0; i < n; i++) {
                        double gi = g[k * e + r * n + i];
                        db[i] += gi;
                        for (int j = 0; k > 0 && j < n; j++) {
                            dw[i * n + j] += gi * s[(k - 1) * e + r * n + j];
                        }
                    }
                }
            }
            float[] fw = new float[n * n];
            RecurrentKernel.paramGrads(t, b, n, gs, gOff, ss, sOff, null, fw, null);
            // the bias from per-element partial sums over steps, as the reverse pass keeps them
            double[] partial = new double[e];
            for (int k = 0; k < t; k++) {
                for (int i = 0; i < e; i++) {
                    partial[i] += g[k * e + i];
                }
            }
            float[] fb = new float[n];
            RecurrentKernel.biasGrad(partial, b, n, fb);
            String at = "shape " + java.util.Arrays.toString(shape);
            assertClose(toFloat(dw), fw, "dW " + at);
            assertClose(toFloat(db), fb, "dbias " + at);
        }
    }

    @Test
    void weightGradientAccumulatesIntoTheExistingGradient() {
        float[][] g = {{2f, 3f}};
        float[][] s = {{1f, 0f}};
        float[] dw = {10f, 10f, 10f, 10f};
        RecurrentKernel.paramGrads(1, 1, 2, g, new int[] {0}, s, new int[] {0}, null, dw, null);
        // dW[i][j] += g[i] s[j]: only the column of the active unit 0 moves
        assertArrayEquals(new float[] {12f, 10f, 13f, 10f}, dw);
    }

    static Stream<Arguments> models() {
        List<Arguments> a = new ArrayList<>();
        List<Object[]> ms = List.of(
                new Object[] {"rleaky", (Supplier<RecurrentNeuron>) () -> RLeaky.builder(40).learnBeta(true)
                        .learnThreshold(true).build(new Rng(1))},
                new Object[] {"rleaky zero immediate", (Supplier<RecurrentNeuron>) () -> RLeaky.builder(37)
                        .reset(Reset.ZERO).resetDelay(false).bias(false).build(new Rng(2))},
                new Object[] {"rleaky one-to-one", (Supplier<RecurrentNeuron>) () -> RLeaky.builder(9).oneToOne()
                        .v(0.7f).learnBeta(true).build(null)},
                new Object[] {"rsynaptic", (Supplier<RecurrentNeuron>) () -> RSynaptic.builder(33)
                        .learnAlpha(true).learnBeta(true).perNeuron().build(new Rng(3))},
                new Object[] {"rsynaptic none", (Supplier<RecurrentNeuron>) () -> RSynaptic.builder(17)
                        .reset(Reset.NONE).build(new Rng(4))},
                // 70 units: full vectors and register strips of the Vector API kernels, then a ragged end
                new Object[] {"rleaky wide", (Supplier<RecurrentNeuron>) () -> RLeaky.builder(70).learnBeta(true)
                        .learnThreshold(true).perNeuron().build(new Rng(7))},
                new Object[] {"rleaky wide, no bias", (Supplier<RecurrentNeuron>) () -> RLeaky.builder(70)
                        .bias(false).learnBeta(true).build(new Rng(8))});
        for (Object[] m : ms) {
            for (String density : new String[] {"none", "sparse", "all"}) {
                for (boolean initialState : new boolean[] {false, true}) {
                    for (boolean simd : new boolean[] {true, false}) {
                        a.add(Arguments.of(m[0], m[1], density, initialState, simd));
                    }
                }
            }
        }
        return a.stream();
    }

    /** Forward, backward and parameter gradients with the fast kernels, in the order of {@link #NAMES}. */
    private static List<float[]> fast(Cell c, float[] x, int t, int b, int n, float[] m0, float[] y0, float[] k0,
            float[] gOut) {
        int e = b * n;
        int len = t * e;
        float[] mem = new float[len];
        float[] syn = new float[len];
        float[] spk = new float[len];
        float[] rec = new float[len];
        RecurrentKernel.SpikeLists lists = new RecurrentKernel.SpikeLists();
        RecurrentKernel.forward(c, x, t, b, n, m0, y0, k0, mem, syn, spk, rec, lists);
        if (ElementKernel.fast(c) && c.w != null) {
            assertTrue(lists.filled, "the fast all-to-all forward pass lists the spikes");
            assertSameLists(scan(t, b, n, spk, k0), lists);
        } else {
            assertTrue(!lists.filled, "only the fast all-to-all forward pass lists the spikes");
        }
        float[] gIn = new float[len];
        float[] gRec = new float[len];
        float[] cu = new float[e];
        float[] cs = new float[e];
        float[] ck = new float[e];
        double[] pb = new double[e];
        double[] pt = new double[e];
        double[] pa = new double[e];
        double[] pBias = new double[e];
        RecurrentKernel.backward(c, x, t, b, n, m0, y0, k0, mem, syn, rec, gOut, gIn, cu, cs, ck, gRec, pb, pt,
                pa, pBias);
        float[][] params = paramGrads(t, b, n, gRec, spk, k0, c, lists);
        if (c.w != null) {
            params[1] = new float[n];
            RecurrentKernel.biasGrad(pBias, b, n, params[1]);
        }
        return results(spk, mem, syn, gIn, gRec, cu, cs, k0 != null ? ck : new float[0], pb, pt, pa, params);
    }

    /** The spike lists of [T, B, N] spikes fed to each step: from spk0 (nullable) for step 0. */
    private static RecurrentKernel.SpikeLists scan(int t, int b, int n, float[] spk, float[] k0) {
        float[][] ss = new float[t][];
        int[] sOff = new int[t];
        for (int k = 0; k < t; k++) {
            ss[k] = k == 0 ? k0 : spk;
            sOff[k] = k == 0 ? 0 : (k - 1) * b * n;
        }
        return RecurrentKernel.scanSpikes(t * b, b, n, ss, sOff);
    }

    private static void assertSameLists(RecurrentKernel.SpikeLists want, RecurrentKernel.SpikeLists got) {
        assertEquals(want.rows, got.rows, "rows");
        for (int r = 0; r < want.rows; r++) {
            assertEquals(want.count[r], got.count[r], "events of row " + r);
            for (int p = 0; p < want.count[r]; p++) {
                assertEquals(want.idx[r][want.start[r] + p], got.idx[r][got.start[r] + p], "unit, row " + r);
                assertEquals(want.val[r][want.start[r] + p], got.val[r][got.start[r] + p], "value, row " + r);
            }
        }
    }

    private static List<float[]> reference(Cell c, float[] x, int t, int b, int n, float[] m0, float[] y0,
            float[] k0, float[] gOut) {
        int e = b * n;
        int len = t * e;
        float[] mem = new float[len];
        float[] syn = new float[len];
        float[] spk = new float[len];
        float[] rec = new float[len];
        RecurrentKernelReference.forward(c, x, t, b, n, m0, y0, k0, mem, syn, spk, rec);
        float[] gIn = new float[len];
        float[] gRec = new float[len];
        float[] cu = new float[e];
        float[] cs = new float[e];
        float[] ck = new float[e];
        double[] pb = new double[e];
        double[] pt = new double[e];
        double[] pa = new double[e];
        RecurrentKernelReference.backward(c, x, t, b, n, m0, y0, mem, syn, rec, gOut, gIn, cu, cs, ck, gRec, pb, pt,
                pa);
        float[][] params = paramGrads(t, b, n, gRec, spk, k0, c, null);
        return results(spk, mem, syn, gIn, gRec, cu, cs, k0 != null ? ck : new float[0], pb, pt, pa, params);
    }

    /** Parameter gradients; {@code lists} null for the reference, else the fast reverse pass's spike lists. */
    private static float[][] paramGrads(int t, int b, int n, float[] gRec, float[] spk, float[] k0, Cell c,
            RecurrentKernel.SpikeLists lists) {
        boolean fast = lists != null;
        int e = b * n;
        float[][] gs = new float[t][];
        int[] gOff = new int[t];
        float[][] ss = new float[t][];
        int[] sOff = new int[t];
        for (int k = 0; k < t; k++) {
            gs[k] = gRec;
            gOff[k] = k * e;
            ss[k] = k == 0 ? k0 : spk;
            sOff[k] = k == 0 ? 0 : (k - 1) * e;
        }
        float[] dw = c.w != null ? new float[n * n] : null;
        float[] db = c.w != null ? new float[n] : null;
        float[] dv = c.w == null ? new float[n] : null;
        if (fast) {
            RecurrentKernel.paramGrads(t, b, n, gs, gOff, ss, sOff, lists, dw, dv);
        } else {
            RecurrentKernelReference.paramGrads(t, b, n, gs, gOff, ss, sOff, dw, db, dv);
        }
        return c.w != null ? new float[][] {dw, db} : new float[][] {dv};
    }

    private static List<float[]> results(float[] spk, float[] mem, float[] syn, float[] gIn, float[] gRec,
            float[] cu, float[] cs, float[] ck, double[] pb, double[] pt, double[] pa, float[][] params) {
        List<float[]> r = new ArrayList<>(List.of(spk, mem, syn, gIn, gRec, cu, cs, ck, toFloat(pb), toFloat(pt),
                toFloat(pa)));
        r.addAll(List.of(params));
        return r;
    }

    private static final String[] NAMES = {"spikes", "membrane", "synaptic current", "dL/dx", "dL/drec",
        "membrane carry", "current carry", "spike carry", "beta partials", "threshold partials", "alpha partials",
        "dW (or dV)", "dbias"};

    @ParameterizedTest(name = "{0}, {2} spiking, initial state {3}, Vector API {4}")
    @MethodSource("models")
    void fastKernelEqualsThePlainPerSampleReference(String name, Supplier<RecurrentNeuron> model, String density,
            boolean initialState, boolean simd) {
        assumeTrue(!simd || SimdSwitch.available(), "no Vector API in this JVM");
        SimdSwitch.with(simd, () -> compareWithReference(name, model, density, initialState));
    }

    private void compareWithReference(String name, Supplier<RecurrentNeuron> model, String density,
            boolean initialState) {
        RecurrentNeuron layer = model.get();
        Cell c = layer.cell(false);
        Rng rng = new Rng(name.hashCode() * 31L + density.hashCode() + (initialState ? 1 : 0));
        int t = 3 + rng.nextInt(14);
        int b = 1 + rng.nextInt(5);
        int n = layer.n;
        int e = b * n;
        // the input drive sets how many units spike, hence how many feed the recurrence
        // (the synaptic current filters the drive, and without a reset it builds up: both need a lower one)
        boolean syn = name.startsWith("rsynaptic");
        float sparseLo = name.endsWith("none") ? -0.45f : -0.3f;
        float sparseHi = name.endsWith("none") ? 0.2f : syn ? 0.3f : 0.55f;
        float lo = density.equals("none") ? -6f : density.equals("all") ? 8f : sparseLo;
        float hi = density.equals("none") ? -4f : density.equals("all") ? 9f : sparseHi;
        float[] x = uniform(rng, lo, hi, t * e);
        float[] gOut = uniform(rng, -1f, 1f, t * e);
        float[] m0 = initialState ? uniform(rng, -0.5f, 1.5f, e) : null;
        float[] y0 = initialState ? uniform(rng, -0.5f, 0.5f, e) : null;
        float[] k0 = initialState ? spikes(rng, 0.3, e) : null;

        List<float[]> want = reference(c, x, t, b, n, m0, y0, k0, gOut);
        List<float[]> got = fast(c, x, t, b, n, m0, y0, k0, gOut);

        float[] spk = want.get(0);
        double rate = 0;
        for (int i = e; i < spk.length; i++) {
            rate += spk[i];
        }
        rate /= Math.max(1, spk.length - e);
        if (density.equals("none")) {
            assertEquals(0, rate, "no unit should spike");
        } else if (density.equals("all")) {
            assertTrue(rate > 0.95, "nearly every unit should spike, rate " + rate);
        } else if (spk.length > e) {
            assertTrue(rate > 0.005 && rate < 0.3, "sparse spiking expected, rate " + rate);
        }
        assertArrayEquals(spk, got.get(0), "spikes");
        for (int i = 1; i < want.size(); i++) {
            assertClose(want.get(i), got.get(i), NAMES[i]);
        }
    }

    static Stream<Arguments> threadCases() {
        List<Arguments> a = new ArrayList<>();
        for (boolean simd : new boolean[] {true, false}) {
            a.add(Arguments.of("rsynaptic 96", (Supplier<RecurrentNeuron>) () -> RSynaptic.builder(96).learnBeta(true)
                    .build(new Rng(6)), 12, simd));
            // 13 samples: thread ranges of 6 and 7, not whole groups of four rows of the packed product
            a.add(Arguments.of("rleaky 70", (Supplier<RecurrentNeuron>) () -> RLeaky.builder(70).learnBeta(true)
                    .learnThreshold(true).build(new Rng(9)), 13, simd));
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0}, {2} samples, Vector API {3}")
    @MethodSource("threadCases")
    void resultsAreBitIdenticalWithOneOrTwoThreads(String name, Supplier<RecurrentNeuron> model, int b,
            boolean simd) {
        assumeTrue(!simd || SimdSwitch.available(), "no Vector API in this JVM");
        SimdSwitch.with(simd, () -> sameWithOneOrTwoThreads(model.get(), b));
    }

    private void sameWithOneOrTwoThreads(RecurrentNeuron layer, int b) {
        Rng rng = new Rng(5);
        Cell c = layer.cell(false);
        int t = 20;
        int n = layer.n;
        float[] x = uniform(rng, -0.3f, 0.6f, t * b * n);
        float[] g = uniform(rng, -1f, 1f, t * b * n);
        int before = Parallel.threads();
        List<float[]> one;
        List<float[]> two;
        try {
            Parallel.setThreads(1);
            one = fast(c, x, t, b, n, null, null, null, g);
            Parallel.setThreads(2);
            two = fast(c, x, t, b, n, null, null, null, g);
        } finally {
            Parallel.setThreads(before);
        }
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), two.get(i), NAMES[i]);
        }
    }

    @Test
    void repeatedBackwardPassesReuseNoStaleGradientsAndInferenceMatchesTraining() {
        Rng rng = new Rng(11);
        int t = 6;
        int b = 3;
        int n = 16;
        RLeaky layer = RLeaky.builder(n).beta(0.8f).build(new Rng(12));
        io.snn4j.core.Tensor x1 = io.snn4j.core.Tensor.of(uniform(rng, 0f, 0.9f, t * b * n), t, b, n);
        io.snn4j.core.Tensor x2 = io.snn4j.core.Tensor.of(uniform(rng, -0.5f, 1.5f, t * b * n), t, b, n);
        io.snn4j.core.Tensor g1 = io.snn4j.core.Tensor.of(uniform(rng, -1f, 1f, t * b * n), t, b, n);
        io.snn4j.core.Tensor g2 = io.snn4j.core.Tensor.of(uniform(rng, -1f, 1f, t * b * n), t, b, n);
        float[] out = layer.forward(x1, true).data().clone();
        layer.backward(g1);
        List<float[]> first = new ArrayList<>();
        for (io.snn4j.core.Parameter p : layer.parameters()) {
            first.add(p.grad().data().clone());
            p.zeroGrad();
        }
        // another pass in between leaves its gradient buffer behind
        layer.forward(x2, true);
        layer.backward(g2);
        for (io.snn4j.core.Parameter p : layer.parameters()) {
            p.zeroGrad();
        }
        layer.forward(x1, true);
        layer.backward(g1);
        int i = 0;
        for (io.snn4j.core.Parameter p : layer.parameters()) {
            assertArrayEquals(first.get(i++), p.grad().data(), p.name());
        }
        assertArrayEquals(out, layer.forward(x1, false).data(), "inference spikes");
    }

    @Test
    void weightGradientFromTheForwardListsEqualsTheOneFromScanningTheSpikes() {
        Rng rng = new Rng(13);
        RecurrentNeuron layer = RLeaky.builder(70).build(new Rng(14));
        Cell c = layer.cell(false);
        int t = 40;
        int b = 6;
        int n = 70;
        int len = t * b * n;
        // dense enough that many columns take more than FLUSH events
        float[] x = uniform(rng, 0.2f, 1.2f, len);
        float[] k0 = spikes(rng, 0.4, b * n);
        float[] mem = new float[len];
        float[] spk = new float[len];
        RecurrentKernel.SpikeLists lists = new RecurrentKernel.SpikeLists();
        RecurrentKernel.forward(c, x, t, b, n, null, null, k0, mem, null, spk, null, lists);
        float[] gRec = uniform(rng, -1f, 1f, len);
        float[][] gs = new float[t][];
        int[] gOff = new int[t];
        float[][] ss = new float[t][];
        int[] sOff = new int[t];
        for (int k = 0; k < t; k++) {
            gs[k] = gRec;
            gOff[k] = k * b * n;
            ss[k] = k == 0 ? k0 : spk;
            sOff[k] = k == 0 ? 0 : (k - 1) * b * n;
        }
        assertTrue(lists.events() > RecurrentKernel.FLUSH * n, "events " + lists.events());
        float[] listed = new float[n * n];
        float[] scanned = new float[n * n];
        RecurrentKernel.paramGrads(t, b, n, gs, gOff, ss, sOff, lists, listed, null);
        RecurrentKernel.paramGrads(t, b, n, gs, gOff, ss, sOff, null, scanned, null);
        assertArrayEquals(scanned, listed);
        // and the same lists serve a second pass (a repeated backward)
        float[] again = new float[n * n];
        RecurrentKernel.paramGrads(t, b, n, gs, gOff, ss, sOff, lists, again, null);
        assertArrayEquals(scanned, again);
    }

    private static List<float[]> gradients(RecurrentNeuron layer) {
        List<float[]> r = new ArrayList<>();
        for (io.snn4j.core.Parameter p : layer.parameters()) {
            r.add(p.grad().data().clone());
        }
        return r;
    }

    @Test
    void writingIntoTheOutputBeforeBackwardChangesNoGradient() {
        // the layer no longer keeps its own copy of the spikes: the weight gradient must come from its lists
        Rng rng = new Rng(15);
        int t = 9;
        int b = 3;
        int n = 40;
        io.snn4j.core.Tensor x = io.snn4j.core.Tensor.of(uniform(rng, -0.2f, 1.2f, t * b * n), t, b, n);
        io.snn4j.core.Tensor g = io.snn4j.core.Tensor.of(uniform(rng, -1f, 1f, t * b * n), t, b, n);
        RLeaky clean = RLeaky.builder(n).learnBeta(true).build(new Rng(16));
        clean.forward(x, true);
        float[] gInClean = clean.backward(g).data().clone();
        RLeaky dirty = RLeaky.builder(n).learnBeta(true).build(new Rng(16));
        io.snn4j.core.Tensor out = dirty.forward(x, true);
        java.util.Arrays.fill(out.data(), 7f);
        float[] gInDirty = dirty.backward(g).data().clone();
        assertArrayEquals(gInClean, gInDirty, "input gradient");
        List<float[]> want = gradients(clean);
        List<float[]> got = gradients(dirty);
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i), got.get(i), clean.parameters().get(i).name());
        }
        // a second backward from the same forward adds the same gradients again
        dirty.backward(g);
        List<float[]> twice = gradients(dirty);
        for (int i = 0; i < want.size(); i++) {
            float[] w = want.get(i);
            float[] expected = new float[w.length];
            for (int k = 0; k < w.length; k++) {
                expected[k] = w[k] + w[k];
            }
            assertArrayEquals(expected, twice.get(i), "second backward, " + clean.parameters().get(i).name());
        }
    }

    @Test
    void recordedStepsLeftUnfinishedLeaveNoBiasGradientBehind() {
        Rng rng = new Rng(17);
        int t = 5;
        int b = 2;
        int n = 12;
        io.snn4j.core.Tensor x = io.snn4j.core.Tensor.of(uniform(rng, -0.2f, 1.2f, t * b * n), t, b, n);
        io.snn4j.core.Tensor g = io.snn4j.core.Tensor.of(uniform(rng, -1f, 1f, t * b * n), t, b, n);
        RLeaky fresh = RLeaky.builder(n).build(new Rng(18));
        fresh.forward(x, true);
        fresh.backward(g);
        RLeaky used = RLeaky.builder(n).build(new Rng(18));
        used.beginSteps(true);
        for (int k = 0; k < t; k++) {
            used.forwardStep(x.slice0(k));
        }
        // two of five steps back-propagated, then dropped
        used.backwardStep(g.slice0(t - 1));
        used.backwardStep(g.slice0(t - 2));
        used.resetState();
        for (io.snn4j.core.Parameter p : used.parameters()) {
            p.zeroGrad();
        }
        used.forward(x, true);
        used.backward(g);
        List<float[]> want = gradients(fresh);
        List<float[]> got = gradients(used);
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i), got.get(i), fresh.parameters().get(i).name());
        }
    }
}
