package io.snn4j.core.neuron;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.GradCheck;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.SpikingLayer;
import io.snn4j.core.surrogate.Surrogates;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference checks of every neuron model's backward pass (input and all trainable parameters), in
 * gradient-check mode where the spike is the surrogate's smooth primitive. Inputs are drawn until no membrane
 * lies within 0.03 of the threshold, where the (detached, hard) reset would jump under the probe.
 */
class NeuronGradCheckTest {

    static Stream<Arguments> models() {
        return Stream.of(
                model("leaky subtract, learnable beta and threshold",
                        () -> Leaky.builder().beta(0.9f).learnBeta(true).learnThreshold(true).build()),
                model("leaky zero", () -> Leaky.builder().beta(0.8f).reset(Reset.ZERO).learnBeta(true)
                        .learnThreshold(true).build()),
                model("leaky none", () -> Leaky.builder().beta(0.7f).reset(Reset.NONE).learnBeta(true)
                        .learnThreshold(true).build()),
                model("leaky subtract, immediate reset", () -> Leaky.builder().beta(0.9f).resetDelay(false)
                        .learnBeta(true).learnThreshold(true).build()),
                model("leaky zero, immediate reset", () -> Leaky.builder().beta(0.9f).reset(Reset.ZERO)
                        .resetDelay(false).learnBeta(true).learnThreshold(true).build()),
                model("leaky per-neuron", () -> Leaky.builder().beta(0.85f).threshold(0.8f).perNeuron(3)
                        .learnBeta(true).learnThreshold(true).build()),
                model("leaky graded spikes", () -> Leaky.builder().beta(0.9f).gradedSpikesFactor(2f)
                        .learnThreshold(true).build()),
                model("leaky fast_sigmoid", () -> Leaky.builder().beta(0.9f).surrogate(Surrogates.fastSigmoid())
                        .learnBeta(true).learnThreshold(true).build()),
                model("leaky sigmoid", () -> Leaky.builder().beta(0.9f).surrogate(Surrogates.sigmoid(5f))
                        .learnBeta(true).learnThreshold(true).build()),
                model("leaky triangle", () -> Leaky.builder().beta(0.9f).surrogate(Surrogates.triangle())
                        .learnBeta(true).learnThreshold(true).build()),
                model("leaky boxcar", () -> Leaky.builder().beta(0.9f).surrogate(Surrogates.boxcar(0.5f))
                        .learnBeta(true).learnThreshold(true).build()),
                model("leaky straight-through", () -> Leaky.builder().beta(0.9f)
                        .surrogate(Surrogates.straightThrough()).learnBeta(true).learnThreshold(true).build()),
                model("leaky custom surrogate", () -> Leaky.builder().beta(0.9f)
                        .surrogate(Surrogates.custom("cauchy", u -> 1 / (1 + u * u), Math::atan)).build()),
                model("if", () -> IF.builder().threshold(1.2f).learnThreshold(true).build()),
                model("synaptic subtract", () -> Synaptic.builder().alpha(0.7f).beta(0.8f).learnAlpha(true)
                        .learnBeta(true).learnThreshold(true).build()),
                model("synaptic zero", () -> Synaptic.builder().alpha(0.7f).beta(0.8f).reset(Reset.ZERO)
                        .learnAlpha(true).learnBeta(true).learnThreshold(true).build()),
                model("synaptic none per-neuron", () -> Synaptic.builder().alpha(0.6f).beta(0.7f)
                        .reset(Reset.NONE).perNeuron(3).learnAlpha(true).learnBeta(true).learnThreshold(true)
                        .build()),
                model("synaptic immediate reset", () -> Synaptic.builder().alpha(0.6f).beta(0.8f)
                        .resetDelay(false).learnAlpha(true).learnBeta(true).learnThreshold(true).build()),
                model("leaky integrator", () -> LeakyIntegrator.builder().beta(0.8f).learnBeta(true).build()),
                model("leaky integrator per-neuron", () -> LeakyIntegrator.builder().beta(0.8f).learnBeta(true)
                        .perNeuron(3).build()),
                model("rleaky all-to-all", () -> RLeaky.builder(3).beta(0.85f).learnBeta(true).learnThreshold(true)
                        .build(new Rng(11))),
                model("rleaky all-to-all zero", () -> RLeaky.builder(3).beta(0.85f).reset(Reset.ZERO)
                        .learnBeta(true).learnThreshold(true).build(new Rng(12))),
                model("rleaky one-to-one", () -> RLeaky.builder(3).beta(0.85f).oneToOne().v(0.6f)
                        .learnBeta(true).learnThreshold(true).perNeuron().build(null)),
                model("rleaky immediate reset", () -> RLeaky.builder(3).beta(0.85f).resetDelay(false)
                        .learnThreshold(true).build(new Rng(13))),
                model("rsynaptic all-to-all", () -> RSynaptic.builder(3).alpha(0.7f).beta(0.85f).learnAlpha(true)
                        .learnBeta(true).learnThreshold(true).build(new Rng(14))),
                model("rsynaptic one-to-one zero", () -> RSynaptic.builder(3).alpha(0.7f).beta(0.85f).oneToOne()
                        .reset(Reset.ZERO).learnAlpha(true).learnBeta(true).build(null)));
    }

    private static Arguments model(String name, Supplier<Layer> f) {
        return Arguments.of(Named.of(name, f));
    }

    @ParameterizedTest
    @MethodSource("models")
    void backwardMatchesFiniteDifferences(Supplier<Layer> factory) {
        Layer layer = factory.get();
        Tensor x = inputAwayFromThreshold(layer);
        GradCheck.Result r = GradCheck.check(layer, x, 42, 1e-3, 40, 1e-3);
        assertTrue(r.passes(1e-2), r.toString());
    }

    private static Tensor inputAwayFromThreshold(Layer layer) {
        Rng rng = new Rng(2024);
        SpikingLayer s = (SpikingLayer) layer;
        boolean readout = layer instanceof LeakyIntegrator;
        for (int attempt = 0; attempt < 200; attempt++) {
            Tensor x = Fixtures.random(rng, -0.3f, 0.9f, 8, 2, 3);
            if (readout) {
                return x;
            }
            s.setGradientCheckMode(true);
            try {
                layer.forward(x, false);
            } finally {
                s.setGradientCheckMode(false);
            }
            float th = ((NeuronLayer) layer).threshold0;
            boolean ok = true;
            for (float u : s.lastMembrane().data()) {
                ok &= Math.abs(u - th) > 0.03f;
            }
            if (ok) {
                return x;
            }
        }
        throw new AssertionError("no input away from the threshold found");
    }
}
