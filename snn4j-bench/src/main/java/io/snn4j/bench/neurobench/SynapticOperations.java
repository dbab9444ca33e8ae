package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Synaptic operations per sample ({@code Effective_MACs}, {@code Effective_ACs}, {@code Dense}): every call of
 * every connection layer, its effective operations counted as ACs when its input passes the spiking test and
 * as MACs otherwise, all divided by the number of samples (the first dimension of the raw batches). An
 * RLeaky/RSynaptic recurrent map with reset to zero counts twice per step, as snnTorch evaluates it twice and
 * NeuroBench counts both (the layer breakdown has the single count).
 */
public final class SynapticOperations implements AccumulatedMetric {
    private long macs;
    private long acs;
    private long dense;
    private long samples;

    @Override
    public String name() {
        return "SynapticOperations";
    }

    @Override
    public void reset() {
        macs = 0;
        acs = 0;
        dense = 0;
        samples = 0;
    }

    @Override
    public Object call(BenchModel model, Tensor preds, BenchBatch data) {
        Map<String, Activity.Synapses> ss = MetricSupport.activity(name(), model).synapses();
        if (ss.isEmpty()) {
            throw new BenchmarkException("SynapticOperations: the model has no connection layer (Linear, Conv1d, "
                    + "Conv2d, recurrent map or cell)");
        }
        for (Activity.Synapses s : ss.values()) {
            int k = s.neurobenchCalls();
            macs += k * s.effectiveMacs();
            acs += k * s.effectiveAcs();
            dense += k * (s.denseMacs() + s.denseAcs());
        }
        samples += data.size();
        return compute();
    }

    @Override
    public Object compute() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Effective_MACs", samples == 0 ? 0.0 : (double) macs / samples);
        m.put("Effective_ACs", samples == 0 ? 0.0 : (double) acs / samples);
        m.put("Dense", samples == 0 ? 0.0 : (double) dense / samples);
        return m;
    }
}
