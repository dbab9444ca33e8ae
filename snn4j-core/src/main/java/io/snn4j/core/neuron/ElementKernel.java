package io.snn4j.core.neuron;

import io.snn4j.core.kernel.Parallel;

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
 * The backward pass recomputes R, U and the surrogate from the stored membranes, so only the membrane (and the
 * synaptic current) is kept per step.
 */
final class ElementKernel {
    private static final int BLOCK = 1024;

    private ElementKernel() {
    }

    /**
     * @param mem0 membrane before step 0, length {@code E} (zeros when null); likewise {@code syn0}
     * @param out  spikes (or the membrane for the integrator) {@code [T, E]}
     * @param mem  membrane after each step (after any immediate reset) {@code [T, E]}
     * @param syn  synaptic current {@code [T, E]} for Synaptic, else unused
     */
    static void forward(Cell c, float[] x, int T, int E, float[] mem0, float[] syn0, float[] out, float[] mem,
            float[] syn) {
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
     * @param gIn dL/dI {@code [T, E]}, or null when not needed
     */
    static void backward(Cell c, float[] x, int T, int E, float[] mem0, float[] syn0, float[] mem, float[] syn,
            float[] gOut, float[] gIn, float[] cu, float[] cs, double[] pb, double[] pt, double[] pa) {
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
                        if (c.kind == Cell.LEAKY) {
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
