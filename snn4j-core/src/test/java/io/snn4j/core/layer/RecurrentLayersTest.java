package io.snn4j.core.layer;

import static io.snn4j.core.layer.LayerTestSupport.assertClose;
import static io.snn4j.core.layer.LayerTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.GradCheck;
import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Lstm}, {@link Gru} and {@link Rnn}: gradients by finite differences, the three ways to run a layer
 * (whole sequence, stateful steps, recorded steps) and checkpointed segments agree, thread-count independence,
 * specs, and argument errors. Agreement with PyTorch itself is {@code golden.AnnGoldenTest}'s.
 */
class RecurrentLayersTest {

    /** A named maker of a recurrent layer from (input size, hidden size, rng). */
    record Kind(String name, Maker make) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Maker {
        AbstractRecurrent make(int in, int hidden, Rng rng);
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("lstm", (i, h, r) -> new Lstm(i, h, true, r)),
                new Kind("lstm without bias", (i, h, r) -> new Lstm(i, h, false, r)),
                new Kind("gru", (i, h, r) -> new Gru(i, h, true, r)),
                new Kind("gru without bias", (i, h, r) -> new Gru(i, h, false, r)),
                new Kind("rnn tanh", (i, h, r) -> new Rnn(i, h, true, "tanh", r)),
                new Kind("rnn relu", (i, h, r) -> new Rnn(i, h, true, "relu", r)));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void gradientsMatchFiniteDifferences(Kind k) {
        Rng rng = new Rng(3);
        AbstractRecurrent l = k.make().make(3, 5, rng);
        GradCheck.Result r = GradCheck.check(l, uniform(rng, -1.5f, 1.5f, 4, 3, 3), 7, 1e-2, 40, 1e-3);
        assertTrue(r.passes(1e-2), k + ": " + r);
        assertTrue(r.probes() >= 80, k + ": too few probes " + r.probes());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void parametersHavePyTorchsNamesShapesAndInitialRange(Kind k) {
        AbstractRecurrent l = k.make().make(3, 4, new Rng(5));
        int g = l.gateRows;
        assertEquals(l instanceof Lstm ? 16 : l instanceof Gru ? 12 : 4, g);
        List<String> names = new ArrayList<>();
        for (Parameter p : l.parameters()) {
            names.add(p.name());
        }
        boolean bias = l.hasBias();
        assertEquals(bias ? List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh") : List.of("weight_ih",
                "weight_hh"), names);
        assertArrayEquals(new int[] {g, 3}, l.weightIh().value().shape());
        assertArrayEquals(new int[] {g, 4}, l.weightHh().value().shape());
        if (bias) {
            assertArrayEquals(new int[] {g}, l.biasIh().value().shape());
            assertArrayEquals(new int[] {g}, l.biasHh().value().shape());
        } else {
            assertNull(l.biasIh());
            assertNull(l.biasHh());
        }
        // U(-1/sqrt(H), 1/sqrt(H)) = U(-0.5, 0.5), spread over the range
        for (Parameter p : l.parameters()) {
            float lo = Float.MAX_VALUE;
            float hi = -Float.MAX_VALUE;
            for (float v : p.value().data()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            assertTrue(lo >= -0.5f && hi <= 0.5f && hi - lo > 0.3f, p.name() + " in [" + lo + ", " + hi + "]");
        }
        assertEquals(3, l.inputSize());
        assertEquals(4, l.hiddenSize());
        assertArrayEquals(new int[] {4}, l.outputShape(new int[] {3}));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void statefulStepsGiveTheWholeSequenceOutput(Kind k) {
        Rng rng = new Rng(8);
        AbstractRecurrent l = k.make().make(3, 5, rng);
        Tensor x = uniform(rng, -1, 1, 6, 2, 3);
        Tensor y = l.forward(x, false);
        assertNull(l.stateH(), "no state before the first step");
        List<Tensor> ys = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            ys.add(l.step(x.slice0(t)));
        }
        Tensor stepped = Tensor.stack(ys);
        assertArrayEquals(y.data(), stepped.data(), k + ": steps and the whole sequence differ");
        assertArrayEquals(y.slice0(5).data(), l.stateH().data(), k + ": stateH is the last output");
        assertArrayEquals(new int[] {2, 5}, l.stateH().shape());
        // the state continues across calls until resetState
        Tensor next = l.step(x.slice0(0));
        l.resetState();
        assertNull(l.stateH());
        Tensor fresh = l.step(x.slice0(0));
        assertArrayEquals(y.slice0(0).data(), fresh.data(), k + ": after resetState the state is zero");
        assertTrue(!java.util.Arrays.equals(next.data(), fresh.data()), k + ": the state was not carried");
        // a batch of another size starts from zero
        Tensor single = l.step(Tensor.of(new float[] {x.data()[0], x.data()[1], x.data()[2]}, 1, 3));
        assertArrayEquals(new float[] {y.data()[0], y.data()[1], y.data()[2], y.data()[3], y.data()[4]},
                single.data(), k + ": a new batch size starts from the reset state");
    }

    @Test
    void lstmKeepsItsCellStateForTheStepApi() {
        Rng rng = new Rng(9);
        Lstm l = new Lstm(2, 3, true, rng);
        assertNull(l.stateC());
        Tensor x = uniform(rng, -1, 1, 4, 2);
        l.step(x);
        Tensor c = l.stateC();
        Tensor h = l.stateH();
        assertArrayEquals(new int[] {4, 3}, c.shape());
        // h = o * tanh(c) with 0 < o < 1: |h| < |tanh(c)|, same sign
        for (int i = 0; i < c.size(); i++) {
            float th = (float) Math.tanh(c.data()[i]);
            assertTrue(Math.abs(h.data()[i]) < Math.abs(th) + 1e-7 && h.data()[i] * th >= 0, "h vs c at " + i);
        }
        c.data()[0] = 99f;
        assertTrue(l.stateC().data()[0] != 99f, "stateC is a copy");
        l.resetState();
        assertNull(l.stateC());
        assertNull(new Gru(2, 3, true, rng).cellState(), "a GRU has no cell state");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void recordedStepsMatchTheWholeSequence(Kind k) {
        Rng rng = new Rng(10);
        LayerTestSupport.assertStepsMatchSequence(k.make().make(3, 5, rng), uniform(rng, -1, 1, 5, 3, 3), 11, 1e-5);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void checkpointedSegmentsMatchThePlainRun(Kind k) {
        Rng rng = new Rng(12);
        Tensor x = uniform(rng, -1, 1, 9, 2, 3);
        Tensor gOut = uniform(rng, -1, 1, 9, 2, 2);
        Function<Integer, List<Tensor>> run = every -> {
            Rng r = new Rng(13);
            Sequential net = new Sequential(k.make().make(3, 5, r), new Linear(5, 2, r));
            net.setCheckpointEvery(every);
            List<Tensor> out = new ArrayList<>();
            out.add(net.forward(x, true));
            out.add(net.backward(gOut));
            for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
                out.add(e.getValue().grad());
            }
            return out;
        };
        List<Tensor> plain = run.apply(0);
        for (int every : new int[] {2, 4}) {
            List<Tensor> ck = run.apply(every);
            for (int i = 0; i < plain.size(); i++) {
                assertClose(plain.get(i), ck.get(i), 1e-5, k + " K=" + every + " tensor " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void resultsAreTheSameWithOneAndTwoThreads(Kind k) {
        // large enough for the per-step products and the element-wise passes to be split over threads
        Tensor x = uniform(new Rng(14), -1, 1, 6, 16, 32);
        List<Tensor> one = LayerTestSupport.runWithThreads(1, () -> k.make().make(32, 64, new Rng(15)), x, 16);
        List<Tensor> two = LayerTestSupport.runWithThreads(2, () -> k.make().make(32, 64, new Rng(15)), x, 16);
        LayerTestSupport.assertBitIdentical(one, two);
    }

    @Test
    void specsRoundTripThroughTheRegistry() {
        Rng rng = new Rng(16);
        for (Layer l : List.of(new Lstm(3, 4, true, rng), new Lstm(3, 4, false, rng), new Gru(2, 5, true, rng),
                new Rnn(2, 5, false, "relu", rng), new Rnn(2, 5, true, rng))) {
            Layer back = Layers.create(l.spec(), new Rng(1));
            assertEquals(l.spec(), back.spec());
            assertEquals(l.getClass(), back.getClass());
            assertEquals(l.parameters().size(), back.parameters().size());
        }
        assertEquals(LayerSpec.of("lstm", "input_size", 3, "hidden_size", 4, "bias", true),
                new Lstm(3, 4, true, rng).spec());
        assertEquals("tanh", ((Rnn) Layers.create(LayerSpec.of("rnn", "input_size", 1, "hidden_size", 2), rng))
                .nonlinearity());
        assertTrue(Layers.types().containsAll(List.of("lstm", "gru", "rnn")));
        // a config list: lstm -> layernorm -> linear
        LayerSpec spec = Layers.toSpec(Map.of("type", "sequential", "layers", List.of(
                Map.of("type", "lstm", "input_size", 3, "hidden_size", 8),
                Map.of("type", "layernorm", "normalized_shape", 8),
                Map.of("type", "linear", "in_features", 8, "out_features", 1))));
        Layer net = Layers.create(spec, new Rng(2));
        assertArrayEquals(new int[] {1}, net.outputShape(new int[] {3}));
        assertEquals(net.spec(), Layers.create(net.spec(), new Rng(3)).spec());
        Tensor y = net.forward(uniform(rng, -1, 1, 4, 2, 3), false);
        assertArrayEquals(new int[] {4, 2, 1}, y.shape());
    }

    @Test
    void sameSeedSameWeights() {
        assertArrayEquals(new Lstm(3, 4, true, new Rng(7)).weightHh().value().data(),
                new Lstm(3, 4, true, new Rng(7)).weightHh().value().data());
    }

    private static void assertMessage(Class<? extends Throwable> type, Runnable r, String... parts) {
        Throwable e = assertThrows(type, r::run);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention " + p);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        Rng rng = new Rng(17);
        assertMessage(IllegalArgumentException.class, () -> new Lstm(0, 4, true, rng), "lstm", "input_size", "0");
        assertMessage(IllegalArgumentException.class, () -> new Lstm(3, -1, true, rng), "lstm", "hidden_size", "-1");
        assertMessage(IllegalArgumentException.class, () -> new Gru(3, 0, true, rng), "gru", "hidden_size");
        assertMessage(IllegalArgumentException.class, () -> new Rnn(0, 2, true, rng), "rnn", "input_size");
        assertMessage(IllegalArgumentException.class, () -> new Lstm(3, 4, true, null), "rng");
        assertMessage(IllegalArgumentException.class, () -> new Rnn(2, 2, true, "sigmoid", rng), "nonlinearity",
                "sigmoid", "tanh", "relu");
        Lstm l = new Lstm(3, 4, true, rng);
        assertMessage(IllegalArgumentException.class, () -> l.forward(new Tensor(2, 2, 5), false), "lstm",
                "input_size = 3", "[2, 2, 5]");
        assertMessage(IllegalArgumentException.class, () -> l.forward(new Tensor(2, 3), false), "[T, B, input_size]");
        assertMessage(IllegalArgumentException.class, () -> l.step(new Tensor(2, 4)), "[B, input_size]", "[2, 4]");
        assertMessage(IllegalArgumentException.class, () -> l.outputShape(new int[] {4}), "input_size", "[4]");
        l.forward(new Tensor(2, 2, 3), true);
        assertMessage(IllegalArgumentException.class, () -> l.backward(new Tensor(2, 2, 3)), "output gradient",
                "[2, 2, 4]");
        assertMessage(IllegalStateException.class, () -> new Gru(1, 1, true, rng).backward(new Tensor(1, 1, 1)),
                "backward without a training forward");
        assertMessage(IllegalStateException.class, () -> l.backwardStep(new Tensor(2, 4)), "backwardStep");
        assertMessage(IllegalArgumentException.class,
                () -> Layers.create(LayerSpec.of("lstm", "input_size", 3, "hidden", 4), rng), "unknown key 'hidden'",
                "hidden_size");
        assertMessage(IllegalArgumentException.class, () -> Layers.create(LayerSpec.of("gru", "input_size", 3), rng),
                "missing 'hidden_size'");
        assertMessage(IllegalArgumentException.class,
                () -> Layers.create(LayerSpec.of("rnn", "input_size", 3, "hidden_size", 2.5), rng), "hidden_size",
                "integer");
    }

    @Test
    void withoutInputGradientOnlyParametersAreUpdated() {
        Rng rng = new Rng(18);
        Lstm l = new Lstm(2, 3, true, rng);
        Tensor x = uniform(rng, -1, 1, 3, 2, 2);
        l.setInputGradRequired(false);
        l.forward(x, true);
        assertNull(l.backward(uniform(rng, -1, 1, 3, 2, 3)));
        float s = 0;
        for (float v : l.weightIh().grad().data()) {
            s += Math.abs(v);
        }
        assertTrue(s > 0, "weight gradient accumulated");
    }

    @Test
    void gradientsAccumulateUntilZeroed() {
        Rng rng = new Rng(19);
        Gru l = new Gru(2, 3, true, rng);
        Tensor x = uniform(rng, -1, 1, 3, 2, 2);
        Tensor g = uniform(rng, -1, 1, 3, 2, 3);
        l.forward(x, true);
        l.backward(g);
        float[] once = l.weightHh().grad().data().clone();
        l.forward(x, true);
        l.backward(g);
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], l.weightHh().grad().data()[i], 1e-6);
        }
    }
}
