package io.snn4j.core.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The three ways to run a neuron layer (whole sequence, stateful step, recorded steps) agree bit for bit. */
class StepApiTest {
    private static final int T = 7;
    private static final int B = 2;
    private static final int N = 4;

    static Stream<Arguments> models() {
        return Stream.of(
                model("leaky learnable per-neuron", () -> Leaky.builder().beta(0.9f).perNeuron(N).learnBeta(true)
                        .learnThreshold(true).build()),
                model("leaky zero immediate", () -> Leaky.builder().reset(Reset.ZERO).resetDelay(false)
                        .learnBeta(true).learnThreshold(true).build()),
                model("if", () -> IF.builder().learnThreshold(true).build()),
                model("synaptic", () -> Synaptic.builder().learnAlpha(true).learnBeta(true).learnThreshold(true)
                        .build()),
                model("leaky integrator", () -> LeakyIntegrator.builder().learnBeta(true).build()),
                model("rleaky all-to-all", () -> RLeaky.builder(N).learnBeta(true).learnThreshold(true)
                        .build(new Rng(3))),
                model("rleaky one-to-one", () -> RLeaky.builder(N).oneToOne().learnBeta(true).build(null)),
                model("rsynaptic", () -> RSynaptic.builder(N).reset(Reset.ZERO).learnAlpha(true).learnBeta(true)
                        .learnThreshold(true).build(new Rng(4))));
    }

    private static Arguments model(String name, Supplier<Layer> f) {
        return Arguments.of(Named.of(name, f));
    }

    private static List<float[]> grads(Layer l) {
        List<float[]> g = new ArrayList<>();
        for (Parameter p : l.parameters()) {
            g.add(p.grad().data().clone());
        }
        return g;
    }

    @ParameterizedTest
    @MethodSource("models")
    void wholeSequenceStepAndRecordedStepsAgreeExactly(Supplier<Layer> factory) {
        Rng rng = new Rng(99);
        Tensor x = Fixtures.random(rng, -0.5f, 1.5f, T, B, N);
        Tensor gOut = Fixtures.random(rng, -1f, 1f, T, B, N);

        Layer whole = factory.get();
        Tensor y = whole.forward(x, true);
        Fixtures.zeroGrads(whole);
        Tensor gIn = whole.backward(gOut);
        List<float[]> pg = grads(whole);

        Layer stepper = factory.get();
        stepper.resetState();
        for (int t = 0; t < T; t++) {
            assertArrayEquals(y.slice0(t).data(), stepper.step(x.slice0(t)).data(), "step output t=" + t);
        }

        Layer rec = factory.get();
        rec.beginSteps(true);
        for (int t = 0; t < T; t++) {
            assertArrayEquals(y.slice0(t).data(), rec.forwardStep(x.slice0(t)).data(), "forwardStep t=" + t);
        }
        Fixtures.zeroGrads(rec);
        for (int t = T - 1; t >= 0; t--) {
            assertArrayEquals(gIn.slice0(t).data(), rec.backwardStep(gOut.slice0(t)).data(), "backwardStep t=" + t);
        }
        List<float[]> rg = grads(rec);
        assertEquals(pg.size(), rg.size());
        for (int i = 0; i < pg.size(); i++) {
            assertArrayEquals(pg.get(i), rg.get(i), "gradient of " + rec.parameters().get(i).name());
        }
    }

    @Test
    void stepStateCarriesOverUntilReset() {
        Leaky l = new Leaky(0.5f);
        Tensor x = Tensor.of(new float[] {0.8f}, 1, 1);
        assertEquals(0f, l.step(x).data()[0]);
        assertEquals(1f, l.step(x).data()[0], "0.4 + 0.8 > 1");
        l.resetState();
        assertEquals(0f, l.step(x).data()[0]);
        assertArrayEquals(new float[] {0.8f}, l.lastMembrane().data());
    }

    @Test
    void aNewBatchShapeStartsFromTheResetState() {
        Leaky l = new Leaky(1f);
        l.step(Tensor.of(new float[] {0.8f}, 1, 1));
        assertEquals(0f, l.step(Tensor.of(new float[] {0.8f, 0.8f}, 2, 1)).data()[0]);
    }

    @Test
    void backwardStepWithoutRecordedStepIsAnError() {
        Leaky l = new Leaky(0.9f);
        l.beginSteps(true);
        assertThrows(IllegalStateException.class, () -> l.backwardStep(new Tensor(1, 1)));
    }
}
