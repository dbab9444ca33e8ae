package io.snn4j.bench.mackeyglass;

import java.util.function.Consumer;

/**
 * Runs a model kind on NeuroBench's Mackey-Glass task: one solution of the equation covers every repeat; repeat
 * k takes its series from start offset int(k * 37.5) points, builds a fresh model with seed {@code seed + k},
 * trains it on the first 750 points and scores its autonomous prediction of the next 750 by sMAPE. Deterministic
 * given the options.
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
        ModelKind kind = options.validate();
        long start = System.nanoTime();
        MackeyGlassTask task = MackeyGlassTask.neuroBench(options.tau());
        DelaySolution solution = task.solve(options.repeats());
        int n = options.repeats();
        int[] offsets = new int[n];
        long[] seeds = new long[n];
        double[] smape = new double[n];
        String model = null;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            offsets[k] = task.startOffsetPoints(k);
            seeds[k] = options.seed() + k;
            MackeyGlassModel m = kind.create(options.tau(), seeds[k]);
            if (model == null) {
                model = m.description();
            }
            smape[k] = task.evaluate(m, task.series(solution, k)).smape();
            sum += smape[k];
            progress.accept(new Repeat(k, offsets[k], seeds[k], smape[k]));
        }
        return new MackeyGlassResult(options, model, offsets, seeds, smape, sum / n,
                (System.nanoTime() - start) / 1e9);
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
