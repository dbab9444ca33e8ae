package io.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values and gradients from snnTorch 0.9.4 / PyTorch 1.13, printed by {@code benchmarks/peers/loss_values.py}.
 */
class LossesTest {
    /** The spikes of docs/snntorch-semantics.md: T=3, B=2, C=3, targets [0, 1]. */
    static final Tensor SPIKES = Tensor.of(new float[] {
        1, 0, 0, 0, 1, 0,
        1, 0, 1, 0, 1, 0,
        0, 0, 1, 1, 1, 0}, 3, 2, 3);
    static final Tensor MEMBRANE = Tensor.of(new float[] {
        0.5f, -0.2f, 0.1f, 0.3f, 0.9f, -0.4f,
        1.2f, 0.4f, 0.7f, 0.0f, 0.6f, 0.2f,
        0.8f, 1.5f, -0.3f, 1.1f, 0.2f, 0.5f}, 3, 2, 3);
    static final int[] TARGETS = {0, 1};

    private static void assertLoss(Loss loss, Tensor out, double value, double[] grad) {
        LossValue v = loss.compute(out, TARGETS);
        assertEquals(value, v.value(), 1e-6, loss.name() + " value");
        assertArrayEquals(out.shape(), v.grad().shape());
        for (int i = 0; i < grad.length; i++) {
            assertEquals(grad[i], v.grad().data()[i], 2e-7, loss.name() + " grad[" + i + "]");
        }
    }

    @Test
    void ceRateMatchesSnnTorch() {
        assertLoss(Losses.ceRate(), SPIKES, 0.8216281, new double[] {
            -0.0706472, 0.0353236, 0.0353236, 0.0353236, -0.0706472, 0.0353236,
            -0.0962802, 0.0258937, 0.0703865, 0.0353236, -0.0706472, 0.0353236,
            -0.1313431, 0.0353236, 0.0960195, 0.0703865, -0.0962802, 0.0258937});
    }

    @Test
    void ceCountMatchesSnnTorch() {
        assertLoss(Losses.ceCount(), SPIKES, 0.4642349, new double[] {
            -0.2658448, 0.0316895, 0.2341552, 0.0570976, -0.0781026, 0.021005,
            -0.2658448, 0.0316895, 0.2341552, 0.0570976, -0.0781026, 0.021005,
            -0.2658448, 0.0316895, 0.2341552, 0.0570976, -0.0781026, 0.021005});
    }

    @Test
    void mseCountUsesTruncatedTargetCountsAndDividesByT() {
        // counts [2,0,2] vs targets int(3*0.8)=2, int(3*0.2)=0 -> [2,0,0]; [1,3,0] vs [0,2,0]:
        // squared errors 4 + 1 + 1 = 6 over 6 elements = 1, divided by T = 3.
        assertLoss(Losses.mseCount(0.8, 0.2), SPIKES, 1.0 / 3, new double[] {
            0, 0, 0.2222222, 0.1111111, 0.1111111, 0,
            0, 0, 0.2222222, 0.1111111, 0.1111111, 0,
            0, 0, 0.2222222, 0.1111111, 0.1111111, 0});
        assertLoss(Losses.mseCount(), SPIKES, 0.3333333, new double[] {
            -0.1111111, 0, 0.2222222, 0.1111111, 0, 0});
    }

    @Test
    void mseMembraneMatchesSnnTorch() {
        assertLoss(Losses.mseMembrane(), MEMBRANE, 0.3294444, new double[] {
            -0.0555556, -0.0222222, 0.0111111, 0.0333333, -0.0111111, -0.0444444,
            0.0222222, 0.0444444, 0.0777778, 0.0, -0.0444444, 0.0222222,
            -0.0222222, 0.1666667, -0.0333333, 0.1222222, -0.0888889, 0.0555556});
        // snnTorch quirk: targets are clamp(onehot * 2, min=-1), so the off target is 0, not -1
        assertLoss(Losses.mseMembrane(2, -1), MEMBRANE, 0.8627777, new double[] {
            -0.1666667, -0.0222222, 0.0111111, 0.0333333, -0.1222222, -0.0444444,
            -0.0888889, 0.0444444, 0.0777778, 0.0, -0.1555556, 0.0222222,
            -0.1333334, 0.1666667, -0.0333333, 0.1222222, -0.2, 0.0555556});
    }

    @Test
    void ceMaxMembraneSendsGradientOnlyToTheMaximumStep() {
        assertLoss(Losses.ceMaxMembrane(), MEMBRANE, 1.0729105, new double[] {
            0, 0, 0, 0, -0.3270927, 0,
            -0.3308748, 0, 0.1025796, 0, 0, 0,
            0, 0.2282952, 0, 0.2111895, 0, 0.1159032});
    }

    @Test
    void ceReadoutIsCrossEntropyOfTheTimeMean() {
        assertLoss(Losses.ceReadout(), MEMBRANE, 0.8764344, new double[] {
            -0.0935463, 0.056005, 0.0375413, 0.0595619, -0.1008406, 0.0412788,
            -0.0935463, 0.056005, 0.0375413, 0.0595619, -0.1008406, 0.0412788});
    }

    @Test
    void everyLossGradientAgreesWithFiniteDifferences() {
        Rng rng = new Rng(3);
        Tensor out = new Tensor(4, 3, 5);
        for (int i = 0; i < out.size(); i++) {
            out.data()[i] = rng.uniform(-2f, 2f);
        }
        int[] labels = {4, 0, 2};
        for (String name : Losses.NAMES) {
            Loss loss = Losses.fromName(name, Map.of());
            Tensor g = loss.compute(out, labels).grad();
            for (int i = 0; i < out.size(); i++) {
                float keep = out.data()[i];
                double h = 1e-2;
                out.data()[i] = (float) (keep + h);
                double up = loss.compute(out, labels).value();
                out.data()[i] = (float) (keep - h);
                double down = loss.compute(out, labels).value();
                out.data()[i] = keep;
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, g.data()[i], 2e-4, name + " d/doutput[" + i + "]");
            }
        }
    }

    @Test
    void spikeLossesPredictTheClassWithMostSpikesAndTheFirstOnTies() {
        // counts: sample 0 [2, 0, 2] (tie -> 0), sample 1 [1, 3, 0]
        assertArrayEquals(new int[] {0, 1}, Losses.ceRate().predict(SPIKES));
        assertArrayEquals(new int[] {0, 1}, Losses.ceCount().predict(SPIKES));
        assertArrayEquals(new int[] {0, 1}, Losses.mseCount().predict(SPIKES));
        Tensor late = Tensor.of(new float[] {0, 1, 1, 0, 0, 1}, 2, 1, 3);
        assertArrayEquals(new int[] {2}, Losses.ceCount().predict(late));
    }

    @Test
    void membraneLossesPredictFromTheMembrane() {
        // max over time: sample 0 [1.2, 1.5, 0.7] -> 1; sample 1 [1.1, 0.9, 0.5] -> 0
        assertArrayEquals(new int[] {1, 0}, Losses.ceMaxMembrane().predict(MEMBRANE));
        // time sum: sample 0 [2.5, 1.7, 0.5] -> 0; sample 1 [1.4, 1.7, 0.3] -> 1
        assertArrayEquals(new int[] {0, 1}, Losses.ceReadout().predict(MEMBRANE));
        assertArrayEquals(new int[] {0, 1}, Losses.mseMembrane().predict(MEMBRANE));
    }

    @Test
    void fromNameReadsOptions() {
        Loss l = Losses.fromName("mse_count", Map.of("correct_rate", 0.8, "incorrect_rate", 0.2));
        assertEquals("mse_count", l.name());
        assertEquals(1.0 / 3, l.compute(SPIKES, TARGETS).value(), 1e-6);
        Loss m = Losses.fromName("mse_membrane", Map.of("on_target", 2, "off_target", -1));
        assertEquals(0.8627777, m.compute(MEMBRANE, TARGETS).value(), 1e-6);
        assertEquals("ce_rate", Losses.fromName("ce_rate", null).name());
    }

    @Test
    void badNamesOptionsAndShapesAreRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.fromName("cross_entropy", Map.of()));
        assertTrue(e.getMessage().contains("cross_entropy") && e.getMessage().contains("ce_count"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.fromName("mse_count", Map.of("rate", 1)));
        assertTrue(e.getMessage().contains("'rate'") && e.getMessage().contains("correct_rate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.fromName("ce_count", Map.of("x", 1)));
        assertTrue(e.getMessage().contains("no options"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.mseCount(1.5, 0));
        assertTrue(e.getMessage().contains("correct_rate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.ceCount().compute(new Tensor(2, 3), new int[] {0, 1}));
        assertTrue(e.getMessage().contains("ce_count") && e.getMessage().contains("[T, B, C]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.ceRate().compute(SPIKES, new int[] {0}));
        assertTrue(e.getMessage().contains("batch size 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.ceRate().compute(SPIKES, new int[] {0, 3}));
        assertTrue(e.getMessage().contains("label 3 of sample 1"), e.getMessage());
    }
}
