package io.snn4j.bench.mackeyglass;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
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
}
