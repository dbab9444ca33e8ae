package io.snn4j.bench.symseq;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.layer.Gru;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Sequential;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The runs behind the recipe table of docs/symseq.md, skipped unless asked for (about a minute):
 * <pre>
 * mvn -B -o -q -DbuildDirName=target-symseq -pl snn4j-bench -am test -Dtest=SymSeqRecipeFullRunTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dsnn4j.symseq.full=true [-Dsnn4j.symseq.seeds=42,1,2] \
 *     [-Dsnn4j.symseq.tasks=nback-3,nax or all] [-Dsnn4j.symseq.gru=true] \
 *     [-Dsnn4j.symseq.recipe=threshold=1,clipNorm=0] [-Dsnn4j.symseq.bigtest=4000]
 * </pre>
 * Each task is trained with {@link SymSeqRecipe#train(SymSeqTask, int, Integer, long, java.util.function.Consumer)}
 * on 256 samples (what {@code ./snn4j bench --task T --seed S} does) and printed as a Markdown row. The seven tasks
 * of the table must beat their best baseline (chance, unigram, bigram) by 0.05 in accuracy per decision.
 * {@code gru=true} trains a non-spiking GRU(64) with the same data and optimiser instead, for comparison;
 * {@code recipe} changes fields of every task's recipe (the ablations of docs/symseq.md; no assertions then);
 * {@code bigtest=N} also scores each trained network on N fresh samples (seed 1000), where the 128-sample test
 * set is too small to tell a network from the exact posterior.
 */
class SymSeqRecipeFullRunTest {
    static final List<String> TABLE = List.of("reber-next-symbol", "knowlton-grammaticality", "dyck-next-symbol",
            "nback-2", "nax", "nad-next-symbol", "reber-memory");

    @Test
    @EnabledIfSystemProperty(named = "snn4j.symseq.full", matches = "true")
    void recipesBeatTheirBaselines() {
        String ts = System.getProperty("snn4j.symseq.tasks", String.join(",", TABLE));
        List<String> tasks = new ArrayList<>();
        if (ts.equals("all")) {
            tasks.addAll(SymSeqTask.list());
            tasks.add("nback-1");
            tasks.add("nback-3");
        } else {
            tasks.addAll(List.of(ts.split(",")));
        }
        boolean gru = Boolean.getBoolean("snn4j.symseq.gru");
        String overrides = System.getProperty("snn4j.symseq.recipe", "");
        List<String> failures = new ArrayList<>();
        System.out.println("| task | seed | accuracy | chance | unigram | bigram | ceiling | training |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String seedText : System.getProperty("snn4j.symseq.seeds", "42").split(",")) {
            long seed = Long.parseLong(seedText.trim());
            for (String name : tasks) {
                SymSeqTask task = SymSeqTask.create(name.trim());
                SymSeqRecipe.Recipe recipe = override(SymSeqRecipe.recipe(task), overrides);
                SymSeqRecipe.Trained t = gru
                        ? SymSeqRecipe.trainWith(recipe, task, 256, seed, null,
                                (io, rng) -> new Sequential(new Gru(io[0], 64, true, rng), new Linear(64, io[1], rng)))
                        : overrides.isEmpty() ? SymSeqRecipe.train(task, 256, null, seed, null)
                        : SymSeqRecipe.trainWith(recipe, task, 256, seed, null);
                SymSeqEvaluation e = t.evaluation();
                double c = ceiling(task.name(), t.test());
                System.out.printf(Locale.ROOT, "| %s | %d | **%.3f** | %.3f | %.3f | %.3f | %s | %.1f s |%n", name,
                        seed, e.accuracy(), e.chance(), e.unigram(), e.bigram(),
                        Double.isNaN(c) ? "" : String.format(Locale.ROOT, "%.3f", c), t.seconds());
                int big = Integer.getInteger("snn4j.symseq.bigtest", 0);
                if (big > 0) {
                    SymSeqData d = task.generate(big, 1000);
                    SymSeqEvaluation eb = SymSeqEvaluation.evaluate(t.network(), task.batches(d, 64, 0, false),
                            t.train());
                    double cb = ceiling(task.name(), d);
                    System.out.printf(Locale.ROOT,
                            "|   %d fresh samples (seed 1000) | | %.3f | | %.3f | %.3f | %s | |%n", big,
                            eb.accuracy(), eb.unigram(), eb.bigram(),
                            Double.isNaN(cb) ? "" : String.format(Locale.ROOT, "%.3f", cb));
                }
                double best = Math.max(e.chance(), Math.max(e.unigram(), e.bigram()));
                if (TABLE.contains(name) && !gru && overrides.isEmpty() && !(e.accuracy() > best + 0.05)) {
                    failures.add(name + " seed " + seed + ": " + e);
                }
            }
        }
        System.out.println("recipe: " + override(SymSeqRecipe.recipe(SymSeqRecipe.Family.NEXT_SYMBOL), overrides)
                .describe(6, 6));
        assertTrue(failures.isEmpty(), "below their best baseline + 0.05: " + failures);
    }

    /** {@code r} with the fields named in {@code spec} ({@code key=value,...}, keys as the record's) replaced. */
    static SymSeqRecipe.Recipe override(SymSeqRecipe.Recipe r, String spec) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String kv : spec.split(",")) {
            if (!kv.isBlank()) {
                String[] p = kv.split("=", 2);
                m.put(p[0].trim(), p[1].trim());
            }
        }
        java.util.function.Function<String, String> g = k -> m.remove(k);
        String v;
        SymSeqRecipe.Recipe o = new SymSeqRecipe.Recipe(r.family(),
                (v = g.apply("hidden")) != null ? Integer.parseInt(v) : r.hidden(),
                (v = g.apply("layers")) != null ? Integer.parseInt(v) : r.layers(),
                (v = g.apply("beta")) != null ? Float.parseFloat(v) : r.beta(),
                (v = g.apply("learnBeta")) != null ? Boolean.parseBoolean(v) : r.learnBeta(),
                (v = g.apply("threshold")) != null ? Float.parseFloat(v) : r.threshold(),
                (v = g.apply("surrogate")) != null ? Float.parseFloat(v) : r.surrogate(),
                (v = g.apply("readoutBeta")) != null ? Float.parseFloat(v) : r.readoutBeta(),
                (v = g.apply("lr")) != null ? Double.parseDouble(v) : r.lr(),
                (v = g.apply("cosine")) != null ? Boolean.parseBoolean(v) : r.cosine(),
                (v = g.apply("weightDecay")) != null ? Double.parseDouble(v) : r.weightDecay(),
                (v = g.apply("clipNorm")) != null ? Double.parseDouble(v) : r.clipNorm(),
                (v = g.apply("epochs")) != null ? Integer.parseInt(v) : r.epochs(),
                (v = g.apply("batchSize")) != null ? Integer.parseInt(v) : r.batchSize());
        if (!m.isEmpty()) {
            throw new IllegalArgumentException("unknown recipe fields " + m.keySet());
        }
        return o;
    }

    /**
     * The best accuracy a predictor can expect on {@code d}: 1 for the deterministic targets, the grammar's exact
     * posterior for Reber/Knowlton next-symbol (which ignores the length cut-off, see docs/symseq.md) and
     * "close the innermost bracket, else end" for Dyck next-symbol (pOpen < 1/2); NaN when not known here.
     */
    static double ceiling(String task, SymSeqData d) {
        if (task.equals("reber-next-symbol") || task.equals("knowlton-next-symbol")) {
            return posterior(d, task.substring(0, task.indexOf('-')));
        }
        if (task.equals("dyck-next-symbol")) {
            return dyckCeiling(d);
        }
        if (task.endsWith("-memory") || task.endsWith("-grammaticality") || task.startsWith("nback-")
                || task.equals("nax") || task.matches("(nad|nested-nad|crossed-nad)-next-symbol")) {
            return 1.0;
        }
        return Double.NaN;
    }

    /** Argmax of the grammar's exact next-symbol distribution (first maximum in symbol order on ties). */
    static double posterior(SymSeqData d, String preset) {
        ArtificialGrammar g = GrammarPresets.get(preset);
        int ok = 0;
        int n = 0;
        for (int s = 0; s < d.size(); s++) {
            List<String> str = d.string(s);
            int[] y = d.targets(s);
            int start = 0;
            for (int i = 0; i < str.size(); i++) {
                if (str.get(i).equals("#")) {
                    start = i + 1;
                }
                if (y[i] < 0) {
                    continue;
                }
                Map<String, Double> p = g.nextSymbolDistribution(str.subList(start, i + 1));
                String best = null;
                for (Map.Entry<String, Double> e : p.entrySet()) {
                    if (best == null || e.getValue() > p.get(best)) {
                        best = e.getKey();
                    }
                }
                ok += d.classes().indexOf(best) == y[i] ? 1 : 0;
                n++;
            }
        }
        return (double) ok / n;
    }

    /** Accuracy of "close the innermost open bracket, else end" (lower-case opens, upper-case closes). */
    static double dyckCeiling(SymSeqData d) {
        int ok = 0;
        int n = 0;
        for (int s = 0; s < d.size(); s++) {
            List<String> str = d.string(s);
            int[] y = d.targets(s);
            ArrayDeque<String> stack = new ArrayDeque<>();
            for (int i = 0; i < str.size(); i++) {
                String c = str.get(i);
                if (c.equals("#")) {
                    stack.clear();
                } else if (c.equals(c.toLowerCase(Locale.ROOT))) {
                    stack.push(c);
                } else {
                    stack.pop();
                }
                if (y[i] < 0) {
                    continue;
                }
                String best = stack.isEmpty() ? "#" : stack.peek().toUpperCase(Locale.ROOT);
                ok += d.classes().indexOf(best) == y[i] ? 1 : 0;
                n++;
            }
        }
        return (double) ok / n;
    }
}
