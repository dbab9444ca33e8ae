package io.snn4j.core.layer;

import static io.snn4j.core.layer.LayerTestSupport.spikes;
import static io.snn4j.core.layer.LayerTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs with attached events must behave exactly as the same inputs scanned by the layer. */
class LinearEventsTest {

    /** Output, input gradient and parameter gradients of one training call, and of an inference call. */
    private static List<Tensor> run(Tensor x, int in, int out, long seed) {
        Linear l = new Linear(in, out, new Rng(3));
        l.setInputGradRequired(true);
        Tensor y = l.forward(x, true);
        Tensor g = uniform(new Rng(seed), -1, 1, y.shape());
        Tensor dx = l.backward(g);
        Tensor yEval = l.forward(x, false);
        return List.of(y, dx, l.weight().grad().copy(), l.bias().grad().copy(), yEval);
    }

    private static Tensor values(Rng rng, double density, int... shape) {
        Tensor t = spikes(rng, density, shape);
        for (int i = 0; i < t.size(); i++) {
            if (t.data()[i] != 0f) {
                t.data()[i] = rng.uniform(-2f, 2f);
            }
        }
        return t;
    }

    @Test
    void attachedEventsGiveTheBitsOfTheScanningPath() {
        Rng rng = new Rng(41);
        int[][] shapes = {{3, 2, 7, 5}, {5, 3, 37, 130}, {2, 1, 1, 1}, {4, 5, 70, 20}};
        for (int[] s : shapes) {
            for (double density : new double[] {0, 0.05, 0.3, 1}) {
                for (boolean binary : new boolean[] {true, false}) {
                    Tensor x = binary ? spikes(rng, density, s[0], s[1], s[2]) : values(rng, density, s[0], s[1], s[2]);
                    List<Tensor> scanned = run(x, s[2], s[3], 7);
                    List<Tensor> attached = run(Tensor.spikesWithEvents(x.copy()), s[2], s[3], 7);
                    LayerTestSupport.assertBitIdentical(scanned, attached);
                }
            }
        }
    }

    @Test
    void attachedEventsAreBitIdenticalWithOneAndTwoThreads() {
        Rng rng = new Rng(43);
        Tensor x = Tensor.spikesWithEvents(spikes(rng, 0.02, 10, 32, 300));
        var one = LayerTestSupport.runWithThreads(1, () -> new Linear(300, 130, new Rng(3)), x, 4);
        var two = LayerTestSupport.runWithThreads(2, () -> new Linear(300, 130, new Rng(3)), x, 4);
        LayerTestSupport.assertBitIdentical(one, two);
    }

    @Test
    void recordedStepsWithAttachedEventsEqualTheWholeSequence() {
        Rng rng = new Rng(44);
        Linear l = new Linear(20, 6, rng);
        LayerTestSupport.assertStepsMatchSequence(l, Tensor.spikesWithEvents(spikes(rng, 0.1, 4, 3, 20)), 5, 1e-5);
    }

    @Test
    void eventsThatNoLongerDescribeTheDataAreCaughtUnderAssertions() {
        boolean assertions = false;
        assert assertions = true;
        org.junit.jupiter.api.Assumptions.assumeTrue(assertions, "needs -ea (the build enables it)");
        Tensor x = Tensor.spikesWithEvents(spikes(new Rng(45), 0.1, 2, 2, 10));
        x.data()[3] = x.data()[3] == 0f ? 1f : 0f;
        Linear l = new Linear(10, 4, new Rng(1));
        assertThrows(AssertionError.class, () -> l.forward(x, true));
    }
}
