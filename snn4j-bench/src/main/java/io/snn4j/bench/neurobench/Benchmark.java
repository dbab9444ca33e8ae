package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness, as NeuroBench's {@code Benchmark(model, dataloader, preprocessors, postprocessors,
 * [static_metrics, workload_metrics]).run()} ({@code neurobench/benchmarks/benchmark.py}):
 * <ol>
 *   <li>the static metrics, on the model;</li>
 *   <li>the accumulated metrics are reset;</li>
 *   <li>for each batch: the pre-processors in order, the model, the post-processors in order, then every workload
 *   metric with the post-processed predictions and the <em>original</em> batch;</li>
 *   <li>a plain workload metric's result is the mean of its per-batch values weighted by batch size, an
 *   accumulated metric's result is its value after the last batch.</li>
 * </ol>
 * Metrics are given by name ({@link Metrics}) or as {@link Metric} instances. Unlike NeuroBench, a metric that
 * fails stops the run with a {@link BenchmarkException} instead of reporting 0.0 or None.
 */
public final class Benchmark {
    private final BenchModel model;
    private final Iterable<BenchBatch> data;
    private final List<Preprocessor> preprocessors;
    private final List<Postprocessor> postprocessors;
    private final List<StaticMetric> staticMetrics = new ArrayList<>();
    private final List<WorkloadMetric> workloadMetrics = new ArrayList<>();

    /**
     * @param model           the model
     * @param data            the batches ({@code [B, T, ...]} inputs); iterated once per {@link #run()}
     * @param preprocessors   applied to each batch before the model (may be empty)
     * @param postprocessors  applied to the model's output before the workload metrics (may be empty)
     * @param staticMetrics   names or {@link StaticMetric}s
     * @param workloadMetrics names or {@link WorkloadMetric}s
     * @throws BenchmarkException for unknown names, a metric in the wrong list, or a metric listed twice
     */
    public Benchmark(BenchModel model, Iterable<BenchBatch> data, List<? extends Preprocessor> preprocessors,
            List<? extends Postprocessor> postprocessors, List<?> staticMetrics, List<?> workloadMetrics) {
        if (model == null) {
            throw new BenchmarkException("benchmark: no model given");
        }
        this.model = model;
        this.data = data;
        this.preprocessors = preprocessors == null ? List.of() : List.copyOf(preprocessors);
        this.postprocessors = postprocessors == null ? List.of() : List.copyOf(postprocessors);
        List<String> seen = new ArrayList<>();
        for (Object o : staticMetrics == null ? List.of() : staticMetrics) {
            Metric m = resolve(o);
            if (!(m instanceof StaticMetric sm)) {
                throw new BenchmarkException("benchmark: " + m.name() + " is a workload metric; list it with the "
                        + "workload metrics");
            }
            unique(seen, m);
            this.staticMetrics.add(sm);
        }
        for (Object o : workloadMetrics == null ? List.of() : workloadMetrics) {
            Metric m = resolve(o);
            if (!(m instanceof WorkloadMetric wm)) {
                throw new BenchmarkException("benchmark: " + m.name() + " is a static metric; list it with the "
                        + "static metrics");
            }
            unique(seen, m);
            this.workloadMetrics.add(wm);
        }
        if (!this.workloadMetrics.isEmpty() && data == null) {
            throw new BenchmarkException("benchmark: workload metrics need data, but none was given");
        }
    }

    private static Metric resolve(Object o) {
        if (o instanceof String s) {
            return Metrics.create(s);
        }
        if (o instanceof Metric m) {
            return m;
        }
        throw new BenchmarkException("benchmark: a metric must be a name or a Metric, got " + o);
    }

    private static void unique(List<String> seen, Metric m) {
        if (seen.contains(m.name())) {
            throw new BenchmarkException("benchmark: metric " + m.name() + " is listed twice");
        }
        seen.add(m.name());
    }

    /**
     * Runs the benchmark.
     *
     * @return the results; the breakdown covers all batches
     * @throws BenchmarkException when the data is empty or does not fit the model, or a metric does not apply
     */
    public Results run() {
        Map<String, Object> results = new LinkedHashMap<>();
        for (StaticMetric m : staticMetrics) {
            results.put(m.name(), m.compute(model));
        }
        EnergyCosts costs = EnergyCosts.HOROWITZ_45NM_FP32;
        for (WorkloadMetric m : workloadMetrics) {
            if (m instanceof AccumulatedMetric am) {
                am.reset();
            }
            if (m instanceof EnergyEstimate e) {
                costs = e.costs();
            }
        }
        if (data == null) {
            return new Results(results, null, 0);
        }
        Map<String, Double> weighted = new LinkedHashMap<>();
        Activity total = new Activity();
        long samples = 0;
        long batches = 0;
        for (BenchBatch batch : data) {
            if (batch == null) {
                throw new BenchmarkException("benchmark: batch " + batches + " is null");
            }
            BenchBatch in = batch;
            for (Preprocessor p : preprocessors) {
                in = p.apply(in);
            }
            Tensor preds = model.run(in.inputs());
            for (Postprocessor p : postprocessors) {
                preds = p.apply(preds);
            }
            for (WorkloadMetric m : workloadMetrics) {
                Object v = m.call(model, preds, batch);
                if (!(m instanceof AccumulatedMetric)) {
                    if (!(v instanceof Number n)) {
                        throw new BenchmarkException("benchmark: workload metric " + m.name() + " returned " + v
                                + ", not a number (only accumulated metrics may return maps)");
                    }
                    weighted.merge(m.name(), n.doubleValue() * batch.size(), Double::sum);
                }
            }
            if (model.lastActivity() != null) {
                total.addAll(model.lastActivity());
            }
            samples += batch.size();
            batches++;
        }
        if (batches == 0) {
            throw new BenchmarkException("benchmark: the data has no batches");
        }
        for (WorkloadMetric m : workloadMetrics) {
            if (m instanceof AccumulatedMetric am) {
                results.put(m.name(), am.compute());
            } else {
                results.put(m.name(), weighted.get(m.name()) / samples);
            }
        }
        return new Results(results, Breakdown.of(total, model.structure(), samples, costs), batches);
    }
}
