package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Energy per sample from operation counts and per-operation costs ({@link EnergyCosts}):
 * {@code Synaptic_pJ = MACs * mac + ACs * ac} (effective operations, each recurrent map counted once per step),
 * {@code Neuron_pJ = membrane updates * neuron update} (NeuroBench's rule: every neuron at the first step, then
 * the membranes that changed), {@code Memory_pJ = (MACs + ACs + 2 * membrane updates) * memory access} (one
 * weight read per synaptic operation, one state read and write per update), and their sum {@code Total_pJ}.
 * An estimate of arithmetic and memory traffic for event-driven hardware, not a measurement.
 */
public final class EnergyEstimate implements AccumulatedMetric {
    private final EnergyCosts costs;
    private long macs;
    private long acs;
    private long updates;
    private long samples;

    public EnergyEstimate() {
        this(EnergyCosts.HOROWITZ_45NM_FP32);
    }

    public EnergyEstimate(EnergyCosts costs) {
        this.costs = costs;
    }

    public EnergyCosts costs() {
        return costs;
    }

    @Override
    public String name() {
        return "EnergyEstimate";
    }

    @Override
    public void reset() {
        macs = 0;
        acs = 0;
        updates = 0;
        samples = 0;
    }

    @Override
    public Object call(BenchModel model, Tensor preds, BenchBatch data) {
        Activity a = MetricSupport.activity(name(), model);
        if (a.synapses().isEmpty() && a.neurons().isEmpty()) {
            throw new BenchmarkException("EnergyEstimate: the model has neither connection nor neuron layers to "
                    + "count operations of");
        }
        for (Activity.Synapses s : a.synapses().values()) {
            macs += s.effectiveMacs();
            acs += s.effectiveAcs();
        }
        for (Activity.Neurons n : a.neurons().values()) {
            updates += n.membraneUpdates();
        }
        samples += data.size();
        return compute();
    }

    @Override
    public Object compute() {
        double s = samples == 0 ? 1 : samples;
        double syn = (macs * costs.macPj() + acs * costs.acPj()) / s;
        double neu = updates * costs.neuronUpdatePj() / s;
        double mem = (macs + acs + 2.0 * updates) * costs.memoryAccessPj() / s;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Synaptic_pJ", syn);
        m.put("Neuron_pJ", neu);
        m.put("Memory_pJ", mem);
        m.put("Total_pJ", syn + neu + mem);
        return m;
    }
}
