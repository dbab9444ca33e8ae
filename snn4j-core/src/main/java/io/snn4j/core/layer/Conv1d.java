package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * A 1-D convolution as PyTorch's {@code nn.Conv1d} (zero padding), applied to every time step:
 * {@code [T, B, inC, L] -> [T, B, outC, OL]}, {@code OL = (L + 2 padding - kernel) / stride + 1}. Weight
 * {@code [outC, inC, kernel]}, bias {@code [outC]}, both U(-1/sqrt(inC kernel), 1/sqrt(inC kernel)).
 */
public final class Conv1d extends StatelessLayer {
    private final ConvCore core;
    private Tensor lastInput;

    public Conv1d(int inC, int outC, int kernel, int stride, int padding, boolean bias, Rng rng) {
        core = new ConvCore("conv1d", inC, outC, 1, kernel, 1, stride, 0, padding, bias,
                new int[] {outC, inC, Math.max(0, kernel)}, rng);
    }

    static Conv1d fromSpec(LayerSpec spec, Rng rng) {
        spec.checkKeys("in_channels", "out_channels", "kernel_size", "stride", "padding", "bias");
        return new Conv1d(spec.requireInt("in_channels"), spec.requireInt("out_channels"),
                spec.requireInt("kernel_size"), spec.getInt("stride", 1), spec.getInt("padding", 0),
                spec.getBool("bias", true), rng);
    }

    /** The weight {@code [outC, inC, kernel]}. */
    public Parameter weight() {
        return core.weight;
    }

    /** The bias {@code [outC]}, or null. */
    public Parameter bias() {
        return core.bias;
    }

    @Override
    public String type() {
        return "conv1d";
    }

    @Override
    public int[] outputShape(int[] s) {
        if (s.length != 2 || s[0] != core.inC) {
            throw new IllegalArgumentException("conv1d: expected input features [" + core.inC + ", L], got "
                    + Arrays.toString(s));
        }
        core.checkSize(1, s[1], "length " + s[1]);
        return new int[] {core.outC, core.outW(s[1])};
    }

    @Override
    public List<Parameter> parameters() {
        return core.parameters();
    }

    /** @param x {@code [T, B, inC, L]}; @return {@code [T, B, outC, OL]} */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("conv1d: expected input [T, B, " + core.inC + ", L], got "
                    + Arrays.toString(x.shape()));
        }
        int[] os = outputShape(x.trailingShape(2));
        float[] y = core.forward(x.data(), x.dim(0) * x.dim(1), 1, x.dim(3));
        if (training) {
            lastInput = x;
        }
        return new Tensor(y, x.dim(0), x.dim(1), os[0], os[1]);
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        if (lastInput == null) {
            throw new IllegalStateException("conv1d: backward without a training forward");
        }
        Tensor x = lastInput;
        int[] os = outputShape(x.trailingShape(2));
        int[] expect = {x.dim(0), x.dim(1), os[0], os[1]};
        if (!Arrays.equals(gradOut.shape(), expect)) {
            throw new IllegalArgumentException("conv1d: expected output gradient " + Arrays.toString(expect)
                    + ", got " + Arrays.toString(gradOut.shape()));
        }
        float[] dx = core.backward(x.data(), x.dim(0) * x.dim(1), 1, x.dim(3), gradOut.data(), inputGradRequired);
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
        return LayerSpec.of("conv1d", "in_channels", core.inC, "out_channels", core.outC,
                "kernel_size", core.kw, "stride", core.sw, "padding", core.pw, "bias", core.bias != null);
    }
}
