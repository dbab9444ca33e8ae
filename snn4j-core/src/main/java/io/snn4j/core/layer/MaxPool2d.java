package io.snn4j.core.layer;

import io.snn4j.core.Tensor;

/**
 * Max pooling as PyTorch's {@code nn.MaxPool2d} (no padding): {@code [T, B, C, H, W] -> [T, B, C, OH, OW]},
 * {@code OH = (H - kH) / strideH + 1}. The gradient goes to the first maximum in row-major scan order of the
 * window, as in PyTorch.
 */
public final class MaxPool2d extends Pool2d {
    private int[] argmax;

    /** Square window with stride equal to the window. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel);
    }

    public MaxPool2d(int kernel, int stride) {
        this(new int[] {kernel, kernel}, new int[] {stride, stride});
    }

    /** @param kernel {@code {kH, kW}}; @param stride {@code {strideH, strideW}} */
    public MaxPool2d(int[] kernel, int[] stride) {
        super(kernel, stride);
    }

    static MaxPool2d fromSpec(LayerSpec spec) {
        int[] k = kernelFromSpec(spec);
        return new MaxPool2d(k, spec.getInts("stride", 2, k));
    }

    @Override
    public String type() {
        return "maxpool2d";
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
        int[] arg = training ? new int[y.size()] : null;
        float[] xd = x.data();
        float[] yd = y.data();
        forPlanes(planes, (long) oh * ow * kh * kw, (from, to) -> {
            for (int pl = from; pl < to; pl++) {
                int in0 = pl * h * w;
                int out0 = pl * oh * ow;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int best = in0 + i * sh * w + j * sw;
                        float bv = xd[best];
                        for (int a = 0; a < kh; a++) {
                            int row = in0 + (i * sh + a) * w + j * sw;
                            for (int b = 0; b < kw; b++) {
                                float v = xd[row + b];
                                // Strictly greater keeps the first maximum; NaN wins as in PyTorch.
                                if (v > bv || Float.isNaN(v)) {
                                    bv = v;
                                    best = row + b;
                                }
                            }
                        }
                        yd[out0 + i * ow + j] = bv;
                        if (arg != null) {
                            arg[out0 + i * ow + j] = best;
                        }
                    }
                }
            }
        });
        if (training) {
            lastInput = x;
            argmax = arg;
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        Tensor x = checkGrad(gradOut);
        if (!inputGradRequired) {
            return null;
        }
        Tensor dx = new Tensor(x.shape());
        float[] g = gradOut.data();
        float[] d = dx.data();
        int[] arg = argmax;
        int per = gradOut.dim(3) * gradOut.dim(4);
        int planes = g.length / Math.max(1, per);
        // A window's maximum lies in its own plane, so planes scatter independently (overlapping windows
        // within a plane add in a fixed order on one thread).
        forPlanes(planes, per, (from, to) -> {
            for (int i = from * per; i < to * per; i++) {
                d[arg[i]] += g[i];
            }
        });
        return dx;
    }

    @Override
    protected Object saveCache() {
        return new Object[] {lastInput, argmax};
    }

    @Override
    protected void restoreCache(Object cache) {
        Object[] c = (Object[]) cache;
        lastInput = (Tensor) c[0];
        argmax = (int[]) c[1];
    }
}
