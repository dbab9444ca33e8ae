package io.snn4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.Parallel;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.RLeaky;
import io.snn4j.core.neuron.Reset;
import io.snn4j.core.neuron.Synaptic;
import io.snn4j.core.layer.SpikingLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A Linear and the spiking layer after it, run as one pass, must give the bits of the two layers run apart. */
class FusionTest {

    private static List<Supplier<Sequential>> networks() {
        List<Supplier<Sequential>> nets = new ArrayList<>();
        nets.add(() -> {
            Rng w = new Rng(3);
            return new Sequential(new Linear(40, 300, true, w), Leaky.builder().beta(0.9f).build(),
                    new Linear(300, 7, true, w), Leaky.builder().beta(0.8f).reset(Reset.ZERO).build());
        });
        nets.add(() -> {
            Rng w = new Rng(4);
            return new Sequential(new Linear(40, 17, false, w),
                    Synaptic.builder().alpha(0.7f).beta(0.85f).gradedSpikesFactor(1.5f).build(),
                    new Linear(17, 9, true, w), Leaky.builder().beta(0.7f).perNeuron(9).learnBeta(true)
                            .learnThreshold(true).build());
        });
        nets.add(() -> {
            Rng w = new Rng(5);
            // not fusable: immediate reset; recurrent layer; both must still work after a Linear
            return new Sequential(new Linear(40, 12, true, w), Leaky.builder().beta(0.9f).resetDelay(false).build(),
                    new Linear(12, 10, true, w), RLeaky.builder(10).beta(0.9f).build(w),
                    new Linear(10, 5, true, w), Synaptic.builder().alpha(0.5f).beta(0.9f).reset(Reset.NONE).build());
        });
        return nets;
    }

    private static Tensor input(int i, double density) {
        Rng r = new Rng(50 + i);
        Tensor t = new Tensor(i % 2 == 0 ? 11 : 6, 5, 40);
        for (int k = 0; k < t.size(); k++) {
            t.data()[k] = r.nextFloat() < density ? (density >= 1 ? r.uniform(-1, 3) : 1f) : 0f;
        }
        return i % 3 == 0 ? Tensor.spikesWithEvents(t) : t;
    }

    private record Result(List<float[]> values) {
    }

    private static Result run(Sequential net, boolean fused) {
        net.setFusion(fused);
        net.setInputGradRequired(true);
        List<float[]> v = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (double density : new double[] {0.1, 1.0}) {
                Tensor x = input(i, density);
                for (Parameter p : net.parameters()) {
                    p.zeroGrad();
                }
                Tensor y = net.forward(x, true);
                v.add(y.data().clone());
                for (Layer l : net.layers()) {
                    if (l instanceof SpikingLayer s && s.lastMembrane() != null) {
                        v.add(s.lastMembrane().data().clone());
                    }
                }
                Tensor g = net.backward(Tensor.full(0.5f, y.shape()).reshape(y.shape()));
                v.add(g.data().clone());
                for (Parameter p : net.parameters()) {
                    v.add(p.grad().data().clone());
                }
                Tensor e = net.forward(input(i + 1, density), false);
                v.add(e.data().clone());
                for (Layer l : net.layers()) {
                    if (l instanceof SpikingLayer s && s.lastMembrane() != null) {
                        v.add(s.lastMembrane().data().clone());
                    }
                }
                if (e.events() != null) {
                    assertTrue(e.events().matches(e.data()), "attached events do not match the output");
                }
            }
        }
        return new Result(v);
    }

    @Test
    void fusedForwardsGiveTheBitsOfLayerByLayerForwards() {
        int before = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                Parallel.setThreads(threads);
                int n = 0;
                for (Supplier<Sequential> make : networks()) {
                    Result apart = run(make.get(), false);
                    Result fused = run(make.get(), true);
                    assertEquals(apart.values().size(), fused.values().size());
                    for (int k = 0; k < apart.values().size(); k++) {
                        assertArrayEquals(apart.values().get(k), fused.values().get(k),
                                "network " + n + " value " + k + " threads " + threads);
                    }
                    n++;
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void aFusableNeuronRunsTheLinearOnlyWhenItCanFuse() {
        Rng w = new Rng(9);
        Linear lin = new Linear(40, 16, true, w);
        Tensor x = input(0, 0.1);
        Tensor expect = Leaky.builder().beta(0.9f).build().forward(lin.forward(x, false), false);
        Tensor y = Leaky.builder().beta(0.9f).build().forwardAfter(lin, x, false);
        assertNotNull(y);
        assertArrayEquals(expect.data(), y.data());
        assertNotNull(y.events(), "fused spikes carry their list");
        // a readout integrator cannot list spikes: it declines, and the Linear was not run
        assertNull(io.snn4j.core.neuron.LeakyIntegrator.builder().build().forwardAfter(lin, x, false));
        // a per-neuron shape that does not match the Linear's outputs: declines too (forward would reject it)
        assertNull(Leaky.builder().perNeuron(15).build().forwardAfter(lin, x, false));
    }
}
