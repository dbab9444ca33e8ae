package io.snn4j.core.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API forms of {@link SimdKernels}; loaded only by {@link Simd}, by name, after it found the
 * {@code jdk.incubator.vector} module.
 *
 * <p>The product is a register-blocked micro-kernel in the style of GotoBLAS: a thread packs a {@code KC x NC}
 * panel of B into column strips {@code NR} wide (three vectors) and a block of {@code MC} rows of A into groups of
 * four rows, both zero-padded and contiguous, then updates 4 x NR pieces of C held in twelve vector registers with
 * one fused multiply-add per term. Every element of C starts from its stored value (or zero), takes its terms in
 * ascending p within a panel and is stored between panels, so its rounding depends on K and KC only: not on the
 * thread count, the row split or which rows share a group.
 */
final class VectorKernels implements SimdKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final FloatVector ZERO = FloatVector.zero(S);
    /**
     * Lane i holds 2^i, exactly, so the sum of the lanes a mask selects is that mask as a bit set (exact up to 24
     * lanes; unused when there are more).
     */
    private static final FloatVector LANE_BITS = FloatVector.fromArray(S, laneBits(), 0);
    /** Columns per strip: three vectors, so 4 rows x 3 vectors = 12 accumulators plus 3 loads fit the registers. */
    private static final int NR = 3 * L;
    /** Rows per group of the micro-kernel. */
    private static final int MR = 4;
    /** Depth of a panel: a KC x NR strip of B (48 KiB at 16 lanes) is streamed from L1/L2 by every row group. */
    private static final int KC = 256;
    /** Rows of A packed at a time: MC x KC floats (64 KiB) stay in L2 while every strip of the panel passes. */
    private static final int MC = 64;
    /** Columns of a B panel: KC x NC floats (1 MiB) stay in L2 (measured better than 512 or 240 columns). */
    private static final int NC = roundUp(1024, NR);

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** One thread's packed panels. */
    private static final class Scratch {
        final float[] pb = new float[KC * NC];
        final float[] pa = new float[roundUp(MC, MR) * KC];
        final float[] ct = new float[MR * NR];
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public void gemmRows(float[] a, int aOff, int rowStride, int colStride, float[] b, int bOff, float[] c,
            int cOff, int k, int n, int from, int to, boolean accumulate) {
        if (from >= to || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                java.util.Arrays.fill(c, cOff + from * n, cOff + to * n, 0f);
            }
            return;
        }
        Scratch s = SCRATCH.get();
        float[] pb = s.pb;
        float[] pa = s.pa;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int strips = (nc + NR - 1) / NR;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean zeroStart = pc == 0 && !accumulate;
                packB(b, bOff + pc * n + jc, n, kc, nc, pb);
                for (int ic = from; ic < to; ic += MC) {
                    int mc = Math.min(MC, to - ic);
                    int groups = (mc + MR - 1) / MR;
                    packA(a, aOff + ic * rowStride + pc * colStride, rowStride, colStride, mc, kc, pa);
                    for (int js = 0; js < strips; js++) {
                        int col = jc + js * NR;
                        int cols = Math.min(NR, n - col);
                        for (int g = 0; g < groups; g++) {
                            int row = ic + g * MR;
                            int o = cOff + row * n + col;
                            int rows = Math.min(MR, to - row);
                            kernel(pa, g * kc * MR, pb, js * kc * NR, kc, c, o, c, o + n, c, o + 2 * n, c,
                                    o + 3 * n, rows, cols, zeroStart, s.ct);
                        }
                    }
                }
            }
        }
    }

    @Override
    public void gemmRowArrays(float[][] a, float[][] b, float[][] c, int m, int k, int n) {
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        Scratch s = SCRATCH.get();
        float[] pb = s.pb;
        float[] pa = s.pa;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int strips = (nc + NR - 1) / NR;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                for (int p = 0; p < kc; p++) {
                    packBRow(b[pc + p], jc, nc, p, kc, pb);
                }
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    int groups = (mc + MR - 1) / MR;
                    for (int g = 0; g < groups; g++) {
                        int base = g * kc * MR;
                        for (int r = 0; r < MR; r++) {
                            int i = ic + g * MR + r;
                            if (i < ic + mc) {
                                float[] ai = a[i];
                                for (int p = 0; p < kc; p++) {
                                    pa[base + p * MR + r] = ai[pc + p];
                                }
                            } else {
                                for (int p = 0; p < kc; p++) {
                                    pa[base + p * MR + r] = 0f;
                                }
                            }
                        }
                    }
                    for (int js = 0; js < strips; js++) {
                        int col = jc + js * NR;
                        int cols = Math.min(NR, n - col);
                        for (int g = 0; g < groups; g++) {
                            int row = ic + g * MR;
                            int rows = Math.min(MR, m - row);
                            float[] c0 = c[row];
                            float[] c1 = rows > 1 ? c[row + 1] : c0;
                            float[] c2 = rows > 2 ? c[row + 2] : c0;
                            float[] c3 = rows > 3 ? c[row + 3] : c0;
                            kernel(pa, g * kc * MR, pb, js * kc * NR, kc, c0, col, c1, col, c2, col, c3, col, rows,
                                    cols, false, s.ct);
                        }
                    }
                }
            }
        }
    }

    /** Packs rows {@code [0, kc)} x columns {@code [0, nc)} of B (row stride n) into zero-padded strips. */
    private static void packB(float[] b, int bo, int n, int kc, int nc, float[] pb) {
        for (int p = 0; p < kc; p++) {
            int src = bo + p * n;
            for (int js = 0, j = 0; j < nc; js++, j += NR) {
                int w = Math.min(NR, nc - j);
                int dst = js * kc * NR + p * NR;
                System.arraycopy(b, src + j, pb, dst, w);
                if (w < NR) {
                    java.util.Arrays.fill(pb, dst + w, dst + NR, 0f);
                }
            }
        }
    }

    /** Packs row p of the panel, taken from {@code row[jc .. jc + nc)}. */
    private static void packBRow(float[] row, int jc, int nc, int p, int kc, float[] pb) {
        for (int js = 0, j = 0; j < nc; js++, j += NR) {
            int w = Math.min(NR, nc - j);
            int dst = js * kc * NR + p * NR;
            System.arraycopy(row, jc + j, pb, dst, w);
            if (w < NR) {
                java.util.Arrays.fill(pb, dst + w, dst + NR, 0f);
            }
        }
    }

    /**
     * Packs an {@code mc x kc} block of A' (element (i, p) at {@code a[ao + i * rs + p * cs]}) into groups of MR
     * rows, {@code pa[g * kc * MR + p * MR + r]}, the missing rows of the last group zero.
     */
    private static void packA(float[] a, int ao, int rs, int cs, int mc, int kc, float[] pa) {
        int groups = (mc + MR - 1) / MR;
        int padded = groups * MR;
        if (cs == 1) {
            for (int i = 0; i < padded; i++) {
                int base = (i / MR) * kc * MR + (i % MR);
                if (i < mc) {
                    int src = ao + i * rs;
                    for (int p = 0; p < kc; p++) {
                        pa[base + p * MR] = a[src + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        pa[base + p * MR] = 0f;
                    }
                }
            }
        } else {
            // Transposed A: rows of the source run along i, so read them in that direction.
            for (int p = 0; p < kc; p++) {
                int src = ao + p * cs;
                for (int i = 0; i < padded; i++) {
                    pa[(i / MR) * kc * MR + p * MR + (i % MR)] = i < mc ? a[src + i * rs] : 0f;
                }
            }
        }
    }

    /**
     * {@code C[r][0..cols) (+)= sum over p < kc of pa[ao + p*MR + r] * pb[bo + p*NR ..]} for r < rows, where row r
     * of C starts at {@code cr[r][or]}: one fma per term, ascending p. The 4 x NR piece of C goes through the
     * thread's tile {@code ct}, so the micro-kernel itself has no tails and no branches: vectors that cross a
     * branch or a call that is not inlined would be boxed on every iteration.
     */
    private static void kernel(float[] pa, int ao, float[] pb, int bo, int kc, float[] cr0, int or0, float[] cr1,
            int or1, float[] cr2, int or2, float[] cr3, int or3, int rows, int cols, boolean zeroStart, float[] ct) {
        if (zeroStart) {
            java.util.Arrays.fill(ct, 0f);
        } else {
            loadTile(cr0, or0, 0, cols, ct);
            loadTile(rows > 1 ? cr1 : null, or1, NR, cols, ct);
            loadTile(rows > 2 ? cr2 : null, or2, 2 * NR, cols, ct);
            loadTile(rows > 3 ? cr3 : null, or3, 3 * NR, cols, ct);
        }
        micro(pa, ao, pb, bo, kc, ct);
        System.arraycopy(ct, 0, cr0, or0, cols);
        if (rows > 1) {
            System.arraycopy(ct, NR, cr1, or1, cols);
        }
        if (rows > 2) {
            System.arraycopy(ct, 2 * NR, cr2, or2, cols);
        }
        if (rows > 3) {
            System.arraycopy(ct, 3 * NR, cr3, or3, cols);
        }
    }

    private static void loadTile(float[] src, int off, int at, int cols, float[] ct) {
        if (src == null) {
            java.util.Arrays.fill(ct, at, at + NR, 0f);
            return;
        }
        System.arraycopy(src, off, ct, at, cols);
        if (cols < NR) {
            java.util.Arrays.fill(ct, at + cols, at + NR, 0f);
        }
    }

    /** {@code ct[r * NR + j] += sum over p < kc of pa[ao + p * MR + r] * pb[bo + p * NR + j]}, r < 4, j < NR. */
    private static void micro(float[] pa, int ao, float[] pb, int bo, int kc, float[] ct) {
        FloatVector c00 = FloatVector.fromArray(S, ct, 0);
        FloatVector c01 = FloatVector.fromArray(S, ct, L);
        FloatVector c02 = FloatVector.fromArray(S, ct, 2 * L);
        FloatVector c10 = FloatVector.fromArray(S, ct, NR);
        FloatVector c11 = FloatVector.fromArray(S, ct, NR + L);
        FloatVector c12 = FloatVector.fromArray(S, ct, NR + 2 * L);
        FloatVector c20 = FloatVector.fromArray(S, ct, 2 * NR);
        FloatVector c21 = FloatVector.fromArray(S, ct, 2 * NR + L);
        FloatVector c22 = FloatVector.fromArray(S, ct, 2 * NR + 2 * L);
        FloatVector c30 = FloatVector.fromArray(S, ct, 3 * NR);
        FloatVector c31 = FloatVector.fromArray(S, ct, 3 * NR + L);
        FloatVector c32 = FloatVector.fromArray(S, ct, 3 * NR + 2 * L);
        for (int p = 0; p < kc; p++, ao += MR, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bo);
            FloatVector b1 = FloatVector.fromArray(S, pb, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, pb, bo + 2 * L);
            FloatVector x = FloatVector.broadcast(S, pa[ao]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(S, pa[ao + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(S, pa[ao + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(S, pa[ao + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
        }
        c00.intoArray(ct, 0);
        c01.intoArray(ct, L);
        c02.intoArray(ct, 2 * L);
        c10.intoArray(ct, NR);
        c11.intoArray(ct, NR + L);
        c12.intoArray(ct, NR + 2 * L);
        c20.intoArray(ct, 2 * NR);
        c21.intoArray(ct, 2 * NR + L);
        c22.intoArray(ct, 2 * NR + 2 * L);
        c30.intoArray(ct, 3 * NR);
        c31.intoArray(ct, 3 * NR + L);
        c32.intoArray(ct, 3 * NR + 2 * L);
    }

    /**
     * One vector of x at a time: a compare finds the blocks with a non-zero (most blocks of a sparse spike input
     * have none); for the others the lanes are turned into a bit set with one blend and one sum of lanes, and
     * only the set bits are visited. On JDK 17 this beats both a scalar scan and {@code VectorMask.toLong()},
     * which is not an intrinsic there (measured on the [6400, 700] input of shd_ff at density 0.02: 1.6 ms
     * against 2.1 and 2.5).
     */
    @Override
    public int scanRows(float[] x, int off, int cols, int r0, int r1, int[] rowNnz, int[] idx, float[] val, int p,
            long maxNnz) {
        int bound = L <= 24 ? S.loopBound(cols) : 0;
        for (int r = r0; r < r1; r++) {
            int start = p;
            int o = off + r * cols;
            int i = 0;
            for (; i < bound; i += L) {
                VectorMask<Float> nz = FloatVector.fromArray(S, x, o + i).compare(VectorOperators.NE, 0f);
                if (nz.anyTrue()) {
                    int bits = (int) ZERO.blend(LANE_BITS, nz).reduceLanes(VectorOperators.ADD);
                    while (bits != 0) {
                        int t = Integer.numberOfTrailingZeros(bits);
                        idx[p] = i + t;
                        val[p] = x[o + i + t];
                        p++;
                        bits &= bits - 1;
                    }
                }
            }
            for (; i < cols; i++) {
                float v = x[o + i];
                if (v != 0f) {
                    idx[p] = i;
                    val[p] = v;
                    p++;
                }
            }
            rowNnz[r + 1] = p - start;
            if (p > maxNnz) {
                break;
            }
        }
        return p;
    }

    /**
     * Register-blocked: a strip of eight vectors of {@code acc} stays in registers while all events of the row
     * pass, so each event costs one load and one fma per vector, and {@code acc} is read and written once per
     * strip instead of once per group of events.
     */
    @Override
    public void eventRows(float[] acc, float[][] rows, int[] idx, float[] val, int from, int to, int n) {
        if (from >= to) {
            return;
        }
        int j = 0;
        for (; j + 8 * L <= n; j += 8 * L) {
            eventStrip8(acc, rows, idx, val, from, to, j);
        }
        for (; j + L <= n; j += L) {
            FloatVector a = FloatVector.fromArray(S, acc, j);
            for (int p = from; p < to; p++) {
                a = FloatVector.broadcast(S, val[p]).fma(FloatVector.fromArray(S, rows[idx[p]], j), a);
            }
            a.intoArray(acc, j);
        }
        for (; j < n; j++) {
            float a = acc[j];
            for (int p = from; p < to; p++) {
                a = Math.fma(val[p], rows[idx[p]][j], a);
            }
            acc[j] = a;
        }
    }

    @Override
    public void columnSums(float[] x, int xOff, int rows, int n, int j0, int len, float[] s) {
        int j = 0;
        for (; j + 4 * L <= len; j += 4 * L) {
            FloatVector a0 = ZERO;
            FloatVector a1 = ZERO;
            FloatVector a2 = ZERO;
            FloatVector a3 = ZERO;
            int o = xOff + j0 + j;
            for (int r = 0; r < rows; r++, o += n) {
                a0 = a0.add(FloatVector.fromArray(S, x, o));
                a1 = a1.add(FloatVector.fromArray(S, x, o + L));
                a2 = a2.add(FloatVector.fromArray(S, x, o + 2 * L));
                a3 = a3.add(FloatVector.fromArray(S, x, o + 3 * L));
            }
            a0.intoArray(s, j);
            a1.intoArray(s, j + L);
            a2.intoArray(s, j + 2 * L);
            a3.intoArray(s, j + 3 * L);
        }
        for (; j + L <= len; j += L) {
            FloatVector a = ZERO;
            int o = xOff + j0 + j;
            for (int r = 0; r < rows; r++, o += n) {
                a = a.add(FloatVector.fromArray(S, x, o));
            }
            a.intoArray(s, j);
        }
        for (; j < len; j++) {
            float a = 0f;
            int o = xOff + j0 + j;
            for (int r = 0; r < rows; r++, o += n) {
                a += x[o];
            }
            s[j] = a;
        }
    }

    @Override
    public void eventRowsFlat(float[] acc, float[] rows, int stride, int[] idx, float[] val, int from, int to,
            int n) {
        if (from >= to) {
            return;
        }
        int j = 0;
        for (; j + 8 * L <= n; j += 8 * L) {
            eventStrip8Flat(acc, rows, stride, idx, val, from, to, j);
        }
        for (; j + L <= n; j += L) {
            FloatVector a = FloatVector.fromArray(S, acc, j);
            for (int p = from; p < to; p++) {
                a = FloatVector.broadcast(S, val[p]).fma(FloatVector.fromArray(S, rows, idx[p] * stride + j), a);
            }
            a.intoArray(acc, j);
        }
        for (; j < n; j++) {
            float a = acc[j];
            for (int p = from; p < to; p++) {
                a = Math.fma(val[p], rows[idx[p] * stride + j], a);
            }
            acc[j] = a;
        }
    }

    private static void eventStrip8Flat(float[] acc, float[] rows, int stride, int[] idx, float[] val, int from,
            int to, int j) {
        FloatVector a0 = FloatVector.fromArray(S, acc, j);
        FloatVector a1 = FloatVector.fromArray(S, acc, j + L);
        FloatVector a2 = FloatVector.fromArray(S, acc, j + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, acc, j + 3 * L);
        FloatVector a4 = FloatVector.fromArray(S, acc, j + 4 * L);
        FloatVector a5 = FloatVector.fromArray(S, acc, j + 5 * L);
        FloatVector a6 = FloatVector.fromArray(S, acc, j + 6 * L);
        FloatVector a7 = FloatVector.fromArray(S, acc, j + 7 * L);
        for (int p = from; p < to; p++) {
            int o = idx[p] * stride + j;
            FloatVector x = FloatVector.broadcast(S, val[p]);
            a0 = x.fma(FloatVector.fromArray(S, rows, o), a0);
            a1 = x.fma(FloatVector.fromArray(S, rows, o + L), a1);
            a2 = x.fma(FloatVector.fromArray(S, rows, o + 2 * L), a2);
            a3 = x.fma(FloatVector.fromArray(S, rows, o + 3 * L), a3);
            a4 = x.fma(FloatVector.fromArray(S, rows, o + 4 * L), a4);
            a5 = x.fma(FloatVector.fromArray(S, rows, o + 5 * L), a5);
            a6 = x.fma(FloatVector.fromArray(S, rows, o + 6 * L), a6);
            a7 = x.fma(FloatVector.fromArray(S, rows, o + 7 * L), a7);
        }
        a0.intoArray(acc, j);
        a1.intoArray(acc, j + L);
        a2.intoArray(acc, j + 2 * L);
        a3.intoArray(acc, j + 3 * L);
        a4.intoArray(acc, j + 4 * L);
        a5.intoArray(acc, j + 5 * L);
        a6.intoArray(acc, j + 6 * L);
        a7.intoArray(acc, j + 7 * L);
    }

    @Override
    public void eventScatter(float[][] dst, float[][] src, int[] rowPtr, int[] colIdx, float[] val, int rows,
            int from, int to, int n) {
        int bound = S.loopBound(n);
        for (int r = 0; r < rows; r++) {
            int end = rowPtr[r + 1];
            float[] s = src[r];
            for (int p = rowPtr[r]; p < end; p++) {
                int i = colIdx[p];
                if (i < from || i >= to) {
                    continue;
                }
                float[] d = dst[i];
                float v = val[p];
                FloatVector x = FloatVector.broadcast(S, v);
                int j = 0;
                for (; j < bound; j += L) {
                    x.fma(FloatVector.fromArray(S, s, j), FloatVector.fromArray(S, d, j)).intoArray(d, j);
                }
                for (; j < n; j++) {
                    d[j] = Math.fma(v, s[j], d[j]);
                }
            }
        }
    }

    @Override
    public void eventScatterColumns(float[][] dst, float[][] src, int[] rowPtr, int[] colIdx, float[] val,
            int rows, int j0, int j1) {
        int j = j0;
        for (; j + 8 * L <= j1; j += 8 * L) {
            scatterStrip8(dst, src, rowPtr, colIdx, val, rows, j);
        }
        for (; j + L <= j1; j += L) {
            for (int r = 0; r < rows; r++) {
                int end = rowPtr[r + 1];
                int p = rowPtr[r];
                if (p == end) {
                    continue;
                }
                FloatVector s0 = FloatVector.fromArray(S, src[r], j);
                for (; p < end; p++) {
                    float[] d = dst[colIdx[p]];
                    FloatVector.broadcast(S, val[p]).fma(s0, FloatVector.fromArray(S, d, j)).intoArray(d, j);
                }
            }
        }
        if (j < j1) {
            for (int r = 0; r < rows; r++) {
                float[] s = src[r];
                for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                    float[] d = dst[colIdx[p]];
                    float v = val[p];
                    for (int c = j; c < j1; c++) {
                        d[c] = Math.fma(v, s[c], d[c]);
                    }
                }
            }
        }
    }

    @Override
    public void eventScatterColumnsFlat(float[][] dst, float[] src, int n, int[] rowPtr, int[] colIdx, float[] val,
            int rows, int j0, int j1) {
        // A row's strip of 8 source vectors stays in registers while its events pass (one load and one store of
        // the destination per vector and event); the rest one vector at a time.
        int s8 = j0 + (j1 - j0) / (8 * L) * (8 * L);
        int vEnd = j0 + (j1 - j0) / L * L;
        for (int r = 0; r < rows; r++) {
            int p0 = rowPtr[r];
            int end = rowPtr[r + 1];
            if (p0 == end) {
                continue;
            }
            int o = r * n;
            for (int j = j0; j < s8; j += 8 * L) {
                scatterRowStrip8(dst, src, o + j, j, colIdx, val, p0, end);
            }
            if (s8 < vEnd) {
                for (int p = p0; p < end; p++) {
                    scatterRow(dst[colIdx[p]], val[p], src, o, s8, vEnd);
                }
            }
        }
        int j = vEnd;
        for (; j + L <= j1; j += L) {
            for (int r = 0; r < rows; r++) {
                int end = rowPtr[r + 1];
                int p = rowPtr[r];
                if (p == end) {
                    continue;
                }
                FloatVector s0 = FloatVector.fromArray(S, src, r * n + j);
                for (; p < end; p++) {
                    float[] d = dst[colIdx[p]];
                    FloatVector.broadcast(S, val[p]).fma(s0, FloatVector.fromArray(S, d, j)).intoArray(d, j);
                }
            }
        }
        if (j < j1) {
            for (int r = 0; r < rows; r++) {
                int o = r * n;
                for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                    float[] d = dst[colIdx[p]];
                    float v = val[p];
                    for (int c = j; c < j1; c++) {
                        d[c] = Math.fma(v, src[o + c], d[c]);
                    }
                }
            }
        }
    }

    /**
     * Columns {@code [j, j + 8L)} of the events {@code [p0, end)} of one row, whose source strip starts at
     * {@code src[so]} and stays in registers.
     */
    private static void scatterRowStrip8(float[][] dst, float[] src, int so, int j, int[] colIdx, float[] val,
            int p0, int end) {
        FloatVector s0 = FloatVector.fromArray(S, src, so);
        FloatVector s1 = FloatVector.fromArray(S, src, so + L);
        FloatVector s2 = FloatVector.fromArray(S, src, so + 2 * L);
        FloatVector s3 = FloatVector.fromArray(S, src, so + 3 * L);
        FloatVector s4 = FloatVector.fromArray(S, src, so + 4 * L);
        FloatVector s5 = FloatVector.fromArray(S, src, so + 5 * L);
        FloatVector s6 = FloatVector.fromArray(S, src, so + 6 * L);
        FloatVector s7 = FloatVector.fromArray(S, src, so + 7 * L);
        for (int p = p0; p < end; p++) {
            float[] d = dst[colIdx[p]];
            FloatVector x = FloatVector.broadcast(S, val[p]);
            x.fma(s0, FloatVector.fromArray(S, d, j)).intoArray(d, j);
            x.fma(s1, FloatVector.fromArray(S, d, j + L)).intoArray(d, j + L);
            x.fma(s2, FloatVector.fromArray(S, d, j + 2 * L)).intoArray(d, j + 2 * L);
            x.fma(s3, FloatVector.fromArray(S, d, j + 3 * L)).intoArray(d, j + 3 * L);
            x.fma(s4, FloatVector.fromArray(S, d, j + 4 * L)).intoArray(d, j + 4 * L);
            x.fma(s5, FloatVector.fromArray(S, d, j + 5 * L)).intoArray(d, j + 5 * L);
            x.fma(s6, FloatVector.fromArray(S, d, j + 6 * L)).intoArray(d, j + 6 * L);
            x.fma(s7, FloatVector.fromArray(S, d, j + 7 * L)).intoArray(d, j + 7 * L);
        }
    }

    /** {@code d[j0, j1) += v * src[o + j0, o + j1)}, whole vectors. */
    private static void scatterRow(float[] d, float v, float[] src, int o, int j0, int j1) {
        FloatVector x = FloatVector.broadcast(S, v);
        for (int j = j0; j < j1; j += L) {
            x.fma(FloatVector.fromArray(S, src, o + j), FloatVector.fromArray(S, d, j)).intoArray(d, j);
        }
    }

    /** Columns {@code [j, j + 8L)} of every event: the source row's strip stays in registers for its events. */
    private static void scatterStrip8(float[][] dst, float[][] src, int[] rowPtr, int[] colIdx, float[] val,
            int rows, int j) {
        for (int r = 0; r < rows; r++) {
            int p = rowPtr[r];
            int end = rowPtr[r + 1];
            if (p == end) {
                continue;
            }
            float[] s = src[r];
            FloatVector s0 = FloatVector.fromArray(S, s, j);
            FloatVector s1 = FloatVector.fromArray(S, s, j + L);
            FloatVector s2 = FloatVector.fromArray(S, s, j + 2 * L);
            FloatVector s3 = FloatVector.fromArray(S, s, j + 3 * L);
            FloatVector s4 = FloatVector.fromArray(S, s, j + 4 * L);
            FloatVector s5 = FloatVector.fromArray(S, s, j + 5 * L);
            FloatVector s6 = FloatVector.fromArray(S, s, j + 6 * L);
            FloatVector s7 = FloatVector.fromArray(S, s, j + 7 * L);
            for (; p < end; p++) {
                float[] d = dst[colIdx[p]];
                FloatVector x = FloatVector.broadcast(S, val[p]);
                x.fma(s0, FloatVector.fromArray(S, d, j)).intoArray(d, j);
                x.fma(s1, FloatVector.fromArray(S, d, j + L)).intoArray(d, j + L);
                x.fma(s2, FloatVector.fromArray(S, d, j + 2 * L)).intoArray(d, j + 2 * L);
                x.fma(s3, FloatVector.fromArray(S, d, j + 3 * L)).intoArray(d, j + 3 * L);
                x.fma(s4, FloatVector.fromArray(S, d, j + 4 * L)).intoArray(d, j + 4 * L);
                x.fma(s5, FloatVector.fromArray(S, d, j + 5 * L)).intoArray(d, j + 5 * L);
                x.fma(s6, FloatVector.fromArray(S, d, j + 6 * L)).intoArray(d, j + 6 * L);
                x.fma(s7, FloatVector.fromArray(S, d, j + 7 * L)).intoArray(d, j + 7 * L);
            }
        }
    }

    private static void eventStrip8(float[] acc, float[][] rows, int[] idx, float[] val, int from, int to, int j) {
        FloatVector a0 = FloatVector.fromArray(S, acc, j);
        FloatVector a1 = FloatVector.fromArray(S, acc, j + L);
        FloatVector a2 = FloatVector.fromArray(S, acc, j + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, acc, j + 3 * L);
        FloatVector a4 = FloatVector.fromArray(S, acc, j + 4 * L);
        FloatVector a5 = FloatVector.fromArray(S, acc, j + 5 * L);
        FloatVector a6 = FloatVector.fromArray(S, acc, j + 6 * L);
        FloatVector a7 = FloatVector.fromArray(S, acc, j + 7 * L);
        for (int p = from; p < to; p++) {
            float[] w = rows[idx[p]];
            FloatVector x = FloatVector.broadcast(S, val[p]);
            a0 = x.fma(FloatVector.fromArray(S, w, j), a0);
            a1 = x.fma(FloatVector.fromArray(S, w, j + L), a1);
            a2 = x.fma(FloatVector.fromArray(S, w, j + 2 * L), a2);
            a3 = x.fma(FloatVector.fromArray(S, w, j + 3 * L), a3);
            a4 = x.fma(FloatVector.fromArray(S, w, j + 4 * L), a4);
            a5 = x.fma(FloatVector.fromArray(S, w, j + 5 * L), a5);
            a6 = x.fma(FloatVector.fromArray(S, w, j + 6 * L), a6);
            a7 = x.fma(FloatVector.fromArray(S, w, j + 7 * L), a7);
        }
        a0.intoArray(acc, j);
        a1.intoArray(acc, j + L);
        a2.intoArray(acc, j + 2 * L);
        a3.intoArray(acc, j + 3 * L);
        a4.intoArray(acc, j + 4 * L);
        a5.intoArray(acc, j + 5 * L);
        a6.intoArray(acc, j + 6 * L);
        a7.intoArray(acc, j + 7 * L);
    }

    private static float[] laneBits() {
        float[] w = new float[L];
        for (int i = 0; i < w.length && i < 24; i++) {
            w[i] = 1 << i;
        }
        return w;
    }

    private static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }

    // =========================================================================================================
    // Recurrent layers (RecurrentKernel, through Gemm and NeuronRows): a right-hand matrix packed once for many
    // products, the spike scan of one row, event sums over rows read in place, and fused steps of one sample of
    // the recurrent leaky neuron. Separate from the kernels above; shares only the constants S, L, MR, ZERO and
    // LANE_BITS, and calls none of them.
    // =========================================================================================================

    /** Columns per strip of a packed right-hand matrix: four vectors, so 4 rows x 4 vectors = 16 accumulators. */
    private static final int PW = 4 * L;

    private static final ThreadLocal<PackedScratch> PACKED_SCRATCH = ThreadLocal.withInitial(PackedScratch::new);

    /**
     * One thread's zero row (stands in for missing rows of A), row to discard (stands in for missing rows of C)
     * and tile (for the ragged last strip).
     */
    private static final class PackedScratch {
        float[] zero = new float[0];
        float[] discard = new float[0];
        final float[][] tile = new float[MR][PW];
    }

    @Override
    public int packedStripWidth() {
        return PW;
    }

    @Override
    public float[] packRight(float[] b, int bOff, int k, int n) {
        int strips = (n + PW - 1) / PW;
        float[] pb = new float[strips * k * PW];
        for (int p = 0; p < k; p++) {
            int src = bOff + p * n;
            for (int st = 0, j = 0; j < n; st++, j += PW) {
                System.arraycopy(b, src + j, pb, st * k * PW + p * PW, Math.min(PW, n - j));
            }
        }
        return pb;
    }

    /**
     * Strip by strip of B (each {@code k x PW}, streamed from L2 by every group of four rows), the rows of A read
     * in place: for this one product the packing of A costs more than it saves.
     */
    @Override
    public void gemmPacked(float[][] a, float[] pb, float[][] c, int m, int k, int n) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c[i], 0, n, 0f);
            }
            return;
        }
        PackedScratch s = PACKED_SCRATCH.get();
        if (s.zero.length < k) {
            s.zero = new float[k];
        }
        if (s.discard.length < n) {
            s.discard = new float[n];
        }
        float[] z = s.zero;
        float[] d = s.discard;
        float[][] tile = s.tile;
        for (int col = 0, bo = 0; col < n; col += PW, bo += k * PW) {
            boolean full = col + PW <= n;
            for (int i = 0; i < m; i += MR) {
                int rows = Math.min(MR, m - i);
                float[] a0 = a[i];
                float[] a1 = rows > 1 ? a[i + 1] : z;
                float[] a2 = rows > 2 ? a[i + 2] : z;
                float[] a3 = rows > 3 ? a[i + 3] : z;
                if (full) {
                    micro4x4(a0, a1, a2, a3, k, pb, bo, c[i], rows > 1 ? c[i + 1] : d, rows > 2 ? c[i + 2] : d,
                            rows > 3 ? c[i + 3] : d, col);
                } else {
                    micro4x4(a0, a1, a2, a3, k, pb, bo, tile[0], tile[1], tile[2], tile[3], 0);
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(tile[r], 0, c[i + r], col, n - col);
                    }
                }
            }
        }
    }

    /**
     * {@code cr[co .. co + PW) = sum over p < k of ar[p] * pb[bo + p * PW ..]} for the four rows r: sixteen
     * accumulators, one fma per term, ascending p from zero.
     */
    private static void micro4x4(float[] a0, float[] a1, float[] a2, float[] a3, int k, float[] pb, int bo,
            float[] c0, float[] c1, float[] c2, float[] c3, int co) {
        // zero() rather than the ZERO constant: a loop-carried vector that starts as an object would be boxed
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c02 = FloatVector.zero(S);
        FloatVector c03 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c12 = FloatVector.zero(S);
        FloatVector c13 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c22 = FloatVector.zero(S);
        FloatVector c23 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c32 = FloatVector.zero(S);
        FloatVector c33 = FloatVector.zero(S);
        for (int p = 0; p < k; p++, bo += PW) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bo);
            FloatVector b1 = FloatVector.fromArray(S, pb, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, pb, bo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, pb, bo + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a0[p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a1[p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, a2[p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, a3[p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
        }
        c00.intoArray(c0, co);
        c01.intoArray(c0, co + L);
        c02.intoArray(c0, co + 2 * L);
        c03.intoArray(c0, co + 3 * L);
        c10.intoArray(c1, co);
        c11.intoArray(c1, co + L);
        c12.intoArray(c1, co + 2 * L);
        c13.intoArray(c1, co + 3 * L);
        c20.intoArray(c2, co);
        c21.intoArray(c2, co + L);
        c22.intoArray(c2, co + 2 * L);
        c23.intoArray(c2, co + 3 * L);
        c30.intoArray(c3, co);
        c31.intoArray(c3, co + L);
        c32.intoArray(c3, co + 2 * L);
        c33.intoArray(c3, co + 3 * L);
    }

    /** Eight ints: a byte's set bits become up to eight indices with one table load and one store. */
    private static final VectorSpecies<Integer> I8 = IntVector.SPECIES_256;
    /** Row b: the positions of the set bits of byte b, ascending, then zeros. */
    private static final int[] BIT_POSITIONS = bitPositions();

    private static int[] bitPositions() {
        int[] t = new int[256 * 8];
        for (int b = 0; b < 256; b++) {
            int k = 0;
            for (int i = 0; i < 8; i++) {
                if ((b & (1 << i)) != 0) {
                    t[b * 8 + k++] = i;
                }
            }
        }
        return t;
    }

    /**
     * As {@link #scanRows} for one row, without a branch per non-zero: a vector's non-zeros become a bit set (one
     * compare, one blend, one sum of lanes, as there), and each byte of it writes eight candidate indices from a
     * table and advances by its bit count. The stores write past the last index but stay within
     * {@code [at, at + n)}: before a vector's stores {@code k <= at + j}, and they end before {@code at + j + 16}.
     * Vectors without a non-zero cost one compare.
     */
    @Override
    public int nonZeros(float[] x, int off, int n, int[] idx, int at) {
        int bound = L == 16 ? S.loopBound(n) : 0;
        int k = at;
        int j = 0;
        for (; j < bound; j += L) {
            VectorMask<Float> nz = FloatVector.fromArray(S, x, off + j).compare(VectorOperators.NE, 0f);
            if (nz.anyTrue()) {
                int bits = (int) ZERO.blend(LANE_BITS, nz).reduceLanes(VectorOperators.ADD);
                int lo = bits & 0xFF;
                int hi = bits >>> 8;
                IntVector.fromArray(I8, BIT_POSITIONS, lo * 8).add(j).intoArray(idx, k);
                k += Integer.bitCount(lo);
                IntVector.fromArray(I8, BIT_POSITIONS, hi * 8).add(j + 8).intoArray(idx, k);
                k += Integer.bitCount(hi);
            }
        }
        for (; j < n; j++) {
            idx[k] = j;
            k += x[off + j] != 0f ? 1 : 0;
        }
        return k - at;
    }

    /**
     * Register-blocked as {@link #eventRows}: a strip of eight vectors of {@code acc} stays in registers while the
     * events pass, so each event costs one load and one fma per vector.
     */
    @Override
    public void eventRowsAt(float[] acc, float[][] src, int[] off, int[] idx, float[] val, int from, int to,
            int n) {
        if (from >= to) {
            return;
        }
        int j = 0;
        for (; j + 8 * L <= n; j += 8 * L) {
            FloatVector a0 = FloatVector.fromArray(S, acc, j);
            FloatVector a1 = FloatVector.fromArray(S, acc, j + L);
            FloatVector a2 = FloatVector.fromArray(S, acc, j + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, acc, j + 3 * L);
            FloatVector a4 = FloatVector.fromArray(S, acc, j + 4 * L);
            FloatVector a5 = FloatVector.fromArray(S, acc, j + 5 * L);
            FloatVector a6 = FloatVector.fromArray(S, acc, j + 6 * L);
            FloatVector a7 = FloatVector.fromArray(S, acc, j + 7 * L);
            for (int p = from; p < to; p++) {
                int r = idx[p];
                float[] w = src[r];
                int o = off[r] + j;
                FloatVector x = FloatVector.broadcast(S, val[p]);
                a0 = x.fma(FloatVector.fromArray(S, w, o), a0);
                a1 = x.fma(FloatVector.fromArray(S, w, o + L), a1);
                a2 = x.fma(FloatVector.fromArray(S, w, o + 2 * L), a2);
                a3 = x.fma(FloatVector.fromArray(S, w, o + 3 * L), a3);
                a4 = x.fma(FloatVector.fromArray(S, w, o + 4 * L), a4);
                a5 = x.fma(FloatVector.fromArray(S, w, o + 5 * L), a5);
                a6 = x.fma(FloatVector.fromArray(S, w, o + 6 * L), a6);
                a7 = x.fma(FloatVector.fromArray(S, w, o + 7 * L), a7);
            }
            a0.intoArray(acc, j);
            a1.intoArray(acc, j + L);
            a2.intoArray(acc, j + 2 * L);
            a3.intoArray(acc, j + 3 * L);
            a4.intoArray(acc, j + 4 * L);
            a5.intoArray(acc, j + 5 * L);
            a6.intoArray(acc, j + 6 * L);
            a7.intoArray(acc, j + 7 * L);
        }
        for (; j + L <= n; j += L) {
            FloatVector a = FloatVector.fromArray(S, acc, j);
            for (int p = from; p < to; p++) {
                a = FloatVector.broadcast(S, val[p]).fma(FloatVector.fromArray(S, src[idx[p]], off[idx[p]] + j), a);
            }
            a.intoArray(acc, j);
        }
        for (; j < n; j++) {
            float a = acc[j];
            for (int p = from; p < to; p++) {
                a = Math.fma(val[p], src[idx[p]][off[idx[p]] + j], a);
            }
            acc[j] = a;
        }
    }

    /** Doubles of the float vectors' size: a float vector converts into two of them. */
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class,
            VectorShape.forBitSize(S.vectorBitSize()));
    private static final int DL = D.length();

    /** {@code d > 0 ? 1 : 0}, NaN for NaN: the plain kernels' branch-free step (min(1, max(0, d 2^254))). */
    private static FloatVector step(FloatVector d) {
        FloatVector r = FloatVector.zero(S).blend(FloatVector.broadcast(S, 1f), d.compare(VectorOperators.GT, 0f));
        // (d != d) finds NaN; test(IS_NAN) is not an intrinsic on JDK 17 and makes C2 box vectors in callers
        return r.blend(d, d.compare(VectorOperators.NE, d));
    }

    private static float step(float d) {
        return Math.min(1f, Math.max(0f, d * 0x1p127f * 0x1p127f));
    }

    /** {@code acc[at .. at + L) += v} in double. */
    private static void addDouble(double[] acc, int at, FloatVector v) {
        DoubleVector lo = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
        DoubleVector hi = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
        DoubleVector.fromArray(D, acc, at).add(lo).intoArray(acc, at);
        DoubleVector.fromArray(D, acc, at + DL).add(hi).intoArray(acc, at + DL);
    }

    @Override
    public void leakyForwardRow(int reset, int n, float[] x, int xo, float[] rec, float[] bb, float[] tt, float[] u,
            float[] sp, float[] mem, float[] spk, int o) {
        // reset as a choice of what r multiplies (theta, base or zero), made with constant masks, not branches
        VectorMask<Float> zeroReset = VectorMask.fromLong(S, reset == 1 ? -1L : 0L);
        VectorMask<Float> noReset = VectorMask.fromLong(S, reset == 2 ? -1L : 0L);
        int bound = S.loopBound(n);
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector uv = FloatVector.fromArray(S, u, j);
            FloatVector th = FloatVector.fromArray(S, tt, j);
            FloatVector base = FloatVector.fromArray(S, bb, j).mul(uv).add(FloatVector.fromArray(S, x, xo + j))
                    .add(FloatVector.fromArray(S, rec, j));
            FloatVector r = step(uv.sub(th));
            FloatVector by = th.blend(base, zeroReset).blend(FloatVector.zero(S), noReset);
            FloatVector v = base.sub(r.mul(by));
            FloatVector s = step(v.sub(th));
            v.intoArray(u, j);
            s.intoArray(sp, j);
            s.intoArray(spk, o + j);
            if (mem != null) {
                v.intoArray(mem, o + j);
            }
        }
        for (; j < n; j++) {
            float th = tt[j];
            float base = bb[j] * u[j] + x[xo + j] + rec[j];
            float r = step(u[j] - th);
            float v = reset == 0 ? base - r * th : reset == 1 ? base - r * base : base;
            float s = step(v - th);
            u[j] = v;
            sp[j] = s;
            spk[o + j] = s;
            if (mem != null) {
                mem[o + j] = v;
            }
        }
    }

    @Override
    public void leakyBackwardRow(int reset, int n, float[] prev, float[] sg, float[] gOut, int o, float[] bb,
            float[] tt, float[] cU, float[] cK, float[] g, float[] gIn, float[] gRec, double[] pb, double[] pt,
            double[] pBias) {
        VectorMask<Float> subReset = VectorMask.fromLong(S, reset == 0 ? -1L : 0L);
        VectorMask<Float> zeroReset = VectorMask.fromLong(S, reset == 1 ? -1L : 0L);
        float[] rec = gRec == gIn ? null : gRec;
        int bound = DL * 2 == L ? S.loopBound(n) : 0;
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector pv = FloatVector.fromArray(S, prev, j);
            FloatVector r = step(pv.sub(FloatVector.fromArray(S, tt, j)));
            FloatVector gs = FloatVector.fromArray(S, gOut, o + j).add(FloatVector.fromArray(S, cK, j))
                    .mul(FloatVector.fromArray(S, sg, j));
            FloatVector gU = FloatVector.fromArray(S, cU, j).add(gs);
            FloatVector gb = gU.blend(gU.mul(FloatVector.broadcast(S, 1f).sub(r)), zeroReset);
            gb.intoArray(g, j);
            gb.mul(FloatVector.fromArray(S, bb, j)).intoArray(cU, j);
            if (gIn != null) {
                gb.intoArray(gIn, o + j);
            }
            if (rec != null) {
                gb.intoArray(rec, o + j);
            }
            if (pb != null) {
                addDouble(pb, j, gb.mul(pv));
            }
            if (pt != null) {
                FloatVector g0 = FloatVector.zero(S).sub(gs);
                addDouble(pt, j, g0.blend(g0.sub(r.mul(gU)), subReset));
            }
            if (pBias != null) {
                addDouble(pBias, j, gb);
            }
        }
        for (; j < n; j++) {
            float r = step(prev[j] - tt[j]);
            float gs = (gOut[o + j] + cK[j]) * sg[j];
            float gU = cU[j] + gs;
            float gth = reset == 0 ? (0f - gs) - r * gU : 0f - gs;
            float gb = reset == 1 ? gU * (1f - r) : gU;
            g[j] = gb;
            cU[j] = gb * bb[j];
            if (gIn != null) {
                gIn[o + j] = gb;
            }
            if (rec != null) {
                rec[o + j] = gb;
            }
            if (pb != null) {
                pb[j] += gb * prev[j];
            }
            if (pt != null) {
                pt[j] += gth;
            }
            if (pBias != null) {
                pBias[j] += gb;
            }
        }
    }
}
