package io.snn4j.core.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.Parallel;
import io.snn4j.core.layer.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Results do not depend on the number of kernel threads. */
class ThreadsTest {

    private static List<float[]> run(Supplier<Layer> f, Tensor x, Tensor g, int threads) {
        int before = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            Layer l = f.get();
            List<float[]> r = new ArrayList<>();
            r.add(l.forward(x, true).data());
            r.add(l.backward(g).data());
            for (Parameter p : l.parameters()) {
                r.add(p.grad().data());
            }
            return r;
        } finally {
            Parallel.setThreads(before);
        }
    }

    private static void assertSame(Supplier<Layer> f, int... shape) {
        Rng rng = new Rng(8);
        Tensor x = Fixtures.random(rng, -0.5f, 1.2f, shape);
        Tensor g = Fixtures.random(rng, -1f, 1f, shape);
        List<float[]> one = run(f, x, g, 1);
        List<float[]> two = run(f, x, g, 2);
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), two.get(i), "result " + i);
        }
    }

    @Test
    void leakyWithSharedLearnableParameters() {
        assertSame(() -> Leaky.builder().learnBeta(true).learnThreshold(true).build(), 20, 16, 300);
    }

    @Test
    void synapticPerNeuron() {
        assertSame(() -> Synaptic.builder().perNeuron(300).learnAlpha(true).learnBeta(true).build(), 20, 16, 300);
    }

    @Test
    void rleakyAllToAll() {
        assertSame(() -> RLeaky.builder(64).learnBeta(true).learnThreshold(true).build(new Rng(1)), 12, 8, 64);
    }

    @Test
    void rsynapticOneToOne() {
        assertSame(() -> RSynaptic.builder(256).oneToOne().learnAlpha(true).build(null), 12, 16, 256);
    }
}
