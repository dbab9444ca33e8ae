package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.Elementwise;
import io.snn4j.core.kernel.Gemm;
import io.snn4j.core.kernel.Parallel;

/**
 * The 2-D convolution shared by {@link Conv2d} and {@link Conv1d} (which is a convolution over a height of 1):
 * im2col over a chunk of images, then one GEMM with the weight. Images are processed in chunks whose size
 * depends only on the geometry, so the column buffer stays bounded and the weight gradient is reduced in the
 * same order for any thread count.
 */
final class ConvCore {
    /** Upper bound of the column buffer, in floats (16 MiB). */
    private static final int CHUNK_FLOATS = 1 << 22;

    final String name;
    final int inC;
    final int outC;
    final int kh;
    final int kw;
    final int sh;
    final int sw;
    final int ph;
    final int pw;
    final int ckk;
    final Parameter weight;
    final Parameter bias;

    ConvCore(String name, int inC, int outC, int kh, int kw, int sh, int sw, int ph, int pw, boolean hasBias,
            int[] weightShape, Rng rng) {
        this.name = name;
        if (inC < 1 || outC < 1) {
            throw new IllegalArgumentException(name + ": in_channels and out_channels must be >= 1, got " + inC
                    + " and " + outC);
        }
        if (kh < 1 || kw < 1) {
            throw new IllegalArgumentException(name + ": kernel_size must be >= 1, got " + kh + "x" + kw);
        }
        if (sh < 1 || sw < 1) {
            throw new IllegalArgumentException(name + ": stride must be >= 1, got " + sh + "x" + sw);
        }
        if (ph < 0 || pw < 0) {
            throw new IllegalArgumentException(name + ": padding must be >= 0, got " + ph + "x" + pw);
        }
        this.inC = inC;
        this.outC = outC;
        this.kh = kh;
        this.kw = kw;
        this.sh = sh;
        this.sw = sw;
        this.ph = ph;
        this.pw = pw;
        this.ckk = inC * kh * kw;
        // PyTorch's default: kaiming_uniform(a = sqrt 5), which is U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
        float bound = (float) (1.0 / Math.sqrt(ckk));
        Tensor w = new Tensor(weightShape);
        for (int i = 0; i < w.size(); i++) {
            w.data()[i] = rng.uniform(-bound, bound);
        }
        weight = new Parameter("weight", w);
        if (hasBias) {
            Tensor b = new Tensor(outC);
            for (int i = 0; i < outC; i++) {
                b.data()[i] = rng.uniform(-bound, bound);
            }
            bias = new Parameter("bias", b);
        } else {
            bias = null;
        }
    }

    /** The weight, then the bias when there is one. */
    java.util.List<Parameter> parameters() {
        return bias == null ? java.util.List.of(weight) : java.util.List.of(weight, bias);
    }

    int outH(int h) {
        return (h + 2 * ph - kh) / sh + 1;
    }

    int outW(int w) {
        return (w + 2 * pw - kw) / sw + 1;
    }

    /** Throws unless an {@code h x w} image gives at least one output position. */
    void checkSize(int h, int w, String what) {
        if (h + 2 * ph < kh || w + 2 * pw < kw) {
            throw new IllegalArgumentException(name + ": input " + what + " is smaller than the kernel "
                    + kh + "x" + kw + " (padding " + ph + "x" + pw + ")");
        }
    }

    private int chunkImages(int ohw) {
        return Math.max(1, CHUNK_FLOATS / Math.max(1, ohw * Math.max(ckk, outC)));
    }

    /** {@code x[n, inC, h, w] -> y[n, outC, oh, ow]}. */
    float[] forward(float[] x, int n, int h, int w) {
        int oh = outH(h);
        int ow = outW(w);
        int ohw = oh * ow;
        float[] y = new float[n * outC * ohw];
        float[] wt = new float[ckk * outC];
        Elementwise.transpose(weight.value().data(), 0, outC, ckk, wt, 0);
        int chunk = chunkImages(ohw);
        float[] cols = new float[Math.min(n, chunk) * ohw * ckk];
        float[] y2 = new float[Math.min(n, chunk) * ohw * outC];
        float[] b = bias == null ? null : bias.value().data();
        for (int n0 = 0; n0 < n; n0 += chunk) {
            int n1 = Math.min(n, n0 + chunk);
            int p = (n1 - n0) * ohw;
            im2col(x, n0, n1, h, w, oh, ow, cols);
            Gemm.mm(cols, 0, wt, 0, y2, 0, p, ckk, outC, false);
            final int base = n0;
            Parallel.forRange(n1 - n0, (long) ohw * outC, (from, to) -> {
                for (int i = from; i < to; i++) {
                    int yImg = (base + i) * outC * ohw;
                    for (int s = 0; s < ohw; s++) {
                        int src = (i * ohw + s) * outC;
                        for (int o = 0; o < outC; o++) {
                            y[yImg + o * ohw + s] = y2[src + o] + (b == null ? 0f : b[o]);
                        }
                    }
                }
            });
        }
        return y;
    }

    /** Accumulates weight and bias gradients; returns dx {@code [n, inC, h, w]} when {@code needInput}. */
    float[] backward(float[] x, int n, int h, int w, float[] dy, boolean needInput) {
        int oh = outH(h);
        int ow = outW(w);
        int ohw = oh * ow;
        int chunk = chunkImages(ohw);
        float[] cols = new float[Math.min(n, chunk) * ohw * ckk];
        float[] dy2 = new float[Math.min(n, chunk) * ohw * outC];
        float[] dx = needInput ? new float[n * inC * h * w] : null;
        float[] dw = weight.grad().data();
        for (int n0 = 0; n0 < n; n0 += chunk) {
            int n1 = Math.min(n, n0 + chunk);
            int p = (n1 - n0) * ohw;
            im2col(x, n0, n1, h, w, oh, ow, cols);
            final int base = n0;
            Parallel.forRange(n1 - n0, (long) ohw * outC, (from, to) -> {
                for (int i = from; i < to; i++) {
                    int gImg = (base + i) * outC * ohw;
                    for (int s = 0; s < ohw; s++) {
                        int dst = (i * ohw + s) * outC;
                        for (int o = 0; o < outC; o++) {
                            dy2[dst + o] = dy[gImg + o * ohw + s];
                        }
                    }
                }
            });
            Gemm.mmTransA(dy2, 0, cols, 0, dw, 0, outC, p, ckk, true);
            if (bias != null) {
                Elementwise.addColumnSums(dy2, 0, p, outC, bias.grad().data());
            }
            if (needInput) {
                // cols is free now: reuse it for the column gradient.
                Gemm.mm(dy2, 0, weight.value().data(), 0, cols, 0, p, outC, ckk, false);
                col2im(cols, n0, n1, h, w, oh, ow, dx);
            }
        }
        return dx;
    }

    private void im2col(float[] x, int n0, int n1, int h, int w, int oh, int ow, float[] cols) {
        int ohw = oh * ow;
        Parallel.forRange(n1 - n0, (long) ohw * ckk, (from, to) -> {
            for (int i = from; i < to; i++) {
                int img = (n0 + i) * inC * h * w;
                for (int y = 0; y < oh; y++) {
                    for (int xo = 0; xo < ow; xo++) {
                        int row = ((i * oh + y) * ow + xo) * ckk;
                        int q = 0;
                        for (int c = 0; c < inC; c++) {
                            int plane = img + c * h * w;
                            for (int a = 0; a < kh; a++) {
                                int iy = y * sh - ph + a;
                                boolean rowIn = iy >= 0 && iy < h;
                                for (int bb = 0; bb < kw; bb++) {
                                    int ix = xo * sw - pw + bb;
                                    cols[row + q++] = rowIn && ix >= 0 && ix < w ? x[plane + iy * w + ix] : 0f;
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    private void col2im(float[] cols, int n0, int n1, int h, int w, int oh, int ow, float[] dx) {
        int ohw = oh * ow;
        Parallel.forRange(n1 - n0, (long) ohw * ckk, (from, to) -> {
            for (int i = from; i < to; i++) {
                int img = (n0 + i) * inC * h * w;
                for (int y = 0; y < oh; y++) {
                    for (int xo = 0; xo < ow; xo++) {
                        int row = ((i * oh + y) * ow + xo) * ckk;
                        int q = 0;
                        for (int c = 0; c < inC; c++) {
                            int plane = img + c * h * w;
                            for (int a = 0; a < kh; a++) {
                                int iy = y * sh - ph + a;
                                boolean rowIn = iy >= 0 && iy < h;
                                for (int bb = 0; bb < kw; bb++) {
                                    int ix = xo * sw - pw + bb;
                                    if (rowIn && ix >= 0 && ix < w) {
                                        dx[plane + iy * w + ix] += cols[row + q];
                                    }
                                    q++;
                                }
                            }
                        }
                    }
                }
            }
        });
    }
}
