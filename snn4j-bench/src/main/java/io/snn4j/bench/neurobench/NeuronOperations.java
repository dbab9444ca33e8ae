package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Neuron operations per sample: membrane updates (effective: NeuroBench's rule; dense: every neuron at every
 * step) times NeuroBench's cost per update of the neuron type and reset: Leaky 4 (subtract or zero), Synaptic
 * 6 (subtract) or 8 (zero). ReLU and Sigmoid layers have no membrane and are not counted.
 */
public final class NeuronOperations implements AccumulatedMetric {
    private long effective;
    private long dense;
    private long samples;

    @Override
    public String name() {
        return "NeuronOperations";
    }

    /** NeuroBench's operations per update ({@code neuron_ops_reset_operations}), or -1. */
    static int cost(String type, String reset) {
        if ("Leaky".equals(type) && ("subtract".equals(reset) || "zero".equals(reset))) {
            return 4;
        }
        if ("Synaptic".equals(type) && "subtract".equals(reset)) {
            return 6;
        }
        if ("Synaptic".equals(type) && "zero".equals(reset)) {
            return 8;
        }
        return -1;
    }

    @Override
    public void reset() {
        effective = 0;
        dense = 0;
        samples = 0;
    }

    @Override
    public Object call(BenchModel model, Tensor preds, BenchBatch data) {
        boolean any = false;
        for (Activity.Neurons n : MetricSupport.activity(name(), model).neurons().values()) {
            if (!n.hasMembrane()) {
                continue;
            }
            int c = cost(n.type(), n.reset());
            if (c < 0) {
                throw new BenchmarkException("NeuronOperations: NeuroBench has no operation cost for layer '"
                        + n.name() + "' (" + n.type() + (n.reset() == null ? "" : ", reset " + n.reset())
                        + "); it has costs for Leaky and Synaptic neurons with reset subtract or zero");
            }
            effective += c * n.membraneUpdates();
            dense += c * n.membraneDense();
            any = true;
        }
        if (!any) {
            throw new BenchmarkException("NeuronOperations: the model has no neuron layer with a membrane");
        }
        samples += data.size();
        return compute();
    }

    @Override
    public Object compute() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Effective Neuron Ops", samples == 0 ? 0.0 : (double) effective / samples);
        m.put("Neuron Dense Ops", samples == 0 ? 0.0 : (double) dense / samples);
        return m;
    }
}
