package io.snn4j.core.layer;

import static io.snn4j.core.layer.LayerTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.GradCheck;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import org.junit.jupiter.api.Test;

class PoolTest {
    private static final float[] GRID = {
        1, 2, 5, 0,
        3, 4, 1, 1,
        0, 0, 2, 2,
        0, 0, 2, 2,
    };

    /** A permutation of 0.1, 0.2, ...: distinct values so no window maximum sits on a tie. */
    private static Tensor distinct(Rng rng, int... shape) {
        int n = Tensor.sizeOf(shape);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        rng.shuffle(perm);
        Tensor t = new Tensor(shape);
        for (int i = 0; i < n; i++) {
            t.data()[i] = 0.1f * perm[i] - 1f;
        }
        return t;
    }

    @Test
    void maxPoolTakesTheMaximumOfEachWindow() {
        MaxPool2d p = new MaxPool2d(2);
        Tensor y = p.forward(Tensor.of(GRID, 1, 1, 1, 4, 4), false);
        assertArrayEquals(new int[] {1, 1, 1, 2, 2}, y.shape());
        assertArrayEquals(new float[] {4, 5, 0, 2}, y.data());
    }

    @Test
    void maxPoolGradientGoesToTheFirstMaximumInScanOrder() {
        MaxPool2d p = new MaxPool2d(2);
        p.forward(Tensor.of(GRID, 1, 1, 1, 4, 4), true);
        Tensor g = p.backward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 1, 2, 2));
        assertArrayEquals(new float[] {
            0, 0, 2, 0,
            0, 1, 0, 0,
            3, 0, 4, 0,
            0, 0, 0, 0,
        }, g.data());
    }

    @Test
    void overlappingWindowsAddTheirGradients() {
        MaxPool2d p = new MaxPool2d(new int[] {1, 2}, new int[] {1, 1});
        p.forward(Tensor.of(new float[] {0, 5, 1}, 1, 1, 1, 1, 3), true);
        Tensor g = p.backward(Tensor.of(new float[] {1, 10}, 1, 1, 1, 1, 2));
        assertArrayEquals(new float[] {0, 11, 0}, g.data());
    }

    @Test
    void avgPoolAveragesEachWindowAndSpreadsTheGradient() {
        AvgPool2d p = new AvgPool2d(2);
        Tensor y = p.forward(Tensor.of(GRID, 1, 1, 1, 4, 4), true);
        assertArrayEquals(new float[] {2.5f, 1.75f, 0, 2}, y.data());
        Tensor g = p.backward(Tensor.of(new float[] {4, 8, 0, 0}, 1, 1, 1, 2, 2));
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0}, g.data());
    }

    @Test
    void outputSizeIsTheFloorAndStrideDefaultsToTheKernel() {
        assertArrayEquals(new int[] {3, 2, 2}, new MaxPool2d(2).outputShape(new int[] {3, 5, 5}));
        assertArrayEquals(new int[] {3, 4, 4}, new AvgPool2d(2, 1).outputShape(new int[] {3, 5, 5}));
        assertArrayEquals(new int[] {1, 2, 1}, new MaxPool2d(new int[] {3, 2}, new int[] {2, 2})
                .outputShape(new int[] {1, 5, 3}));
    }

    @Test
    void gradientChecks() {
        Rng rng = new Rng(31);
        GradCheck.Result r = GradCheck.check(new MaxPool2d(2), distinct(rng, 2, 2, 3, 4, 6), 1);
        assertTrue(r.passes(1e-2), "maxpool " + r);
        r = GradCheck.check(new MaxPool2d(3, 2), distinct(rng, 2, 2, 2, 7, 5), 2);
        assertTrue(r.passes(1e-2), "overlapping maxpool " + r);
        // Average pooling is linear, so a larger step is exact and keeps float32 rounding out of the quotient.
        r = GradCheck.check(new AvgPool2d(new int[] {2, 3}, new int[] {1, 2}), uniform(rng, -1, 1, 2, 2, 3, 5, 7), 3,
                1e-2, 40, 1e-3);
        assertTrue(r.passes(1e-2), "avgpool " + r);
    }

    @Test
    void recordedStepsEqualTheWholeSequence() {
        Rng rng = new Rng(32);
        LayerTestSupport.assertStepsMatchSequence(new MaxPool2d(2), distinct(rng, 3, 2, 2, 4, 4), 1, 0);
        LayerTestSupport.assertStepsMatchSequence(new AvgPool2d(2), uniform(rng, -1, 1, 3, 2, 2, 4, 4), 2, 1e-6);
    }

    @Test
    void badInputsAreRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaxPool2d(3).forward(new Tensor(1, 1, 1, 2, 5), false));
        assertTrue(e.getMessage().contains("maxpool2d") && e.getMessage().contains("smaller than the kernel"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AvgPool2d(2).forward(new Tensor(1, 1, 4), false));
        assertTrue(e.getMessage().contains("avgpool2d") && e.getMessage().contains("[T, B, C, H, W]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(0));
        assertTrue(e.getMessage().contains("kernel_size"), e.getMessage());
    }

    @Test
    void specsRoundTrip() {
        MaxPool2d m = new MaxPool2d(new int[] {2, 3}, new int[] {1, 1});
        assertEquals(m.spec(), Layers.create(m.spec(), new Rng(1)).spec());
        AvgPool2d a = new AvgPool2d(2);
        assertEquals(LayerSpec.of("avgpool2d", "kernel_size", 2, "stride", 2), a.spec());
        assertEquals(a.spec(), Layers.create(LayerSpec.of("avgpool2d", "kernel_size", 2), new Rng(1)).spec());
    }
}
