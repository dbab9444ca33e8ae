package io.snn4j.core.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.Parallel;
import io.snn4j.core.layer.Layer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Spiking layers list their output spikes as they compute them; the list must be exactly the output's. */
class SpikeEventsTest {

    private static Tensor input(long seed, float scale, int... shape) {
        Rng r = new Rng(seed);
        Tensor t = new Tensor(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = scale * r.uniform(-0.5f, 1.5f);
        }
        return t;
    }

    private static void assertListsOutput(Tensor y, String what) {
        Tensor.Events ev = y.events();
        assertNotNull(ev, what + ": no spike list attached");
        Tensor.Events expect = Tensor.Events.scan(y);
        assertEquals(expect.rows(), ev.rows(), what + ": rows");
        assertEquals(expect.cols(), ev.cols(), what + ": cols");
        int nnz = expect.nnz();
        assertEquals(nnz, ev.nnz(), what + ": number of spikes");
        assertArrayEquals(Arrays.copyOf(expect.rowPtrArray(), expect.rows() + 1),
                Arrays.copyOf(ev.rowPtrArray(), ev.rows() + 1), what + ": row starts");
        assertArrayEquals(Arrays.copyOf(expect.colArray(), nnz), Arrays.copyOf(ev.colArray(), nnz),
                what + ": columns");
        assertArrayEquals(Arrays.copyOf(expect.valueArray(), nnz), Arrays.copyOf(ev.valueArray(), nnz),
                what + ": values");
    }

    private static Layer[] layers(int... n) {
        return new Layer[] {
            Leaky.builder().beta(0.8f).build(),
            Leaky.builder().beta(0.7f).reset(Reset.ZERO).gradedSpikesFactor(2.5f).build(),
            Leaky.builder().beta(0.9f).reset(Reset.NONE).threshold(0.7f).build(),
            Leaky.builder().beta(0.85f).perNeuron(n).build(),
            Synaptic.builder().alpha(0.6f).beta(0.8f).build(),
            Synaptic.builder().alpha(0.5f).beta(0.9f).reset(Reset.ZERO).build(),
            RLeaky.builder(n[n.length - 1]).beta(0.9f).build(new Rng(5)),
            RSynaptic.builder(n[n.length - 1]).build(new Rng(6)),
        };
    }

    @Test
    void theListedSpikesAreTheOutputForAnyWidthBatchAndThreads() {
        int[][] shapes = {{9, 3, 256}, {4, 5, 700}, {3, 7, 300}, {1, 1, 1}, {6, 1, 17}, {5, 64, 20}};
        int before = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                for (int[] s : shapes) {
                    for (float scale : new float[] {0f, 0.4f, 1f, 50f}) {
                        Tensor x = input(s[2] * 31L + s[1], scale, s);
                        Layer[] ls = layers(s[2]);
                        for (int i = 0; i < ls.length; i++) {
                            String what = ls[i] + " shape " + Arrays.toString(s) + " scale " + scale + " threads "
                                    + threads;
                            Tensor train = ls[i].forward(x, true);
                            assertListsOutput(train, what + " (training)");
                            assertListsOutput(ls[i].forward(x, false), what + " (inference)");
                        }
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void allAndNoSpikesAreListed() {
        Tensor strong = Tensor.full(10f, 4, 2, 33);
        Tensor y = Leaky.builder().beta(0.5f).reset(Reset.NONE).build().forward(strong, false);
        assertListsOutput(y, "all spiking");
        assertEquals(y.size(), y.events().nnz());
        Tensor none = Leaky.builder().build().forward(new Tensor(4, 2, 33), false);
        assertListsOutput(none, "silent");
        assertEquals(0, none.events().nnz());
    }

    @Test
    void noListWhereTheOutputIsNotSpikesByRow() {
        // a readout integrator outputs membranes; a [T, B, C, H] input has rows of H, not of C * H
        assertNull(LeakyIntegrator.builder().build().forward(input(1, 1f, 3, 2, 8), false).events());
        assertNull(Leaky.builder().build().forward(input(2, 1f, 3, 2, 4, 5), false).events());
        // the immediate reset takes the general path
        assertNull(Leaky.builder().resetDelay(false).build().forward(input(3, 1f, 3, 2, 8), false).events());
    }
}
