package io.snn4j.bench.mackeyglass;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The long runs behind docs/mackey-glass.md, skipped unless asked for (they take minutes):
 * <pre>
 * mvn -B -o -q -DbuildDirName=target-mg -pl snn4j-bench -am test -Dtest=MackeyGlassFullRunTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dsnn4j.mg.full=true [-Dsnn4j.mg.kinds=esn,lstm] \
 *     [-Dsnn4j.mg.repeats=30] [-Dsnn4j.mg.tau=17 or a list 17,18,...] [-Dsnn4j.mg.seed=0]
 * ... -Dsnn4j.mg.search=true     (the random search that chose EsnConfig.size186)
 * </pre>
 */
class MackeyGlassFullRunTest {

    @Test
    @EnabledIfSystemProperty(named = "snn4j.mg.full", matches = "true")
    void neuroBenchProtocol() {
        String kinds = System.getProperty("snn4j.mg.kinds", String.join(",", ModelKind.names()));
        int repeats = Integer.getInteger("snn4j.mg.repeats", MackeyGlassTask.REPEATS);
        long seed = Long.getLong("snn4j.mg.seed", 0L);
        for (String kind : kinds.split(",")) {
            double sum = 0;
            String[] taus = System.getProperty("snn4j.mg.tau", "17").split(",");
            for (String t : taus) {
                double tau = Double.parseDouble(t);
                MackeyGlassResult r = MackeyGlassBenchmark.run(new MackeyGlassOptions(tau, repeats, kind.trim(), seed));
                sum += r.meanSmape();
                System.out.printf(Locale.ROOT, "%s tau=%s repeats=%d seed=%d mean_sMAPE=%.3f (%.0f s)%n  model: %s%n  "
                        + "per repeat: %s%n  NeuroBench metrics (mean over repeats): %s%n  repeat 0: %s%n", kind, tau,
                        repeats, seed, r.meanSmape(), r.seconds(), r.model(),
                        Arrays.toString(Arrays.stream(r.smape()).map(v -> Math.round(v * 100) / 100.0).toArray()),
                        r.metrics(), r.repeatMetrics().get(0));
            }
            if (taus.length > 1) {
                System.out.printf(Locale.ROOT, "%s mean over %d taus: %.3f%n", kind, taus.length, sum / taus.length);
            }
        }
    }

    /** Activation sparsity and operations per predicted point of the spiking model, NeuroBench's protocol. */
    @Test
    @EnabledIfSystemProperty(named = "snn4j.mg.full", matches = "true")
    void spikingModelEfficiency() {
        MackeyGlassTask task = MackeyGlassTask.neuroBench(17);
        int repeats = Integer.getInteger("snn4j.mg.repeats", MackeyGlassTask.REPEATS);
        DelaySolution sol = task.solve(repeats);
        LifReservoirConfig c = LifReservoirConfig.defaults();
        double as = 0;
        double spikes = 0;
        double recurrent = 0;
        double smape = 0;
        for (int k = 0; k < repeats; k++) {
            LifReservoir m = new LifReservoir(c, k);
            smape += task.evaluate(m, task.series(sol, k)).smape();
            as += m.activationSparsity();
            spikes += m.spikesPerPoint(task.testPoints());
            recurrent += m.recurrentAccumulatesPerPoint(task.testPoints());
        }
        System.out.printf(Locale.ROOT, "snn: mean sMAPE %.3f, activation sparsity %.4f, spikes per point %.1f, "
                + "recurrent ACs per point %.1f%n", smape / repeats, as / repeats, spikes / repeats,
                recurrent / repeats);
    }

    /**
     * The random search for {@link EsnConfig#size186()}: 120 configurations of a 186-unit reservoir with connection
     * probability 0.11, each scored by its mean sMAPE over the 30 repeats with reservoir seeds 1000..1029 (not the
     * benchmark's 0..29); prints one line per configuration.
     */
    @Test
    @EnabledIfSystemProperty(named = "snn4j.mg.search", matches = "true")
    void esn186RandomSearch() {
        MackeyGlassTask task = MackeyGlassTask.neuroBench(17);
        DelaySolution sol = task.solve(30);
        Random rnd = new Random(11);
        for (int trial = 0; trial < 120; trial++) {
            EsnConfig c = new EsnConfig(186, rnd.nextDouble(), rnd.nextDouble(), 0.11, 1.0 + 0.3 * rnd.nextDouble(),
                    0.2 + 0.8 * rnd.nextDouble(), Math.pow(10, -10 + 6 * rnd.nextDouble()), EsnConfig.WARMUP_POINTS);
            double sum = 0;
            for (int k = 0; k < 30; k++) {
                sum += task.evaluate(new EchoStateNetwork(c, 1000 + k), task.series(sol, k)).smape();
            }
            System.out.printf(Locale.ROOT, "%.3f %s%n", sum / 30, c);
        }
    }

    /**
     * The random search for the hidden-100 LSTM's training hyperparameters (NeuroBench's script was swept for tau 17,
     * its best values are not published): window 50 and 100 hidden units fixed (the leaderboard's size), learning
     * rate, weight decay and epochs drawn at random; each configuration scored by its mean sMAPE over the 30 repeats
     * with initialisation seeds 1000..1029 (not the benchmark's 0..29), two repeats at a time; one line each.
     * {@code -Dsnn4j.mg.lstmsearch.trials=N} (default 24), {@code -Dsnn4j.mg.lstmsearch.first=K} skips to trial K.
     */
    @Test
    @EnabledIfSystemProperty(named = "snn4j.mg.lstmsearch", matches = "true")
    void lstm100RandomSearch() throws Exception {
        MackeyGlassTask task = MackeyGlassTask.neuroBench(17);
        DelaySolution sol = task.solve(30);
        int trials = Integer.getInteger("snn4j.mg.lstmsearch.trials", 24);
        int first = Integer.getInteger("snn4j.mg.lstmsearch.first", 0);
        Random rnd = new Random(17);
        for (int trial = 0; trial < trials; trial++) {
            double lr = trial == 0 ? LstmForecaster.LR : Math.pow(10, -3.3 + 1.6 * rnd.nextDouble());
            double wd = trial == 0 ? LstmForecaster.WEIGHT_DECAY : Math.pow(10, -6 + 4 * rnd.nextDouble());
            int epochs = trial == 0 ? LstmForecaster.EPOCHS : new int[] {200, 300, 400, 600}[rnd.nextInt(4)];
            if (trial < first) {
                continue;
            }
            long t0 = System.nanoTime();
            double[] s = thirtyRepeats(task, k -> new LstmForecaster(LstmForecaster.WINDOW, 100, epochs, lr, wd,
                    1000 + k), k -> task.series(sol, k));
            System.out.printf(Locale.ROOT, "trial %d: %.3f lr=%.3g weight_decay=%.3g epochs=%d (%.0f s)%n", trial,
                    Arrays.stream(s).average().orElseThrow(), lr, wd, epochs, (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * Scores given hidden-100 LSTM configurations on 30 repeats with initialisation seeds {@code base..base+29}:
     * {@code -Dsnn4j.mg.lstmeval=lr:weightDecay:epochs;...} {@code -Dsnn4j.mg.lstmeval.seed=2000}; one line each with
     * the per-repeat values.
     */
    @Test
    @EnabledIfSystemProperty(named = "snn4j.mg.lstmeval", matches = ".+")
    void lstm100Evaluate() throws Exception {
        MackeyGlassTask task = MackeyGlassTask.neuroBench(17);
        DelaySolution sol = task.solve(30);
        long base = Long.getLong("snn4j.mg.lstmeval.seed", 2000L);
        for (String c : System.getProperty("snn4j.mg.lstmeval").split(";")) {
            String[] f = c.split(":");
            double lr = Double.parseDouble(f[0]);
            double wd = Double.parseDouble(f[1]);
            int epochs = Integer.parseInt(f[2]);
            long t0 = System.nanoTime();
            double[] s = thirtyRepeats(task, k -> new LstmForecaster(LstmForecaster.WINDOW, 100, epochs, lr, wd,
                    base + k), k -> task.series(sol, k));
            System.out.printf(Locale.ROOT, "seeds %d..%d: %.3f lr=%s weight_decay=%s epochs=%d (%.0f s)%n  %s%n", base,
                    base + 29, Arrays.stream(s).average().orElseThrow(), lr, wd, epochs,
                    (System.nanoTime() - t0) / 1e9,
                    Arrays.toString(Arrays.stream(s).map(v -> Math.round(v * 10) / 10.0).toArray()));
        }
    }

    /**
     * The LSTMs on later stretches of the attractor: segment K is the file layout started K * 10,000 time units
     * later ({@code x(17 + K 10^4 + i 197/75)}), run through the whole 30-repeat protocol with seeds 0..29, for the
     * hidden-100 LSTM with NeuroBench's script defaults and with the searched hyperparameters
     * ({@link LstmForecaster#size100}). {@code -Dsnn4j.mg.segments=1,2,3,4,5}.
     */
    @Test
    @EnabledIfSystemProperty(named = "snn4j.mg.segments", matches = ".+")
    void lstmOnLaterSegments() throws Exception {
        MackeyGlassTask task = MackeyGlassTask.neuroBench(17);
        int need = task.startOffsetPoints(29) + task.seriesPoints();
        int[] segs = Arrays.stream(System.getProperty("snn4j.mg.segments").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        int last = Arrays.stream(segs).max().orElseThrow();
        DelaySolution sol = Rk4DelaySolver.solve(MackeyGlassEquation.neuroBench(17),
                task.startTime() + last * 10_000.0 + need * task.sampleStep() + 1);
        for (int seg : segs) {
            double[] file = new double[need];
            for (int i = 0; i < need; i++) {
                file[i] = sol.valueAt(task.startTime() + seg * 10_000.0 + i * task.sampleStep());
            }
            for (boolean searched : new boolean[] {false, true}) {
                double[] s = thirtyRepeats(task,
                        k -> searched ? LstmForecaster.size100(k) : new LstmForecaster(100, k),
                        k -> Arrays.copyOfRange(file, task.startOffsetPoints(k),
                                task.startOffsetPoints(k) + task.seriesPoints()));
                System.out.printf(Locale.ROOT, "segment %d lstm-100 %s: %.3f%n", seg,
                        searched ? "searched" : "script defaults", Arrays.stream(s).average().orElseThrow());
            }
        }
    }

    /** The sMAPE of {@code model.apply(k)} on {@code series.apply(k)} for the 30 repeats, two at a time. */
    private static double[] thirtyRepeats(MackeyGlassTask task, IntFunction<MackeyGlassModel> model,
            IntFunction<double[]> series) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            return pool.submit(() -> IntStream.range(0, 30).parallel()
                    .mapToDouble(k -> task.evaluate(model.apply(k), series.apply(k)).smape()).toArray()).get();
        } finally {
            pool.shutdown();
        }
    }
}
