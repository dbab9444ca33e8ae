package io.snn4j.core.layer;

import io.snn4j.core.Tensor;

/**
 * Average pooling as PyTorch's {@code nn.AvgPool2d} (no padding): {@code [T, B, C, H, W] -> [T, B, C, OH, OW]},
 * each output the mean of its {@code kH x kW} window.
 */
public final class AvgPool2d extends Pool2d {

    /** Square window with stride equal to the window. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel);
    }

    public AvgPool2d(int kernel, int stride) {
        this(new int[] {kernel, kernel}, new int[] {stride, stride});
    }

    /** @param kernel {@code {kH, kW}}; @param stride {@code {strideH, strideW}} */
    public AvgPool2d(int[] kernel, int[] stride) {
        super(kernel, stride);
    }

    static AvgPool2d fromSpec(LayerSpec spec) {
        int[] k = kernelFromSpec(spec);
        return new AvgPool2d(k, spec.getInts("stride", 2, k));
    }

    @Override
    public String type() {
        return "avgpool2d";
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] os = checkInput(x);
        int h = x.dim(3);
        int w = x.dim(4);
        int oh = os[3];
        int ow = os[4];
        int planes = os[0] * os[1] * os[2];
        Tensor y = new Tensor(os);
        float[] xd = x.data();
        float[] yd = y.data();
        float inv = 1f / (kh * kw);
        forPlanes(planes, (long) oh * ow * kh * kw, (from, to) -> {
            for (int pl = from; pl < to; pl++) {
                int in0 = pl * h * w;
                int out0 = pl * oh * ow;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        float s = 0f;
                        for (int a = 0; a < kh; a++) {
                            int row = in0 + (i * sh + a) * w + j * sw;
                            for (int b = 0; b < kw; b++) {
                                s += xd[row + b];
                            }
                        }
                        yd[out0 + i * ow + j] = s * inv;
                    }
                }
            }
        });
        if (training) {
            lastInput = x;
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        Tensor x = checkGrad(gradOut);
        if (!inputGradRequired) {
            return null;
        }
        int[] os = gradOut.shape();
        int h = x.dim(3);
        int w = x.dim(4);
        int oh = os[3];
        int ow = os[4];
        int planes = os[0] * os[1] * os[2];
        Tensor dx = new Tensor(x.shape());
        float[] g = gradOut.data();
        float[] d = dx.data();
        float inv = 1f / (kh * kw);
        // Each plane is owned by one thread, so overlapping windows still add in a fixed order.
        forPlanes(planes, (long) oh * ow * kh * kw, (from, to) -> {
            for (int pl = from; pl < to; pl++) {
                int in0 = pl * h * w;
                int out0 = pl * oh * ow;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        float v = g[out0 + i * ow + j] * inv;
                        for (int a = 0; a < kh; a++) {
                            int row = in0 + (i * sh + a) * w + j * sw;
                            for (int b = 0; b < kw; b++) {
                                d[row + b] += v;
                            }
                        }
                    }
                }
            }
        });
        return dx;
    }

    @Override
    protected Object saveCache() {
        return lastInput;
    }

    @Override
    protected void restoreCache(Object cache) {
        lastInput = (Tensor) cache;
    }
}
