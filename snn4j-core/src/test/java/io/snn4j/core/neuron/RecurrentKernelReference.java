package io.snn4j.core.neuron;

/**
 * The plain specification of {@link RecurrentKernel}: one sample at a time, the recurrent products as textbook
 * loops (dense over W for dL/dS, per weight row for dW, all in the order of the definition). Only the test
 * uses it; the fast kernel must agree with it to float rounding.
 */
final class RecurrentKernelReference {
    private RecurrentKernelReference() {
    }

    /**
     * @param mem0 state before step 0 (each nullable = zeros): membrane, synaptic current, spikes, length B*N
     * @param rec  receives the recurrent input of each step {@code [T, B*N]}
     * @param spk  receives the spikes {@code [T, B*N]}
     */
    static void forward(Cell c, float[] x, int T, int B, int N, float[] mem0, float[] syn0, float[] spk0,
            float[] mem, float[] syn, float[] spk, float[] rec) {
        final int E = B * N;
        final boolean hasSyn = c.kind == Cell.RSYNAPTIC;
        final float[] m0 = mem0 != null ? mem0 : new float[E];
        final float[] s0 = hasSyn ? (syn0 != null ? syn0 : new float[E]) : null;
        final float[] k0 = spk0 != null ? spk0 : new float[E];
        // W transposed so that each active presynaptic spike adds one contiguous column: spikes are sparse
        final float[] wt = c.w == null ? null : transpose(c.w, N);
        range(B, (from, to) -> {
            float[] bb = new float[N];
            float[] tt = new float[N];
            float[] aa = new float[N];
            ElementKernel.loadParams(c, 0, N, bb, tt, aa);
            for (int r = from; r < to; r++) {
                for (int t = 0; t < T; t++) {
                    final int o = t * E + r * N;
                    final boolean first = t == 0;
                    final float[] pm = first ? m0 : mem;
                    final float[] ps = first ? s0 : syn;
                    final float[] pk = first ? k0 : spk;
                    final int po = first ? r * N : o - E;
                    recurrentInput(c, wt, pk, po, N, rec, o);
                    for (int n = 0; n < N; n++) {
                        int i = o + n;
                        float th = tt[n];
                        float b = bb[n];
                        float up = pm[po + n];
                        float rs = up - th > 0f ? 1f : 0f;
                        float base;
                        if (hasSyn) {
                            float sy = aa[n] * ps[po + n] + x[i] + rec[i];
                            syn[i] = sy;
                            base = b * up + sy;
                        } else {
                            base = b * up + x[i] + rec[i];
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
     * dL/d(recurrent input) of each step to {@code gRec} for {@link #paramGrads}.
     */
    static void backward(Cell c, float[] x, int T, int B, int N, float[] mem0, float[] syn0, float[] mem,
            float[] syn, float[] rec, float[] gOut, float[] gIn, float[] cu, float[] cs, float[] ck, float[] gRec,
            double[] pb, double[] pt, double[] pa) {
        final int E = B * N;
        final boolean hasSyn = c.kind == Cell.RSYNAPTIC;
        final float[] m0 = mem0 != null ? mem0 : new float[E];
        final float[] s0 = hasSyn ? (syn0 != null ? syn0 : new float[E]) : null;
        final float[] w = c.w;
        range(B, (from, to) -> {
            float[] acc = new float[N];
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
                    if (w != null) {
                        java.util.Arrays.fill(acc, 0f);
                        for (int n = 0; n < N; n++) {
                            float g = gRec[o + n];
                            if (g != 0f) {
                                axpy(g, w, n * N, acc, N);
                            }
                        }
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
     * Sums run over t then samples in order, in double, so the step-by-step and whole-sequence paths agree bit
     * for bit.
     */
    static void paramGrads(int T, int B, int N, float[][] gRec, int[] gOff, float[][] sPrev, int[] sOff,
            float[] dW, float[] dBias, float[] dV) {
        // indices of the non-zero previous spikes of each (step, sample): the weight gradient only needs those
        final int[] nz = new int[T * B * N];
        final int[] count = new int[T * B];
        for (int t = 0; t < T; t++) {
            if (sPrev[t] == null) {
                continue;
            }
            for (int r = 0; r < B; r++) {
                int so = sOff[t] + r * N;
                int base = (t * B + r) * N;
                int k = 0;
                for (int j = 0; j < N; j++) {
                    if (sPrev[t][so + j] != 0f) {
                        nz[base + k++] = j;
                    }
                }
                count[t * B + r] = k;
            }
        }
        range(N, (from, to) -> {
            double[] acc = new double[N];
            for (int i = from; i < to; i++) {
                java.util.Arrays.fill(acc, 0.0);
                double gb = 0;
                double gv = 0;
                for (int t = 0; t < T; t++) {
                    float[] g = gRec[t];
                    float[] s = sPrev[t];
                    for (int r = 0; r < B; r++) {
                        float gi = g[gOff[t] + r * N + i];
                        if (gi == 0f) {
                            continue;
                        }
                        gb += gi;
                        if (s == null) {
                            continue;
                        }
                        int so = sOff[t] + r * N;
                        if (dW != null) {
                            int base = (t * B + r) * N;
                            int cnt = count[t * B + r];
                            for (int k = 0; k < cnt; k++) {
                                int j = nz[base + k];
                                acc[j] += (double) gi * s[so + j];
                            }
                        } else {
                            gv += (double) gi * s[so + i];
                        }
                    }
                }
                if (dW != null) {
                    for (int j = 0; j < N; j++) {
                        dW[i * N + j] += (float) acc[j];
                    }
                    if (dBias != null) {
                        dBias[i] += (float) gb;
                    }
                } else {
                    dV[i] += (float) gv;
                }
            }
        });
    }

    /** rec[o..o+N) = W s + bias or V * s, from the previous spikes {@code s[so..so+N)}; {@code wt} is W transposed. */
    private static void recurrentInput(Cell c, float[] wt, float[] s, int so, int N, float[] rec, int o) {
        if (wt != null) {
            if (c.bias != null) {
                System.arraycopy(c.bias, 0, rec, o, N);
            } else {
                java.util.Arrays.fill(rec, o, o + N, 0f);
            }
            for (int j = 0; j < N; j++) {
                float sj = s[so + j];
                if (sj != 0f) {
                    int wo = j * N;
                    for (int i = 0; i < N; i++) {
                        rec[o + i] += wt[wo + i] * sj;
                    }
                }
            }
        } else {
            for (int i = 0; i < N; i++) {
                rec[o + i] = s[so + i] * c.v[i];
            }
        }
    }

    /** y[0..n) += a * x[xo..xo+n): a plain loop the JIT vectorises. */
    private static void axpy(float a, float[] x, int xo, float[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += a * x[xo + j];
        }
    }

    private static void range(int n, io.snn4j.core.kernel.Parallel.RangeBody body) {
        body.run(0, n);
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
