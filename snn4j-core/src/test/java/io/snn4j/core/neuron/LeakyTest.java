package io.snn4j.core.neuron;

import static io.snn4j.core.neuron.Fixtures.X;
import static io.snn4j.core.neuron.Fixtures.column;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.surrogate.Surrogates;
import org.junit.jupiter.api.Test;

/** The golden tables of snntorch-semantics.md (x, beta 0.9, theta 1, U starts at 0) and Leaky's contract. */
class LeakyTest {
    private static final float TOL = 1e-5f;

    private static void assertRun(Leaky l, String spikes, float[] mem) {
        Tensor s = l.forward(column(X), false);
        float[] expect = new float[spikes.length()];
        for (int i = 0; i < expect.length; i++) {
            expect[i] = spikes.charAt(i) - '0';
        }
        assertArrayEquals(expect, s.data(), "spikes");
        assertArrayEquals(mem, l.lastMembrane().data(), TOL, "membrane");
        assertArrayEquals(new int[] {10, 1, 1}, l.lastMembrane().shape());
    }

    @Test
    void subtractResetWithDelayIsTheDefault() {
        assertRun(new Leaky(0.9f), "0010100011", new float[] {0.3f, 0.77f, 1.293f, 0.1637f, 1.04733f, 0.142597f,
            0.828337f, 0.745503f, 2.170953f, 1.053858f});
    }

    @Test
    void zeroResetZeroesOnlyThePreviousMembrane() {
        assertRun(Leaky.builder().beta(0.9f).reset(Reset.ZERO).build(), "0010010010",
                new float[] {0.3f, 0.77f, 1.293f, 0.0f, 0.9f, 1.01f, 0.7f, 0.63f, 2.067f, 0.1f});
    }

    @Test
    void subtractResetWithoutDelayResetsInTheSpikingStep() {
        assertRun(Leaky.builder().beta(0.9f).resetDelay(false).build(), "0010100010",
                new float[] {0.3f, 0.77f, 0.293f, 0.2637f, 0.13733f, 0.323597f, 0.991237f, 0.892114f, 1.302902f,
                    1.272612f});
    }

    @Test
    void zeroResetWithoutDelay() {
        assertRun(Leaky.builder().beta(0.9f).reset(Reset.ZERO).resetDelay(false).build(), "0010010010",
                new float[] {0.3f, 0.77f, 0.0f, 0.0f, 0.9f, 0.0f, 0.7f, 0.63f, 0.0f, 0.1f});
    }

    @Test
    void noResetJustIntegrates() {
        Leaky l = Leaky.builder().beta(0.5f).reset(Reset.NONE).build();
        l.forward(Tensor.of(new float[] {2f, 0f, 0f}, 3, 1, 1), false);
        assertArrayEquals(new float[] {2f, 1f, 0.5f}, l.lastMembrane().data());
    }

    @Test
    void spikeNeedsMembraneStrictlyAboveThreshold() {
        Tensor s = new Leaky(0.9f).forward(Tensor.of(new float[] {1.0f, 0.0f}, 2, 1, 1), false);
        assertArrayEquals(new float[] {0f, 0f}, s.data());
    }

    private static float[] spikeCountGradient(Leaky l) {
        l.forward(column(X), true);
        return l.backward(Tensor.full(1f, 10, 1, 1)).data();
    }

    @Test
    void atanGradientOfTotalSpikeCount() {
        assertArrayEquals(new float[] {3.116535f, 3.272431f, 2.90605f, 2.627464f, 2.778807f, 2.000487f, 2.088173f,
            1.459426f, 0.943763f, 0.972169f}, spikeCountGradient(new Leaky(0.9f)), TOL);
    }

    @Test
    void fastSigmoidGradientOfTotalSpikeCount() {
        Leaky l = Leaky.builder().beta(0.9f).surrogate(Surrogates.fastSigmoid(25f)).build();
        assertArrayEquals(new float[] {0.27334f, 0.300464f, 0.309463f, 0.327816f, 0.361924f, 0.169033f, 0.185607f,
            0.166549f, 0.164556f, 0.181627f}, spikeCountGradient(l), TOL);
    }

    @Test
    void ifNeuronIntegratesWithoutLeak() {
        IF n = new IF();
        Tensor s = n.forward(Tensor.of(new float[] {0.4f, 0.4f, 0.4f, 0.4f}, 4, 1, 1), false);
        // U: 0.4, 0.8, 1.2 (spike), 1.6 - 1 = 0.6
        assertArrayEquals(new float[] {0f, 0f, 1f, 0f}, s.data());
        assertArrayEquals(new float[] {0.4f, 0.8f, 1.2f, 0.6f}, n.lastMembrane().data(), 1e-6f);
    }

    @Test
    void leakyIntegratorOutputsItsMembrane() {
        LeakyIntegrator r = new LeakyIntegrator(0.5f);
        Tensor y = r.forward(Tensor.of(new float[] {1f, 2f, 0f}, 3, 1, 1), true);
        assertArrayEquals(new float[] {1f, 2.5f, 1.25f}, y.data());
        assertArrayEquals(y.data(), r.lastMembrane().data());
        // dL/dI[0] for L = U[2] is beta^2
        Tensor g = r.backward(Tensor.of(new float[] {0f, 0f, 1f}, 3, 1, 1));
        assertArrayEquals(new float[] {0.25f, 0.5f, 1f}, g.data());
    }

    @Test
    void worksElementwiseOnImageShapedInput() {
        Rng rng = new Rng(3);
        Tensor x = Fixtures.random(rng, -0.5f, 1.5f, 5, 2, 3, 4, 4);
        Leaky l = new Leaky(0.8f);
        Tensor y = l.forward(x, false);
        Tensor yFlat = new Leaky(0.8f).forward(x.reshape(5, 2 * 3 * 4 * 4, 1), false);
        assertArrayEquals(new int[] {5, 2, 3, 4, 4}, y.shape());
        assertArrayEquals(yFlat.data(), y.data());
        assertEquals(3 * 4 * 4, l.neurons());
    }

    @Test
    void perNeuronBetaIsOnePerFeature() {
        Leaky l = Leaky.builder().beta(0.5f).learnBeta(true).perNeuron(2).build();
        Fixtures.param(l, "beta").value().data()[1] = 1f;
        l.forward(Tensor.of(new float[] {0.4f, 0.4f, 0f, 0f}, 2, 1, 2), false);
        assertArrayEquals(new float[] {0.4f, 0.4f, 0.2f, 0.4f}, l.lastMembrane().data());
        assertArrayEquals(new int[] {2}, Fixtures.param(l, "beta").value().shape());
    }

    @Test
    void sharedLearnableParametersAreScalars() {
        Leaky l = Leaky.builder().learnBeta(true).learnThreshold(true).build();
        assertEquals(2, l.parameters().size());
        assertEquals(0, Fixtures.param(l, "threshold").value().rank());
        assertTrue(new Leaky(0.9f).parameters().isEmpty(), "fixed beta and threshold are config, not parameters");
    }

    @Test
    void inputGradientCanBeSkipped() {
        Leaky l = Leaky.builder().learnBeta(true).build();
        l.setInputGradRequired(false);
        l.forward(column(X), true);
        assertNull(l.backward(Tensor.full(1f, 10, 1, 1)));
        assertTrue(Fixtures.param(l, "beta").grad().data()[0] != 0f);
    }

    @Test
    void perNeuronLayerRejectsOtherFeatureShapes() {
        Leaky l = Leaky.builder().perNeuron(3).learnBeta(true).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.forward(new Tensor(4, 2, 5), false));
        assertTrue(e.getMessage().contains("leaky") && e.getMessage().contains("[T, B, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> l.outputShape(new int[] {5}));
    }

    @Test
    void badHyperParametersAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Leaky.builder().threshold(0f).build());
        assertTrue(e.getMessage().contains("leaky: threshold"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Leaky(Float.NaN));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Leaky(0.9f).forward(new Tensor(3), false));
        assertTrue(e.getMessage().contains("[T, B, ...]"), e.getMessage());
    }

    @Test
    void backwardWithoutTrainingForwardIsAnError() {
        Leaky l = new Leaky(0.9f);
        l.forward(column(X), false);
        assertThrows(IllegalStateException.class, () -> l.backward(Tensor.full(1f, 10, 1, 1)));
    }

    @Test
    void betaIsClampedIntoTheUnitInterval() {
        Leaky neg = new Leaky(-0.5f);
        neg.forward(Tensor.of(new float[] {0.5f, 0f}, 2, 1, 1), false);
        assertArrayEquals(new float[] {0.5f, 0f}, neg.lastMembrane().data(), "beta < 0 acts as 0");
    }
}
