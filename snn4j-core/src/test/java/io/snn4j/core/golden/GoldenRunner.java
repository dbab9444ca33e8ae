package io.snn4j.core.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.Layers;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.layer.SpikingLayer;
import io.snn4j.core.train.Loss;
import io.snn4j.core.train.LossValue;
import io.snn4j.core.train.Losses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a golden case in snn4j (build the network from its specs, copy snnTorch's initial weights in by name,
 * forward with training on, the loss, backward) and lists every way the result differs from snnTorch's.
 */
final class GoldenRunner {
    static final double REL = 1e-5;
    static final double FLOOR = 1e-6;

    private GoldenRunner() {
    }

    /** Runs the case and fails the test with every difference from snnTorch, hidden layers first. */
    static void assertMatches(GoldenCase g) {
        List<String> problems = run(g);
        if (!problems.isEmpty()) {
            fail(g.name + " differs from snnTorch:\n  " + String.join("\n  ", problems));
        }
    }

    static List<String> run(GoldenCase g) {
        Built built = build(g);
        Sequential net = built.net();
        Map<String, Parameter> params = copyInitialWeights(g, built);

        Tensor x = g.tensor("input");
        int[] labels = g.array("labels").toInts();
        net.setInputGradRequired(false);
        Tensor out = net.forward(x, true);

        List<String> problems = new ArrayList<>();
        List<Integer> spiking = g.spikingLayers();
        int last = spiking.get(spiking.size() - 1);
        for (int i : spiking) {
            if (i == last || !g.has("layer" + i + ".membrane")) {
                continue;
            }
            Tensor mem = ((SpikingLayer) net.get(i)).lastMembrane();
            check(problems, "layer " + i + " (" + net.get(i).type() + ") membrane", mem, g.tensor("layer" + i
                    + ".membrane"), true);
        }

        Layer outLayer = net.get(last);
        boolean readout = isReadout(g, last);
        if (!readout) {
            float[] want = g.tensor("spikes").data();
            int bad = Compare.mismatches(out.data(), want);
            if (bad > 0) {
                int at = Compare.firstMismatch(out.data(), want);
                problems.add("output spikes: " + bad + " of " + want.length + " differ; first at [t, b, c] = "
                        + Compare.index(at, out.shape()) + ": expected " + want[at] + ", got " + out.data()[at]);
            }
            check(problems, "output membrane", ((SpikingLayer) outLayer).lastMembrane(), g.tensor("membrane"),
                    true);
        } else {
            check(problems, "readout membrane (the output)", out, g.tensor("membrane"), true);
        }

        Loss loss = loss(g);
        String on = (String) g.json.get("loss_on");
        Tensor lossInput = on.equals("spikes") || readout ? out : ((SpikingLayer) outLayer).lastMembrane();
        LossValue lv = loss.compute(lossInput, labels);
        float wantLoss = g.tensor("loss").data()[0];
        double lossErr = Math.abs(lv.value() - wantLoss) / Math.max(Math.abs(wantLoss), FLOOR);
        if (!(lossErr <= REL)) {
            problems.add("loss " + loss.name() + ": expected " + wantLoss + ", got " + lv.value() + " (rel error "
                    + lossErr + ")");
        }

        for (Parameter p : params.values()) {
            p.zeroGrad();
        }
        net.backward(lv.grad());
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor want = g.tensor("grad." + e.getKey());
            check(problems, "gradient of " + e.getKey() + " " + Arrays.toString(want.shape()), e.getValue().grad(),
                    want, false);
        }

        return problems;
    }

    /** Appends a line to {@code problems} when {@code got} is farther from {@code want} than the tolerance. */
    private static void check(List<String> problems, String what, Tensor got, Tensor want, boolean timeMajor) {
        if (got == null) {
            problems.add(what + ": not available (null)");
            return;
        }
        if (got.size() != want.size()) {
            problems.add(what + ": shape " + Arrays.toString(got.shape()) + ", expected " + Arrays.toString(
                    want.shape()));
            return;
        }
        int step = timeMajor ? want.size() / want.dim(0) : 0;
        Compare.Result r = Compare.compare(got.data(), want.data(), FLOOR, step, REL);
        if (!(r.error() <= REL)) {
            problems.add(what + ": rel error " + String.format("%.3g", r.error()) + " (worst at "
                    + Compare.index(r.index(), want.shape()) + ": expected " + r.expected() + ", got " + r.got() + ")"
                    + (timeMajor ? "; first step over tolerance t = " + r.firstBadStep() : ""));
        }
    }

    // ------------------------------------------------------------------------------------------------ building

    /** A network rebuilt from a case, and per-neuron values the spec cannot carry (see {@link #snn4jSpec}). */
    record Built(Sequential net, Map<String, float[]> perNeuronValues) {
    }

    /** The case's network, through the layer registry; skips the case while a layer type is not implemented. */
    static Built build(GoldenCase g) {
        List<Layer> layers = new ArrayList<>();
        Map<String, float[]> values = new LinkedHashMap<>();
        Rng rng = new Rng(1);
        List<Map<String, Object>> specs = g.layers();
        for (int i = 0; i < specs.size(); i++) {
            Map<String, Object> spec = snn4jSpec(specs.get(i), i, values);
            String type = (String) spec.get("type");
            Assumptions.assumeTrue(Layers.types().contains(type), "layer type '" + type + "' not implemented yet");
            layers.add(Layers.create(Layers.toSpec(spec), rng));
        }
        return new Built(new Sequential(layers), values);
    }

    /**
     * The golden file's layer description in snn4j's spec vocabulary. The golden files say what was run in
     * snnTorch: a per-neuron beta, threshold or alpha is a list of values there. snn4j's specs hold one value and
     * the per-neuron shape ({@code neurons}); per-neuron values exist only as learnable parameters, so such a
     * parameter is made learnable here, and when snnTorch's was fixed its values are returned in
     * {@code perNeuronValues} (under our parameter path) to be copied in; its gradient is not compared.
     */
    static Map<String, Object> snn4jSpec(Map<String, Object> l, int index, Map<String, float[]> perNeuronValues) {
        Map<String, Object> s = new LinkedHashMap<>(l);
        String type = (String) s.get("type");
        boolean recurrent = type.equals("rleaky") || type.equals("rsynaptic");
        if (recurrent) {
            // snnTorch: all_to_all=True with linear_features=N, or all_to_all=False with V (here a learnable [N])
            boolean allToAll = "all_to_all".equals(s.remove("recurrent"));
            s.put("all_to_all", allToAll);
            if (!allToAll) {
                List<?> v = (List<?>) s.remove("V");
                s.put("neurons", v.size());
                s.put("v", ((Number) v.get(0)).doubleValue());
            }
        }
        for (String key : List.of("beta", "threshold", "alpha")) {
            if (!(s.get(key) instanceof List<?> list)) {
                continue;
            }
            float[] v = new float[list.size()];
            boolean allEqual = true;
            for (int i = 0; i < v.length; i++) {
                v[i] = ((Number) list.get(i)).floatValue();
                allEqual &= v[i] == v[0];
            }
            s.put(key, (double) v[0]);
            String learn = "learn_" + key;
            if (allEqual && !Boolean.TRUE.equals(s.get(learn))) {
                continue;
            }
            if (recurrent) {
                s.put("per_neuron", true);
            } else {
                s.put("neurons", List.of(v.length));
            }
            if (!Boolean.TRUE.equals(s.get(learn))) {
                s.put(learn, true);
                perNeuronValues.put(index + "." + key, v);
            }
        }
        return s;
    }

    static boolean isReadout(GoldenCase g, int layer) {
        return "leaky_integrator".equals(g.layers().get(layer).get("type"));
    }

    static Loss loss(GoldenCase g) {
        Map<String, Object> l = g.loss();
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) l.get("options");
        return Losses.fromName((String) l.get("name"), options);
    }

    /**
     * Copies snnTorch's initial parameter values into {@code net} by name and returns our parameters under
     * PyTorch's names. Both sides must have the same trainable parameters.
     */
    static Map<String, Parameter> copyInitialWeights(GoldenCase g, Built built) {
        Map<String, Parameter> ours = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : built.net().namedParameters().entrySet()) {
            if (e.getValue().trainable()) {
                ours.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, float[]> e : built.perNeuronValues().entrySet()) {
            Parameter p = ours.remove(e.getKey());
            assertTrue(p != null && p.value().size() == e.getValue().length, g.name + ": no per-neuron parameter "
                    + e.getKey() + " of size " + e.getValue().length);
            System.arraycopy(e.getValue(), 0, p.value().data(), 0, e.getValue().length);
        }
        Map<String, Parameter> byTorchName = new LinkedHashMap<>();
        for (String torchName : g.parameterNames()) {
            String name = snn4jParameterName(torchName, ours);
            Parameter p = ours.get(name);
            if (p == null) {
                fail(g.name + ": snnTorch parameter " + torchName + " has no trainable counterpart; ours: "
                        + ours.keySet());
            }
            Tensor want = g.tensor("param." + torchName);
            assertEquals(want.size(), p.value().size(), g.name + ": size of " + name + " "
                    + Arrays.toString(p.value().shape()) + " vs snnTorch's " + Arrays.toString(want.shape()));
            System.arraycopy(want.data(), 0, p.value().data(), 0, want.size());
            byTorchName.put(torchName, p);
        }
        TreeSet<String> extra = new TreeSet<>(ours.keySet());
        for (String torchName : g.parameterNames()) {
            extra.remove(snn4jParameterName(torchName, ours));
        }
        assertTrue(extra.isEmpty(), g.name + ": trainable parameters snnTorch does not have: " + extra);
        return byTorchName;
    }

    /** Our name for a PyTorch parameter name (they are the same unless mapped here). */
    static String snn4jParameterName(String torchName, Map<String, Parameter> ours) {
        return torchName;
    }
}
