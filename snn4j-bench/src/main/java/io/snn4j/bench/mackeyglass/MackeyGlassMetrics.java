package io.snn4j.bench.mackeyglass;

import io.snn4j.bench.neurobench.ActivationSparsity;
import io.snn4j.bench.neurobench.BenchBatch;
import io.snn4j.bench.neurobench.BenchModel;
import io.snn4j.bench.neurobench.Benchmark;
import io.snn4j.bench.neurobench.BenchmarkException;
import io.snn4j.bench.neurobench.Results;
import io.snn4j.bench.neurobench.WorkloadMetric;
import io.snn4j.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NeuroBench's metrics for one repeat of the Mackey-Glass task, as its {@code esn_benchmark.py} and
 * {@code lstm_benchmark.py} compute them: after training, {@code Benchmark(TorchModel(model), test_loader, [], [],
 * [static, workload]).run()} with one batch, the whole test split ({@code [750, 1, 1]}: the time steps are the
 * samples, so every per-sample metric is per predicted point), the model running autonomously. Metrics, keyed as
 * NeuroBench keys them: {@code Footprint}, {@code ConnectionSparsity}, {@code ParameterCount} (static; the scripts
 * list the first two), {@code SMAPE}, {@code ActivationSparsity}, {@code SynapticOperations}
 * ({@code Effective_MACs}, {@code Effective_ACs}, {@code Dense}).
 *
 * <p>Two metrics differ from the harness's general ones, to be NeuroBench's here: {@code SMAPE} is computed on the
 * float64 predictions and targets (NeuroBench's Mackey-Glass data and models are float64; the harness's batches are
 * float32), the same number as {@link Smape#of}; {@code ActivationSparsity} is 0.0 for a model without activation
 * layers (the ESN's tanh is functional, which NeuroBench's hooks do not see, and NeuroBench reports 0.0), where the
 * harness stops with an error.
 */
public final class MackeyGlassMetrics {
    /** The static metrics, in the order results list them. */
    public static final List<String> STATIC = List.of("Footprint", "ConnectionSparsity", "ParameterCount");
    /** The workload metrics, in the order results list them. */
    public static final List<String> WORKLOAD = List.of("SMAPE", "ActivationSparsity", "SynapticOperations");

    private MackeyGlassMetrics() {
    }

    /**
     * One repeat measured.
     *
     * @param evaluation the predictions, targets and sMAPE, as {@link MackeyGlassTask#evaluate} gives them
     * @param results    the harness's results (metric values keyed as NeuroBench, and the per-layer breakdown)
     */
    public record Measured(MackeyGlassTask.Evaluation evaluation, Results results) {
    }

    /**
     * Trains {@code model} on the first {@link MackeyGlassTask#trainPoints()} points of {@code series} as
     * {@link MackeyGlassTask#evaluate} does, then runs NeuroBench's benchmark on the test split. The predictions
     * and sMAPE are the same as {@code evaluate}'s.
     *
     * @param series {@link MackeyGlassTask#seriesPoints()} values
     */
    public static Measured measure(MackeyGlassTask task, NeuroBenchForecaster model, double[] series) {
        int tr = task.trainPoints();
        int te = task.testPoints();
        if (series.length != task.seriesPoints()) {
            throw new IllegalArgumentException("series must have " + task.seriesPoints() + " points, got "
                    + series.length);
        }
        model.fit(Arrays.copyOfRange(series, 0, tr), Arrays.copyOfRange(series, 1, tr + 1));
        double[] inputs = Arrays.copyOfRange(series, tr, tr + te);
        double[] targets = Arrays.copyOfRange(series, tr + 1, tr + te + 1);
        BenchBatch batch = new BenchBatch(floats(inputs, te, 1, 1), floats(targets, te, 1));
        MackeyGlassBenchModel bm = new MackeyGlassBenchModel(model, series[tr]);
        List<Object> workload = List.of(new ExactSmape(targets), new ActivationSparsityOrZero(),
                "SynapticOperations");
        Results r = new Benchmark(bm, List.of(batch), List.of(), List.of(), STATIC, workload).run();
        double[] pred = bm.lastPredictions();
        return new Measured(new MackeyGlassTask.Evaluation(pred, targets, Smape.of(pred, targets)), r);
    }

    private static Tensor floats(double[] v, int... shape) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return new Tensor(f, shape);
    }

    /**
     * The mean over repeats of every metric, as NeuroBench's scripts average theirs (the LSTM script: sMAPE,
     * connection sparsity, activation sparsity, effective MACs and dense operations; the footprint is the last
     * repeat's, the same for all): numbers are averaged (a {@code Long} stays a {@code Long} when every repeat has
     * the same value), maps key by key.
     *
     * @throws IllegalArgumentException for an empty list or repeats with different metrics
     */
    public static Map<String, Object> mean(List<Map<String, Object>> repeats) {
        if (repeats.isEmpty()) {
            throw new IllegalArgumentException("no repeats to average");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : repeats.get(0).keySet()) {
            List<Object> vs = new ArrayList<>();
            for (Map<String, Object> r : repeats) {
                if (!r.containsKey(k)) {
                    throw new IllegalArgumentException("metric " + k + " is missing from a repeat");
                }
                vs.add(r.get(k));
            }
            m.put(k, meanOf(k, vs));
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Object meanOf(String key, List<Object> vs) {
        Object first = vs.get(0);
        if (first instanceof Map<?, ?>) {
            List<Map<String, Object>> maps = new ArrayList<>();
            for (Object v : vs) {
                maps.add((Map<String, Object>) v);
            }
            return mean(maps);
        }
        boolean sameLong = first instanceof Long;
        double sum = 0;
        for (Object v : vs) {
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException("metric " + key + " has the value " + v + ", not a number");
            }
            sameLong &= v.equals(first);
            sum += n.doubleValue();
        }
        return sameLong ? first : sum / vs.size();
    }

    /** NeuroBench's SMAPE of the float64 predictions against the float64 targets. */
    static final class ExactSmape implements WorkloadMetric {
        private final double[] targets;

        ExactSmape(double[] targets) {
            this.targets = targets.clone();
        }

        @Override
        public String name() {
            return "SMAPE";
        }

        @Override
        public Object call(BenchModel model, Tensor preds, BenchBatch data) {
            if (!(model instanceof MackeyGlassBenchModel mg) || mg.predictionsView() == null) {
                throw new BenchmarkException("SMAPE: expected a Mackey-Glass model that has run");
            }
            return Smape.of(mg.predictionsView(), targets);
        }
    }

    /** NeuroBench's ActivationSparsity, 0.0 when the model has no activation layer (as NeuroBench reports). */
    static final class ActivationSparsityOrZero implements WorkloadMetric {
        private final ActivationSparsity inner = new ActivationSparsity();

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public Object call(BenchModel model, Tensor preds, BenchBatch data) {
            if (model.lastActivity() != null && model.lastActivity().neurons().isEmpty()) {
                return 0.0;
            }
            return inner.call(model, preds, data);
        }
    }
}
