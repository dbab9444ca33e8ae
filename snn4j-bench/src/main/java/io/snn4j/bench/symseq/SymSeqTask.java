package io.snn4j.bench.symseq;

import io.snn4j.core.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Symbolic-sequence tasks by name, with parameters: the entry point for {@code snn4j bench --task NAME}.
 *
 * <p>Names are {@code SOURCE-OBJECTIVE}, plus {@code nback-<n>} and {@code nax}:
 * <ul>
 *   <li>sources: {@code reber} (Reber 1967), {@code knowlton} (Knowlton &amp; Squire 1996), {@code ag} (any
 *       {@link GrammarPresets preset}, parameter {@code preset}), {@code random-ag} (a {@link GrammarSynthesis
 *       random grammar} of topological entropy {@code te}), {@code dyck}, {@code nad} (A X^n B),
 *       {@code nested-nad}, {@code crossed-nad};</li>
 *   <li>objectives: {@code next-symbol} (predict the symbol {@code n} ahead at every position), {@code memory}
 *       (recall the symbol {@code n} back), {@code grammaticality} (one decision per string, at its last symbol:
 *       grammatical or not).</li>
 *   <li>{@code nback-<n>}: at every position from n on, whether the symbol equals the one n back.</li>
 *   <li>{@code nax}: at the probe of each n-AX trial, target or lure.</li>
 * </ul>
 * For next-symbol and memory, a sample is {@code strings} strings, each followed by the end-of-string symbol
 * {@code #}, and the last {@code #} is only a target (never an input). {@link #parameters()} lists a task's
 * parameters with their values; {@link #parameterNames(String)} the valid keys. Unknown names and keys and bad
 * values are {@link IllegalArgumentException}s whose message names the task, the parameter and what is expected.
 */
public final class SymSeqTask {
    private static final List<String> SOURCES = List.of("reber", "knowlton", "ag", "random-ag", "dyck", "nad",
            "nested-nad", "crossed-nad");
    private static final List<String> OBJECTIVES = List.of("next-symbol", "memory", "grammaticality");
    private static final Pattern NBACK = Pattern.compile("nback-(\\d+)");
    private static final String EOS = "#";
    private static final List<String> BINARY_GRAMMAR = List.of("ungrammatical", "grammatical");

    private final String name;
    private final Map<String, String> params;
    private final InputEncoding encoding;
    private final String description;
    private final Function<Gen, SymSeqData> generator;

    /** Arguments of one data generation. */
    private record Gen(int samples, Rng rng) {
    }

    private SymSeqTask(String name, Map<String, String> params, InputEncoding encoding, String description,
                       Function<Gen, SymSeqData> generator) {
        this.name = name;
        this.params = Collections.unmodifiableMap(params);
        this.encoding = encoding;
        this.description = description;
        this.generator = generator;
    }

    /** The task names ({@code nback-2} stands for every {@code nback-<n>}). */
    public static List<String> list() {
        List<String> r = new ArrayList<>();
        for (String s : SOURCES) {
            for (String o : OBJECTIVES) {
                r.add(s + "-" + o);
            }
        }
        r.add("nback-2");
        r.add("nax");
        return List.copyOf(r);
    }

    /** The task with default parameters. */
    public static SymSeqTask create(String name) {
        return create(name, Map.of());
    }

    /**
     * The task {@code name} with {@code parameters} (values as strings, numbers or booleans) overriding the
     * defaults.
     *
     * @throws IllegalArgumentException for an unknown task (listing the valid names), an unknown parameter (listing
     *                                  the task's parameters) or a bad value
     */
    public static SymSeqTask create(String name, Map<String, ?> parameters) {
        Spec spec = spec(name);
        Map<String, String> p = new LinkedHashMap<>(spec.defaults);
        for (Map.Entry<String, ?> e : parameters.entrySet()) {
            if (!p.containsKey(e.getKey())) {
                throw new IllegalArgumentException("task " + name + ": unknown parameter '" + e.getKey()
                        + "'; valid: " + String.join(", ", p.keySet()));
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("task " + name + ": parameter " + e.getKey() + " has no value");
            }
            p.put(e.getKey(), String.valueOf(e.getValue()).trim());
        }
        Params v = new Params(name, p);
        try {
            InputEncoding enc = new InputEncoding(v.integer("symbolSteps"), v.integer("gapSteps"),
                    InputEncoding.coding(v.string("coding")), v.real("rate"), v.real("noise"),
                    v.integer("readoutSteps"));
            Built b = spec.build.apply(v);
            return new SymSeqTask(name, p, enc, b.description, b.generator);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m != null && m.startsWith("task " + name) ? m : "task " + name + ": "
                    + m, e);
        }
    }

    /** The parameter keys of task {@code name} with their default values. */
    public static Map<String, String> parameterNames(String name) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(spec(name).defaults));
    }

    public String name() {
        return name;
    }

    /** One line on what the task is. */
    public String description() {
        return description;
    }

    /** Every parameter with its value (defaults filled in). */
    public Map<String, String> parameters() {
        return params;
    }

    /** How symbols become input spikes and where decisions are read. */
    public InputEncoding encoding() {
        return encoding;
    }

    /**
     * {@code samples} samples drawn with {@code seed} (the same seed gives the same data; a random grammar is fixed
     * by the parameter {@code grammarSeed}, not by this seed).
     */
    public SymSeqData generate(int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("task " + name + ": the number of samples must be >= 1, got "
                    + samples);
        }
        return generator.apply(new Gen(samples, new Rng(seed)));
    }

    /** Batches of {@code data} with this task's encoding (with per-step targets, for {@link #loss()}). */
    public SymSeqBatches batches(SymSeqData data, int batchSize, long seed, boolean shuffle) {
        return SymSeqBatches.builder(data, encoding).batchSize(batchSize).seed(seed).shuffle(shuffle).build();
    }

    /** The per-step loss for this task's batches, {@code SymSeqLoss.of(encoding())}. */
    public SymSeqLoss loss() {
        return SymSeqLoss.of(encoding);
    }

    @Override
    public String toString() {
        return "SymSeqTask[" + name + ": " + description + ", " + params + "]";
    }

    // ---------------------------------------------------------------- task definitions

    private record Built(String description, Function<Gen, SymSeqData> generator) {
    }

    private record Spec(Map<String, String> defaults, Function<Params, Built> build) {
    }

    private static Spec spec(String name) {
        if (name == null) {
            throw unknown("null");
        }
        Map<String, String> d = new LinkedHashMap<>();
        d.put("symbolSteps", "5");
        d.put("gapSteps", "0");
        d.put("coding", "onehot");
        d.put("rate", "0.5");
        d.put("noise", "0");
        d.put("readoutSteps", "1");
        Matcher nb = NBACK.matcher(name);
        if (nb.matches()) {
            int n;
            try {
                n = Integer.parseInt(nb.group(1));
            } catch (NumberFormatException e) {
                throw unknown(name);
            }
            if (n < 1) {
                throw new IllegalArgumentException("task " + name + ": n-back needs n >= 1");
            }
            d.put("length", "30");
            d.put("alphabetSize", "8");
            d.put("pMatch", "0.3");
            d.put("lures", "");
            d.put("pLure", "0");
            return new Spec(d, v -> nback(name, n, v));
        }
        if (name.equals("nax")) {
            d.put("pTarget", "0.6");
            d.put("fillers", "-1");
            return new Spec(d, v -> nax(name, v));
        }
        String source = null;
        String objective = null;
        for (String s : SOURCES) {
            if (name.startsWith(s + "-") && OBJECTIVES.contains(name.substring(s.length() + 1))) {
                source = s;
                objective = name.substring(s.length() + 1);
            }
        }
        if (source == null) {
            throw unknown(name);
        }
        switch (source) {
            case "reber", "knowlton", "ag", "random-ag" -> {
                if (source.equals("ag")) {
                    d.put("preset", "reber1967");
                }
                if (source.equals("random-ag")) {
                    d.put("te", "0.5");
                    d.put("symbols", "5");
                    d.put("startStates", "1");
                    d.put("terminalStates", "1");
                    d.put("tolerance", "0.01");
                    d.put("grammarSeed", "1");
                }
                d.put("minLength", "1");
                d.put("maxLength", "20");
            }
            case "dyck" -> {
                d.put("k", "2");
                d.put("mode", "stack");
                d.put("pOpen", "0.3");
                d.put("pairs", "4");
                d.put("maxDepth", "0");
                d.put("distractors", "0");
            }
            case "nad" -> {
                d.put("pairs", "2");
                d.put("fillers", "1");
                d.put("fillerLength", "1");
                d.put("randomizeFillers", "false");
            }
            default -> {
                d.put("pairs", "2");
                d.put("depth", "0");
            }
        }
        switch (objective) {
            case "next-symbol", "memory" -> {
                d.put("n", "1");
                d.put("strings", "1");
            }
            default -> {
                d.put("fraction", "0.5");
                if (!source.endsWith("nad")) {
                    d.put("deviants", "1");
                }
            }
        }
        String src = source;
        String obj = objective;
        return new Spec(d, v -> sourceTask(name, src, obj, v));
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown symbolic-sequence task '" + name + "'; valid: "
                + String.join(", ", list()) + " (nback-<n> for any n >= 1)");
    }

    /** A string source: its alphabet, a grammatical string, a non-grammatical one, and a description. */
    private record Source(String label, List<String> alphabet, Function<Rng, List<String>> good,
                          Function<Rng, List<String>> bad, ArtificialGrammar grammar, int minLength,
                          int maxLength, int deviants) {
    }

    private static Source source(String src, Params v, boolean grammaticality) {
        switch (src) {
            case "reber", "knowlton", "ag", "random-ag" -> {
                ArtificialGrammar g;
                if (src.equals("random-ag")) {
                    g = GrammarSynthesis.of(v.real("te"), v.integer("symbols")).startStates(v.integer("startStates"))
                            .terminalStates(v.integer("terminalStates")).tolerance(v.real("tolerance"))
                            .build(new Rng(v.longValue("grammarSeed")));
                } else {
                    g = GrammarPresets.get(src.equals("ag") ? v.string("preset") : src);
                }
                int min = v.integer("minLength");
                int max = v.integer("maxLength");
                if (min < 1 || max < min) {
                    throw new IllegalArgumentException("minLength and maxLength must satisfy 1 <= minLength <= "
                            + "maxLength, got " + min + " and " + max);
                }
                int dev = grammaticality ? v.integer("deviants") : 1;
                if (grammaticality && dev < 1) {
                    throw new IllegalArgumentException("parameter deviants must be >= 1, got " + dev);
                }
                ArtificialGrammar gr = g;
                return new Source(g.label(), g.alphabet(), r -> gr.generateString(r, min, max), null, g, min, max,
                        dev);
            }
            case "dyck" -> {
                DyckLanguage.Mode mode = DyckLanguage.mode(v.string("mode"));
                DyckLanguage.Builder b = DyckLanguage.builder(v.integer("k"), mode).maxDepth(v.integer("maxDepth"));
                if (mode == DyckLanguage.Mode.STACK) {
                    b.pOpen(v.real("pOpen"));
                } else {
                    b.targetPairs(v.integer("pairs"));
                }
                int nd = v.integer("distractors");
                if (nd < 0) {
                    throw new IllegalArgumentException("parameter distractors must be >= 0, got " + nd);
                }
                if (nd == 0) {
                    b.defaultDistractors(0);
                }
                DyckLanguage dy = b.build();
                int dev = grammaticality ? v.integer("deviants") : 1;
                return new Source(dy.alphabet().size() + "-symbol Dyck-" + v.integer("k") + " language ("
                        + mode.name().toLowerCase(Locale.ROOT) + " mode)", dy.alphabet(),
                        r -> dy.generateString(r, nd), r -> nonEmpty(dy, r, dev, nd), null, 0, 0, dev);
            }
            default -> {
                NonAdjacentDependencies.Kind kind = switch (src) {
                    case "nad" -> NonAdjacentDependencies.Kind.ADJACENT;
                    case "nested-nad" -> NonAdjacentDependencies.Kind.NESTED;
                    default -> NonAdjacentDependencies.Kind.CROSSED;
                };
                NonAdjacentDependencies.Builder b = NonAdjacentDependencies.builder(kind).pairs(v.integer("pairs"));
                if (kind == NonAdjacentDependencies.Kind.ADJACENT) {
                    b.fillers(v.integer("fillers")).fillerLength(v.integer("fillerLength"))
                            .randomizeFillers(v.bool("randomizeFillers"));
                } else {
                    b.depth(v.integer("depth"));
                }
                NonAdjacentDependencies nad = b.build();
                return new Source(src + " dependencies", nad.alphabet(), nad::generateString,
                        nad::generateNongrammatical, null, 0, 0, 1);
            }
        }
    }

    private static List<String> nonEmpty(DyckLanguage dy, Rng r, int deviants, int distractors) {
        for (int i = 0; i < 1000; i++) {
            List<String> s = dy.generateNongrammatical(r, deviants, List.of());
            if (!s.isEmpty()) {
                if (distractors == 0) {
                    return s;
                }
                List<String> t = new ArrayList<>(s);
                for (int k = 0; k < distractors; k++) {
                    t.add(r.nextInt(t.size() + 1), dy.distractors().get(r.nextInt(dy.distractors().size())));
                }
                return t;
            }
        }
        throw new IllegalStateException("Dyck language: could not produce a non-empty invalid string");
    }

    private static Built sourceTask(String name, String src, String objective, Params v) {
        boolean gram = objective.equals("grammaticality");
        Source s = source(src, v, gram);
        if (s.alphabet().contains(EOS)) {
            throw new IllegalArgumentException("the source's alphabet contains the end-of-string symbol " + EOS);
        }
        if (gram) {
            double fraction = v.real("fraction");
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("parameter fraction must be in [0, 1], got " + fraction);
            }
            String desc = "grammaticality of " + s.label() + " strings (" + fraction + " non-grammatical)";
            return new Built(desc, g -> {
                List<List<String>> strings = new ArrayList<>();
                boolean[] flags;
                if (s.grammar() != null) {
                    ArtificialGrammar.StringSet set = s.grammar().generateSet(g.samples(), s.minLength(),
                            s.maxLength(), fraction, s.deviants(), true, g.rng());
                    strings.addAll(set.strings());
                    flags = set.grammatical();
                } else {
                    flags = exactFlags(g.samples(), fraction, g.rng());
                    for (boolean ok : flags) {
                        strings.add(ok ? s.good().apply(g.rng()) : s.bad().apply(g.rng()));
                    }
                }
                List<int[]> in = new ArrayList<>();
                List<int[]> tg = new ArrayList<>();
                for (int i = 0; i < strings.size(); i++) {
                    int[] x = indices(strings.get(i), s.alphabet());
                    int[] y = new int[x.length];
                    Arrays.fill(y, -1);
                    y[x.length - 1] = flags[i] ? 1 : 0;
                    in.add(x);
                    tg.add(y);
                }
                return new SymSeqData(name, s.alphabet(), BINARY_GRAMMAR, in, tg);
            });
        }
        int n = v.integer("n");
        int strings = v.integer("strings");
        if (n < 1) {
            throw new IllegalArgumentException("parameter n must be >= 1, got " + n);
        }
        if (strings < 1) {
            throw new IllegalArgumentException("parameter strings must be >= 1, got " + strings);
        }
        List<String> symbols = new ArrayList<>(s.alphabet());
        symbols.add(EOS);
        boolean memory = objective.equals("memory");
        String desc = (memory ? n + "-step memory" : n + "-step next-symbol prediction") + " on " + s.label()
                + " strings (" + strings + " per sample, '" + EOS + "' after each)";
        return new Built(desc, g -> {
            List<int[]> in = new ArrayList<>();
            List<int[]> tg = new ArrayList<>();
            for (int k = 0; k < g.samples(); k++) {
                List<String> stream = new ArrayList<>();
                for (int j = 0; j < strings; j++) {
                    stream.addAll(s.good().apply(g.rng()));
                    stream.add(EOS);
                }
                List<String> input = stream.subList(0, stream.size() - 1);
                List<String> t = memory ? SymSeqTargets.memory(input, n) : SymSeqTargets.prediction(stream, n);
                int[] y = new int[input.size()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = t.get(i) == null ? -1 : symbols.indexOf(t.get(i));
                }
                in.add(indices(input, symbols));
                tg.add(y);
            }
            return new SymSeqData(name, symbols, symbols, in, tg);
        });
    }

    private static Built nback(String name, int n, Params v) {
        NBack.Builder b = NBack.builder(n).length(v.integer("length")).alphabetSize(v.integer("alphabetSize"))
                .pMatch(v.real("pMatch"));
        String lures = v.string("lures");
        if (!lures.isEmpty()) {
            String[] parts = lures.split(",");
            int[] off = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    off[i] = Integer.parseInt(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("parameter lures: expected comma-separated integer offsets "
                            + "such as -1,1, got '" + lures + "'");
                }
            }
            b.lures(v.real("pLure"), off);
        }
        NBack nb = b.build();
        String desc = n + "-back match detection (" + nb.alphabet().size() + " symbols, " + nb.length()
                + " per sequence, " + nb.intendedMatches() + " matches)";
        return new Built(desc, g -> {
            List<int[]> in = new ArrayList<>();
            List<int[]> tg = new ArrayList<>();
            for (int k = 0; k < g.samples(); k++) {
                List<String> s = nb.generateString(g.rng());
                in.add(indices(s, nb.alphabet()));
                int[] y = nb.labels(s);
                tg.add(y);
            }
            return new SymSeqData(name, nb.alphabet(), List.of("non-match", "match"), in, tg);
        });
    }

    private static Built nax(String name, Params v) {
        NAX nax = new NAX(v.real("pTarget"));
        int fillers = v.integer("fillers");
        String desc = "n-AX target/lure at the probe (p target " + v.real("pTarget") + ", "
                + (fillers < 0 ? "random number of" : Integer.toString(fillers)) + " fillers)";
        return new Built(desc, g -> {
            List<int[]> in = new ArrayList<>();
            List<int[]> tg = new ArrayList<>();
            for (int k = 0; k < g.samples(); k++) {
                List<String> s = nax.generateString(g.rng(), fillers);
                int[] x = indices(s, nax.alphabet());
                int[] y = new int[x.length];
                Arrays.fill(y, -1);
                y[x.length - 1] = nax.isTarget(s) ? 1 : 0;
                in.add(x);
                tg.add(y);
            }
            return new SymSeqData(name, nax.alphabet(), List.of("lure", "target"), in, tg);
        });
    }

    private static boolean[] exactFlags(int n, double badFraction, Rng rng) {
        int bad = (int) Math.rint(badFraction * n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
        boolean[] ok = new boolean[n];
        Arrays.fill(ok, true);
        for (int i = 0; i < bad; i++) {
            ok[order[i]] = false;
        }
        return ok;
    }

    private static int[] indices(List<String> s, List<String> symbols) {
        int[] r = new int[s.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = symbols.indexOf(s.get(i));
            if (r[i] < 0) {
                throw new IllegalStateException("symbol '" + s.get(i) + "' is not in " + symbols);
            }
        }
        return r;
    }

    /** Typed access to the parameter values, with messages naming the task and parameter. */
    private record Params(String task, Map<String, String> values) {
        String string(String k) {
            return values.get(k);
        }

        int integer(String k) {
            try {
                return Integer.parseInt(values.get(k));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("task " + task + ": parameter " + k + ": expected an integer, got '"
                        + values.get(k) + "'");
            }
        }

        long longValue(String k) {
            try {
                return Long.parseLong(values.get(k));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("task " + task + ": parameter " + k + ": expected an integer, got '"
                        + values.get(k) + "'");
            }
        }

        double real(String k) {
            try {
                double d = Double.parseDouble(values.get(k));
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("task " + task + ": parameter " + k + ": expected a number, got '"
                        + values.get(k) + "'");
            }
        }

        boolean bool(String k) {
            String s = values.get(k).toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return Boolean.parseBoolean(s);
            }
            throw new IllegalArgumentException("task " + task + ": parameter " + k + ": expected true or false, got '"
                    + values.get(k) + "'");
        }
    }
}
