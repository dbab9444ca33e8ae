package io.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Expected weights from PyTorch 1.13 ({@code benchmarks/peers/loss_values.py}): w0 = [0.5, -1, 2], three steps
 * on the loss {@code (k + 1) * sum((w - [1, 0, -1])^2)} at step k.
 */
class OptimizersTest {

    private static float[] run(Function<List<Parameter>, Optimizer> ctor) {
        Parameter w = new Parameter("w", Tensor.of(new float[] {0.5f, -1f, 2f}, 3));
        Optimizer opt = ctor.apply(List.of(w));
        float[] target = {1, 0, -1};
        for (int k = 0; k < 3; k++) {
            opt.zeroGrad();
            for (int i = 0; i < 3; i++) {
                w.grad().data()[i] += 2 * (k + 1) * (w.value().data()[i] - target[i]);
            }
            opt.step();
        }
        return w.value().data();
    }

    private static void assertClose(double[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-6, "w[" + i + "]");
        }
    }

    @Test
    void sgdMatchesPyTorch() {
        // by hand: g = 2(w - t) = [-1, -2, 6] -> w = [0.6, -0.8, 1.4]; then g*2 ... as PyTorch
        assertClose(new double[] {0.904, -0.192, -0.424}, run(p -> new Sgd(p, 0.1)));
        assertClose(new double[] {1.165, 0.33, -1.99}, run(p -> new Sgd(p, 0.1, 0.9)));
        assertClose(new double[] {0.9961114, 0.0397309, -1.0954387},
                run(p -> new Sgd(p, 0.05, 0.9, 0, 0.1, true)));
        assertClose(new double[] {0.80827, -0.38346, 0.15038}, run(p -> new Sgd(p, 0.05, 0.8, 0.3, 0, false)));
    }

    @Test
    void adamMatchesPyTorch() {
        assertClose(new double[] {0.7978443, -0.7048414, 1.706748}, run(p -> new Adam(p, 0.1)));
        assertClose(new double[] {0.7967336, -0.7029651, 1.7052314}, run(p -> new Adam(p, 0.1, 0.9, 0.999, 1e-8, 0.5)));
    }

    @Test
    void adamWDecaysWeightsDecoupledFromTheGradient() {
        assertClose(new double[] {0.7960228, -0.702114, 1.701032}, run(p -> new AdamW(p, 0.1)));
        assertClose(new double[] {0.7142156, -0.5718448, 1.4307212},
                run(p -> new AdamW(p, 0.1, 0.8, 0.99, 1e-6, 0.5)));
    }

    @Test
    void frozenParametersDoNotChange() {
        Parameter a = new Parameter("a", Tensor.of(new float[] {1f}, 1));
        Parameter b = new Parameter("b", Tensor.of(new float[] {1f}, 1), false);
        a.grad().data()[0] = 1;
        b.grad().data()[0] = 1;
        new Adam(List.of(a, b), 0.1).step();
        assertEquals(0.9f, a.value().data()[0], 1e-6);
        assertEquals(1f, b.value().data()[0]);
    }

    @Test
    void stateRoundTripContinuesBitIdentically() {
        float[] direct = run(p -> new Adam(p, 0.1));
        // Two steps, save state, rebuild the optimizer, load, third step.
        Parameter w = new Parameter("w", Tensor.of(new float[] {0.5f, -1f, 2f}, 3));
        float[] target = {1, 0, -1};
        Optimizer opt = new Adam(List.of(w), 0.1);
        for (int k = 0; k < 3; k++) {
            if (k == 2) {
                Map<String, Tensor> s = opt.state();
                opt = new Adam(List.of(w), 0.1);
                opt.loadState(s);
            }
            opt.zeroGrad();
            for (int i = 0; i < 3; i++) {
                w.grad().data()[i] += 2 * (k + 1) * (w.value().data()[i] - target[i]);
            }
            opt.step();
        }
        assertArrayEquals(direct, w.value().data());
    }

    @Test
    void sgdMomentumStateSurvivesRoundTrip() {
        float[] direct = run(p -> new Sgd(p, 0.1, 0.9));
        Parameter w = new Parameter("w", Tensor.of(new float[] {0.5f, -1f, 2f}, 3));
        float[] target = {1, 0, -1};
        Optimizer opt = new Sgd(List.of(w), 0.1, 0.9);
        for (int k = 0; k < 3; k++) {
            if (k == 1) {
                Map<String, Tensor> s = opt.state();
                assertTrue(s.containsKey("0.momentum_buffer"), s.keySet().toString());
                opt = new Sgd(List.of(w), 0.1, 0.9);
                opt.loadState(s);
            }
            opt.zeroGrad();
            for (int i = 0; i < 3; i++) {
                w.grad().data()[i] += 2 * (k + 1) * (w.value().data()[i] - target[i]);
            }
            opt.step();
        }
        assertArrayEquals(direct, w.value().data());
    }

    @Test
    void badHyperParametersAreRejected() {
        List<Parameter> p = List.of(new Parameter("w", new Tensor(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd(p, -1));
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sgd(p, 0.1, 0, 0, 0, true));
        assertTrue(e.getMessage().contains("Nesterov"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(p, 0.1, 1.0, 0.999, 1e-8, 0));
        assertTrue(e.getMessage().contains("beta1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AdamW(List.of(), 0.1));
        assertTrue(e.getMessage().contains("AdamW"), e.getMessage());
        Optimizer opt = new Adam(p, 0.1);
        e = assertThrows(IllegalArgumentException.class,
                () -> opt.loadState(Map.of("step", new Tensor(2), "0.exp_avg", new Tensor(3))));
        assertTrue(e.getMessage().contains("0.exp_avg") && e.getMessage().contains("[3]"), e.getMessage());
    }
}
