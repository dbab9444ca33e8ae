package io.snn4j.core.layer;

import static io.snn4j.core.layer.LayerTestSupport.assertClose;
import static io.snn4j.core.layer.LayerTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.GradCheck;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvTest {

    /** Direct definition of PyTorch's conv2d with zero padding, in double. */
    private static Tensor reference(Tensor x, Tensor w, Tensor b, int sh, int sw, int ph, int pw) {
        int n = x.dim(0) * x.dim(1);
        int c = x.dim(2);
        int h = x.dim(3);
        int wd = x.dim(4);
        int oc = w.dim(0);
        int kh = w.dim(2);
        int kw = w.dim(3);
        int oh = (h + 2 * ph - kh) / sh + 1;
        int ow = (wd + 2 * pw - kw) / sw + 1;
        Tensor y = new Tensor(x.dim(0), x.dim(1), oc, oh, ow);
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < oc; o++) {
                for (int yy = 0; yy < oh; yy++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double s = b == null ? 0 : b.data()[o];
                        for (int ci = 0; ci < c; ci++) {
                            for (int a = 0; a < kh; a++) {
                                for (int q = 0; q < kw; q++) {
                                    int iy = yy * sh - ph + a;
                                    int ix = xx * sw - pw + q;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                        s += (double) x.data()[((i * c + ci) * h + iy) * wd + ix]
                                                * w.data()[((o * c + ci) * kh + a) * kw + q];
                                    }
                                }
                            }
                        }
                        y.data()[((i * oc + o) * oh + yy) * ow + xx] = (float) s;
                    }
                }
            }
        }
        return y;
    }

    @Test
    void onesKernelSumsEachWindow() {
        Conv2d c = new Conv2d(1, 1, 2, 1, 0, false, new Rng(0));
        c.weight().value().fill(1f);
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 1, 3, 3);
        Tensor y = c.forward(x, false);
        assertArrayEquals(new int[] {1, 1, 1, 2, 2}, y.shape());
        assertArrayEquals(new float[] {12, 16, 24, 28}, y.data());
    }

    @Test
    void paddingAddsZerosAndStrideSkipsPositions() {
        Conv2d c = new Conv2d(1, 1, 3, 2, 1, true, new Rng(0));
        c.weight().value().fill(1f);
        c.bias().value().fill(0.5f);
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 1, 3, 3);
        // Windows centred on the corners (0,0), (0,2), (2,0), (2,2) of the padded image.
        assertArrayEquals(new float[] {12.5f, 16.5f, 24.5f, 28.5f}, c.forward(x, false).data());
    }

    @Test
    void matchesDirectConvolutionWithRectangularKernelStrideAndPadding() {
        Rng rng = new Rng(21);
        int[][] cases = {{3, 2, 1, 1, 1, 0}, {2, 3, 2, 1, 0, 2}, {1, 1, 1, 2, 1, 1}};
        for (int[] k : cases) {
            Conv2d c = new Conv2d(3, 4, new int[] {k[0], k[1]}, new int[] {k[2], k[3]}, new int[] {k[4], k[5]},
                    true, rng);
            Tensor x = uniform(rng, -1, 1, 2, 3, 3, 7, 6);
            Tensor y = c.forward(x, false);
            assertClose(reference(x, c.weight().value(), c.bias().value(), k[2], k[3], k[4], k[5]), y, 1e-5,
                    "conv2d case " + java.util.Arrays.toString(k));
        }
    }

    @Test
    void conv2dGradientCheckWithStrideAndPadding() {
        Rng rng = new Rng(22);
        Conv2d c = new Conv2d(2, 3, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 1}, true, rng);
        GradCheck.Result r = GradCheck.check(c, uniform(rng, -1, 1, 2, 2, 2, 5, 4), 1);
        assertTrue(r.passes(1e-2), r.toString());
        Conv2d nb = new Conv2d(1, 2, 2, 1, 0, false, rng);
        r = GradCheck.check(nb, uniform(rng, -1, 1, 2, 1, 1, 4, 4), 2);
        assertTrue(r.passes(1e-2), r.toString());
    }

    @Test
    void conv1dIsAConvolutionAlongTheLength() {
        Conv1d c = new Conv1d(1, 1, 2, 1, 1, false, new Rng(0));
        assertArrayEquals(new int[] {1, 1, 2}, c.weight().value().shape());
        c.weight().value().data()[0] = 1f;
        c.weight().value().data()[1] = 10f;
        Tensor y = c.forward(Tensor.of(new float[] {1, 2, 3}, 1, 1, 1, 3), false);
        // padded [0, 1, 2, 3, 0]: 0 + 10, 1 + 20, 2 + 30, 3 + 0
        assertArrayEquals(new float[] {10, 21, 32, 3}, y.data());
        assertArrayEquals(new int[] {1, 4}, c.outputShape(new int[] {1, 3}));
    }

    @Test
    void conv1dGradientCheck() {
        Rng rng = new Rng(23);
        Conv1d c = new Conv1d(3, 2, 3, 2, 1, true, rng);
        GradCheck.Result r = GradCheck.check(c, uniform(rng, -1, 1, 3, 2, 3, 9), 1);
        assertTrue(r.passes(1e-2), r.toString());
    }

    @Test
    void recordedStepsEqualTheWholeSequence() {
        Rng rng = new Rng(24);
        LayerTestSupport.assertStepsMatchSequence(new Conv2d(2, 3, 3, 1, 1, true, rng),
                uniform(rng, -1, 1, 3, 2, 2, 4, 4), 1, 1e-5);
        LayerTestSupport.assertStepsMatchSequence(new Conv1d(2, 3, 2, 1, 0, true, rng),
                uniform(rng, -1, 1, 3, 2, 2, 5), 2, 1e-5);
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalResults() {
        Tensor x = uniform(new Rng(25), -1, 1, 4, 8, 3, 16, 16);
        List<Tensor> one = LayerTestSupport.runWithThreads(1, () -> new Conv2d(3, 16, 3, 1, 1, true, new Rng(2)), x, 3);
        List<Tensor> two = LayerTestSupport.runWithThreads(2, () -> new Conv2d(3, 16, 3, 1, 1, true, new Rng(2)), x, 3);
        LayerTestSupport.assertBitIdentical(one, two);
    }

    @Test
    void initialisationBoundIsOneOverSqrtFanIn() {
        Conv2d c = new Conv2d(4, 8, 3, 1, 0, true, new Rng(1));
        assertArrayEquals(new int[] {8, 4, 3, 3}, c.weight().value().shape());
        float bound = (float) (1 / Math.sqrt(36));
        for (float w : c.weight().value().data()) {
            assertTrue(Math.abs(w) <= bound);
        }
        for (float w : c.bias().value().data()) {
            assertTrue(Math.abs(w) <= bound);
        }
    }

    @Test
    void badShapesAndHyperParametersAreRejectedClearly() {
        Conv2d c = new Conv2d(3, 4, 5, 1, 0, true, new Rng(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.forward(new Tensor(1, 1, 2, 8, 8), false));
        assertTrue(e.getMessage().contains("conv2d") && e.getMessage().contains("[3, H, W]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.forward(new Tensor(1, 1, 3, 4, 8), false));
        assertTrue(e.getMessage().contains("smaller than the kernel 5x5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 4, 0, 1, 0, true, new Rng(1)));
        assertTrue(e.getMessage().contains("kernel_size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 4, 3, 0, 0, true, new Rng(1)));
        assertTrue(e.getMessage().contains("stride"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv1d(3, 4, 3, 1, -1, true, new Rng(1)));
        assertTrue(e.getMessage().contains("conv1d") && e.getMessage().contains("padding"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Conv1d(2, 4, 3, 1, 0, true, new Rng(1)).forward(new Tensor(1, 1, 2), false));
        assertTrue(e.getMessage().contains("[T, B, 2, L]"), e.getMessage());
    }

    @Test
    void specsRoundTripThroughTheRegistry() {
        Conv2d c = new Conv2d(2, 5, new int[] {3, 1}, new int[] {1, 1}, new int[] {1, 0}, false, new Rng(1));
        LayerSpec s = c.spec();
        assertEquals(List.of(3, 1), s.config().get("kernel_size"));
        assertEquals(1, s.config().get("stride"));
        Layer r = Layers.create(s, new Rng(3));
        assertEquals(s, r.spec());
        assertArrayEquals(new int[] {5, 6, 4}, r.outputShape(new int[] {2, 6, 4}));
        Conv1d d = new Conv1d(2, 5, 3, 2, 1, true, new Rng(1));
        assertEquals(d.spec(), Layers.create(d.spec(), new Rng(3)).spec());
    }
}
