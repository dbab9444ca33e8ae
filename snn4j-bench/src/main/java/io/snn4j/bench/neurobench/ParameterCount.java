package io.snn4j.bench.neurobench;

/** Number of values in the arrays PyTorch would hold as {@code nn.Parameter}s (weights, biases, learnt constants). */
public final class ParameterCount implements StaticMetric {
    @Override
    public String name() {
        return "ParameterCount";
    }

    @Override
    public Object compute(BenchModel model) {
        long n = 0;
        for (Structure.Param p : model.structure().parameters()) {
            if (p.neurobenchParameter()) {
                n += p.value().size();
            }
        }
        return n;
    }
}
