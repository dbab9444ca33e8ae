package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.train.Batch;
import io.snn4j.core.train.BatchSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The one-call entry point: benchmark an engine network on batches with metrics given by name.
 *
 * <pre>{@code
 * Results r = NeuroBench.run(network, List.of(NeuroBench.batchFromTimeMajor(x, labels)),
 *         List.of("footprint", "connection_sparsity", "classification_accuracy", "activation_sparsity",
 *                 "synaptic_operations", "membrane_updates"),
 *         NeuroBench.Options.classification());
 * r.values();      // {"Footprint": ..., "SynapticOperations": {"Effective_MACs": ..., ...}, ...}
 * r.breakdown();   // per layer
 * r.writeJson(Path.of("results.json"));
 * }</pre>
 */
public final class NeuroBench {
    private NeuroBench() {
    }

    /**
     * How to run: pre- and post-processors, energy costs, and whether inputs have a time axis.
     *
     * @param preprocessors  applied to each batch before the model
     * @param postprocessors applied to the model's output before the workload metrics
     * @param energy         the costs of {@code energy_estimate} and of the breakdown's energy columns
     * @param timeAxis       inputs are {@code [B, T, ...]} (true) or {@code [B, ...]}, one step per batch (false)
     */
    public record Options(List<Preprocessor> preprocessors, List<Postprocessor> postprocessors, EnergyCosts energy,
                          boolean timeAxis) {
        public Options {
            preprocessors = List.copyOf(preprocessors);
            postprocessors = List.copyOf(postprocessors);
            if (energy == null) {
                energy = EnergyCosts.HOROWITZ_45NM_FP32;
            }
        }

        /** No processors, default energy costs, inputs {@code [B, T, ...]}. */
        public static Options defaults() {
            return new Options(List.of(), List.of(), EnergyCosts.HOROWITZ_45NM_FP32, true);
        }

        /** As {@link #defaults()} with NeuroBench's {@code ChooseMaxCount}: spike counts to class indices. */
        public static Options classification() {
            return defaults().withPostprocessors(List.of(Postprocessor.chooseMaxCount()));
        }

        public Options withPreprocessors(List<Preprocessor> p) {
            return new Options(p, postprocessors, energy, timeAxis);
        }

        public Options withPostprocessors(List<Postprocessor> p) {
            return new Options(preprocessors, p, energy, timeAxis);
        }

        public Options withEnergy(EnergyCosts e) {
            return new Options(preprocessors, postprocessors, e, timeAxis);
        }

        public Options withoutTimeAxis() {
            return new Options(preprocessors, postprocessors, energy, false);
        }
    }

    /**
     * Benchmarks {@code network} on {@code data} with the named metrics (any mix of static and workload metrics;
     * see {@link Metrics#names()}).
     *
     * @throws BenchmarkException for unknown metric names (listing the valid ones), data that does not fit the
     *                            network, or a metric that does not apply
     */
    public static Results run(Layer network, Iterable<BenchBatch> data, List<String> metrics, Options options) {
        List<Object> st = new ArrayList<>();
        List<Object> wl = new ArrayList<>();
        for (Metric m : Metrics.create(metrics)) {
            Metric x = m instanceof EnergyEstimate ? new EnergyEstimate(options.energy())
                    : m;
            (x instanceof StaticMetric ? st : wl).add(x);
        }
        SnnModel model = options.timeAxis() ? new SnnModel(network) : SnnModel.withoutTimeAxis(network);
        return new Benchmark(model, data, options.preprocessors(), options.postprocessors(), st, wl).run();
    }

    /** {@link #run(Layer, Iterable, List, Options)} with {@link Options#defaults()}. */
    public static Results run(Layer network, Iterable<BenchBatch> data, List<String> metrics) {
        return run(network, data, metrics, Options.defaults());
    }

    /**
     * One batch from the engine's time-major layout: {@code inputs [T, B, ...]} (as {@code .npy} inputs and the
     * engine keep them) become NeuroBench's {@code [B, T, ...]}.
     *
     * @param labels {@code [B, ...]}, or null for none (then zeros {@code [B]}: only metrics that ignore labels
     *               make sense)
     */
    public static BenchBatch batchFromTimeMajor(Tensor inputs, Tensor labels) {
        if (inputs.rank() < 3) {
            throw new BenchmarkException("inputs must be [T, B, features...], got " + Arrays.toString(inputs.shape()));
        }
        Tensor x = BenchBatch.swap01(inputs);
        return new BenchBatch(x, labels != null ? labels : new Tensor(x.dim(0)));
    }

    /** The batches of one epoch of an engine batch source (e.g. a data {@code Loader}), transposed for NeuroBench. */
    public static Iterable<BenchBatch> batches(BatchSource source, int epoch) {
        return () -> {
            Iterator<Batch> it = source.epoch(epoch);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public BenchBatch next() {
                    return BenchBatch.fromEngine(it.next());
                }
            };
        };
    }
}
