package io.snn4j.core.neuron;

import io.snn4j.core.kernel.Parallel;
import io.snn4j.core.kernel.RowSource;

/**
 * Fused whole-sequence kernels of the element-wise neuron models (Leaky, IF, Synaptic, LeakyIntegrator): one
 * pass over time per element, forward and reverse. Arrays are time-major {@code [T, E]} with {@code E = B * F}
 * elements per step. Work is split over blocks of elements, each element's recurrence and its partial parameter
 * gradients live in that element's own slots, so results do not depend on the thread count.
 *
 * <p>The update of one step, with {@code R = step(U[t-1] - theta)} detached (snnTorch's {@code mem_reset}):
 * <pre>
 * Leaky     subtract: U = b U[t-1] + I - R theta;  zero: U = b ((1 - R) U[t-1]) + I;  none: U = b U[t-1] + I
 * Synaptic  syn = a syn[t-1] + I;  base = b U[t-1] + syn;
 *           subtract: U = base - R theta;  zero: U = base - base R (input zeroed too);  none: U = base
 * Integrator U = b U[t-1] + I, output U
 * S = gsf * step(U - theta);  reset_delay = false: U -= (step(U - theta) - R) * (theta | U)
 * </pre>
 * The backward pass recomputes R and the surrogate from the stored membranes, so only the membrane (and the
 * synaptic current) is kept per step; with {@code reset_delay = false} it also recomputes U from the input.
 *
 * <p>Speed: the common configurations (reset delayed, not in gradient-check mode, and every integrator) take a
 * fast path whose inner loops HotSpot 17 vectorises: each block of elements keeps its state in scratch arrays
 * indexed from 0 (one array addressed at an offset already stops C2 vectorising a loop), rows are moved in and
 * out with {@code System.arraycopy}, and the step function is {@link #step}, built from {@code Math.min/max}
 * (a {@code ? :} compiles to a branch, 10x slower on random spikes). The fast path gives the same bits as the
 * general per-element code, which stays for the rest.
 */
final class ElementKernel {
    /** Elements per block: the scratch rows of one block stay in the L1 cache. */
    private static final int BLOCK = 512;
    private static final float BIG = 0x1p127f;
    /** Tests only: use the general per-element code even where the fast path applies. */
    static volatile boolean forceGeneric;

    private ElementKernel() {
    }

    /**
     * {@code d > 0 ? 1 : 0} without a branch: any positive float (even the smallest subnormal) times 2^254 is
     * at least 1, zero and negatives clamp to 0. (NaN gives NaN, where the branch gives 0.)
     */
    static float step(float d) {
        return Math.min(1f, Math.max(0f, d * BIG * BIG));
    }

    static boolean fast(Cell c) {
        return !forceGeneric && (c.kind == Cell.INTEGRATOR || (c.delay && !c.gc));
    }

    /** Whether {@link #backward} reads the input {@code x}: only to rebuild U under an immediate reset. */
    static boolean backwardNeedsInput(Cell c) {
        return c.kind != Cell.INTEGRATOR && !c.delay;
    }

    /**
     * @param mem0   membrane before step 0, length {@code E} (zeros when null); likewise {@code syn0}
     * @param out    spikes (or the membrane for the integrator) {@code [T, E]}
     * @param mem    membrane after each step (after any immediate reset) {@code [T, E]}, or null when not needed
     * @param syn    synaptic current {@code [T, E]} for Synaptic when needed, else null
     * @param memEnd receives the membrane after the last step, length {@code E}; nullable; likewise {@code synEnd}
     */
    static void forward(Cell c, float[] x, int T, int E, float[] mem0, float[] syn0, float[] out, float[] mem,
            float[] syn, float[] memEnd, float[] synEnd) {
        if (fast(c)) {
            forwardFast(c, x, T, E, mem0, syn0, out, mem, syn, memEnd, synEnd);
            return;
        }
        boolean synaptic = c.kind == Cell.SYNAPTIC;
        float[] m = mem != null ? mem : new float[T * E];
        float[] s = !synaptic ? null : syn != null ? syn : new float[T * E];
        forwardGeneric(c, x, T, E, mem0, syn0, out, m, s);
        if (memEnd != null && T > 0) {
            System.arraycopy(m, (T - 1) * E, memEnd, 0, E);
        }
        if (synEnd != null && synaptic && T > 0) {
            System.arraycopy(s, (T - 1) * E, synEnd, 0, E);
        }
    }

    /**
     * Whether {@link #forwardEmitting} applies: the fast path of a spiking model (not the integrator) with a
     * non-zero finite spike value.
     */
    static boolean canEmit(Cell c) {
        return fast(c) && c.kind != Cell.INTEGRATOR && c.gsf != 0f && Float.isFinite(c.gsf);
    }

    /**
     * {@link #forward} on the fast path, then the list of the spikes it wrote, by row {@code (t, b)} of {@code F}
     * features (CSR, columns ascending), so the next synapse needs no scan of {@code out}. The list is made by one
     * parallel scan of {@code out} after the update: measured on shd_ff (density 0.05), listing inside the update
     * loop, while the spikes are in L1, took twice as long (1.3 against 0.66 ms). Requires {@link #canEmit}.
     *
     * @param B samples per step ({@code E = B * F})
     * @return the spikes of {@code out} as {@code [T * B, F]} events
     */
    static io.snn4j.core.Tensor.Events forwardEmitting(Cell c, float[] x, int T, int B, int F, float[] mem0,
            float[] syn0, float[] out, float[] mem, float[] syn) {
        if (!canEmit(c)) {
            throw new IllegalStateException("ElementKernel: no spike list for this configuration");
        }
        forwardFast(c, x, T, B * F, mem0, syn0, out, mem, syn, null, null, 0, null);
        return listSpikes(out, T * B, F);
    }

    /**
     * {@link #forwardEmitting} with the input current computed row by row by {@code src} (a synapse fused in
     * front) instead of read from an array: the current never goes to memory. Lists the spikes only when
     * {@code list} (else returns null).
     */
    static io.snn4j.core.Tensor.Events forwardEmitting(Cell c, RowSource src, int T, int B, int F, float[] out,
            float[] mem, float[] syn, boolean list) {
        if (!canEmit(c)) {
            throw new IllegalStateException("ElementKernel: no spike list for this configuration");
        }
        forwardFast(c, null, T, B * F, null, null, out, mem, syn, null, null, F, src);
        return list ? listSpikes(out, T * B, F) : null;
    }

    /** The calling thread's scan buffers, reused across calls (the snapshot is a copy). */
    private static final ThreadLocal<io.snn4j.core.kernel.EventAccumulate.Events> SCAN =
            ThreadLocal.withInitial(io.snn4j.core.kernel.EventAccumulate.Events::new);

    static io.snn4j.core.Tensor.Events listSpikes(float[] out, int rows, int F) {
        return SCAN.get().of(out, 0, rows, F).snapshot();
    }

    private static void forwardFast(Cell c, float[] x, int T, int E, float[] m0, float[] s0, float[] out,
            float[] mem, float[] syn, float[] memEnd, float[] synEnd) {
        forwardFast(c, x, T, E, m0, s0, out, mem, syn, memEnd, synEnd, 0, null);
    }

    private static void forwardFast(Cell c, float[] x, int T, int E, float[] m0, float[] s0, float[] out,
            float[] mem, float[] syn, float[] memEnd, float[] synEnd, int rowLen, RowSource src) {
        final int kind = c.kind;
        final int reset = c.reset;
        final float gsf = c.gsf;
        // With a row source: blocks of whole rows, chunks of whole samples; else blocks of BLOCK elements.
        final int F = rowLen > 0 ? rowLen : 1;
        final int blk = rowLen > 0 ? Math.max(1, BLOCK / F) * F : BLOCK;
        final int units = E / F;
        Parallel.forRange(units, 2L * T * F, (uFrom, uTo) -> {
            final int from = uFrom * F;
            final int to = uTo * F;
            float[] bb = new float[blk];
            float[] tt = new float[blk];
            float[] aa = new float[blk];
            float[] u = new float[blk];
            float[] sy = new float[blk];
            float[] xs = new float[blk];
            float[] os = new float[blk];
            for (int lo = from; lo < to; lo += blk) {
                int len = Math.min(blk, to - lo);
                loadParams(c, lo, len, bb, tt, aa);
                load(m0, lo, u, len);
                load(kind == Cell.SYNAPTIC ? s0 : null, lo, sy, len);
                for (int t = 0; t < T; t++) {
                    int base = t * E + lo;
                    if (src != null) {
                        src.rows(base / F, len / F, xs);
                    } else {
                        System.arraycopy(x, base, xs, 0, len);
                    }
                    if (kind == Cell.INTEGRATOR) {
                        integrate(u, xs, bb, len);
                        System.arraycopy(u, 0, out, base, len);
                    } else if (kind == Cell.LEAKY) {
                        if (reset == Cell.SUB) {
                            leakySub(u, xs, os, bb, tt, gsf, len);
                        } else if (reset == Cell.ZERO) {
                            leakyZero(u, xs, os, bb, tt, gsf, len);
                        } else {
                            leakyNone(u, xs, os, bb, tt, gsf, len);
                        }
                        System.arraycopy(os, 0, out, base, len);
                    } else {
                        synaptic(reset, u, sy, xs, os, aa, bb, tt, gsf, len);
                        System.arraycopy(os, 0, out, base, len);
                        if (syn != null) {
                            System.arraycopy(sy, 0, syn, base, len);
                        }
                    }
                    if (mem != null) {
                        System.arraycopy(u, 0, mem, base, len);
                    }
                }
                if (memEnd != null) {
                    System.arraycopy(u, 0, memEnd, lo, len);
                }
                if (synEnd != null && kind == Cell.SYNAPTIC) {
                    System.arraycopy(sy, 0, synEnd, lo, len);
                }
            }
        });
    }

    private static void load(float[] src, int lo, float[] dst, int len) {
        if (src == null) {
            java.util.Arrays.fill(dst, 0, len, 0f);
        } else {
            System.arraycopy(src, lo, dst, 0, len);
        }
    }

    private static void integrate(float[] u, float[] xs, float[] bb, int n) {
        for (int k = 0; k < n; k++) {
            u[k] = bb[k] * u[k] + xs[k];
        }
    }

    // The membrane formulas below are those of leakyU/synU, term for term, so both paths round alike.

    private static void leakySub(float[] u, float[] xs, float[] os, float[] bb, float[] tt, float gsf, int n) {
        for (int k = 0; k < n; k++) {
            float up = u[k];
            float th = tt[k];
            float r = step(up - th);
            float v = bb[k] * up + xs[k] - r * th;
            u[k] = v;
            os[k] = step(v - th) * gsf;
        }
    }

    private static void leakyZero(float[] u, float[] xs, float[] os, float[] bb, float[] tt, float gsf, int n) {
        for (int k = 0; k < n; k++) {
            float up = u[k];
            float th = tt[k];
            float r = step(up - th);
            float v = bb[k] * ((1f - r) * up) + xs[k];
            u[k] = v;
            os[k] = step(v - th) * gsf;
        }
    }

    private static void leakyNone(float[] u, float[] xs, float[] os, float[] bb, float[] tt, float gsf, int n) {
        for (int k = 0; k < n; k++) {
            float v = bb[k] * u[k] + xs[k];
            u[k] = v;
            os[k] = step(v - tt[k]) * gsf;
        }
    }

    private static void synaptic(int reset, float[] u, float[] sy, float[] xs, float[] os, float[] aa, float[] bb,
            float[] tt, float gsf, int n) {
        if (reset == Cell.SUB) {
            for (int k = 0; k < n; k++) {
                float up = u[k];
                float th = tt[k];
                float r = step(up - th);
                float s = aa[k] * sy[k] + xs[k];
                sy[k] = s;
                float v = bb[k] * up + s - r * th;
                u[k] = v;
                os[k] = step(v - th) * gsf;
            }
        } else if (reset == Cell.ZERO) {
            for (int k = 0; k < n; k++) {
                float up = u[k];
                float th = tt[k];
                float r = step(up - th);
                float s = aa[k] * sy[k] + xs[k];
                sy[k] = s;
                float base = bb[k] * up + s;
                float v = base - base * r;
                u[k] = v;
                os[k] = step(v - th) * gsf;
            }
        } else {
            for (int k = 0; k < n; k++) {
                float s = aa[k] * sy[k] + xs[k];
                sy[k] = s;
                float v = bb[k] * u[k] + s;
                u[k] = v;
                os[k] = step(v - tt[k]) * gsf;
            }
        }
    }

    /** The per-element code for every configuration (immediate reset, gradient-check mode). */
    private static void forwardGeneric(Cell c, float[] x, int T, int E, float[] mem0, float[] syn0, float[] out,
            float[] mem, float[] syn) {
        final float[] m0 = mem0 != null ? mem0 : new float[E];
        final float[] s0 = c.kind == Cell.SYNAPTIC ? (syn0 != null ? syn0 : new float[E]) : null;
        Parallel.forRange(E, 12L * T, (from, to) -> {
            float[] bb = new float[BLOCK];
            float[] tt = new float[BLOCK];
            float[] aa = new float[BLOCK];
            for (int lo = from; lo < to; lo += BLOCK) {
                int len = Math.min(BLOCK, to - lo);
                loadParams(c, lo, len, bb, tt, aa);
                for (int t = 0; t < T; t++) {
                    final int row = t * E;
                    final float[] pm = t == 0 ? m0 : mem;
                    final float[] ps = t == 0 ? s0 : syn;
                    final int po = t == 0 ? 0 : row - E;
                    for (int k = 0; k < len; k++) {
                        int e = lo + k;
                        int i = row + e;
                        float th = tt[k];
                        float b = bb[k];
                        float up = pm[po + e];
                        float xi = x[i];
                        if (c.kind == Cell.INTEGRATOR) {
                            float uI = b * up + xi;
                            mem[i] = uI;
                            out[i] = uI;
                            continue;
                        }
                        float r = up - th > 0f ? 1f : 0f;
                        float u;
                        if (c.kind == Cell.LEAKY) {
                            u = leakyU(c.reset, b, up, xi, r, th);
                        } else {
                            float sy = aa[k] * ps[po + e] + xi;
                            syn[i] = sy;
                            u = synU(c.reset, b * up + sy, r, th);
                        }
                        float s = c.spike(u - th);
                        out[i] = s * c.gsf;
                        if (!c.delay) {
                            float d = s - r;
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
     * Reverse pass over {@code [T, E]}. {@code cu} (and {@code cs} for Synaptic) hold dL/dU[T-1] (dL/dsyn[T-1])
     * coming from later steps on entry and dL/d(initial state) on exit. Partial parameter gradients (with respect
     * to the clamped beta and alpha, and to theta) are added per element into {@code pb}, {@code pt}, {@code pa}
     * (each nullable).
     *
     * @param x   the forward input {@code [T, E]}; read only when {@link #backwardNeedsInput}, else may be null
     * @param syn the synaptic current of the forward pass (Synaptic only)
     * @param gIn dL/dI {@code [T, E]}, or null when not needed
     */
    static void backward(Cell c, float[] x, int T, int E, float[] mem0, float[] syn0, float[] mem, float[] syn,
            float[] gOut, float[] gIn, float[] cu, float[] cs, double[] pb, double[] pt, double[] pa) {
        if (fast(c)) {
            backwardFast(c, T, E, mem0, syn0, mem, syn, gOut, gIn, cu, cs, pb, pt, pa, 0, null);
        } else {
            backwardGeneric(c, x, T, E, mem0, syn0, mem, syn, gOut, gIn, cu, cs, pb, pt, pa);
        }
    }

    /**
     * {@link #backward} on the fast path with the output gradient computed row by row by {@code src} (the
     * gradient through the synapse after this layer, fused in) instead of read from an array; rows of {@code F}
     * elements, {@code E = B * F}. Requires {@link #fast}.
     */
    static void backward(Cell c, RowSource src, int F, int T, int E, float[] mem0, float[] syn0, float[] mem,
            float[] syn, float[] gIn, float[] cu, float[] cs, double[] pb, double[] pt, double[] pa) {
        if (!fast(c)) {
            throw new IllegalStateException("ElementKernel: a fused backward needs the fast path");
        }
        backwardFast(c, T, E, mem0, syn0, mem, syn, null, gIn, cu, cs, pb, pt, pa, F, src);
    }

    private static void backwardFast(Cell c, int T, int E, float[] m0, float[] s0, float[] mem, float[] syn,
            float[] gOut, float[] gIn, float[] cu, float[] cs, double[] pb, double[] pt, double[] pa, int rowLen,
            RowSource src) {
        final int kind = c.kind;
        final int reset = c.reset;
        final float gsf = c.gsf;
        // With a row source: blocks of whole rows, chunks of whole samples; else blocks of BLOCK elements.
        final int F = rowLen > 0 ? rowLen : 1;
        final int blk = rowLen > 0 ? Math.max(1, BLOCK / F) * F : BLOCK;
        Parallel.forRange(E / F, 3L * T * F, (uFrom, uTo) -> {
            final int from = uFrom * F;
            final int to = uTo * F;
            float[] bb = new float[blk];
            float[] tt = new float[blk];
            float[] aa = new float[blk];
            float[] cur = new float[blk];
            float[] prev = new float[blk];
            float[] ps = new float[blk];
            float[] go = new float[blk];
            float[] sg = new float[blk];
            float[] gx = new float[blk];
            float[] gb = new float[blk];
            float[] gth = new float[blk];
            float[] gcu = new float[blk];
            float[] gcs = new float[blk];
            double[] dpb = new double[blk];
            double[] dpt = new double[blk];
            double[] dpa = new double[blk];
            for (int lo = from; lo < to; lo += blk) {
                final int len = Math.min(blk, to - lo);
                loadParams(c, lo, len, bb, tt, aa);
                System.arraycopy(cu, lo, gcu, 0, len);
                if (kind == Cell.SYNAPTIC) {
                    System.arraycopy(cs, lo, gcs, 0, len);
                }
                loadD(pb, lo, dpb, len);
                loadD(pt, lo, dpt, len);
                loadD(pa, lo, dpa, len);
                if (T > 0) {
                    System.arraycopy(mem, (T - 1) * E + lo, cur, 0, len);
                }
                for (int t = T - 1; t >= 0; t--) {
                    final int base = t * E + lo;
                    if (t == 0) {
                        load(m0, lo, prev, len);
                    } else {
                        System.arraycopy(mem, base - E, prev, 0, len);
                    }
                    if (src != null) {
                        src.rows(base / F, len / F, go);
                    } else {
                        System.arraycopy(gOut, base, go, 0, len);
                    }
                    if (kind == Cell.INTEGRATOR) {
                        for (int k = 0; k < len; k++) {
                            float gI = gcu[k] + go[k];
                            gx[k] = gI;
                            gcu[k] = gI * bb[k];
                        }
                        if (pb != null) {
                            for (int k = 0; k < len; k++) {
                                dpb[k] += gx[k] * prev[k];
                            }
                        }
                    } else {
                        for (int k = 0; k < len; k++) {
                            sg[k] = c.sur.grad(cur[k] - tt[k]);
                        }
                        if (kind == Cell.LEAKY) {
                            leakyBack(reset, prev, go, sg, tt, bb, gsf, gcu, gx, gth, len);
                            if (pb != null) {
                                if (reset == Cell.ZERO) {
                                    for (int k = 0; k < len; k++) {
                                        float up = prev[k];
                                        dpb[k] += gx[k] * ((1f - step(up - tt[k])) * up);
                                    }
                                } else {
                                    for (int k = 0; k < len; k++) {
                                        dpb[k] += gx[k] * prev[k];
                                    }
                                }
                            }
                        } else {
                            synapticBack(reset, prev, go, sg, tt, aa, bb, gsf, gcu, gcs, gx, gb, gth, len);
                            if (pb != null) {
                                for (int k = 0; k < len; k++) {
                                    dpb[k] += gb[k] * prev[k];
                                }
                            }
                            if (pa != null) {
                                if (t == 0) {
                                    load(s0, lo, ps, len);
                                } else {
                                    System.arraycopy(syn, base - E, ps, 0, len);
                                }
                                for (int k = 0; k < len; k++) {
                                    dpa[k] += gx[k] * ps[k];
                                }
                            }
                        }
                        if (pt != null) {
                            for (int k = 0; k < len; k++) {
                                dpt[k] += gth[k];
                            }
                        }
                    }
                    if (gIn != null) {
                        System.arraycopy(gx, 0, gIn, base, len);
                    }
                    float[] sw = cur;
                    cur = prev;
                    prev = sw;
                }
                System.arraycopy(gcu, 0, cu, lo, len);
                if (kind == Cell.SYNAPTIC) {
                    System.arraycopy(gcs, 0, cs, lo, len);
                }
                storeD(dpb, pb, lo, len);
                storeD(dpt, pt, lo, len);
                storeD(dpa, pa, lo, len);
            }
        });
    }

    private static void loadD(double[] src, int lo, double[] dst, int len) {
        if (src != null) {
            System.arraycopy(src, lo, dst, 0, len);
        }
    }

    private static void storeD(double[] src, double[] dst, int lo, int len) {
        if (dst != null) {
            System.arraycopy(src, 0, dst, lo, len);
        }
    }

    /**
     * One reverse step of Leaky with the reset delayed: dL/dI into {@code gx} (which is also dL/dU), the membrane
     * carry in {@code gcu}, the threshold partial in {@code gth}. Same operations and order as the general code.
     */
    private static void leakyBack(int reset, float[] prev, float[] go, float[] sg, float[] tt, float[] bb,
            float gsf, float[] gcu, float[] gx, float[] gth, int n) {
        if (reset == Cell.SUB) {
            for (int k = 0; k < n; k++) {
                float r = step(prev[k] - tt[k]);
                float gs = go[k] * gsf * sg[k];
                float gU = gcu[k] + gs;
                gx[k] = gU;
                gcu[k] = gU * bb[k];
                gth[k] = (0f - gs) - r * gU;
            }
        } else if (reset == Cell.ZERO) {
            for (int k = 0; k < n; k++) {
                float keep = 1f - step(prev[k] - tt[k]);
                float gs = go[k] * gsf * sg[k];
                float gU = gcu[k] + gs;
                gx[k] = gU;
                gcu[k] = gU * bb[k] * keep;
                gth[k] = 0f - gs;
            }
        } else {
            for (int k = 0; k < n; k++) {
                float gs = go[k] * gsf * sg[k];
                float gU = gcu[k] + gs;
                gx[k] = gU;
                gcu[k] = gU * bb[k];
                gth[k] = 0f - gs;
            }
        }
    }

    /** One reverse step of Synaptic with the reset delayed; {@code gb} receives dL/d(base), {@code gx} dL/dsyn. */
    private static void synapticBack(int reset, float[] prev, float[] go, float[] sg, float[] tt, float[] aa,
            float[] bb, float gsf, float[] gcu, float[] gcs, float[] gx, float[] gb, float[] gth, int n) {
        if (reset == Cell.SUB) {
            for (int k = 0; k < n; k++) {
                float r = step(prev[k] - tt[k]);
                float gs = go[k] * gsf * sg[k];
                float gU = gcu[k] + gs;
                gth[k] = (0f - gs) - r * gU;
                float gSyn = gU + gcs[k];
                gb[k] = gU;
                gx[k] = gSyn;
                gcs[k] = gSyn * aa[k];
                gcu[k] = gU * bb[k];
            }
        } else if (reset == Cell.ZERO) {
            for (int k = 0; k < n; k++) {
                float r = step(prev[k] - tt[k]);
                float gs = go[k] * gsf * sg[k];
                float gU = gcu[k] + gs;
                gth[k] = 0f - gs;
                float gBase = gU * (1f - r);
                float gSyn = gBase + gcs[k];
                gb[k] = gBase;
                gx[k] = gSyn;
                gcs[k] = gSyn * aa[k];
                gcu[k] = gBase * bb[k];
            }
        } else {
            for (int k = 0; k < n; k++) {
                float gs = go[k] * gsf * sg[k];
                float gU = gcu[k] + gs;
                gth[k] = 0f - gs;
                float gSyn = gU + gcs[k];
                gb[k] = gU;
                gx[k] = gSyn;
                gcs[k] = gSyn * aa[k];
                gcu[k] = gU * bb[k];
            }
        }
    }

    /** The per-element reverse pass for every configuration; U comes from {@code mem} when the reset is delayed. */
    private static void backwardGeneric(Cell c, float[] x, int T, int E, float[] mem0, float[] syn0, float[] mem,
            float[] syn, float[] gOut, float[] gIn, float[] cu, float[] cs, double[] pb, double[] pt, double[] pa) {
        final float[] m0 = mem0 != null ? mem0 : new float[E];
        final float[] s0 = c.kind == Cell.SYNAPTIC ? (syn0 != null ? syn0 : new float[E]) : null;
        Parallel.forRange(E, 30L * T, (from, to) -> {
            float[] bb = new float[BLOCK];
            float[] tt = new float[BLOCK];
            float[] aa = new float[BLOCK];
            for (int lo = from; lo < to; lo += BLOCK) {
                int len = Math.min(BLOCK, to - lo);
                loadParams(c, lo, len, bb, tt, aa);
                for (int t = T - 1; t >= 0; t--) {
                    final int row = t * E;
                    final float[] pm = t == 0 ? m0 : mem;
                    final float[] ps = t == 0 ? s0 : syn;
                    final int po = t == 0 ? 0 : row - E;
                    for (int k = 0; k < len; k++) {
                        int e = lo + k;
                        int i = row + e;
                        float b = bb[k];
                        float up = pm[po + e];
                        float go = gOut[i];
                        if (c.kind == Cell.INTEGRATOR) {
                            float gI = cu[e] + go;
                            if (gIn != null) {
                                gIn[i] = gI;
                            }
                            if (pb != null) {
                                pb[e] += gI * up;
                            }
                            cu[e] = gI * b;
                            continue;
                        }
                        float th = tt[k];
                        float r = up - th > 0f ? 1f : 0f;
                        float u;
                        if (c.delay) {
                            u = mem[i];
                        } else if (c.kind == Cell.LEAKY) {
                            u = leakyU(c.reset, b, up, x[i], r, th);
                        } else {
                            u = synU(c.reset, b * up + syn[i], r, th);
                        }
                        float sg = c.sur.grad(u - th);
                        float cur = cu[e];
                        float gU = cur;
                        float gth = 0f;
                        if (!c.delay && c.reset != Cell.NONE) {
                            float d = c.spike(u - th) - r;
                            if (c.reset == Cell.SUB) {
                                gU = cur * (1f - sg * th);
                                gth = cur * (sg * th - d);
                            } else {
                                gU = cur * ((1f - d) - sg * u);
                                gth = cur * (u * sg);
                            }
                        }
                        float gs = go * c.gsf * sg;
                        gU += gs;
                        gth -= gs;
                        float gx;
                        if (c.kind == Cell.LEAKY) {
                            gx = gU;
                            if (c.reset == Cell.ZERO) {
                                float keep = 1f - r;
                                if (pb != null) {
                                    pb[e] += gU * (keep * up);
                                }
                                cu[e] = gU * b * keep;
                            } else {
                                if (c.reset == Cell.SUB) {
                                    gth -= r * gU;
                                }
                                if (pb != null) {
                                    pb[e] += gU * up;
                                }
                                cu[e] = gU * b;
                            }
                        } else {
                            float gBase = c.reset == Cell.ZERO ? gU * (1f - r) : gU;
                            if (c.reset == Cell.SUB) {
                                gth -= r * gU;
                            }
                            float gSyn = gBase + cs[e];
                            gx = gSyn;
                            if (pa != null) {
                                pa[e] += gSyn * ps[po + e];
                            }
                            cs[e] = gSyn * aa[k];
                            if (pb != null) {
                                pb[e] += gBase * up;
                            }
                            cu[e] = gBase * b;
                        }
                        if (gIn != null) {
                            gIn[i] = gx;
                        }
                        if (pt != null) {
                            pt[e] += gth;
                        }
                    }
                }
            }
        });
    }

    /** Leaky's membrane before any immediate reset, written as snnTorch evaluates it (same rounding). */
    static float leakyU(int reset, float b, float up, float xi, float r, float th) {
        if (reset == Cell.SUB) {
            return b * up + xi - r * th;
        }
        if (reset == Cell.ZERO) {
            return b * ((1f - r) * up) + xi;
        }
        return b * up + xi;
    }

    /** Synaptic-style membrane from {@code base = b U[t-1] + syn}: subtract, zero (whole base) or none. */
    static float synU(int reset, float base, float r, float th) {
        if (reset == Cell.SUB) {
            return base - r * th;
        }
        if (reset == Cell.ZERO) {
            return base - base * r;
        }
        return base;
    }

    static void loadParams(Cell c, int lo, int len, float[] bb, float[] tt, float[] aa) {
        for (int k = 0; k < len; k++) {
            int p = c.pidx(lo + k);
            bb[k] = Cell.clamp01(c.beta[c.beta.length == 1 ? 0 : p]);
            tt[k] = c.thr[c.thr.length == 1 ? 0 : p];
            aa[k] = c.alpha == null ? 0f : Cell.clamp01(c.alpha[c.alpha.length == 1 ? 0 : p]);
        }
    }
}
