package io.snn4j.core.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.SpikingLayer;
import io.snn4j.core.surrogate.Surrogates;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vectorised fast paths of the neuron kernels (delayed reset, no gradient check) compute exactly what the
 * general per-element code computes: outputs, membranes and every gradient, bit for bit. The one exception is
 * the all-to-all recurrent gradient, where the dense product groups terms around zero gradients differently from
 * the event-driven one: equal within float rounding.
 */
class FastPathTest {

    private static List<float[]> run(Supplier<SpikingLayer> f, Tensor x, Tensor g, boolean generic) {
        boolean before = ElementKernel.forceGeneric;
        ElementKernel.forceGeneric = generic;
        try {
            SpikingLayer l = f.get();
            List<float[]> r = new ArrayList<>();
            r.add(l.forward(x, true).data());
            r.add(l.lastMembrane().data());
            r.add(l.backward(g).data());
            for (Parameter p : l.parameters()) {
                r.add(p.grad().data());
            }
            return r;
        } finally {
            ElementKernel.forceGeneric = before;
        }
    }

    static Stream<Arguments> models() {
        List<Arguments> a = new ArrayList<>();
        for (Reset r : Reset.values()) {
            a.add(Arguments.of("leaky " + r, (Supplier<SpikingLayer>) () -> Leaky.builder().beta(0.8f).reset(r)
                    .learnBeta(true).learnThreshold(true).gradedSpikesFactor(1.5f).build(), 0));
            a.add(Arguments.of("leaky per-neuron " + r, (Supplier<SpikingLayer>) () -> Leaky.builder().reset(r)
                    .perNeuron(50).learnBeta(true).learnThreshold(true).surrogate(Surrogates.fastSigmoid())
                    .build(), 0));
            a.add(Arguments.of("synaptic " + r, (Supplier<SpikingLayer>) () -> Synaptic.builder().reset(r)
                    .learnAlpha(true).learnBeta(true).learnThreshold(true).build(), 0));
            a.add(Arguments.of("rleaky " + r, (Supplier<SpikingLayer>) () -> RLeaky.builder(50).reset(r)
                    .learnBeta(true).learnThreshold(true).build(new Rng(3)), 1));
            a.add(Arguments.of("rsynaptic one-to-one " + r, (Supplier<SpikingLayer>) () -> RSynaptic.builder(50)
                    .oneToOne().reset(r).learnAlpha(true).learnBeta(true).learnThreshold(true).build(null), 0));
            a.add(Arguments.of("rsynaptic " + r, (Supplier<SpikingLayer>) () -> RSynaptic.builder(50).reset(r)
                    .surrogate(Surrogates.boxcar(0.5f)).learnAlpha(true).build(new Rng(4)), 1));
        }
        a.add(Arguments.of("integrator", (Supplier<SpikingLayer>) () -> LeakyIntegrator.builder().beta(0.7f)
                .learnBeta(true).build(), 0));
        return a.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void fastPathEqualsGeneralCode(String name, Supplier<SpikingLayer> f, int rounding) {
        Rng rng = new Rng(12);
        Tensor x = Fixtures.random(rng, -0.6f, 1.4f, 30, 3, 50);
        Tensor g = Fixtures.random(rng, -1f, 1f, 30, 3, 50);
        List<float[]> fast = run(f, x, g, false);
        List<float[]> generic = run(f, x, g, true);
        assertEquals(generic.size(), fast.size());
        assertArrayEquals(generic.get(0), fast.get(0), name + ": spikes");
        assertArrayEquals(generic.get(1), fast.get(1), name + ": membrane");
        for (int i = 2; i < fast.size(); i++) {
            if (rounding == 0) {
                assertArrayEquals(generic.get(i), fast.get(i), name + ": gradient " + i);
            } else {
                assertClose(generic.get(i), fast.get(i), name + ": gradient " + i);
            }
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        double scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6 * scale, what + "[" + i + "]");
        }
    }

    /** 1203 elements per step: three blocks of the element kernel, the last one ragged. */
    @Test
    void fastPathSpansSeveralElementBlocks() {
        Rng rng = new Rng(5);
        Tensor x = Fixtures.random(rng, -0.6f, 1.4f, 7, 3, 401);
        Tensor g = Fixtures.random(rng, -1f, 1f, 7, 3, 401);
        Supplier<SpikingLayer> f = () -> Synaptic.builder().learnAlpha(true).learnBeta(true).learnThreshold(true)
                .build();
        List<float[]> fast = run(f, x, g, false);
        List<float[]> generic = run(f, x, g, true);
        for (int i = 0; i < fast.size(); i++) {
            assertArrayEquals(generic.get(i), fast.get(i), "result " + i);
        }
    }

    @Test
    void stepFunctionIsStrictlyPositiveStepForEveryFloat() {
        float[] d = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, 1f, Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -3f};
        for (float v : d) {
            assertEquals(v > 0f ? 1f : 0f, ElementKernel.step(v), "step(" + v + ")");
        }
    }

    @Test
    void inferenceRecomputesTheMembraneOnlyWhenAskedFor() {
        Rng rng = new Rng(2);
        Tensor x = Fixtures.random(rng, -0.5f, 1.5f, 20, 2, 8);
        Leaky l = new Leaky(0.8f);
        Tensor trained = l.forward(x, true);
        float[] mem = l.lastMembrane().data().clone();
        Tensor inferred = l.forward(x, false);
        assertArrayEquals(trained.data(), inferred.data());
        assertArrayEquals(mem, l.lastMembrane().data());

        Synaptic s = new Synaptic(0.5f, 0.8f);
        s.forward(x, true);
        float[] syn = s.lastSynapticCurrent().data().clone();
        s.forward(x, false);
        assertArrayEquals(syn, s.lastSynapticCurrent().data());
    }

    @Test
    void inferenceKeepsNoBackwardCache() {
        Leaky l = new Leaky(0.8f);
        l.forward(Tensor.full(0.5f, 3, 1, 2), false);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> l.backward(new Tensor(3, 1, 2)));
        assertTrue(e.getMessage().contains("backward without a forward"), e.getMessage());
        RLeaky r = RLeaky.builder(2).build(new Rng(1));
        r.forward(Tensor.full(0.5f, 3, 1, 2), false);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> r.backward(new Tensor(3, 1, 2)));
    }
}
