package io.snn4j.bench.neurobench;

/**
 * Bytes of the model: every parameter array (float32) plus the constant buffers snnTorch registers for its
 * neurons ({@link Structure#constantBytes()}). This is what NeuroBench reports for a model that has not run yet;
 * NeuroBench also counts snnTorch's state buffers, whose size is that of the last batch run (see
 * docs/neurobench.md), which snn4j reports per sample in the layer breakdown instead.
 */
public final class Footprint implements StaticMetric {
    @Override
    public String name() {
        return "Footprint";
    }

    @Override
    public Object compute(BenchModel model) {
        Structure s = model.structure();
        long bytes = s.constantBytes();
        for (Structure.Param p : s.parameters()) {
            bytes += (long) p.value().size() * p.bytesPerValue();
        }
        return bytes;
    }
}
