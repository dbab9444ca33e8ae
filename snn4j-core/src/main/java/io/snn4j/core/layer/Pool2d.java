package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.Parallel;
import java.util.Arrays;
import java.util.List;

/** Shared geometry of {@link MaxPool2d} and {@link AvgPool2d}: no padding, floor of the output size. */
abstract class Pool2d extends StatelessLayer {
    final int kh;
    final int kw;
    final int sh;
    final int sw;
    Tensor lastInput;

    Pool2d(int[] kernel, int[] stride) {
        if (kernel == null || kernel.length != 2 || kernel[0] < 1 || kernel[1] < 1) {
            throw new IllegalArgumentException(type() + ": kernel_size must be 2 values >= 1, got "
                    + Arrays.toString(kernel));
        }
        if (stride == null || stride.length != 2 || stride[0] < 1 || stride[1] < 1) {
            throw new IllegalArgumentException(type() + ": stride must be 2 values >= 1, got "
                    + Arrays.toString(stride));
        }
        kh = kernel[0];
        kw = kernel[1];
        sh = stride[0];
        sw = stride[1];
    }

    static int[] kernelFromSpec(LayerSpec spec) {
        spec.checkKeys("kernel_size", "stride");
        int[] k = spec.getInts("kernel_size", 2, null);
        if (k == null) {
            throw new IllegalArgumentException(spec.type() + ": missing 'kernel_size'");
        }
        return k;
    }

    @Override
    public int[] outputShape(int[] s) {
        if (s.length != 3) {
            throw new IllegalArgumentException(type() + ": expected input features [C, H, W], got "
                    + Arrays.toString(s));
        }
        if (s[1] < kh || s[2] < kw) {
            throw new IllegalArgumentException(type() + ": input " + s[1] + "x" + s[2]
                    + " is smaller than the kernel " + kh + "x" + kw);
        }
        return new int[] {s[0], (s[1] - kh) / sh + 1, (s[2] - kw) / sw + 1};
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    int[] checkInput(Tensor x) {
        if (x.rank() != 5) {
            throw new IllegalArgumentException(type() + ": expected input [T, B, C, H, W], got "
                    + Arrays.toString(x.shape()));
        }
        int[] os = outputShape(x.trailingShape(2));
        return new int[] {x.dim(0), x.dim(1), os[0], os[1], os[2]};
    }

    /** Runs {@code body} over the planes (one image channel each), split across threads. */
    static void forPlanes(int planes, long cost, Parallel.RangeBody body) {
        Parallel.forRange(planes, cost, body);
    }

    Tensor checkGrad(Tensor gradOut) {
        if (lastInput == null) {
            throw new IllegalStateException(type() + ": backward without a training forward");
        }
        int[] expect = checkInput(lastInput);
        if (!Arrays.equals(gradOut.shape(), expect)) {
            throw new IllegalArgumentException(type() + ": expected output gradient " + Arrays.toString(expect)
                    + ", got " + Arrays.toString(gradOut.shape()));
        }
        return lastInput;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of(type(), "kernel_size", Conv2d.intOrPair(kh, kw), "stride", Conv2d.intOrPair(sh, sw));
    }
}
