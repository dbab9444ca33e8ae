package io.snn4j.core.neuron;

import io.snn4j.core.kernel.Elementwise;
import io.snn4j.core.kernel.Gemm;
import io.snn4j.core.kernel.NeuronRows;
import io.snn4j.core.kernel.Parallel;

/**
 * Fused kernels of RLeaky and RSynaptic over {@code [T, B, N]}. Samples are independent, so the forward and
 * reverse passes split the batch over threads with time inside; the recurrent weight gradient is a separate
 * reduction over the whole sequence split over weight columns. All are deterministic for any thread count.
 *
 * <p>Speed: the plain loops use weight rows held as separate arrays and scratch rows indexed from 0, because
 * HotSpot 17 only vectorises {@code y[j] += a * x[j]} when no array is addressed at an offset (one offset operand
 * already blocks it, costing 4-8x). With the Vector API ({@link NeuronRows}, {@link Gemm}) the fast path runs
 * fused kernels instead, which read and write the {@code [T, B, N]} arrays in place:
 * <ul>
 *   <li>forward: per step and sample, the recurrent input is event-driven (one weight row per previous spike,
 *   a register-blocked sum), then one fused pass computes the membrane and the spikes. The spikes found on the
 *   way are kept as lists ({@link SpikeLists}) for the weight gradient;</li>
 *   <li>reverse: dL/dS[t-1] = gRec[t] W is a dense product for all of a thread's samples at once, with W packed
 *   once per call ({@link Gemm#packRight}), the element-wise part one fused pass per sample, which also sums
 *   the bias gradient per element;</li>
 *   <li>weight gradient: event-driven over the listed spikes, blocks of rows in memory order, each thread its
 *   own columns of dW.</li>
 * </ul>
 * Both paths give the same bits as the general per-element code for the same reduction (the fused passes repeat
 * the plain loops' arithmetic, and the general code takes the recurrent input from {@link #recurrentInput}).
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
     * @param mem0   state before step 0 (each nullable = zeros): membrane, synaptic current, spikes, length B*N
     * @param rec    receives the recurrent input of each step {@code [T, B*N]} (what the RLeaky reverse pass
     *               needs); nullable
     * @param spk    receives the spikes {@code [T, B*N]}
     * @param spikes receives the spikes that fed each step (see {@link SpikeLists}) when the fast path runs an
     *               all-to-all model, which finds them anyway for the recurrent input; nullable. Left unfilled
     *               otherwise.
     */
    static void forward(Cell c, float[] x, int T, int B, int N, float[] mem0, float[] syn0, float[] spk0,
            float[] mem, float[] syn, float[] spk, float[] rec, SpikeLists spikes) {
        if (spikes != null) {
            spikes.filled = false;
        }
        if (ElementKernel.fast(c)) {
            forwardFast(c, x, T, B, N, mem0, syn0, spk0, mem, syn, spk, rec, c.w != null ? spikes : null);
        } else {
            forwardGeneric(c, x, T, B, N, mem0, syn0, spk0, mem, syn, spk, rec);
        }
    }

    /** Whether {@link #backward} reads the input and the recorded recurrent input (to rebuild U). */
    static boolean backwardNeedsInput(Cell c) {
        return !ElementKernel.fast(c);
    }

    /** Samples a thread advances together through time in the fast forward pass. */
    static final int SAMPLE_BLOCK = 8;

    /**
     * Fast path (reset delayed, no gradient check): the state lives in scratch rows indexed from 0 and the
     * update is branch-free, so HotSpot vectorises it. A thread takes its samples {@link #SAMPLE_BLOCK} at a
     * time and advances them together, step by step: their state stays in the L1 cache and each step reads and
     * writes one contiguous piece of the {@code [T, B, N]} arrays. {@code mem}, {@code syn} and {@code rec} may
     * be null when not needed; {@code spk} is always written (it is the output and feeds the next step).
     */
    private static void forwardFast(Cell c, float[] x, int T, int B, int N, float[] m0, float[] s0, float[] k0,
            float[] mem, float[] syn, float[] spk, float[] rec, SpikeLists spikes) {
        final int E = B * N;
        if (spikes != null) {
            spikes.reset(T * B);
        }
        final boolean hasSyn = c.kind == Cell.RSYNAPTIC;
        final float[][] wt = c.w == null ? null : Elementwise.transposeToRows(c.w, 0, N, N, null);
        long cost = (long) T * N * (c.w != null ? N / 16 + 4 : 4);
        Parallel.forRange(B, cost, (from, to) -> {
            final int blk = Math.min(SAMPLE_BLOCK, to - from);
            float[] bb = new float[N];
            float[] tt = new float[N];
            float[] aa = new float[N];
            float[] xs = new float[N];
            float[][] u = new float[blk][N];
            float[][] sy = new float[blk][N];
            float[][] sp = new float[blk][N];
            // each sample's recurrent input and the active units feeding it
            float[][] acc = new float[blk][N];
            int[] act = new int[N];
            float[] val = new float[N];
            ListBuffer lb = spikes != null ? spikes.buffer(from, B, Math.max(64, 2 * N)) : null;
            ElementKernel.loadParams(c, 0, N, bb, tt, aa);
            for (int r0 = from; r0 < to; r0 += blk) {
                final int r1 = Math.min(to, r0 + blk);
                for (int r = r0; r < r1; r++) {
                    loadRow(m0, r * N, u[r - r0], N);
                    loadRow(hasSyn ? s0 : null, r * N, sy[r - r0], N);
                    loadRow(k0, r * N, sp[r - r0], N);
                }
                for (int t = 0; t < T; t++) {
                    for (int r = r0; r < r1; r++) {
                        final int i = r - r0;
                        final int o = t * E + r * N;
                        final float[] k = sp[i];
                        final float[] a = acc[i];
                        if (wt != null) {
                            if (lb != null) {
                                // the active units go straight into this thread's spike lists
                                lb.ensure(N);
                                int events = recurrentInput(wt, c.bias, k, 0, N, lb.idx, lb.val, lb.size, a);
                                lb.added(spikes, t * B + r, events);
                            } else {
                                recurrentInput(wt, c.bias, k, 0, N, act, val, 0, a);
                            }
                        } else {
                            float[] v = c.v;
                            for (int n = 0; n < N; n++) {
                                a[n] = k[n] * v[n];
                            }
                        }
                        if (rec != null) {
                            System.arraycopy(a, 0, rec, o, N);
                        }
                        // RLeaky: one fused pass of the Vector API kernel, when in use
                        if (!hasSyn && NeuronRows.leakyForward(c.reset, N, x, o, a, bb, tt, u[i], k, mem, spk, o)) {
                            continue;
                        }
                        System.arraycopy(x, o, xs, 0, N);
                        fastStep(c.reset, hasSyn, N, xs, a, bb, tt, aa, u[i], sy[i], k);
                        System.arraycopy(k, 0, spk, o, N);
                        if (mem != null) {
                            System.arraycopy(u[i], 0, mem, o, N);
                        }
                        if (syn != null) {
                            System.arraycopy(sy[i], 0, syn, o, N);
                        }
                    }
                }
            }
            if (lb != null) {
                lb.publish(spikes, T, B, from, to);
            }
        });
        if (spikes != null) {
            spikes.filled = true;
        }
    }

    /**
     * One step of one sample on rows indexed from 0: {@code xs} holds the input and {@code acc} the recurrent
     * input; updates the membrane {@code u}, the synaptic current {@code sy} (RSynaptic) and the spikes
     * {@code sp}. {@code xs} is scratch afterwards.
     */
    private static void fastStep(int reset, boolean hasSyn, int N, float[] xs, float[] acc, float[] bb,
            float[] tt, float[] aa, float[] u, float[] sy, float[] sp) {
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
        final float[][] wt = c.w == null ? null : Elementwise.transposeToRows(c.w, 0, N, N, null);
        long cost = (long) T * N * (c.w != null ? N / 8 + 14 : 14);
        Parallel.forRange(B, cost, (from, to) -> {
            float[] bb = new float[N];
            float[] tt = new float[N];
            float[] aa = new float[N];
            // recurrent input of the current (step, sample), and the active units feeding it
            float[] acc = new float[N];
            int[] act = new int[N];
            float[] val = new float[N];
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
                        recurrentInput(wt, c.bias, pk, po, N, act, val, 0, acc);
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
     * dL/d(recurrent input) of each step to {@code gRec} for {@link #paramGrads}; it equals dL/d(input), so
     * {@code gRec} may be {@code gIn} itself. {@code rec} (RLeaky only) is the recurrent input the forward pass
     * recorded. With {@code spk0} null (the zeros of the reset state) the spike carry is not propagated through
     * step 0 and ends as zeros.
     *
     * @param pBias per-element partial sums of dL/dbias (the sum of gRec over steps, in double), added to; null
     *              when not needed (see {@link #biasGrad})
     */
    static void backward(Cell c, float[] x, int T, int B, int N, float[] mem0, float[] syn0, float[] spk0,
            float[] mem, float[] syn, float[] rec, float[] gOut, float[] gIn, float[] cu, float[] cs, float[] ck,
            float[] gRec, double[] pb, double[] pt, double[] pa, double[] pBias) {
        if (ElementKernel.fast(c)) {
            backwardFast(c, T, B, N, mem0, syn0, spk0 != null, mem, syn, gOut, gIn, cu, cs, ck, gRec, pb, pt, pa,
                    pBias);
        } else {
            backwardGeneric(c, x, T, B, N, mem0, syn0, spk0 != null, mem, syn, rec, gOut, gIn, cu, cs, ck, gRec,
                    pb, pt, pa, pBias);
        }
    }

    /**
     * The spikes S[t-1] that fed each step, as lists of (unit, value) for each (step, sample) row
     * {@code t * B + r}, units ascending: what the recurrent weight gradient needs. The fast forward pass finds
     * them anyway for the recurrent input and keeps them here, so {@link #paramGrads} need not scan the dense
     * spikes (nor the layer keep a copy of them). Reusable: arrays grow.
     */
    static final class SpikeLists {
        int rows;
        boolean filled;
        /** Where each row's list starts in its buffer, and how long it is. */
        int[] start = new int[0];
        int[] count = new int[0];
        /** The buffers each row's units and values live in (shared by the rows of one thread). */
        int[][] idx = new int[0][];
        float[][] val = new float[0][];

        /** Buffers of earlier calls, by the first sample (or row) of the range a task filled, for reuse. */
        private ListBuffer[] buffers = new ListBuffer[0];

        void reset(int rows) {
            this.rows = rows;
            if (start.length < rows) {
                start = new int[rows];
                count = new int[rows];
                idx = new int[rows][];
                val = new float[rows][];
            }
            filled = false;
        }

        /**
         * An empty buffer for the task whose range starts at {@code from} (of {@code ranges} possible starts): the
         * one that task used last time when there is one, so a sequence of calls stops allocating. Tasks of one
         * call start at different {@code from}, so they get different buffers.
         */
        ListBuffer buffer(int from, int ranges, int capacity) {
            synchronized (this) {
                if (buffers.length != ranges) {
                    buffers = new ListBuffer[ranges];
                }
                ListBuffer b = buffers[from];
                if (b == null) {
                    b = new ListBuffer(capacity);
                    buffers[from] = b;
                }
                b.size = 0;
                return b;
            }
        }

        int events() {
            long n = 0;
            for (int r = 0; r < rows; r++) {
                n += count[r];
            }
            return (int) Math.min(Integer.MAX_VALUE, n);
        }
    }

    /** One thread's growing buffer of spike lists. */
    private static final class ListBuffer {
        int[] idx;
        float[] val;
        int size;

        ListBuffer(int capacity) {
            idx = new int[capacity];
            val = new float[capacity];
        }

        /** Room for n more. */
        void ensure(int n) {
            if (idx.length - size < n) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * idx.length, (long) size + n));
                idx = java.util.Arrays.copyOf(idx, cap);
                val = java.util.Arrays.copyOf(val, cap);
            }
        }

        /** Appends the non-zeros of {@code s[so .. so + n)} as the list of {@code row}. */
        void add(SpikeLists lists, int row, float[] s, int so, int n) {
            ensure(n);
            int k = Gemm.nonZeros(s, so, n, idx, size);
            for (int p = size, end = size + k; p < end; p++) {
                val[p] = s[so + idx[p]];
            }
            lists.start[row] = size;
            lists.count[row] = k;
            size += k;
        }

        void empty(SpikeLists lists, int row) {
            lists.start[row] = size;
            lists.count[row] = 0;
        }

        /** Takes the {@code k} entries written from {@link #size} (after {@code ensure}) as the list of row. */
        void added(SpikeLists lists, int row, int k) {
            lists.start[row] = size;
            lists.count[row] = k;
            size += k;
        }

        /** Makes the rows of samples [from, to) at every one of T steps refer to this (final) buffer. */
        void publish(SpikeLists lists, int T, int B, int from, int to) {
            for (int t = 0; t < T; t++) {
                for (int r = from; r < to; r++) {
                    lists.idx[t * B + r] = idx;
                    lists.val[t * B + r] = val;
                }
            }
        }
    }

    /**
     * Fast reverse pass (reset delayed, no gradient check): U[t] is the stored membrane itself, so neither the
     * input nor the recurrent input is read. Each thread takes a range of samples and walks back in time; the
     * carries of its samples live in rows indexed from 0, and dL/dS[t-1] = gRec[t] W is computed for all its
     * samples at once, with W packed once for all steps ({@link Gemm#mmPackedSerial}). RLeaky's element-wise
     * part is one fused pass per sample and step with the Vector API ({@link NeuronRows#leakyBackward}).
     */
    private static void backwardFast(Cell c, int T, int B, int N, float[] m0, float[] s0,
            boolean spikesBeforeNeeded, float[] mem, float[] syn, float[] gOut, float[] gIn, float[] cu, float[] cs,
            float[] ck, float[] gRec, double[] pb, double[] pt, double[] pa, double[] pBias) {
        final int E = B * N;
        final boolean hasSyn = c.kind == Cell.RSYNAPTIC;
        final int reset = c.reset;
        // packed once for the T products below (the Vector API kernel's layout, or rows for the plain one)
        final Gemm.PackedRight w = c.w == null ? null : Gemm.packRight(c.w, 0, N, N);
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
            double[][] dpr = pBias != null ? new double[nb][N] : null;
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
                if (pBias != null) {
                    System.arraycopy(pBias, ro, dpr[i], 0, N);
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
                    for (int n = 0; n < N; n++) {
                        sg[n] = c.sur.grad(u[n] - tt[n]);
                    }
                    // RLeaky: one fused pass of the Vector API kernel, when in use; else the plain loops below
                    boolean fused = !hasSyn && NeuronRows.leakyBackward(reset, N, prev, sg, gOut, o, bb, tt, cU, cK,
                            g, gIn, gRec, pb != null ? dpb[i] : null, pt != null ? dpt[i] : null,
                            pBias != null ? dpr[i] : null);
                    if (!fused) {
                        System.arraycopy(gOut, o, go, 0, N);
                        // r = R[t] = step(U[t-1] - theta), the detached reset
                        if (reset == Cell.SUB) {
                            for (int n = 0; n < N; n++) {
                                float r = ElementKernel.step(prev[n] - tt[n]);
                                float gs = (go[n] + cK[n]) * sg[n];
                                float gU = cU[n] + gs;
                                gth[n] = (0f - gs) - r * gU;
                                gb[n] = gU;
                            }
                        } else if (reset == Cell.ZERO) {
                            for (int n = 0; n < N; n++) {
                                float r = ElementKernel.step(prev[n] - tt[n]);
                                float gs = (go[n] + cK[n]) * sg[n];
                                float gU = cU[n] + gs;
                                gth[n] = 0f - gs;
                                gb[n] = gU * (1f - r);
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
                        if (pBias != null) {
                            final double[] dr = dpr[i];
                            for (int n = 0; n < N; n++) {
                                dr[n] += g[n];
                            }
                        }
                        if (gIn != null) {
                            System.arraycopy(g, 0, gIn, o, N);
                        }
                        if (gRec != gIn) {
                            System.arraycopy(g, 0, gRec, o, N);
                        }
                    }
                    // the membrane before this step is the one after the previous step; u's array becomes scratch
                    cur[i] = prev;
                    prev = u;
                }
                // dL/dS[t-1] through this step's recurrent input (overwrites the spike carries)
                if (t == 0 && !spikesBeforeNeeded) {
                    for (int i = 0; i < nb; i++) {
                        java.util.Arrays.fill(gck[i], 0f);
                    }
                    continue;
                }
                if (w != null) {
                    Gemm.mmPackedSerial(gd, w, gck, nb);
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
                if (pBias != null) {
                    System.arraycopy(dpr[i], 0, pBias, ro, N);
                }
            }
        });
    }

    /** The per-element reverse pass for every configuration (rebuilds U from the input and recurrent input). */
    private static void backwardGeneric(Cell c, float[] x, int T, int B, int N, float[] mem0, float[] syn0,
            boolean spikesBeforeNeeded, float[] mem, float[] syn, float[] rec, float[] gOut, float[] gIn,
            float[] cu, float[] cs, float[] ck, float[] gRec, double[] pb, double[] pt, double[] pa,
            double[] pBias) {
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
                        if (pBias != null) {
                            pBias[e] += gDrive;
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
     * Adds the recurrent weight gradients: dW[i][j] = sum over steps and samples of gRec[i] * S_prev[j], or
     * dV[i] = sum gRec[i] * S_prev[i]. Step {@code t} reads {@code gRec[t]} at {@code gOff[t]} and the spikes
     * that fed it, {@code sPrev[t]} at {@code sOff[t]} (null = all zero), or, for dW, the lists {@code spikes}
     * when the forward pass filled them for these T * B rows (then {@code sPrev} is not read). The bias gradient
     * comes from the reverse pass's partial sums, {@link #biasGrad}.
     *
     * <p>Each weight is summed over (step, sample) rows in order, in float over at most {@link #FLUSH} events at
     * a time and those partial sums in double (dV: in double), so the step-by-step and whole-sequence paths
     * agree bit for bit, for any thread count.
     */
    static void paramGrads(int T, int B, int N, float[][] gRec, int[] gOff, float[][] sPrev, int[] sOff,
            SpikeLists spikes, float[] dW, float[] dV) {
        final int rowsTotal = T * B;
        if (rowsTotal == 0) {
            return;
        }
        if (dW != null) {
            SpikeLists lists = spikes != null && spikes.filled && spikes.rows == rowsTotal ? spikes
                    : scanSpikes(rowsTotal, B, N, sPrev, sOff);
            weightGrad(rowsTotal, B, N, gRec, gOff, lists, dW);
        }
        if (dV == null) {
            return;
        }
        Parallel.forRange(N, rowsTotal, (from, to) -> {
            final int len = to - from;
            double[] acc = new double[len];
            for (int t = 0; t < T; t++) {
                float[] g = gRec[t];
                float[] s = sPrev[t];
                if (s == null) {
                    continue;
                }
                for (int r = 0; r < B; r++) {
                    int go = gOff[t] + r * N;
                    int so = sOff[t] + r * N;
                    for (int i = from; i < to; i++) {
                        acc[i - from] += (double) g[go + i] * s[so + i];
                    }
                }
            }
            for (int i = from; i < to; i++) {
                dV[i] += (float) acc[i - from];
            }
        });
    }

    /**
     * dbias[i] += the sum over samples r, in order, of the per-element partial sums {@code partial[r * N + i]}
     * (each the sum over steps of gRec, in double, kept by {@link #backward}).
     */
    static void biasGrad(double[] partial, int B, int N, float[] dBias) {
        double[] acc = new double[N];
        for (int r = 0; r < B; r++) {
            int o = r * N;
            for (int i = 0; i < N; i++) {
                acc[i] += partial[o + i];
            }
        }
        for (int i = 0; i < N; i++) {
            dBias[i] += (float) acc[i];
        }
    }

    /** Events of the weight gradient summed in float before the partial sum is added to the double total. */
    static final int FLUSH = 64;

    /** The non-zero spikes of each (step, sample) row of {@code sPrev}, scanned in parallel chunks of rows. */
    static SpikeLists scanSpikes(int rows, int B, int N, float[][] sPrev, int[] sOff) {
        final SpikeLists lists = new SpikeLists();
        lists.reset(rows);
        final int chunks = Math.max(1, Math.min(rows, Parallel.threads()));
        Parallel.forRange(chunks, (long) rows * N / chunks / 8 + 1, (cFrom, cTo) -> {
            for (int ch = cFrom; ch < cTo; ch++) {
                int r0 = (int) ((long) rows * ch / chunks);
                int r1 = (int) ((long) rows * (ch + 1) / chunks);
                ListBuffer lb = new ListBuffer(Math.max(64, 2 * N));
                for (int row = r0; row < r1; row++) {
                    float[] s = sPrev[row / B];
                    if (s != null) {
                        lb.add(lists, row, s, sOff[row / B] + (row % B) * N, N);
                    } else {
                        lb.empty(lists, row);
                    }
                }
                for (int row = r0; row < r1; row++) {
                    lists.idx[row] = lb.idx;
                    lists.val[row] = lb.val;
                }
                // (rows of a chunk need not be whole steps, so publish() does not fit here)
            }
        });
        lists.filled = true;
        return lists;
    }

    /** Rows of the weight gradient whose events are grouped by unit together (their gRec rows stay in cache). */
    static final int ROW_BLOCK = 64;

    /**
     * dW += gRec^T S_prev over all {@code rows} (step, sample) rows, event-driven. Each thread owns a range of
     * units j (columns of dW) and walks the rows in order, {@link #ROW_BLOCK} at a time: it puts the block's
     * spikes of its units into one bucket per unit, then adds {@code s * gRec[row]} to transposed column j for
     * each spike s of j, all of a bucket at once ({@link NeuronRows#eventRowsAt}: the rows read in place, a strip
     * of the column in registers; the plain kernels: copies of the rows, four events per pass). A column takes {@link #FLUSH} events at a time in float, then adds that partial
     * sum to a double total; its events come in row order, so its rounding depends on the spikes alone, not on the
     * threads or the blocks. Rows are read in memory order: gRec is larger than the caches.
     */
    private static void weightGrad(int rows, int B, int N, float[][] gRec, int[] gOff, SpikeLists lists,
            float[] dW) {
        final int events = lists.events();
        if (events == 0) {
            return;
        }
        long perColumn = (long) events + rows / 8 + 1;
        Parallel.forRange(N, perColumn, (from, to) -> {
            final int len = to - from;
            float[][] part = new float[len][N];
            double[][] sum = new double[len][N];
            int[] pending = new int[len];
            // the block's rows (array, offset), and per unit of this thread its spikes in the block: row, value
            float[][] src = new float[ROW_BLOCK][];
            int[] off = new int[ROW_BLOCK];
            // the plain kernels read rows indexed from 0: copies of the block's rows
            final boolean simd = NeuronRows.active();
            float[][] copies = simd ? null : new float[ROW_BLOCK][N];
            int[] bucketRow = new int[len * ROW_BLOCK];
            float[] bucketVal = new float[len * ROW_BLOCK];
            int[] fill = new int[len];
            for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
                final int r1 = Math.min(rows, r0 + ROW_BLOCK);
                boolean any = false;
                for (int row = r0; row < r1; row++) {
                    int cnt = lists.count[row];
                    if (cnt == 0) {
                        continue;
                    }
                    int k = row - r0;
                    int t = row / B;
                    src[k] = gRec[t];
                    off[k] = gOff[t] + (row % B) * N;
                    if (!simd) {
                        System.arraycopy(src[k], off[k], copies[k], 0, N);
                    }
                    int[] idx = lists.idx[row];
                    float[] v = lists.val[row];
                    for (int p = lists.start[row], end = p + cnt; p < end; p++) {
                        int c = idx[p] - from;
                        if (c >= 0 && c < len) {
                            int q = c * ROW_BLOCK + fill[c]++;
                            bucketRow[q] = k;
                            bucketVal[q] = v[p];
                            any = true;
                        }
                    }
                }
                if (!any) {
                    continue;
                }
                for (int c = 0; c < len; c++) {
                    int p = c * ROW_BLOCK;
                    int end = p + fill[c];
                    fill[c] = 0;
                    while (p < end) {
                        int stop = Math.min(end, p + FLUSH - pending[c]);
                        if (!NeuronRows.eventRowsAt(part[c], src, off, bucketRow, bucketVal, p, stop, N)) {
                            addEvents(part[c], copies, bucketRow, bucketVal, p, stop, N);
                        }
                        pending[c] += stop - p;
                        if (pending[c] == FLUSH) {
                            flush(part[c], sum[c], N);
                            pending[c] = 0;
                        }
                        p = stop;
                    }
                }
            }
            for (int c = 0; c < len; c++) {
                if (pending[c] != 0) {
                    flush(part[c], sum[c], N);
                }
            }
            // sum holds dW's columns from..to-1: add them sixteen at a time, so that each row of dW is written in
            // whole cache lines
            for (int c0 = 0; c0 < len; c0 += 16) {
                int c1 = Math.min(len, c0 + 16);
                for (int i = 0; i < N; i++) {
                    int o = i * N + from;
                    for (int c = c0; c < c1; c++) {
                        dW[o + c] += (float) sum[c][i];
                    }
                }
            }
        });
    }

    /** The plain form of {@link NeuronRows#eventRowsAt} on rows indexed from 0: four events per pass. */
    private static void addEvents(float[] acc, float[][] rows, int[] idx, float[] val, int from, int to, int n) {
        int p = from;
        for (; p + 3 < to; p += 4) {
            axpy4(val[p], val[p + 1], val[p + 2], val[p + 3], rows[idx[p]], rows[idx[p + 1]], rows[idx[p + 2]],
                    rows[idx[p + 3]], acc, n);
        }
        for (; p < to; p++) {
            axpy1(val[p], rows[idx[p]], acc, n);
        }
    }

    /** sum += part, part = 0. */
    private static void flush(float[] part, double[] sum, int n) {
        for (int i = 0; i < n; i++) {
            sum[i] += part[i];
        }
        java.util.Arrays.fill(part, 0, n, 0f);
    }

    /**
     * The all-to-all recurrent input {@code acc[0..n) = bias + sum over units j of s[so + j] wt[j]} (bias nullable =
     * zeros), event-driven over the non-zero previous spikes, in ascending j: with the Vector API one fused
     * multiply-add per event ({@link NeuronRows#eventSum}), else four events per pass ({@link #axpy4}). The fast and
     * the general forward pass both take it from here, so they agree bit for bit. Leaves the active units and
     * their spikes in {@code act} and {@code val} from {@code at} (room for n from there) and returns how many
     * there are.
     */
    static int recurrentInput(float[][] wt, float[] bias, float[] s, int so, int n, int[] act, float[] val, int at,
            float[] acc) {
        if (bias != null) {
            System.arraycopy(bias, 0, acc, 0, n);
        } else {
            java.util.Arrays.fill(acc, 0, n, 0f);
        }
        int k = Gemm.nonZeros(s, so, n, act, at);
        int end = at + k;
        for (int p = at; p < end; p++) {
            val[p] = s[so + act[p]];
        }
        if (NeuronRows.eventSum(acc, wt, act, val, at, end, n)) {
            return k;
        }
        int p = at;
        for (; p + 3 < end; p += 4) {
            axpy4(val[p], val[p + 1], val[p + 2], val[p + 3], wt[act[p]], wt[act[p + 1]], wt[act[p + 2]],
                    wt[act[p + 3]], acc, n);
        }
        for (; p < end; p++) {
            axpy1(val[p], wt[act[p]], acc, n);
        }
        return k;
    }

    /**
     * acc[0..n) += sum over units j with v[vo + j] != 0 of v[vo + j] * rows[j]: the event-driven product of a
     * (sparse) vector with a matrix held as rows. {@code act} is scratch of length n.
     */
    static void addRows(float[][] rows, float[] v, int vo, int n, int[] act, float[] acc) {
        int k = Gemm.nonZeros(v, vo, n, act, 0);
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
