package io.snn4j.bench.speed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.AbstractLayer;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.RLeaky;
import io.snn4j.core.train.Adam;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void shdFfIsLinearLeakyLinearLeakyWithTheReferenceSizes() {
        Workload w = Workload.build("shd_ff", 0, 0, 0, 1);
        var layers = w.network().layers();
        assertEquals(4, layers.size());
        assertEquals(700, ((Linear) layers.get(0)).inFeatures());
        assertEquals(256, ((Linear) layers.get(0)).outFeatures());
        assertTrue(layers.get(1) instanceof Leaky);
        assertEquals(20, ((Linear) layers.get(2)).outFeatures());
        assertTrue(layers.get(3) instanceof Leaky);
        assertArrayEquals(new int[] {100, 64, 700}, w.input().shape());
        assertTrue(w.optimizer() instanceof Adam);
        assertEquals(1e-3, w.optimizer().learningRate(), 1e-12);
        // weight and bias of both Linear layers; the neurons' beta and threshold are fixed.
        assertEquals(4, w.network().parameters().size());
    }

    @Test
    void shdFfFirstLinearIsNotAskedForAnInputGradient() {
        Workload w = Workload.build("shd_ff", 8, 3, 2, 1);
        assertFalse(((AbstractLayer) w.network().get(0)).inputGradRequired());
        assertTrue(((AbstractLayer) w.network().get(2)).inputGradRequired());
        // and the whole backward pass therefore hands back no input gradient
        w.network().forward(w.input(), true);
        assertNull(w.network().backward(new Tensor(3, 2, 20)));
    }

    @Test
    void shdRecHasAnAllToAllRecurrentHiddenLayerWithBias() {
        Workload w = Workload.build("shd_rec", 16, 3, 2, 1);
        assertTrue(w.network().get(1) instanceof RLeaky);
        var names = w.network().namedParameters();
        assertArrayEquals(new int[] {16, 16}, names.get("1.recurrent.weight").value().shape());
        assertArrayEquals(new int[] {16}, names.get("1.recurrent.bias").value().shape());
    }

    @Test
    void on1024IsOneSquareLinearAndLeakyOnDenseNormalInput() {
        Workload w = Workload.build("on_1024", 0, 0, 0, 1);
        assertEquals(2, w.network().layers().size());
        assertEquals(1024, ((Linear) w.network().get(0)).inFeatures());
        assertEquals(1024, ((Linear) w.network().get(0)).outFeatures());
        assertArrayEquals(new int[] {500, 16, 1024}, w.input().shape());
        double sum = 0;
        double sq = 0;
        for (float v : w.input().data()) {
            sum += v;
            sq += v * v;
        }
        int n = w.input().size();
        assertEquals(0, sum / n, 0.01);
        assertEquals(1, sq / n, 0.01);
        assertNull(w.optimizer());
    }

    @Test
    void shdInputIsBinarySpikesOfDensityTwoPercentAndLabelsAreClasses() {
        Workload w = Workload.build("shd_ff", 0, 0, 0, 3);
        long ones = 0;
        for (float v : w.input().data()) {
            assertTrue(v == 0f || v == 1f);
            ones += (long) v;
        }
        double density = ones / (double) w.input().size();
        assertEquals(0.02, density, 0.001);
        for (int label : w.labels()) {
            assertTrue(label >= 0 && label < 20, "label " + label);
        }
    }

    @Test
    void everyWorkloadTakesATrainingStepAndAForwardPassAtReducedSize() {
        for (String name : Workload.NAMES) {
            Workload w = Workload.build(name, 8, 4, 3, 5);
            float loss = w.trainStep();
            assertTrue(Float.isFinite(loss), name + " loss " + loss);
            Tensor out = w.forward();
            int outputs = name.equals("on_1024") ? 8 : 20;
            assertArrayEquals(new int[] {4, 3, outputs}, out.shape(), name);
        }
    }

    @Test
    void shdTrainingStepUpdatesTheWeightsButOn1024OnlyFillsGradients() {
        Workload shd = Workload.build("shd_ff", 8, 4, 3, 5);
        Parameter w0 = shd.network().namedParameters().get("0.bias");
        float[] before = w0.value().data().clone();
        shd.trainStep();
        // Adam's first step moves every parameter with a non-zero gradient by about lr.
        assertFalse(java.util.Arrays.equals(before, w0.value().data()));

        Workload on = Workload.build("on_1024", 8, 4, 3, 5);
        Parameter w1 = on.network().namedParameters().get("0.weight");
        float[] w1Before = w1.value().data().clone();
        on.trainStep();
        assertArrayEquals(w1Before, w1.value().data());
        // d(sum of spikes)/dW is non-zero through the surrogate.
        double g = 0;
        for (float v : w1.grad().data()) {
            g += Math.abs(v);
        }
        assertTrue(g > 0);
    }

    @Test
    void trainingStepsStartFromZeroGradientsSoRepeatedStepsDoNotAccumulate() {
        Workload a = Workload.build("on_1024", 8, 4, 3, 5);
        a.trainStep();
        float[] first = a.network().namedParameters().get("0.weight").grad().data().clone();
        a.trainStep();
        assertArrayEquals(first, a.network().namedParameters().get("0.weight").grad().data());
    }

    @Test
    void theSameSeedGivesTheSameInputAndLossAndAnotherSeedDoesNot() {
        Workload a = Workload.build("shd_ff", 8, 4, 3, 11);
        Workload b = Workload.build("shd_ff", 8, 4, 3, 11);
        Workload c = Workload.build("shd_ff", 8, 4, 3, 12);
        assertArrayEquals(a.input().data(), b.input().data());
        assertEquals(a.trainStep(), b.trainStep());
        assertNotEquals(java.util.Arrays.toString(a.network().namedParameters().get("0.weight").value().data()),
                java.util.Arrays.toString(c.network().namedParameters().get("0.weight").value().data()));
    }

    @Test
    void unknownWorkloadOrNegativeSizeIsRejectedWithTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Workload.build("mnist", 0, 0, 0, 1));
        assertTrue(e.getMessage().contains("'mnist'") && e.getMessage().contains("shd_ff, shd_rec, on_1024"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Workload.build("shd_ff", -1, 0, 0, 1));
        assertTrue(e.getMessage().contains("hidden"), e.getMessage());
    }
}
