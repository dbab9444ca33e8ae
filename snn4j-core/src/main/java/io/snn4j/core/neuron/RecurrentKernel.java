package io.snn4j.core.neuron;

import io.snn4j.core.kernel.Gemm;
import io.snn4j.core.kernel.Parallel;

/**
 * Fused kernels of RLeaky and RSynaptic over {@code [T, B, N]}. Samples are independent, so the forward and
 * reverse passes split the batch over threads with time inside; the recurrent weight gradient is a separate
 * reduction over the whole sequence split over weight columns. All are deterministic for any thread count.
 *
 * <p>Speed: the recurrent products use weight rows held as separate arrays and a scratch row indexed from 0,
 * because HotSpot 17 only vectorises {@code y[j] += a * x[j]} when no array is addressed at an offset (one
 * offset operand already blocks it, costing 4-8x). The forward product and the weight gradient are
 * event-driven: only non-zero previous spikes contribute, one contiguous weight row each.
 *
 * <p>One step, with {@code rec = W S[t-1] + bias} (all-to-all) or {@code V * S[t-1]} (one-to-one), S the
 * previous output spikes and {@code R = step(U[t-1] - theta)} detached:
 * <pre>
 * RLeaky     base = b U[t-1] + I + rec
 * RSynaptic  syn = a syn[t-1] + I + rec;  base = b U[t-1] + syn
 * subtract: U = base - R theta;  zero: U = base - R base;  none: U = base
 * S = step(U - theta);  reset_delay = false: U -= (S - R) * (theta | U)
 * </pre>
 */
final class RecurrentKernel {
    private RecurrentKernel() {
    }

    /**
     * @param mem0 state before step 0 (each nullable = zeros): membrane, synaptic current, spikes, length B*N
     * @param rec  receives the recurrent input of each step {@code [T, B*N]} (what the RLeaky reverse pass needs);
     *             nullable
     * @param spk  receives the spikes {@code [T, B*N]}
     */
    static void forward(Cell c, float[] x, int T, int B, int N, float[] mem0, float[] syn0, float[] spk0,
            float[] mem, float[] syn, float[] spk, float[] rec) {
        if (ElementKernel.fast(c)) {
            forwardFast(c, x, T, B, N, mem0, syn0, spk0, mem, syn, spk, rec);
        } else {
            forwardGeneric(c, x, T, B, N, mem0, syn0, spk0, mem, syn, spk, rec);
        }
    }

    /** Whether {@link #backward} reads the input and the recorded recurrent input (to rebuild U). */
    static boolean backwardNeedsInput(Cell c) {
        return !ElementKernel.fast(c);
    }

    /**
     * Fast path (reset delayed, no gradient check): per sample, the state lives in scratch rows indexed from 0
     * and the update is branch-free, so HotSpot vectorises it. {@code mem}, {@code syn} and {@code rec} may be
     * null when not needed; {@code spk} is always written (it is the output and feeds the next step).
     */
    private static void forwardFast(Cell c, float[] x, int T, int B, int N, float[] m0, float[] s0, float[] k0,
            float[] mem, float[] syn, float[] spk, float[] rec) {
        final int E = B * N;
        final boolean hasSyn = c.kind == Cell.RSYNAPTIC;
        final int reset = c.reset;
        final float[][] wt = c.w == null ? null : rows(transpose(c.w, N), N);
        long cost = (long) T * N * (c.w != null ? N / 8 + 4 : 4);
        Parallel.forRange(B, cost, (from, to) -> {
            float[] bb = new float[N];
            float[] tt = new float[N];
            float[] aa = new float[N];
            float[] acc = new float[N];
            int[] act = new int[N];
            float[] u = new float[N];
            float[] sy = new float[N];
            float[] sp = new float[N];
            float[] xs = new float[N];
            ElementKernel.loadParams(c, 0, N, bb, tt, aa);
            for (int r = from; r < to; r++) {
                final int ro = r * N;
                loadRow(m0, ro, u, N);
                loadRow(hasSyn ? s0 : null, ro, sy, N);
                loadRow(k0, ro, sp, N);
                for (int t = 0; t < T; t++) {
                    final int o = t * E + ro;
                    if (wt != null) {
                        if (c.bias != null) {
                            System.arraycopy(c.bias, 0, acc, 0, N);
                        } else {
                            java.util.Arrays.fill(acc, 0f);
                        }
                        addRows(wt, sp, 0, N, act, acc);
                    } else {
                        float[] v = c.v;
                        for (int n = 0; n < N; n++) {
                            acc[n] = sp[n] * v[n];
                        }
                    }
                    if (rec != null) {
                        System.arraycopy(acc, 0, rec, o, N);
                    }
                    System.arraycopy(x, o, xs, 0, N);
                    if (hasSyn) {
                        for (int n = 0; n < N; n++) {
                            float s = aa[n] * sy[n] + xs[n] + acc[n];
                            sy[n] = s;
                            xs[n] = bb[n] * u[n] + s;
                        }
                    } else {
                        for (int n = 0; n < N; n++) {
                            xs[n] = bb[n] * u[n] + xs[n] + acc[n];
                        }
                    }
                    // xs now holds base = b U[t-1] + drive
                    if (reset == Cell.SUB) {
                        for (int n = 0; n < N; n++) {
                            float th = tt[n];
                            float v = xs[n] - ElementKernel.step(u[n] - th) * th;
                            u[n] = v;
                            sp[n] = ElementKernel.step(v - th);
                        }
                    } else if (reset == Cell.ZERO) {
                        for (int n = 0; n < N; n++) {
                            float th = tt[n];
                            float base = xs[n];
                            float v = base - ElementKernel.step(u[n] - th) * base;
                            u[n] = v;
                            sp[n] = ElementKernel.step(v - th);
                        }
                    } else {
                        for (int n = 0; n < N; n++) {
                            float v = xs[n];
                            u[n] = v;
                            sp[n] = ElementKernel.step(v - tt[n]);
                        }
                    }
                    System.arraycopy(sp, 0, spk, o, N);
                    if (mem != null) {
                        System.arraycopy(u, 0, mem, o, N);
                    }
                    if (syn != null) {
                        System.arraycopy(sy, 0, syn, o, N);
                    }
                }
            }
        });
    }

    private static void loadRow(float[] src, int off, float[] dst, int n) {
        if (src == null) {
            java.util.Arrays.fill(dst, 0, n, 0f);
        } else {
            System.arraycopy(src, off, dst, 0, n);
        }
    }

    /** The per-element code for every configuration; all of mem, syn (RSynaptic) and rec (RLeaky) are needed. */
    private static void forwardGeneric(Cell c, float[] x, int T, int B, int N, float[] mem0, float[] syn0,
            float[] spk0, float[] mem, float[] syn, float[] spk, float[] rec) {
        final int E = B * N;
        final boolean hasSyn = c.kind == Cell.RSYNAPTIC;
        final float[] m0 = mem0 != null ? mem0 : new float[E];
        final float[] s0 = hasSyn ? (syn0 != null ? syn0 : new float[E]) : null;
        final float[] k0 = spk0 != null ? spk0 : new float[E];
        // W transposed, one array per presynaptic unit: each active unit adds one contiguous row
        final float[][] wt = c.w == null ? null : rows(transpose(c.w, N), N);
        long cost = (long) T * N * (c.w != null ? N / 8 + 14 : 14);
        Parallel.forRange(B, cost, (from, to) -> {
            float[] bb = new float[N];
            float[] tt = new float[N];
            float[] aa = new float[N];
            // recurrent input of the current (step, sample), and the active units feeding it
            float[] acc = new float[N];
            int[] act = new int[N];
            ElementKernel.loadParams(c, 0, N, bb, tt, aa);
            for (int r = from; r < to; r++) {
                for (int t = 0; t < T; t++) {
                    final int o = t * E + r * N;
                    final boolean first = t == 0;
                    final float[] pm = first ? m0 : mem;
                    final float[] ps = first ? s0 : syn;
                    final float[] pk = first ? k0 : spk;
                    final int po = first ? r * N : o - E;
                    if (wt != null) {
                        if (c.bias != null) {
                            System.arraycopy(c.bias, 0, acc, 0, N);
                        } else {
                            java.util.Arrays.fill(acc, 0f);
                        }
                        addRows(wt, pk, po, N, act, acc);
                    } else {
                        for (int n = 0; n < N; n++) {
                            acc[n] = pk[po + n] * c.v[n];
                        }
                    }
                    if (rec != null) {
                        System.arraycopy(acc, 0, rec, o, N);
                    }
                    for (int n = 0; n < N; n++) {
                        int i = o + n;
                        float th = tt[n];
                        float b = bb[n];
                        float up = pm[po + n];
                        float rs = up - th > 0f ? 1f : 0f;
                        float base;
                        if (hasSyn) {
                            float sy = aa[n] * ps[po + n] + x[i] + acc[n];
                            syn[i] = sy;
                            base = b * up + sy;
                        } else {
                            base = b * up + x[i] + acc[n];
                        }
                        float u = resetU(c.reset, base, rs, th);
                        float s = c.spike(u - th);
                        spk[i] = s;
                        if (!c.delay) {
                            float d = s - rs;
                            if (c.reset == Cell.SUB) {
                                u = u - d * th;
                            } else if (c.reset == Cell.ZERO) {
                                u = u - d * u;
                            }
                        }
                        mem[i] = u;
                    }
                }
            }
        });
    }

    /**
     * Reverse pass. Carries ({@code cu} membrane, {@code cs} synaptic current, {@code ck} spikes), length B*N,
     * hold the gradient with respect to the state after step T-1 on entry and before step 0 on exit. Writes
     * dL/d(recurrent input) of each step to {@code gRec} for {@link #paramGrads}. {@code rec} (RLeaky only) is
     * the recurrent input the forward pass recorded. With {@code spikesBeforeNeeded} false the spike carry is
     * not propagated through step 0 (the initial spikes were the zeros of the reset state) and ends as zeros.
     */
    static void backward(Cell c, float[] x, int T, int B, int N, float[] mem0, float[] syn0,
            boolean spikesBeforeNeeded, float[] mem, float[] syn, float[] rec, float[] gOut, float[] gIn,
            float[] cu, float[] cs, float[] ck, float[] gRec, double[] pb, double[] pt, double[] pa) {
        if (ElementKernel.fast(c)) {
            backwardFast(c, T, B, N, mem0, syn0, spikesBeforeNeeded, mem, syn, gOut, gIn, cu, cs, ck, gRec, pb,
                    pt, pa);
        } else {
            backwardGeneric(c, x, T, B, N, mem0, syn0, spikesBeforeNeeded, mem, syn, rec, gOut, gIn, cu, cs, ck,
                    gRec, pb, pt, pa);
        }
    }

    /**
     * Fast reverse pass (reset delayed, no gradient check): U[t] is the stored membrane itself, so neither the
     * input nor the recurrent input is read. Each thread takes a range of samples and walks back in time; the
     * carries of its samples live in rows indexed from 0, and dL/dS[t-1] = gRec[t] W is computed for all its
     * samples at once, four weight rows per pass with the samples inside, so those rows stay in the L1 cache.
     */
    private static void backwardFast(Cell c, int T, int B, int N, float[] m0, float[] s0,
            boolean spikesBeforeNeeded, float[] mem, float[] syn, float[] gOut, float[] gIn, float[] cu,
            float[] cs, float[] ck, float[] gRec, double[] pb, double[] pt, double[] pa) {
        final int E = B * N;
        final boolean hasSyn = c.kind == Cell.RSYNAPTIC;
        final int reset = c.reset;
        final float[][] w = c.w == null ? null : rows(c.w, N);
        long cost = (long) T * N * (c.w != null ? N / 4 + 8 : 8);
        Parallel.forRange(B, cost, (from, to) -> {
            final int nb = to - from;
            float[] bb = new float[N];
            float[] tt = new float[N];
            float[] aa = new float[N];
            float[] prev = new float[N];
            float[] ps = new float[N];
            float[] go = new float[N];
            float[] sg = new float[N];
            float[] gb = new float[N];
            float[] gth = new float[N];
            float[][] cur = new float[nb][N];
            float[][] gd = new float[nb][N];
            float[][] gcu = new float[nb][N];
            float[][] gck = new float[nb][N];
            float[][] gcs = hasSyn ? new float[nb][N] : null;
            double[][] dpb = pb != null ? new double[nb][N] : null;
            double[][] dpt = pt != null ? new double[nb][N] : null;
            double[][] dpa = pa != null ? new double[nb][N] : null;
            ElementKernel.loadParams(c, 0, N, bb, tt, aa);
            for (int i = 0; i < nb; i++) {
                int ro = (from + i) * N;
                System.arraycopy(cu, ro, gcu[i], 0, N);
                System.arraycopy(ck, ro, gck[i], 0, N);
                if (hasSyn) {
                    System.arraycopy(cs, ro, gcs[i], 0, N);
                }
                if (pb != null) {
                    System.arraycopy(pb, ro, dpb[i], 0, N);
                }
                if (pt != null) {
                    System.arraycopy(pt, ro, dpt[i], 0, N);
                }
                if (pa != null) {
                    System.arraycopy(pa, ro, dpa[i], 0, N);
                }
                if (T > 0) {
                    System.arraycopy(mem, (T - 1) * E + ro, cur[i], 0, N);
                }
            }
            for (int t = T - 1; t >= 0; t--) {
                for (int i = 0; i < nb; i++) {
                    final int ro = (from + i) * N;
                    final int o = t * E + ro;
                    final float[] u = cur[i];
                    final float[] cU = gcu[i];
                    final float[] cK = gck[i];
                    final float[] g = gd[i];
                    if (t == 0) {
                        loadRow(m0, ro, prev, N);
                    } else {
                        System.arraycopy(mem, o - E, prev, 0, N);
                    }
                    System.arraycopy(gOut, o, go, 0, N);
                    for (int n = 0; n < N; n++) {
                        sg[n] = c.sur.grad(u[n] - tt[n]);
                    }
                    if (reset == Cell.SUB) {
                        for (int n = 0; n < N; n++) {
                            float rs = ElementKernel.step(prev[n] - tt[n]);
                            float gs = (go[n] + cK[n]) * sg[n];
                            float gU = cU[n] + gs;
                            gth[n] = (0f - gs) - rs * gU;
                            gb[n] = gU;
                        }
                    } else if (reset == Cell.ZERO) {
                        for (int n = 0; n < N; n++) {
                            float rs = ElementKernel.step(prev[n] - tt[n]);
                            float gs = (go[n] + cK[n]) * sg[n];
                            float gU = cU[n] + gs;
                            gth[n] = 0f - gs;
                            gb[n] = gU * (1f - rs);
                        }
                    } else {
                        for (int n = 0; n < N; n++) {
                            float gs = (go[n] + cK[n]) * sg[n];
                            gth[n] = 0f - gs;
                            gb[n] = cU[n] + gs;
                        }
                    }
                    // gb = dL/d(base); the drive (input, recurrent input) gets it through the synaptic current
                    if (hasSyn) {
                        final float[] cS = gcs[i];
                        for (int n = 0; n < N; n++) {
                            float d = gb[n] + cS[n];
                            g[n] = d;
                            cS[n] = d * aa[n];
                            cU[n] = gb[n] * bb[n];
                        }
                        if (pa != null) {
                            if (t == 0) {
                                loadRow(s0, ro, ps, N);
                            } else {
                                System.arraycopy(syn, o - E, ps, 0, N);
                            }
                            final double[] da = dpa[i];
                            for (int n = 0; n < N; n++) {
                                da[n] += g[n] * ps[n];
                            }
                        }
                    } else {
                        for (int n = 0; n < N; n++) {
                            g[n] = gb[n];
                            cU[n] = gb[n] * bb[n];
                        }
                    }
                    if (pb != null) {
                        final double[] db = dpb[i];
                        for (int n = 0; n < N; n++) {
                            db[n] += gb[n] * prev[n];
                        }
                    }
                    if (pt != null) {
                        final double[] dt = dpt[i];
                        for (int n = 0; n < N; n++) {
                            dt[n] += gth[n];
                        }
                    }
                    if (gIn != null) {
                        System.arraycopy(g, 0, gIn, o, N);
                    }
                    System.arraycopy(g, 0, gRec, o, N);
                    // the membrane before this step is the one after the previous step; u's array becomes scratch
                    cur[i] = prev;
                    prev = u;
                }
                // dL/dS[t-1] through this step's recurrent input
                for (int i = 0; i < nb; i++) {
                    java.util.Arrays.fill(gck[i], 0f);
                }
                if (t == 0 && !spikesBeforeNeeded) {
                    continue;
                }
                if (w != null) {
                    productRows(w, gd, nb, N, gck);
                } else {
                    float[] v = c.v;
                    for (int i = 0; i < nb; i++) {
                        float[] g = gd[i];
                        float[] k = gck[i];
                        for (int n = 0; n < N; n++) {
                            k[n] = v[n] * g[n];
                        }
                    }
                }
            }
            for (int i = 0; i < nb; i++) {
                int ro = (from + i) * N;
                System.arraycopy(gcu[i], 0, cu, ro, N);
                System.arraycopy(gck[i], 0, ck, ro, N);
                if (hasSyn) {
                    System.arraycopy(gcs[i], 0, cs, ro, N);
                }
                if (pb != null) {
                    System.arraycopy(dpb[i], 0, pb, ro, N);
                }
                if (pt != null) {
                    System.arraycopy(dpt[i], 0, pt, ro, N);
                }
                if (pa != null) {
                    System.arraycopy(dpa[i], 0, pa, ro, N);
                }
            }
        });
    }

    /**
     * out[i][0..n) += sum over j of v[i][j] rows[j], for each of {@code m} vectors {@code v[i]}, in the calling
     * thread: {@link Gemm#mmRowsSerial} (Vector API kernel when active, else four rows per pass with a group of
     * four zeros skipped). Each output row sums its terms in ascending j whatever the number of vectors.
     */
    static void productRows(float[][] rows, float[][] v, int m, int n, float[][] out) {
        Gemm.mmRowsSerial(v, rows, out, m, n, n);
    }

    /** The per-element reverse pass for every configuration (rebuilds U from the input and recurrent input). */
    private static void backwardGeneric(Cell c, float[] x, int T, int B, int N, float[] mem0, float[] syn0,
            boolean spikesBeforeNeeded, float[] mem, float[] syn, float[] rec, float[] gOut, float[] gIn,
            float[] cu, float[] cs, float[] ck, float[] gRec, double[] pb, double[] pt, double[] pa) {
        final int E = B * N;
        final boolean hasSyn = c.kind == Cell.RSYNAPTIC;
        final float[] m0 = mem0 != null ? mem0 : new float[E];
        final float[] s0 = hasSyn ? (syn0 != null ? syn0 : new float[E]) : null;
        long cost = (long) T * N * (c.w != null ? N / 4 + 30 : 32);
        // W one array per row (postsynaptic unit): dL/dS[t-1] = sum over units n of gRec[n] W[n, :]
        final float[][] w = c.w == null ? null : rows(c.w, N);
        Parallel.forRange(B, cost, (from, to) -> {
            float[] acc = new float[N];
            int[] act = new int[N];
            float[] bb = new float[N];
            float[] tt = new float[N];
            float[] aa = new float[N];
            ElementKernel.loadParams(c, 0, N, bb, tt, aa);
            for (int r = from; r < to; r++) {
                final int ro = r * N;
                for (int t = T - 1; t >= 0; t--) {
                    final int o = t * E + ro;
                    final boolean first = t == 0;
                    final float[] pm = first ? m0 : mem;
                    final float[] ps = first ? s0 : syn;
                    final int po = first ? ro : o - E;
                    for (int n = 0; n < N; n++) {
                        int i = o + n;
                        int e = ro + n;
                        float th = tt[n];
                        float b = bb[n];
                        float up = pm[po + n];
                        float rs = up - th > 0f ? 1f : 0f;
                        float base = hasSyn ? b * up + syn[i] : b * up + x[i] + rec[i];
                        float u = resetU(c.reset, base, rs, th);
                        float sg = c.sur.grad(u - th);
                        float cur = cu[e];
                        float gU = cur;
                        float gth = 0f;
                        if (!c.delay && c.reset != Cell.NONE) {
                            float d = c.spike(u - th) - rs;
                            if (c.reset == Cell.SUB) {
                                gU = cur * (1f - sg * th);
                                gth = cur * (sg * th - d);
                            } else {
                                gU = cur * ((1f - d) - sg * u);
                                gth = cur * (u * sg);
                            }
                        }
                        float gs = (gOut[i] + ck[e]) * sg;
                        gU += gs;
                        gth -= gs;
                        float gBase = c.reset == Cell.ZERO ? gU * (1f - rs) : gU;
                        if (c.reset == Cell.SUB) {
                            gth -= rs * gU;
                        }
                        float gDrive;
                        if (hasSyn) {
                            gDrive = gBase + cs[e];
                            if (pa != null) {
                                pa[e] += gDrive * ps[po + n];
                            }
                            cs[e] = gDrive * aa[n];
                        } else {
                            gDrive = gBase;
                        }
                        if (pb != null) {
                            pb[e] += gBase * up;
                        }
                        cu[e] = gBase * b;
                        if (pt != null) {
                            pt[e] += gth;
                        }
                        if (gIn != null) {
                            gIn[i] = gDrive;
                        }
                        gRec[i] = gDrive;
                    }
                    // dL/dS[t-1] through this step's recurrent input.
                    if (t == 0 && !spikesBeforeNeeded) {
                        java.util.Arrays.fill(ck, ro, ro + N, 0f);
                    } else if (w != null) {
                        java.util.Arrays.fill(acc, 0f);
                        addRows(w, gRec, o, N, act, acc);
                        System.arraycopy(acc, 0, ck, ro, N);
                    } else {
                        for (int n = 0; n < N; n++) {
                            ck[ro + n] = c.v[n] * gRec[o + n];
                        }
                    }
                }
            }
        });
    }

    /**
     * Adds the recurrent parameter gradients: dW[i][j] = sum over steps and samples of gRec[i] * S_prev[j],
     * dbias[i] = sum gRec[i], dV[i] = sum gRec[i] * S_prev[i]. Step {@code t} reads {@code gRec[t]} at
     * {@code gOff[t]} and the spikes that fed it, {@code sPrev[t]} at {@code sOff[t]} (null = all zero).
     * Every sum runs over (step, sample) rows in order and is kept in double (dW: in float over at most
     * {@link #FLUSH} rows at a time), so the step-by-step and whole-sequence paths agree bit for bit.
     */
    static void paramGrads(int T, int B, int N, float[][] gRec, int[] gOff, float[][] sPrev, int[] sOff,
            float[] dW, float[] dBias, float[] dV) {
        final int rowsTotal = T * B;
        if (dW != null && rowsTotal > 0) {
            weightGrad(rowsTotal, B, N, gRec, gOff, sPrev, sOff, dW);
        }
        final float[] out = dW != null ? dBias : dV;
        if (out == null) {
            return;
        }
        final boolean bias = dW != null;
        Parallel.forRange(N, rowsTotal, (from, to) -> {
            final int len = to - from;
            double[] acc = new double[len];
            // a copy indexed from 0, so that the bias sum vectorises
            float[] row = new float[len];
            for (int t = 0; t < T; t++) {
                float[] g = gRec[t];
                float[] s = sPrev[t];
                if (!bias && s == null) {
                    continue;
                }
                for (int r = 0; r < B; r++) {
                    int go = gOff[t] + r * N;
                    if (bias) {
                        System.arraycopy(g, go + from, row, 0, len);
                        for (int i = 0; i < len; i++) {
                            acc[i] += row[i];
                        }
                    } else {
                        int so = sOff[t] + r * N;
                        for (int i = from; i < to; i++) {
                            acc[i - from] += (double) g[go + i] * s[so + i];
                        }
                    }
                }
            }
            for (int i = from; i < to; i++) {
                out[i] += (float) acc[i - from];
            }
        });
    }

    /** Rows of float partial sums of the weight gradient before they are added to the double total. */
    static final int FLUSH = 64;

    /**
     * dW += gRec^T S_prev over all {@code rows} (step, sample) rows, event-driven: the previous spikes are
     * listed by unit j (rows ascending), then column j of dW is the sum of the gRec rows where j was active.
     */
    private static void weightGrad(int rows, int B, int N, float[][] gRec, int[] gOff, float[][] sPrev,
            int[] sOff, float[] dW) {
        // active units of each row (branch-free compaction; row r's list starts at r * N)
        final int[] nz = new int[rows * N];
        final int[] count = new int[rows];
        Parallel.forRange(rows, N, (from, to) -> {
            for (int row = from; row < to; row++) {
                float[] s = sPrev[row / B];
                if (s == null) {
                    continue;
                }
                int so = sOff[row / B] + (row % B) * N;
                int base = row * N;
                int k = 0;
                for (int j = 0; j < N; j++) {
                    nz[base + k] = j;
                    k += s[so + j] != 0f ? 1 : 0;
                }
                count[row] = k;
            }
        });
        // by unit (column), rows ascending
        final int[] colPtr = new int[N + 1];
        for (int row = 0; row < rows; row++) {
            for (int p = row * N, end = p + count[row]; p < end; p++) {
                colPtr[nz[p] + 1]++;
            }
        }
        for (int j = 0; j < N; j++) {
            colPtr[j + 1] += colPtr[j];
        }
        final int run = colPtr[N];
        if (run == 0) {
            return;
        }
        final int[] next = java.util.Arrays.copyOf(colPtr, N);
        final int[] rowIdx = new int[run];
        final float[] val = new float[run];
        for (int row = 0; row < rows; row++) {
            int so = sOff[row / B] + (row % B) * N;
            for (int p = row * N, end = p + count[row]; p < end; p++) {
                int j = nz[p];
                int q = next[j]++;
                rowIdx[q] = row;
                val[q] = sPrev[row / B][so + j];
            }
        }
        // gRec rows (only those with active units) as separate arrays, so that the accumulation below vectorises
        final float[][] g = new float[rows][];
        Parallel.forRange(rows, N / 8 + 1, (from, to) -> {
            for (int row = from; row < to; row++) {
                if (count[row] != 0) {
                    int go = gOff[row / B] + (row % B) * N;
                    g[row] = java.util.Arrays.copyOfRange(gRec[row / B], go, go + N);
                }
            }
        });
        long avg = (long) N * (run / N + 1);
        Parallel.forRange(N, avg, (from, to) -> {
            float[] part = new float[N];
            double[] sum = new double[N];
            for (int j = from; j < to; j++) {
                int p = colPtr[j];
                int end = colPtr[j + 1];
                if (p == end) {
                    continue;
                }
                java.util.Arrays.fill(sum, 0.0);
                while (p < end) {
                    int stop = Math.min(end, p + FLUSH);
                    java.util.Arrays.fill(part, 0f);
                    for (; p + 3 < stop; p += 4) {
                        axpy4(val[p], val[p + 1], val[p + 2], val[p + 3], g[rowIdx[p]], g[rowIdx[p + 1]],
                                g[rowIdx[p + 2]], g[rowIdx[p + 3]], part, N);
                    }
                    for (; p < stop; p++) {
                        axpy1(val[p], g[rowIdx[p]], part, N);
                    }
                    for (int i = 0; i < N; i++) {
                        sum[i] += part[i];
                    }
                }
                for (int i = 0; i < N; i++) {
                    dW[i * N + j] += (float) sum[i];
                }
            }
        });
    }

    /**
     * acc[0..n) += sum over units j with v[vo + j] != 0 of v[vo + j] * rows[j]: the event-driven product of a
     * (sparse) vector with a matrix held as rows. {@code act} is scratch of length n.
     */
    static void addRows(float[][] rows, float[] v, int vo, int n, int[] act, float[] acc) {
        int k = 0;
        for (int j = 0; j < n; j++) {
            act[k] = j;
            k += v[vo + j] != 0f ? 1 : 0;
        }
        int p = 0;
        for (; p + 3 < k; p += 4) {
            int j0 = act[p];
            int j1 = act[p + 1];
            int j2 = act[p + 2];
            int j3 = act[p + 3];
            axpy4(v[vo + j0], v[vo + j1], v[vo + j2], v[vo + j3], rows[j0], rows[j1], rows[j2], rows[j3], acc, n);
        }
        for (; p < k; p++) {
            axpy1(v[vo + act[p]], rows[act[p]], acc, n);
        }
    }

    /**
     * y[0..n) += a0 x0 + a1 x1 + a2 x2 + a3 x3. Every array is indexed from 0, the form HotSpot vectorises;
     * more than four rows per pass stops it vectorising.
     */
    static void axpy4(float a0, float a1, float a2, float a3, float[] x0, float[] x1, float[] x2, float[] x3,
            float[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += a0 * x0[j] + a1 * x1[j] + a2 * x2[j] + a3 * x3[j];
        }
    }

    /** y[0..n) += a x. */
    static void axpy1(float a, float[] x, float[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += a * x[j];
        }
    }

    /** The rows of a row-major {@code [n, n]} matrix as separate arrays. */
    static float[][] rows(float[] m, int n) {
        float[][] r = new float[n][];
        for (int i = 0; i < n; i++) {
            r[i] = java.util.Arrays.copyOfRange(m, i * n, i * n + n);
        }
        return r;
    }

    static float[] transpose(float[] w, int n) {
        float[] t = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[j * n + i] = w[i * n + j];
            }
        }
        return t;
    }

    static float resetU(int reset, float base, float rs, float th) {
        if (reset == Cell.SUB) {
            return base - rs * th;
        }
        if (reset == Cell.ZERO) {
            return base - rs * base;
        }
        return base;
    }
}
