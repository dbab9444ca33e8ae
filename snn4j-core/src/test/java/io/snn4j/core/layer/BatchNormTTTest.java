package io.snn4j.core.layer;

import static io.snn4j.core.layer.LayerTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.GradCheck;
import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchNormTTTest {
    private static final float[] X = {1, 2, 3, 0, 5, 1, 0, 0.5f, 2, -1, 1, 4};
    private static final float[] G = {1, 0, 0, 2, -1, 1, 0.5f, 0, 1, 1, 0, -2};

    private static BatchNormTT pytorchCase() {
        BatchNormTT bn = new BatchNormTT(2, 2);
        System.arraycopy(new float[] {1, 2, 0.5f, -1}, 0, bn.parameters().get(0).value().data(), 0, 4);
        return bn;
    }

    private static void assertNear(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, what + " at " + i);
        }
    }

    @Test
    void normalisesEachTimeStepWithItsOwnBatchStatistics() {
        // [1, 3] has mean 2 and biased variance 1: normalised to -1, +1 (times 1/sqrt(1 + 1e-5)).
        BatchNormTT bn = new BatchNormTT(1, 2);
        Tensor y = bn.forward(Tensor.of(new float[] {1, 3, 10, 30}, 2, 2, 1), true);
        float s = (float) (1 / Math.sqrt(1 + 1e-5));
        float s2 = (float) (10 / Math.sqrt(100 + 1e-5));
        assertNear(new float[] {-s, s, -s2, s2}, y.data(), 1e-6, "output");
        // running = 0.9 * initial + 0.1 * batch (unbiased variance 2 and 200)
        Parameter mean = bn.parameters().get(1);
        Parameter var = bn.parameters().get(2);
        assertNear(new float[] {0.2f, 2f}, mean.value().data(), 1e-6, "running mean");
        assertNear(new float[] {1.1f, 20.9f}, var.value().data(), 1e-5, "running var");
        assertTrue(!mean.trainable() && !var.trainable(), "running statistics are not trained");
    }

    @Test
    void matchesSnnTorchBatchNormTT1d() {
        // Numbers from snntorch.BatchNormTT1d(2, 2) with weights [1, 2] and [0.5, -1], PyTorch 1.13.
        BatchNormTT bn = pytorchCase();
        Tensor y = bn.forward(Tensor.of(X, 2, 3, 2), true);
        assertNear(new float[] {-1.2247427f, 2.4494712f, 0, -2.4494712f, 1.2247424f, 0, -0.6123678f, 0.31822255f,
            0.6123678f, 1.0342233f, 0, -1.3524458f}, y.data(), 1e-5, "output");
        Tensor gx = bn.backward(Tensor.of(G, 2, 3, 2));
        assertNear(new float[] {0, 0, 0, 0, 0, 0, 0.15308964f, 0.030210577f, 0.15309425f, -0.0211491f,
            -0.3061839f, -0.009061618f}, gx.data(), 1e-4, "input gradient");
        assertNear(new float[] {-2.449485f, -2.4494712f, 0.6123678f, -3.7391152f},
                bn.parameters().get(0).grad().data(), 1e-5, "weight gradient");
        assertNear(new float[] {0.3f, 0.1f, 0.1f, 0.11666667f}, bn.parameters().get(1).value().data(), 1e-6,
                "running mean");
        assertNear(new float[] {1.3f, 1f, 1f, 1.5583333f}, bn.parameters().get(2).value().data(), 1e-6,
                "running var");
    }

    @Test
    void evaluationUsesTheRunningStatistics() {
        BatchNormTT bn = new BatchNormTT(1, 1);
        bn.parameters().get(1).value().data()[0] = 2f;
        bn.parameters().get(2).value().data()[0] = 4f;
        Tensor y = bn.forward(Tensor.of(new float[] {4, 0}, 1, 2, 1), false);
        float s = (float) (1 / Math.sqrt(4 + 1e-5));
        assertNear(new float[] {2 * s, -2 * s}, y.data(), 1e-6, "output");
        assertEquals(2f, bn.parameters().get(1).value().data()[0], "evaluation leaves the statistics alone");
    }

    @Test
    void gradientCheckInTraining1dAnd2d() {
        Rng rng = new Rng(41);
        BatchNormTT bn = new BatchNormTT(3, 4);
        for (int i = 0; i < 12; i++) {
            bn.parameters().get(0).value().data()[i] = rng.uniform(0.5f, 1.5f);
        }
        GradCheck.Result r = GradCheck.check(bn, uniform(rng, -2, 2, 3, 5, 3), 1, 1e-2, 40, 1e-3);
        assertTrue(r.passes(1e-2), "1d " + r);
        BatchNormTT bn2 = new BatchNormTT(2, 2);
        GradCheck.Result r2 = GradCheck.check(bn2, uniform(rng, -2, 2, 2, 2, 2, 3, 3), 2, 1e-2, 40, 1e-3);
        assertTrue(r2.passes(1e-2), "2d " + r2);
    }

    @Test
    void recordedStepsUseTheStatisticsOfTheirTimeStep() {
        Rng rng = new Rng(42);
        LayerTestSupport.assertStepsMatchSequence(pytorchCase(), uniform(rng, -1, 1, 2, 4, 2), 1, 1e-6);
        BatchNormTT bn = new BatchNormTT(2, 3);
        LayerTestSupport.assertStepsMatchSequence(bn, uniform(rng, -1, 1, 3, 2, 2, 2, 2), 2, 1e-6);
        Tensor x = uniform(rng, -1, 1, 3, 2, 2, 2, 2);
        Tensor whole = bn.forward(x, false);
        bn.resetState();
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(whole.slice0(t).data(), bn.step(x.slice0(t)).data(), "inference step " + t);
        }
    }

    @Test
    void badInputsAreRejectedClearly() {
        BatchNormTT bn = new BatchNormTT(4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bn.forward(new Tensor(3, 2, 4), true));
        assertTrue(e.getMessage().contains("time_steps = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bn.forward(new Tensor(1, 2, 5), true));
        assertTrue(e.getMessage().contains("batchnorm_tt") && e.getMessage().contains("[4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bn.forward(new Tensor(1, 1, 4), true));
        assertTrue(e.getMessage().contains("more than 1 value per channel"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchNormTT(4, 2, 1e-5, 1.5, true));
    }

    @Test
    void specRoundTripsAndParametersAreNamed() {
        BatchNormTT bn = new BatchNormTT(3, 5, 1e-3, 0.2, false);
        assertEquals(bn.spec(), Layers.create(bn.spec(), new Rng(1)).spec());
        assertEquals(List.of("running_mean", "running_var"), bn.parameters().stream().map(Parameter::name).toList());
        assertEquals(List.of("weight", "running_mean", "running_var"),
                new BatchNormTT(3, 5).parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new int[] {5, 3}, new BatchNormTT(3, 5).parameters().get(0).value().shape());
    }
}
