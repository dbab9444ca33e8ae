package io.snn4j.core.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.LayerSpec;
import io.snn4j.core.layer.Layers;
import io.snn4j.core.surrogate.Surrogates;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Neuron layers rebuild from their specs, and bad specs are rejected naming what is wrong. */
class NeuronSpecTest {

    private static void assertRoundTrip(Layer l) {
        Layer copy = Layers.create(l.spec(), new Rng(1));
        assertEquals(l.spec(), copy.spec());
        for (int i = 0; i < l.parameters().size(); i++) {
            float[] src = l.parameters().get(i).value().data();
            System.arraycopy(src, 0, copy.parameters().get(i).value().data(), 0, src.length);
        }
        Tensor x = Fixtures.random(new Rng(2), -0.5f, 1.5f, 6, 2, 4);
        assertArrayEquals(l.forward(x, false).data(), copy.forward(x, false).data());
    }

    @Test
    void everyNeuronTypeRoundTripsThroughItsSpec() {
        assertRoundTrip(Leaky.builder().beta(0.7f).threshold(0.5f).reset(Reset.ZERO).resetDelay(false)
                .surrogate(Surrogates.fastSigmoid(10f)).learnBeta(true).perNeuron(4).gradedSpikesFactor(2f).build());
        assertRoundTrip(IF.builder().threshold(2f).reset(Reset.NONE).build());
        assertRoundTrip(Synaptic.builder().alpha(0.5f).beta(0.6f).learnAlpha(true).build());
        assertRoundTrip(LeakyIntegrator.builder().beta(0.3f).learnBeta(true).perNeuron(4).build());
        assertRoundTrip(RLeaky.builder(4).beta(0.8f).bias(false).learnThreshold(true).perNeuron().build(new Rng(5)));
        assertRoundTrip(RSynaptic.builder(4).oneToOne().v(0.3f).alpha(0.4f).build(null));
    }

    @Test
    void specUsesSnnTorchNamesAndReadableNumbers() {
        LayerSpec s = Leaky.builder().beta(0.9f).build().spec();
        assertEquals("leaky", s.type());
        assertEquals(0.9, s.config().get("beta"));
        assertEquals("subtract", s.config().get("reset"));
        assertEquals(Map.of("type", "atan", "alpha", 2.0), s.config().get("surrogate"));
        assertEquals(List.of("all_to_all", "bias"), RLeaky.builder(2).build(new Rng(1)).spec().config().keySet()
                .stream().filter(k -> k.startsWith("all") || k.equals("bias")).toList());
    }

    @Test
    void surrogateMayBeGivenByName() {
        Layer l = Layers.create(LayerSpec.of("leaky", "beta", 0.8, "surrogate", "fast_sigmoid"), new Rng(1));
        assertEquals("fast_sigmoid", ((Leaky) l).surrogate().spec().type());
        assertEquals(25.0, ((Leaky) l).surrogate().spec().config().get("slope"));
    }

    @Test
    void unknownKeyIsRejectedNamingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layers.create(LayerSpec.of("leaky", "betta", 0.9), new Rng(1)));
        assertTrue(e.getMessage().contains("'betta'") && e.getMessage().contains("beta, threshold"),
                e.getMessage());
    }

    @Test
    void unknownSurrogateIsRejectedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layers.create(LayerSpec.of("leaky", "surrogate", Map.of("type", "atann")), new Rng(1)));
        assertTrue(e.getMessage().contains("atann") && e.getMessage().contains("fast_sigmoid"), e.getMessage());
    }

    @Test
    void badResetAndMissingNeuronsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layers.create(LayerSpec.of("synaptic", "reset", "soft"), new Rng(1)));
        assertTrue(e.getMessage().startsWith("synaptic: reset must be one of"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Layers.create(LayerSpec.of("rleaky"), new Rng(1)));
        assertTrue(e.getMessage().contains("rleaky") && e.getMessage().contains("neurons"), e.getMessage());
    }

    @Test
    void allNeuronTypesAreRegistered() {
        assertTrue(Layers.types().containsAll(List.of("leaky", "if", "synaptic", "leaky_integrator", "rleaky",
                "rsynaptic")));
    }
}
