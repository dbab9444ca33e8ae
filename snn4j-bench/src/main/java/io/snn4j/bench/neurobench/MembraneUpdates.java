package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;

/**
 * Membrane updates per sample: per neuron layer and batch, every membrane at the first step, then those that
 * changed at each later step.
 */
public final class MembraneUpdates implements AccumulatedMetric {
    private long updates;
    private long samples;

    @Override
    public String name() {
        return "MembraneUpdates";
    }

    @Override
    public void reset() {
        updates = 0;
        samples = 0;
    }

    @Override
    public Object call(BenchModel model, Tensor preds, BenchBatch data) {
        boolean any = false;
        for (Activity.Neurons n : MetricSupport.activity(name(), model).neurons().values()) {
            if (n.hasMembrane()) {
                updates += n.membraneUpdates();
                any = true;
            }
        }
        if (!any) {
            throw new BenchmarkException("MembraneUpdates: the model has no neuron layer with a membrane");
        }
        samples += data.size();
        return compute();
    }

    @Override
    public Object compute() {
        return samples == 0 ? 0.0 : (double) updates / samples;
    }
}
