package io.snn4j.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API form of {@link NeuronKernels}; loaded by name only when the module is present. Every operation is
 * the scalar formula's, in the same order, without fused multiply-add: {@code step(d) = min(1, max(0, d * 2^127 *
 * 2^127))} (NaN stays NaN, as in the scalar code).
 */
final class VectorNeuronKernels implements NeuronKernels.Impl {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final float BIG = 0x1p127f;
    private static final FloatVector ZERO = FloatVector.zero(S);
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    /** Lane i holds 2^i: the sum of the lanes a mask selects is the mask as bits (up to 24 lanes). */
    private static final FloatVector LANE_BITS;

    static {
        float[] w = new float[L];
        for (int i = 0; i < L && i < 24; i++) {
            w[i] = 1 << i;
        }
        LANE_BITS = FloatVector.fromArray(S, w, 0);
    }

    private static FloatVector step(FloatVector d) {
        return d.mul(BIG).mul(BIG).max(ZERO).min(ONE);
    }

    private static float step(float d) {
        return Math.min(1f, Math.max(0f, d * BIG * BIG));
    }

    @Override
    public int step(int reset, boolean synaptic, float[] u, float[] sy, float[] x, int xOff, float[] aa, float[] bb,
            float[] tt, float gsf, float[] out, int outOff, float[] mem, int memOff, float[] syn, int synOff,
            int rows, int cols, int[] rowNnz, int[] idx, int p) {
        final boolean list = idx != null;
        final boolean bits = L <= 24;
        final int bound = S.loopBound(cols);
        final FloatVector g = FloatVector.broadcast(S, gsf);
        for (int r = 0; r < rows; r++) {
            final int o = r * cols;
            final int start = p;
            int k = 0;
            for (; k < bound; k += L) {
                int e = o + k;
                FloatVector up = FloatVector.fromArray(S, u, e);
                FloatVector th = FloatVector.fromArray(S, tt, e);
                FloatVector b = FloatVector.fromArray(S, bb, e);
                FloatVector xv = FloatVector.fromArray(S, x, xOff + e);
                FloatVector v;
                if (synaptic) {
                    FloatVector s = FloatVector.fromArray(S, aa, e).mul(FloatVector.fromArray(S, sy, e)).add(xv);
                    s.intoArray(sy, e);
                    if (syn != null) {
                        s.intoArray(syn, synOff + e);
                    }
                    if (reset == NeuronKernels.SUBTRACT) {
                        v = b.mul(up).add(s).sub(step(up.sub(th)).mul(th));
                    } else if (reset == NeuronKernels.ZERO) {
                        FloatVector base = b.mul(up).add(s);
                        v = base.sub(base.mul(step(up.sub(th))));
                    } else {
                        v = b.mul(up).add(s);
                    }
                } else if (reset == NeuronKernels.SUBTRACT) {
                    v = b.mul(up).add(xv).sub(step(up.sub(th)).mul(th));
                } else if (reset == NeuronKernels.ZERO) {
                    v = b.mul(ONE.sub(step(up.sub(th))).mul(up)).add(xv);
                } else {
                    v = b.mul(up).add(xv);
                }
                v.intoArray(u, e);
                if (mem != null) {
                    v.intoArray(mem, memOff + e);
                }
                FloatVector spk = step(v.sub(th)).mul(g);
                spk.intoArray(out, outOff + e);
                if (list) {
                    VectorMask<Float> nz = spk.compare(VectorOperators.NE, 0f);
                    if (nz.anyTrue()) {
                        if (bits) {
                            int m = (int) ZERO.blend(LANE_BITS, nz).reduceLanes(VectorOperators.ADD);
                            while (m != 0) {
                                idx[p++] = k + Integer.numberOfTrailingZeros(m);
                                m &= m - 1;
                            }
                        } else {
                            for (int j = 0; j < L; j++) {
                                if (out[outOff + e + j] != 0f) {
                                    idx[p++] = k + j;
                                }
                            }
                        }
                    }
                }
            }
            for (; k < cols; k++) {
                int e = o + k;
                float up = u[e];
                float th = tt[e];
                float b = bb[e];
                float r0 = step(up - th);
                float v;
                if (synaptic) {
                    float s = aa[e] * sy[e] + x[xOff + e];
                    sy[e] = s;
                    if (syn != null) {
                        syn[synOff + e] = s;
                    }
                    if (reset == NeuronKernels.SUBTRACT) {
                        v = b * up + s - r0 * th;
                    } else if (reset == NeuronKernels.ZERO) {
                        float base = b * up + s;
                        v = base - base * r0;
                    } else {
                        v = b * up + s;
                    }
                } else if (reset == NeuronKernels.SUBTRACT) {
                    v = b * up + x[xOff + e] - r0 * th;
                } else if (reset == NeuronKernels.ZERO) {
                    v = b * ((1f - r0) * up) + x[xOff + e];
                } else {
                    v = b * up + x[xOff + e];
                }
                u[e] = v;
                if (mem != null) {
                    mem[memOff + e] = v;
                }
                float spk = step(v - th) * gsf;
                out[outOff + e] = spk;
                if (list && spk != 0f) {
                    idx[p++] = k;
                }
            }
            if (list) {
                rowNnz[r + 1] = p - start;
            }
        }
        return p;
    }
}
