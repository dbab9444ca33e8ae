package io.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulersTest {

    private static Optimizer sgd(double lr) {
        return new Sgd(List.of(new Parameter("w", new Tensor(1))), lr);
    }

    @Test
    void stepLrDecaysEveryStepSizeEpochs() {
        Optimizer opt = sgd(1.0);
        StepLR s = new StepLR(opt, 2, 0.5);
        double[] expected = {1.0, 0.5, 0.5, 0.25, 0.25};
        for (int e = 0; e < 5; e++) {
            s.step(e, 0);
            assertEquals(expected[e], opt.learningRate(), 1e-12, "after epoch " + e);
        }
    }

    @Test
    void cosineMatchesPyTorchCosineAnnealing() {
        // PyTorch 1.13 CosineAnnealingLR(T_max=4, eta_min=0.01) from 0.1, rate after each epoch
        double[] expected = {0.086819805, 0.055, 0.023180195, 0.01, 0.023180195};
        Optimizer opt = sgd(0.1);
        CosineLR s = new CosineLR(opt, 4, 0.01);
        for (int e = 0; e < expected.length; e++) {
            s.step(e, 0);
            assertEquals(expected[e], opt.learningRate(), 1e-9, "after epoch " + e);
        }
    }

    @Test
    void plateauReducesAfterPatienceRunsOut() {
        // PyTorch 1.13 ReduceLROnPlateau(mode=min, factor=0.5, patience=1) on these metrics
        double[] metrics = {1.0, 0.9, 0.95, 0.92, 0.91, 0.95, 0.5, 0.6};
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.025};
        Optimizer opt = sgd(0.1);
        ReduceOnPlateau s = new ReduceOnPlateau(opt, ReduceOnPlateau.Mode.MIN, 0.5, 1);
        for (int e = 0; e < metrics.length; e++) {
            s.step(e, metrics[e]);
            assertEquals(expected[e], opt.learningRate(), 1e-12, "after epoch " + e);
        }
    }

    @Test
    void plateauInMaxModeTreatsHigherAsBetterAndKeepsStateAcrossCheckpoints() {
        Optimizer opt = sgd(1.0);
        ReduceOnPlateau s = new ReduceOnPlateau(opt, ReduceOnPlateau.Mode.MAX, 0.1, 1);
        s.step(0, 0.5);
        s.step(1, 0.6);
        s.step(2, 0.55);
        Map<String, Double> state = s.state();
        ReduceOnPlateau restored = new ReduceOnPlateau(opt, ReduceOnPlateau.Mode.MAX, 0.1, 1);
        restored.loadState(state);
        restored.step(3, 0.59);
        assertEquals(0.1, opt.learningRate(), 1e-12);
    }

    @Test
    void gradClipNormScalesAllGradientsTogetherAsPyTorch() {
        Parameter a = new Parameter("a", new Tensor(2));
        Parameter b = new Parameter("b", new Tensor(1));
        a.grad().data()[0] = 3;
        b.grad().data()[0] = 4;
        double norm = GradClip.clipNorm(List.of(a, b), 1.0);
        assertEquals(5.0, norm, 1e-12);
        // PyTorch: 0.5999999, 0.7999998 (factor 1 / (5 + 1e-6))
        assertEquals(0.5999999046325684, a.grad().data()[0], 1e-7);
        assertEquals(0.7999998331069946, b.grad().data()[0], 1e-7);
        GradClip.clipNorm(List.of(a, b), 10.0);
        assertEquals(0.5999999046325684, a.grad().data()[0], 1e-7, "below the limit nothing changes");
    }

    @Test
    void gradClipValueClampsEachElement() {
        Parameter a = new Parameter("a", new Tensor(3));
        a.grad().data()[0] = -3;
        a.grad().data()[1] = 0.2f;
        a.grad().data()[2] = 7;
        GradClip.clipValue(List.of(a), 0.5);
        assertEquals(-0.5f, a.grad().data()[0]);
        assertEquals(0.2f, a.grad().data()[1]);
        assertEquals(0.5f, a.grad().data()[2]);
    }

    @Test
    void badSchedulerArgumentsAreRejected() {
        Optimizer opt = sgd(0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StepLR(opt, 0, 0.5));
        assertTrue(e.getMessage().contains("stepSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CosineLR(opt, 0, 0));
        assertTrue(e.getMessage().contains("tMax"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ReduceOnPlateau(opt, ReduceOnPlateau.Mode.MIN, 1.5, 2));
        assertTrue(e.getMessage().contains("factor"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GradClip.clipNorm(List.of(), 0));
        assertTrue(e.getMessage().contains("maxNorm"), e.getMessage());
    }
}
