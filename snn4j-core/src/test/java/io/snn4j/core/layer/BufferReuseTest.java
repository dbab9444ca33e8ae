package io.snn4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.Reset;
import io.snn4j.core.neuron.Synaptic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sequential's buffer reuse must not change a single bit, and must really reuse. */
class BufferReuseTest {

    /** Passes its input on unchanged and remembers the array it came in. */
    static final class Probe extends StatelessLayer {
        final List<float[]> seen = new ArrayList<>();
        final List<float[]> seenGrads = new ArrayList<>();

        @Override
        public String type() {
            return "probe";
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return inputShape.clone();
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public Tensor forward(Tensor x, boolean training) {
            seen.add(x.data());
            return x;
        }

        @Override
        public Tensor backward(Tensor gradOut) {
            seenGrads.add(gradOut.data());
            return gradOut;
        }

        @Override
        public LayerSpec spec() {
            return LayerSpec.of("probe");
        }

        @Override
        protected Object saveCache() {
            return null;
        }

        @Override
        protected void restoreCache(Object cache) {
        }
    }

    private static Sequential network(Probe probe, Probe probe2) {
        Rng w = new Rng(11);
        return new Sequential(
                new Linear(12, 10, false, w),
                probe,
                Leaky.builder().beta(0.8f).resetDelay(false).build(),
                new Linear(10, 8, true, w),
                Synaptic.builder().alpha(0.7f).beta(0.85f).build(),
                probe2,
                new Linear(8, 6, true, w),
                Leaky.builder().beta(0.9f).reset(Reset.ZERO).build());
    }

    /** Inputs alternating dense (the GEMM path of a Linear without bias) and sparse spikes, with changing T. */
    private static Tensor input(int i) {
        Rng r = new Rng(100 + i);
        int t = i % 3 == 2 ? 5 : 7;
        return i % 2 == 0 ? LayerTestSupport.uniform(r, -1.5f, 2.5f, t, 3, 12)
                : LayerTestSupport.spikes(r, 0.15, t, 3, 12);
    }

    private record Run(List<float[]> outputs, List<float[]> inputGrads, List<float[]> membranes,
            List<float[]> evalOutputs, Map<String, Parameter> params) {
    }

    private static Run run(Sequential net) {
        net.setInputGradRequired(true);
        List<float[]> outs = new ArrayList<>();
        List<float[]> grads = new ArrayList<>();
        List<float[]> mems = new ArrayList<>();
        List<float[]> evals = new ArrayList<>();
        List<Tensor> keptOutputs = new ArrayList<>();
        List<float[]> keptCopies = new ArrayList<>();
        Leaky hidden = (Leaky) net.get(2);
        for (int i = 0; i < 6; i++) {
            Tensor x = input(i);
            Tensor y = net.forward(x, true);
            keptOutputs.add(y);
            keptCopies.add(y.data().clone());
            Tensor mem = hidden.lastMembrane();
            mems.add(mem.data().clone());
            Tensor g = LayerTestSupport.uniform(new Rng(200 + i), -1, 1, y.shape());
            Tensor gx = net.backward(g);
            // inference calls use arrays of their own
            evals.add(net.forward(input(i + 1), false).data().clone());
            outs.add(y.data().clone());
            grads.add(gx.data().clone());
            // what was handed out earlier stays as it was
            assertArrayEquals(mems.get(i), mem.data(), "membrane tensor changed after the call that made it");
        }
        for (int i = 0; i < keptOutputs.size(); i++) {
            assertArrayEquals(keptCopies.get(i), keptOutputs.get(i).data(), "output " + i + " was overwritten");
        }
        return new Run(outs, grads, mems, evals, net.namedParameters());
    }

    @Test
    void reuseGivesTheSameBitsAsFreshArrays() {
        Sequential fresh = network(new Probe(), new Probe());
        fresh.setBufferReuse(false);
        Sequential reused = network(new Probe(), new Probe());
        assertTrue(reused.bufferReuse(), "reuse is the default");
        Run a = run(fresh);
        Run b = run(reused);
        for (int i = 0; i < a.outputs().size(); i++) {
            assertArrayEquals(a.outputs().get(i), b.outputs().get(i), "output " + i);
            assertArrayEquals(a.inputGrads().get(i), b.inputGrads().get(i), "input gradient " + i);
            assertArrayEquals(a.membranes().get(i), b.membranes().get(i), "membrane " + i);
            assertArrayEquals(a.evalOutputs().get(i), b.evalOutputs().get(i), "inference output " + i);
        }
        for (String name : a.params().keySet()) {
            assertArrayEquals(a.params().get(name).grad().data(), b.params().get(name).grad().data(),
                    "gradient of " + name);
        }
    }

    @Test
    void intermediateArraysAreReusedOnlyWhenAllowed() {
        Probe p = new Probe();
        Probe p2 = new Probe();
        Sequential net = network(p, p2);
        net.setInputGradRequired(true);
        Tensor x = input(0);
        for (int i = 0; i < 2; i++) {
            Tensor y = net.forward(x, true);
            net.backward(LayerTestSupport.uniform(new Rng(i), -1, 1, y.shape()));
        }
        // Linear 0's training output and Synaptic's output: the same arrays both times
        assertSame(p.seen.get(0), p.seen.get(1));
        assertSame(p2.seen.get(0), p2.seen.get(1));
        // input gradients of Linear 6 (reaching probe2) and of Leaky 2 (reaching probe): reused too
        assertSame(p2.seenGrads.get(0), p2.seenGrads.get(1));
        assertSame(p.seenGrads.get(0), p.seenGrads.get(1));
        // an inference forward uses its own arrays
        net.forward(x, false);
        assertNotSame(p.seen.get(0), p.seen.get(2));

        // recording keeps every output, so nothing is reused
        net.setRecording(true);
        net.forward(x, true);
        net.forward(x, true);
        assertNotSame(p.seen.get(3), p.seen.get(4));
        net.setRecording(false);

        net.setBufferReuse(false);
        net.forward(x, true);
        net.forward(x, true);
        assertNotSame(p.seen.get(5), p.seen.get(6));
        assertEquals(7, p.seen.size());
    }

    @Test
    void theReturnedOutputAndInputGradientAreNeverReused() {
        Sequential net = network(new Probe(), new Probe());
        net.setInputGradRequired(true);
        Tensor x = input(0);
        Tensor y1 = net.forward(x, true);
        Tensor g1 = net.backward(LayerTestSupport.uniform(new Rng(1), -1, 1, y1.shape()));
        Tensor y2 = net.forward(x, true);
        Tensor g2 = net.backward(LayerTestSupport.uniform(new Rng(1), -1, 1, y2.shape()));
        assertNotSame(y1.data(), y2.data());
        assertNotSame(g1.data(), g2.data());
    }

    @Test
    void onlySpikesReadByALinearAreListed() {
        Rng w = new Rng(2);
        Sequential net = new Sequential(new Linear(12, 10, true, w), Leaky.builder().beta(0.8f).build(),
                new Linear(10, 6, true, w), Leaky.builder().beta(0.8f).build());
        net.setRecording(true);
        Tensor y = net.forward(input(1), false);
        org.junit.jupiter.api.Assertions.assertNotNull(net.recordedOutputs().get("1").events(),
                "spikes feeding a Linear carry their list");
        org.junit.jupiter.api.Assertions.assertNull(y.events(), "the last layer's spikes are not scanned");
        // on its own a spiking layer lists its spikes
        org.junit.jupiter.api.Assertions.assertNotNull(Leaky.builder().build().forward(input(1), false).events());
    }

    @Test
    void recurrentLayersGiveTheSameBitsWithReusedArrays() {
        java.util.function.Supplier<Sequential> make = () -> {
            Rng w = new Rng(21);
            return new Sequential(new Linear(12, 9, true, w),
                    io.snn4j.core.neuron.RLeaky.builder(9).beta(0.85f).build(w), new Linear(9, 7, true, w),
                    io.snn4j.core.neuron.RSynaptic.builder(7).build(w), new Linear(7, 5, true, w),
                    io.snn4j.core.neuron.RLeaky.builder(5).oneToOne().build(w));
        };
        List<float[]> results = new ArrayList<>();
        for (boolean reuse : new boolean[] {false, true}) {
            Sequential net = make.get();
            net.setBufferReuse(reuse);
            net.setInputGradRequired(true);
            for (int i = 0; i < 5; i++) {
                for (Parameter p : net.parameters()) {
                    p.zeroGrad();
                }
                Tensor y = net.forward(input(i), true);
                results.add(y.data().clone());
                results.add(((io.snn4j.core.layer.SpikingLayer) net.get(3)).lastMembrane().data().clone());
                results.add(net.backward(LayerTestSupport.uniform(new Rng(300 + i), -1, 1, y.shape())).data().clone());
                for (Parameter p : net.parameters()) {
                    results.add(p.grad().data().clone());
                }
                results.add(net.forward(input(i + 2), false).data().clone());
            }
        }
        int half = results.size() / 2;
        for (int k = 0; k < half; k++) {
            assertArrayEquals(results.get(k), results.get(half + k), "value " + k);
        }
    }
}
