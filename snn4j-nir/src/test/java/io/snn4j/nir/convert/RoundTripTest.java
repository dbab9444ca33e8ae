package io.snn4j.nir.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.AvgPool2d;
import io.snn4j.core.layer.Conv1d;
import io.snn4j.core.layer.Conv2d;
import io.snn4j.core.layer.Flatten;
import io.snn4j.core.layer.Graph;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.IF;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.LeakyIntegrator;
import io.snn4j.core.neuron.RLeaky;
import io.snn4j.core.neuron.RSynaptic;
import io.snn4j.core.neuron.Reset;
import io.snn4j.core.neuron.Synaptic;
import io.snn4j.nir.NirFile;
import io.snn4j.nir.NirGraph;
import io.snn4j.nir.NirNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * snn4j network -> NIR file -> snn4j network (snntorch preset) gives the same layers and bit-identical outputs.
 */
class RoundTripTest {

    @TempDir
    Path dir;

    private static Tensor spikes(Rng rng, double p, int... shape) {
        Tensor x = new Tensor(shape);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = rng.uniform(0, 1) < p ? 1f : 0f;
        }
        return x;
    }

    /** Scales every weight so that the neurons fire now and then. */
    private static void scale(Layer net, float k) {
        for (Parameter p : net.parameters()) {
            if (p.name().endsWith("weight")) {
                for (int i = 0; i < p.value().size(); i++) {
                    p.value().data()[i] *= k;
                }
            }
        }
    }

    /** Exports, writes, reads, imports; checks the layer types and that both give the same output and membrane. */
    private Converted roundTrip(Layer net, int[] inputShape, Tensor x) throws Exception {
        NirGraph g = SnnToNir.export(net, inputShape);
        Path f = dir.resolve("net.nir");
        NirFile.write(f, g);
        Converted c = NirToSnn.convert(NirFile.read(f).graph(), ConversionOptions.of(Preset.SNNTORCH));
        List<Layer> before = net instanceof Sequential s ? s.layers() : List.of(net);
        if (net instanceof Sequential) {
            List<Layer> after = ((Sequential) c.network()).layers();
            assertEquals(before.size(), after.size(), "layers " + after);
            for (int i = 0; i < before.size(); i++) {
                Layer a = before.get(i);
                Layer b = after.get(i);
                assertEquals(a.getClass(), b.getClass(), "layer " + i);
                assertEquals(a.spec().config().get("reset"), b.spec().config().get("reset"), "layer " + i);
                assertEquals(a.spec().config().get("reset_delay"), b.spec().config().get("reset_delay"));
            }
        }
        Tensor y0 = net.forward(x, false);
        Tensor y1 = c.network().forward(x, false);
        assertArrayEquals(y0.shape(), y1.shape());
        assertArrayEquals(y0.data(), y1.data(), 0f, "outputs");
        assertTrue(y0.sum() > 0, "the test network is silent");
        // the probed membranes agree too
        Simulation.Result r = Simulation.run(c, x);
        Layer lastNeuron = null;
        for (Layer l : before) {
            if (l instanceof io.snn4j.core.layer.SpikingLayer) {
                lastNeuron = l;
            }
        }
        if (lastNeuron != null) {
            Simulation.Result r0 = Simulation.run(net, inputShape, (io.snn4j.core.layer.SpikingLayer) lastNeuron, x);
            assertArrayEquals(r0.membrane().data(), r.membrane().data(), 0f, "membranes");
        }
        assertEquals(1e-4, (Double) g.metadata().get(NirToSnn.META_DT));
        return c;
    }

    @Test
    void linearAndLeakyWithBothResetsBiasOrNotPerNeuronBeta() throws Exception {
        Rng rng = new Rng(3);
        Leaky l2 = Leaky.builder().beta(0.8f).threshold(0.7f).reset(Reset.SUBTRACT).perNeuron(6).build();
        for (Parameter p : l2.parameters()) {
            if (p.name().equals("beta")) {
                for (int i = 0; i < 6; i++) {
                    p.value().data()[i] = 0.5f + 0.07f * i;
                }
            }
        }
        Sequential net = new Sequential(new Linear(10, 12, rng),
                Leaky.builder().beta(0.9f).reset(Reset.ZERO).build(),
                new Linear(12, 6, false, rng), l2);
        scale(net, 2f);
        roundTrip(net, new int[] {10}, spikes(rng, 0.3, 30, 3, 10));
    }

    @Test
    void synapticLearnedBetaIntegratorReadoutAndResetWithinTheStep() throws Exception {
        Rng rng = new Rng(4);
        Sequential net = new Sequential(new Linear(8, 9, rng),
                Synaptic.builder().alpha(0.7f).beta(0.85f).reset(Reset.ZERO).build(),
                new Linear(9, 7, rng),
                Leaky.builder().beta(0.6f).learnBeta(true).resetDelay(false).build(),
                new Linear(7, 4, rng), LeakyIntegrator.builder().beta(0.95f).build());
        scale(net, 3f);
        roundTrip(net, new int[] {8}, spikes(rng, 0.3, 25, 2, 8));
    }

    @Test
    void recurrentAllToAllOneToOneAndSynaptic() throws Exception {
        Rng rng = new Rng(5);
        Sequential net = new Sequential(new Linear(6, 10, rng),
                RLeaky.builder(10).beta(0.85f).reset(Reset.ZERO).build(rng),
                new Linear(10, 8, rng),
                RLeaky.builder(8).beta(0.7f).oneToOne().v(0.5f).build(rng),
                new Linear(8, 7, rng),
                RSynaptic.builder(7).alpha(0.6f).beta(0.8f).reset(Reset.ZERO).build(rng),
                new Linear(7, 5, rng),
                RLeaky.builder(5).beta(0.9f).bias(false).reset(Reset.SUBTRACT).build(rng));
        scale(net, 2.5f);
        Converted c = roundTrip(net, new int[] {6}, spikes(rng, 0.3, 40, 3, 6));
        Sequential s = (Sequential) c.network();
        assertEquals(Boolean.FALSE, s.get(3).spec().config().get("all_to_all"), "one-to-one stays one-to-one");
        assertEquals(Boolean.FALSE, s.get(7).spec().config().get("bias"), "no bias stays without bias");
    }

    @Test
    void convolutionPoolingFlattenAndIf() throws Exception {
        Rng rng = new Rng(6);
        Sequential net = new Sequential(new Conv2d(2, 4, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1},
                true, rng), Leaky.builder().beta(0.8f).reset(Reset.ZERO).build(), new AvgPool2d(2),
                new Conv2d(4, 3, new int[] {3, 2}, new int[] {2, 1}, new int[] {0, 1}, false, rng),
                IF.builder().threshold(0.5f).build(), new Flatten(), new Linear(3 * 1 * 5, 5, rng),
                Leaky.builder().beta(0.7f).build());
        scale(net, 6f);
        roundTrip(net, new int[] {2, 6, 8}, spikes(rng, 0.5, 20, 2, 2, 6, 8));
    }

    @Test
    void conv1d() throws Exception {
        Rng rng = new Rng(7);
        Sequential net = new Sequential(new Conv1d(3, 4, 3, 1, 1, true, rng),
                Leaky.builder().beta(0.8f).reset(Reset.ZERO).build(), new Flatten(), new Linear(4 * 9, 3, rng),
                Leaky.builder().beta(0.7f).build());
        scale(net, 3f);
        roundTrip(net, new int[] {3, 9}, spikes(rng, 0.4, 15, 2, 3, 9));
    }

    @Test
    void graphWithSkipAndRecurrentEdges() throws Exception {
        Rng rng = new Rng(8);
        Graph g = Graph.builder().input("in", 5)
                .node("fc1", new Linear(5, 6, rng)).edge("in", "fc1")
                .node("lif1", Leaky.builder().beta(0.8f).reset(Reset.ZERO).build()).edge("fc1", "lif1")
                .node("rec", new Linear(6, 6, rng)).edge("lif1", "rec").recurrentEdge("rec", "lif1")
                .node("skip", new Linear(5, 6, rng)).edge("in", "skip").edge("skip", "lif1")
                .node("fc2", new Linear(6, 3, rng)).edge("lif1", "fc2")
                .node("lif2", Leaky.builder().beta(0.7f).build()).edge("fc2", "lif2")
                .output("lif2").build();
        scale(g, 2f);
        Tensor x = spikes(rng, 0.3, 20, 2, 5);
        NirGraph nir = SnnToNir.export(g, new int[] {5});
        assertEquals(List.of("rec -> lif1"), nir.metadata().get(NirToSnn.META_RECURRENT_EDGES));
        Path f = dir.resolve("graph.nir");
        NirFile.write(f, nir);
        Converted c = NirToSnn.convert(NirFile.read(f).graph(), ConversionOptions.of(Preset.SNNTORCH));
        Graph back = assertInstanceOf(Graph.class, c.network());
        assertTrue(back.isRecurrent());
        assertArrayEquals(g.forward(x, false).data(), back.forward(x, false).data(), 0f);
    }

    @Test
    void exportWritesSnnTorchsConventionAndOurResetInMetadata() {
        Rng rng = new Rng(9);
        Sequential net = new Sequential(new Linear(3, 2, rng), Leaky.builder().beta(0.75f).threshold(0.5f)
                .reset(Reset.ZERO).build());
        NirGraph g = SnnToNir.export(net, new int[] {3}, 1e-3);
        NirNode.LIF lif = (NirNode.LIF) g.node("1");
        assertEquals(1e-3 / 0.25, lif.tau().get(0), 1e-15);
        assertEquals(lif.tau().get(0) / 1e-3, lif.r().get(0), 1e-12);
        assertEquals(0.5, lif.vThreshold().get(1));
        assertEquals(Map.of("snn4j_layer", "leaky", "snn4j_dt", 1e-3, "snn4j_reset", "zero", "snn4j_reset_delay",
                1L), lif.metadata());
        assertEquals("snntorch", g.metadata().get(NirToSnn.META_CONVENTION));
        // read back with the dt the file records: the same beta
        Converted c = NirToSnn.convert(g, ConversionOptions.of(Preset.SNNTORCH));
        assertEquals(1e-3, c.dt());
        assertEquals(0.75, ((Number) ((Sequential) c.network()).get(1).spec().config().get("beta")).doubleValue());
    }
}
