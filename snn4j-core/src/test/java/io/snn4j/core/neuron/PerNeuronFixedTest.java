package io.snn4j.core.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Layers;
import io.snn4j.core.Rng;
import org.junit.jupiter.api.Test;

/** Fixed (non-learnable) per-neuron beta and threshold, as NIR files and snnTorch exports carry them. */
class PerNeuronFixedTest {

    private static Parameter param(Leaky l, String name) {
        return l.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void eachNeuronDecaysWithItsOwnBetaAndNoGradientReachesIt() {
        Leaky l = Leaky.builder().beta(0.9f).reset(Reset.NONE).perNeuron(2).build();
        Parameter beta = param(l, "beta");
        assertFalse(beta.trainable());
        beta.value().data()[0] = 0.5f;
        beta.value().data()[1] = 0.25f;
        // input 1 at t=0 only: U = beta^t
        Tensor x = new Tensor(new float[] {0.8f, 0.8f, 0, 0, 0, 0}, 3, 1, 2);
        l.forward(x, true);
        assertArrayEquals(new float[] {0.8f, 0.8f, 0.4f, 0.2f, 0.2f, 0.05f}, l.lastMembrane().data(), 1e-6f);
        l.backward(Tensor.full(1f, 3, 1, 2));
        assertArrayEquals(new float[] {0f, 0f}, beta.grad().data());
    }

    @Test
    void perNeuronThresholdsFireIndependently() {
        Leaky l = Leaky.builder().beta(1f).reset(Reset.NONE).perNeuron(2).build();
        Parameter th = param(l, "threshold");
        th.value().data()[0] = 0.5f;
        th.value().data()[1] = 2f;
        Tensor s = l.forward(new Tensor(new float[] {0.6f, 0.6f, 0.6f, 0.6f}, 2, 1, 2), false);
        assertArrayEquals(new float[] {1f, 0f, 1f, 0f}, s.data());
    }

    @Test
    void specKeepsLearnFlagsFalseForFixedPerNeuronValues() {
        Leaky l = Leaky.builder().beta(0.9f).perNeuron(3).build();
        assertEquals(false, l.spec().config().get("learn_beta"));
        Leaky again = (Leaky) Layers.create(l.spec(), new Rng(1));
        assertEquals(2, again.parameters().size());
        assertFalse(param(again, "beta").trainable());
    }
}
