package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * A 2-D convolution as PyTorch's {@code nn.Conv2d} (zero padding, no dilation or groups), applied to every
 * time step: {@code [T, B, inC, H, W] -> [T, B, outC, OH, OW]} with {@code OH = (H + 2 padH - kH) / strideH + 1}.
 * Weight {@code [outC, inC, kH, kW]} and bias {@code [outC]} are initialised U(-1/sqrt(fan_in), 1/sqrt(fan_in)),
 * {@code fan_in = inC kH kW}, PyTorch's default.
 */
public final class Conv2d extends StatelessLayer {
    private final ConvCore core;
    private Tensor lastInput;

    /** Square kernel, stride and padding. */
    public Conv2d(int inC, int outC, int kernel, int stride, int padding, boolean bias, Rng rng) {
        this(inC, outC, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding},
                bias, rng);
    }

    /**
     * @param kernel  {@code {kH, kW}}
     * @param stride  {@code {strideH, strideW}}
     * @param padding {@code {padH, padW}} zeros added on each side
     */
    public Conv2d(int inC, int outC, int[] kernel, int[] stride, int[] padding, boolean bias, Rng rng) {
        pair("kernel_size", kernel);
        pair("stride", stride);
        pair("padding", padding);
        core = new ConvCore("conv2d", inC, outC, kernel[0], kernel[1], stride[0], stride[1], padding[0],
                padding[1], bias, new int[] {outC, inC, Math.max(0, kernel[0]), Math.max(0, kernel[1])}, rng);
    }

    private static void pair(String key, int[] v) {
        if (v == null || v.length != 2) {
            throw new IllegalArgumentException("conv2d: '" + key + "' must have 2 values (height, width), got "
                    + Arrays.toString(v));
        }
    }

    static Conv2d fromSpec(LayerSpec spec, Rng rng) {
        spec.checkKeys("in_channels", "out_channels", "kernel_size", "stride", "padding", "bias");
        int[] k = spec.getInts("kernel_size", 2, null);
        if (k == null) {
            throw new IllegalArgumentException("conv2d: missing 'kernel_size'");
        }
        return new Conv2d(spec.requireInt("in_channels"), spec.requireInt("out_channels"), k,
                spec.getInts("stride", 2, new int[] {1, 1}), spec.getInts("padding", 2, new int[] {0, 0}),
                spec.getBool("bias", true), rng);
    }

    /** The weight {@code [outC, inC, kH, kW]}. */
    public Parameter weight() {
        return core.weight;
    }

    /** The bias {@code [outC]}, or null. */
    public Parameter bias() {
        return core.bias;
    }

    @Override
    public String type() {
        return "conv2d";
    }

    @Override
    public int[] outputShape(int[] s) {
        if (s.length != 3 || s[0] != core.inC) {
            throw new IllegalArgumentException("conv2d: expected input features [" + core.inC + ", H, W], got "
                    + Arrays.toString(s));
        }
        core.checkSize(s[1], s[2], s[1] + "x" + s[2]);
        return new int[] {core.outC, core.outH(s[1]), core.outW(s[2])};
    }

    @Override
    public List<Parameter> parameters() {
        return core.parameters();
    }

    /** @param x {@code [T, B, inC, H, W]}; @return {@code [T, B, outC, OH, OW]} */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 5) {
            throw new IllegalArgumentException("conv2d: expected input [T, B, " + core.inC + ", H, W], got "
                    + Arrays.toString(x.shape()));
        }
        int[] os = outputShape(x.trailingShape(2));
        int n = x.dim(0) * x.dim(1);
        float[] y = core.forward(x.data(), n, x.dim(3), x.dim(4));
        if (training) {
            lastInput = x;
        }
        return new Tensor(y, x.dim(0), x.dim(1), os[0], os[1], os[2]);
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        if (lastInput == null) {
            throw new IllegalStateException("conv2d: backward without a training forward");
        }
        Tensor x = lastInput;
        int[] os = outputShape(x.trailingShape(2));
        int[] expect = {x.dim(0), x.dim(1), os[0], os[1], os[2]};
        if (!Arrays.equals(gradOut.shape(), expect)) {
            throw new IllegalArgumentException("conv2d: expected output gradient " + Arrays.toString(expect)
                    + ", got " + Arrays.toString(gradOut.shape()));
        }
        float[] dx = core.backward(x.data(), x.dim(0) * x.dim(1), x.dim(3), x.dim(4), gradOut.data(),
                inputGradRequired);
        return dx == null ? null : new Tensor(dx, x.shape());
    }

    @Override
    protected Object saveCache() {
        return lastInput;
    }

    @Override
    protected void restoreCache(Object cache) {
        lastInput = (Tensor) cache;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("conv2d", "in_channels", core.inC, "out_channels", core.outC,
                "kernel_size", intOrPair(core.kh, core.kw), "stride", intOrPair(core.sh, core.sw),
                "padding", intOrPair(core.ph, core.pw), "bias", core.bias != null);
    }

    static Object intOrPair(int a, int b) {
        return a == b ? (Object) a : List.of(a, b);
    }
}
