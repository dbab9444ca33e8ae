package io.snn4j.nir.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.MaxPool2d;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.Synaptic;
import io.snn4j.nir.NirArray;
import io.snn4j.nir.NirGraph;
import io.snn4j.nir.NirNode;
import io.snn4j.nir.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What cannot be converted fails with one line naming the node and the field. */
class ConversionBadInputTest {

    private static NirArray v(int n, double x) {
        return NirArray.full(NirArray.DType.FLOAT32, Shape.of(n), x);
    }

    private static NirArray w(int out, int in) {
        return NirArray.full(NirArray.DType.FLOAT32, Shape.of(out, in), 0.1);
    }

    private static NirNode.LIF lif(int n) {
        return new NirNode.LIF(v(n, 1e-3), v(n, 10), v(n, 0), v(n, 1), v(n, 0));
    }

    private static NirGraph graph(Map<String, NirNode> nodes, String... edges) {
        List<NirGraph.Edge> es = new java.util.ArrayList<>();
        for (String e : edges) {
            String[] p = e.split("->");
            es.add(new NirGraph.Edge(p[0].trim(), p[1].trim()));
        }
        return new NirGraph(nodes, es);
    }

    private static String fails(NirGraph g, Preset p) {
        return assertThrows(NirConversionException.class, () -> NirToSnn.convert(g, ConversionOptions.of(p)))
                .getMessage();
    }

    @Test
    void anInstantaneousLoopCannotBeScheduled() {
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("input", new NirNode.Input(Shape.of(3)));
        n.put("a", new NirNode.Linear(w(3, 3)));
        n.put("b", new NirNode.Linear(w(3, 3)));
        n.put("lif", lif(3));
        n.put("output", new NirNode.Output(Shape.of(3)));
        NirGraph g = graph(n, "input -> a", "a -> b", "b -> a", "b -> lif", "lif -> output");
        for (Preset p : Preset.values()) {
            assertEquals("cycle a -> b -> a has no neuron to hold its value from one step to the next: an "
                    + "instantaneous loop cannot be scheduled", fails(g, p));
        }
    }

    @Test
    void aCycleNothingFeedsIsRefused() {
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("input", new NirNode.Input(Shape.of(3)));
        n.put("lif", lif(3));
        n.put("x", lif(3));
        n.put("rx", new NirNode.Linear(w(3, 3)));
        n.put("output", new NirNode.Output(Shape.of(3)));
        NirGraph g = graph(n, "input -> lif", "lif -> output", "x -> rx", "rx -> x");
        assertEquals("node 'x' (LIF): is not reachable from the input 'input' (nothing feeds it), so its input "
                + "shape is unknown", fails(g, Preset.NIR));
    }

    @Test
    void unsupportedNodesAndFieldsAreNamed() {
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("input", new NirNode.Input(Shape.of(3)));
        n.put("d", new NirNode.Delay(v(3, 0.002)));
        n.put("output", new NirNode.Output(Shape.of(3)));
        assertEquals("node 'd' (Delay): Delay nodes cannot be run by snn4j yet",
                fails(graph(n, "input -> d", "d -> output"), Preset.NIR));

        n.put("d", new NirNode.LIF(v(3, 1e-3), v(3, 10), v(3, 0), v(3, 1), v(3, -0.5)));
        assertEquals("node 'd' (LIF), field 'v_reset': the snntorch preset needs 0 (snnTorch resets to zero or "
                + "by subtraction); the snntorch preset follows snnTorch (use --preset nir for NIR's full "
                + "equations), found -0.500000", fails(graph(n, "input -> d", "d -> output"), Preset.SNNTORCH));

        n.put("d", new NirNode.LIF(v(3, -1e-3), v(3, 10), v(3, 0), v(3, 1), v(3, 0)));
        assertEquals("node 'd' (LIF), field 'tau': time constants must be positive, found -0.00100000",
                fails(graph(n, "input -> d", "d -> output"), Preset.NORSE));

        n.put("d", new NirNode.CubaLI(v(3, 1e-3), v(3, 1e-3), v(3, 1), v(3, 0), v(3, 1)));
        assertEquals("node 'd' (CubaLI): snnTorch has no counterpart of CubaLI; use the nir preset",
                fails(graph(n, "input -> d", "d -> output"), Preset.SNNTORCH));
        assertEquals("node 'd' (CubaLI): Norse's importer (norse.torch.from_nir) has no mapping for CubaLI; use "
                + "the nir preset", fails(graph(n, "input -> d", "d -> output"), Preset.NORSE));

        n.put("d", new NirNode.Scale(v(3, 2)));
        assertEquals("node 'd' (Scale): Norse's importer (norse.torch.from_nir) has no mapping for Scale; use the "
                + "nir preset", fails(graph(n, "input -> d", "d -> output"), Preset.NORSE));

        Map<String, NirNode> c = new LinkedHashMap<>();
        c.put("input", new NirNode.Input(Shape.of(2, 8, 8)));
        c.put("conv", new NirNode.Conv2d(Shape.of(8, 8), NirArray.full(NirArray.DType.FLOAT32,
                Shape.of(4, 1, 3, 3), 0.1), Shape.of(1, 1), NirNode.Padding.of(1, 1), Shape.of(1, 1), 2, v(4, 0)));
        c.put("output", new NirNode.Output(null));
        assertEquals("node 'conv' (Conv2d), field 'groups': snn4j's convolutions have groups 1, found 2",
                fails(graph(c, "input -> conv", "conv -> output"), Preset.NIR));
    }

    @Test
    void severalInputsOrShapesThatDisagreeAreRefused() {
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("in1", new NirNode.Input(Shape.of(3)));
        n.put("in2", new NirNode.Input(Shape.of(3)));
        n.put("lif", lif(3));
        n.put("output", new NirNode.Output(Shape.of(3)));
        assertEquals("the graph has 2 Input nodes (in1, in2); snn4j runs graphs with exactly one Input",
                fails(graph(n, "in1 -> lif", "in2 -> lif", "lif -> output"), Preset.NIR));

        Map<String, NirNode> m = new LinkedHashMap<>();
        m.put("input", new NirNode.Input(Shape.of(4)));
        m.put("lif", lif(3));
        m.put("output", new NirNode.Output(Shape.of(3)));
        assertEquals("edge input -> lif: 'input' gives [4], 'lif' (LIF) takes [3]",
                fails(graph(m, "input -> lif", "lif -> output"), Preset.NIR));
    }

    @Test
    void simulationNamesTheShapeTheModelTakes() {
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("input", new NirNode.Input(Shape.of(3)));
        n.put("lif", lif(3));
        n.put("output", new NirNode.Output(Shape.of(3)));
        Converted c = NirToSnn.convert(NirGraph.sequential(n), ConversionOptions.of(Preset.NIR));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simulation.run(c, new Tensor(5, 2, 4)));
        assertEquals("the input has shape [5, 2, 4]; the model takes [T, B, 3] (time-major)", e.getMessage());
    }

    @Test
    void presetsAndOptionsAreChecked() {
        assertEquals("unknown preset 'lava'; expected one of snntorch, norse, nir",
                assertThrows(IllegalArgumentException.class, () -> Preset.parse("lava")).getMessage());
        assertEquals("unknown integration 'rk4'; expected euler or exact",
                assertThrows(IllegalArgumentException.class, () -> Preset.Integration.parse("rk4")).getMessage());
        assertEquals("dt must be a positive number of seconds, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> new ConversionOptions(Preset.NIR, -1.0, null)).getMessage());
    }

    @Test
    void exportRefusesWhatNirCannotSay() {
        Rng rng = new Rng(1);
        assertEquals("layer 0 (maxpool2d): NIR has no node for it (NIR pools by sum or average, not maximum)",
                assertThrows(NirConversionException.class, () -> SnnToNir.export(new Sequential(new MaxPool2d(2)),
                        new int[] {1, 4, 4})).getMessage());
        assertEquals("layer 1 (leaky): graded spikes (graded_spikes_factor 2.0) cannot be written in NIR, whose "
                + "neurons emit 0 or 1", assertThrows(NirConversionException.class, () -> SnnToNir.export(
                        new Sequential(new Linear(2, 2, rng), Leaky.builder().gradedSpikesFactor(2).build()),
                        new int[] {2})).getMessage());
        assertEquals("layer 1 (synaptic): alpha 1.0 (no decay) has no finite NIR time constant",
                assertThrows(NirConversionException.class, () -> SnnToNir.export(new Sequential(
                        new Linear(2, 2, rng), Synaptic.builder().alpha(1f).build()), new int[] {2})).getMessage());
        assertEquals("layer 0 (linear): linear: expected input features [2], got [3]",
                assertThrows(NirConversionException.class, () -> SnnToNir.export(new Sequential(
                        new Linear(2, 2, rng)), new int[] {3})).getMessage());
    }
}
