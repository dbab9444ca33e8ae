package io.snn4j.bench.mackeyglass;

import io.snn4j.bench.neurobench.Breakdown;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a model kind on NeuroBench's Mackey-Glass task: one solution of the equation covers every repeat; repeat
 * k takes its series from start offset int(k * 37.5) points, builds a fresh model with seed {@code seed + k},
 * trains it on the first 750 points and scores its autonomous prediction of the next 750 by sMAPE. Each repeat's
 * test run goes through NeuroBench's harness ({@link MackeyGlassMetrics#measure}), which also gives NeuroBench's
 * efficiency metrics; the result holds their mean over the repeats. The repeats run in parallel on
 * {@code Parallel.threads()} threads (all cores by default) and are reported in order. Deterministic given the
 * options, whatever the thread count (each repeat depends only on its index).
 */
public final class MackeyGlassBenchmark {
    private MackeyGlassBenchmark() {
    }

    /** Runs without progress output. */
    public static MackeyGlassResult run(MackeyGlassOptions options) {
        return run(options, r -> { });
    }

    /**
     * Runs the benchmark.
     *
     * @param progress called after each repeat with its outcome
     * @throws IllegalArgumentException for invalid options, naming the option
     */
    public static MackeyGlassResult run(MackeyGlassOptions options, Consumer<Repeat> progress) {
        return run(options, null, progress);
    }

    /**
     * Runs the benchmark on a given series instead of our integration: NeuroBench's own {@code mg_<tau>.npy}
     * (its {@code MackeyGlass(file_path=...)}), of which repeat k takes the {@code 1501} points from index
     * {@code int(k * 37.5)} on, exactly as NeuroBench's {@code load_data} slices it.
     *
     * @param series the whole series, or null to integrate the equation
     * @throws IllegalArgumentException for invalid options, or a series too short for the repeats (naming how many
     *                                  points are needed)
     */
    public static MackeyGlassResult run(MackeyGlassOptions options, double[] series, Consumer<Repeat> progress) {
        ModelKind kind = options.validate();
        long start = System.nanoTime();
        MackeyGlassTask task = MackeyGlassTask.neuroBench(options.tau());
        int need = task.startOffsetPoints(options.repeats() - 1) + task.seriesPoints();
        if (series == null) {
            // our integration, laid out as NeuroBench's file: the repeats slice it as they slice the file
            series = task.fileSeries(task.solve(options.repeats()), need);
        } else {
            if (series.length < need) {
                throw new IllegalArgumentException("the series has " + series.length + " points; " + options.repeats()
                        + " repeats need " + need + " (the last repeat starts at point "
                        + task.startOffsetPoints(options.repeats() - 1) + " and uses " + task.seriesPoints() + ")");
            }
            for (int i = 0; i < need; i++) {
                if (!Double.isFinite(series[i])) {
                    throw new IllegalArgumentException("the series has the value " + series[i] + " at point " + i
                            + "; expected finite numbers");
                }
            }
        }
        int n = options.repeats();
        int[] offsets = new int[n];
        long[] seeds = new long[n];
        double[] smape = new double[n];
        String model = null;
        double sum = 0;
        List<Map<String, Object>> repeatMetrics = new ArrayList<>();
        Breakdown breakdown = null;
        final double[] data = series;
        // repeats are independent and seeded by their index: run them on snn4j's thread count (all cores unless
        // -Dsnn4j.threads or Parallel.setThreads say otherwise), report them in order
        int threads = Math.max(1, Math.min(n, io.snn4j.core.kernel.Parallel.threads()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mackey-glass-repeat");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                offsets[k] = task.startOffsetPoints(k);
                seeds[k] = options.seed() + k;
                final int off = offsets[k];
                final long seed = seeds[k];
                futures.add(pool.submit(() -> runRepeat(kind, options.tau(), seed, task,
                        Arrays.copyOfRange(data, off, off + task.seriesPoints()))));
            }
            for (int k = 0; k < n; k++) {
                Outcome o = await(futures.get(k));
                if (model == null) {
                    model = o.description;
                }
                smape[k] = o.smape;
                if (o.metrics != null) {
                    repeatMetrics.add(o.metrics);
                    if (k == 0) {
                        breakdown = o.breakdown;
                    }
                }
                sum += smape[k];
                progress.accept(new Repeat(k, offsets[k], seeds[k], smape[k]));
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> metrics = repeatMetrics.size() == n ? MackeyGlassMetrics.mean(repeatMetrics) : Map.of();
        return new MackeyGlassResult(options, model, offsets, seeds, smape, sum / n,
                (System.nanoTime() - start) / 1e9, metrics, repeatMetrics.size() == n ? repeatMetrics : List.of(),
                breakdown);
    }

    /** One repeat: a fresh model trained and scored on its slice (through the harness when it can be measured). */
    private static Outcome runRepeat(ModelKind kind, double tau, long seed, MackeyGlassTask task, double[] series) {
        MackeyGlassModel m = kind.create(tau, seed);
        if (m instanceof NeuroBenchForecaster f) {
            MackeyGlassMetrics.Measured x = MackeyGlassMetrics.measure(task, f, series);
            return new Outcome(m.description(), x.evaluation().smape(), x.results().values(), x.results().breakdown());
        }
        return new Outcome(m.description(), task.evaluate(m, series).smape(), null, null);
    }

    private static Outcome await(Future<Outcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Mackey-Glass run interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private record Outcome(String description, double smape, Map<String, Object> metrics, Breakdown breakdown) {
    }

    /**
     * One repeat's outcome, for progress reports.
     *
     * @param repeat      repeat index k
     * @param startOffset start offset, points
     * @param seed        model seed
     * @param smape       its sMAPE
     */
    public record Repeat(int repeat, int startOffset, long seed, double smape) {
    }
}
