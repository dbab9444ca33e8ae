package io.snn4j.core.neuron;

import static io.snn4j.core.neuron.Fixtures.X;
import static io.snn4j.core.neuron.Fixtures.column;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import org.junit.jupiter.api.Test;

class SynapticTest {

    @Test
    void goldenTableOfSnnTorchSemantics() {
        Synaptic s = new Synaptic(0.8f, 0.9f);
        Tensor spk = s.forward(column(X), false);
        float[] syn = s.lastSynapticCurrent().data();
        float[] mem = s.lastMembrane().data();
        float[][] expect = {{0, 0.3f, 0.3f}, {1, 0.74f, 1.01f}, {1, 1.192f, 1.101f}, {0, 0.9536f, 0.9445f},
            {1, 1.66288f, 2.51293f}};
        for (int t = 0; t < expect.length; t++) {
            assertEquals(expect[t][0], spk.data()[t], "spike " + t);
            assertEquals(expect[t][1], syn[t], 1e-5f, "syn " + t);
            assertEquals(expect[t][2], mem[t], 1e-5f, "mem " + t);
        }
        assertEquals(1f, spk.data()[9]);
        assertEquals(2.285213f, syn[9], 1e-5f);
        assertEquals(5.786052f, mem[9], 1e-5f);
    }

    @Test
    void alphaZeroReducesToLeaky() {
        Tensor x = Fixtures.random(new Rng(5), 0f, 1f, 12, 3, 4);
        Tensor a = Synaptic.builder().alpha(0f).beta(0.85f).build().forward(x, false);
        Tensor b = Leaky.builder().beta(0.85f).build().forward(x, false);
        assertArrayEquals(b.data(), a.data());
    }

    @Test
    void recurrentLayersNeedTheirNeuronCountAndAnRng() {
        RLeaky r = RLeaky.builder(3).build(new Rng(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.forward(new Tensor(2, 1, 4), false));
        assertTrue(e.getMessage().contains("rleaky") && e.getMessage().contains("[T, B, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RLeaky.builder(3).build(null));
        assertTrue(e.getMessage().contains("Rng"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RSynaptic.builder(0));
        assertEquals(3, r.neurons());
    }

    @Test
    void allToAllRecurrentWeightsStartLikePyTorchLinear() {
        RLeaky r = RLeaky.builder(16).build(new Rng(7));
        float k = 0.25f;
        float max = 0f;
        for (float w : Fixtures.param(r, "recurrent.weight").value().data()) {
            assertTrue(Math.abs(w) <= k, "weight " + w + " outside U(-1/4, 1/4)");
            max = Math.max(max, Math.abs(w));
        }
        assertTrue(max > 0.2f, "weights should spread over the interval");
        assertArrayEquals(new int[] {16, 16}, Fixtures.param(r, "recurrent.weight").value().shape());
        assertArrayEquals(new int[] {16}, Fixtures.param(r, "recurrent.bias").value().shape());
        RLeaky same = RLeaky.builder(16).build(new Rng(7));
        assertArrayEquals(Fixtures.param(r, "recurrent.weight").value().data(),
                Fixtures.param(same, "recurrent.weight").value().data(), "deterministic given the seed");
    }

    @Test
    void fixedRecurrentWeightsAreSavedButNotTrained() {
        RLeaky r = RLeaky.builder(4).learnRecurrent(false).build(new Rng(1));
        assertEquals(2, r.parameters().size());
        assertTrue(r.parameters().stream().noneMatch(p -> p.trainable()));
    }
}
