package io.snn4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.LeakyIntegrator;
import io.snn4j.core.neuron.RLeaky;
import io.snn4j.core.neuron.RSynaptic;
import io.snn4j.core.neuron.Reset;
import io.snn4j.core.neuron.Synaptic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Gradient checkpointing over time ({@link Sequential#setCheckpointEvery}) changes memory, not results: outputs,
 * the input gradient and every parameter gradient equal the plain run's within 1e-6 of the largest magnitude
 * (weight gradients are summed segment by segment, and Linear picks its kernel by the density of each call's
 * input, so sums may round differently).
 */
class CheckpointTest {
    private static final int T = 23;
    private static final int B = 3;

    /** Output, input gradient and parameter gradients (by path) of one forward and backward pass. */
    private record Run(Tensor out, Tensor gIn, Map<String, Parameter> params) {
    }

    private static Run run(Supplier<Sequential> make, int every, Tensor x, Tensor gOut) {
        Sequential net = make.get();
        net.setCheckpointEvery(every);
        Tensor out = net.forward(x, true);
        Tensor gIn = net.backward(gOut);
        return new Run(out, gIn, net.namedParameters());
    }

    private static void assertSameRun(Supplier<Sequential> make, int inputs, int outputs, int... everies) {
        Rng rng = new Rng(21);
        Tensor x = LayerTestSupport.uniform(rng, -0.5f, 1.5f, T, B, inputs);
        Tensor gOut = LayerTestSupport.uniform(rng, -1f, 1f, T, B, outputs);
        Run plain = run(make, 0, x, gOut);
        for (int every : everies) {
            Run ck = run(make, every, x, gOut);
            String k = "K=" + every + ": ";
            close(plain.out, ck.out, k + "output");
            close(plain.gIn, ck.gIn, k + "input gradient");
            for (String name : plain.params.keySet()) {
                if (!plain.params.get(name).trainable()) {
                    continue;
                }
                close(plain.params.get(name).grad(), ck.params.get(name).grad(), k + name + " gradient");
            }
        }
    }

    private static void close(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = 0;
        for (float v : expected.data()) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, what + " is all zero: the case tests nothing");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.data()[i], actual.data()[i], 1e-6 * scale, what + "[" + i + "]");
        }
    }

    @Test
    void leakyNetworkGivesTheSameResultsForAnySegmentLength() {
        assertSameRun(() -> {
            Rng r = new Rng(1);
            return new Sequential(new Linear(6, 12, r), Leaky.builder().beta(0.8f).learnBeta(true)
                    .learnThreshold(true).build(), new Linear(12, 4, r), Leaky.builder().beta(0.9f)
                    .reset(Reset.ZERO).build());
        }, 6, 4, 1, 4, 5, 22);
    }

    @Test
    void synapticNetworkWithLearnableDecaysAndIntegratorReadout() {
        assertSameRun(() -> {
            Rng r = new Rng(2);
            return new Sequential(new Linear(5, 10, r), Synaptic.builder().alpha(0.7f).beta(0.85f)
                    .learnAlpha(true).learnBeta(true).perNeuron(10).build(), new Linear(10, 3, r),
                    LeakyIntegrator.builder().beta(0.9f).learnBeta(true).build());
        }, 5, 3, 3, 7);
    }

    @Test
    void recurrentNetworksCarrySpikesAndTheirGradientsAcrossSegments() {
        assertSameRun(() -> {
            Rng r = new Rng(3);
            return new Sequential(new Linear(4, 16, r), RLeaky.builder(16).beta(0.85f).learnBeta(true)
                    .build(r), new Linear(16, 3, r), Leaky.builder().beta(0.9f).build());
        }, 4, 3, 2, 6, 10);
        assertSameRun(() -> {
            Rng r = new Rng(4);
            return new Sequential(new Linear(4, 8, r), RSynaptic.builder(8).oneToOne().learnAlpha(true)
                    .build(null), new Linear(8, 8, r), RSynaptic.builder(8).reset(Reset.ZERO).build(r));
        }, 4, 8, 5);
    }

    @Test
    void nestedSequentialIsCheckpointedThroughItsChildren() {
        assertSameRun(() -> {
            Rng r = new Rng(5);
            return new Sequential(new Sequential(new Linear(3, 8, r), Leaky.builder().learnBeta(true).build()),
                    new Linear(8, 2, r), Synaptic.builder().build());
        }, 3, 2, 4);
    }

    @Test
    void checkpointedForwardKeepsOnlyTheLastSegmentsMembrane() {
        Rng r = new Rng(6);
        Leaky hidden = new Leaky(0.9f);
        Sequential net = new Sequential(new Linear(3, 4, r), hidden);
        net.setCheckpointEvery(10);
        net.forward(LayerTestSupport.uniform(r, 0f, 1f, T, B, 3), true);
        // 23 steps in segments of 10: the backward pass re-runs [20, 23), [10, 20), [0, 10) from stored states
        assertEquals(3, hidden.lastMembrane().dim(0));
        assertEquals(10, net.checkpointEvery());
    }

    @Test
    void inferenceAndShortSequencesTakeThePlainPath() {
        Rng r = new Rng(7);
        Supplier<Sequential> make = () -> new Sequential(new Linear(3, 4, new Rng(8)), new Leaky(0.9f));
        Tensor x = LayerTestSupport.uniform(r, 0f, 1f, 5, B, 3);
        Sequential plain = make.get();
        Sequential ck = make.get();
        ck.setCheckpointEvery(5);
        assertArrayEquals(plain.forward(x, false).data(), ck.forward(x, false).data());
        ck.forward(x, true);
        assertEquals(5, ((Leaky) ck.get(1)).lastMembrane().dim(0), "T <= K runs the whole sequence at once");
    }

    @Test
    void badSettingsAreRejectedNamingTheLayer() {
        Sequential net = new Sequential(new Linear(3, 4, new Rng(1)), new Dropout(0.5, 1), new Leaky(0.9f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.setCheckpointEvery(8));
        assertTrue(e.getMessage().contains("layer 1 (dropout)"), e.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Leaky(0.9f)).setCheckpointEvery(-1));
        assertTrue(neg.getMessage().contains("checkpoint_every"), neg.getMessage());
        net.setCheckpointEvery(0);
        assertEquals(0, net.checkpointEvery());
    }

    @Test
    void aSegmentStartStateMustFitTheInput() {
        Leaky l = new Leaky(0.9f);
        l.forwardSegment(Tensor.full(0.5f, 2, 3, 4), null, false);
        Object state = l.segmentState();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.forwardSegment(Tensor.full(0.5f, 2, 2, 4), state, false));
        assertTrue(e.getMessage().startsWith("leaky: "), e.getMessage());
    }

    @Test
    void segmentsContinueExactlyWhereTheLastOneEnded() {
        Rng r = new Rng(9);
        Tensor x = LayerTestSupport.uniform(r, -0.2f, 1.2f, 6, 2, 5);
        RLeaky whole = RLeaky.builder(5).build(new Rng(10));
        RLeaky parts = RLeaky.builder(5).build(new Rng(10));
        float[] expected = whole.forward(x, false).data();
        List<Float> got = new ArrayList<>();
        Object state = null;
        for (int t0 = 0; t0 < 6; t0 += 4) {
            int t1 = Math.min(6, t0 + 4);
            Tensor seg = new Tensor(java.util.Arrays.copyOfRange(x.data(), t0 * 10, t1 * 10), t1 - t0, 2, 5);
            for (float v : parts.forwardSegment(seg, state, false).data()) {
                got.add(v);
            }
            state = parts.segmentState();
        }
        float[] g = new float[got.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = got.get(i);
        }
        assertArrayEquals(expected, g);
    }
}
