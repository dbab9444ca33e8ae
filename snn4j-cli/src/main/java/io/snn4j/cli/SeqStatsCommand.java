package io.snn4j.cli;

import io.snn4j.bench.symseq.ArtificialGrammar;
import io.snn4j.bench.symseq.StringMetrics;
import io.snn4j.bench.symseq.StringSetMetrics;
import io.snn4j.core.Rng;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code snn4j seqstats}: SymSeq's string metrics ({@link StringMetrics}) of each string in a file and its
 * string-set metrics ({@link StringSetMetrics}), as a table and, with {@code --out}, as JSON.
 */
@Command(name = "seqstats", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
        description = {"Computes SymSeq's complexity metrics of symbol strings: for each string its entropy, "
                + "block entropy, entropy rate, excess entropy (emc), gzip compressibility, LZW complexity and "
                + "topological entropy, and for the whole set its string-set entropy and the mean pairwise edit "
                + "distance, Hamming distance, compression distance and mutual information; with --train, the "
                + "associative chunk strength of each string against the training strings. Entropies and mutual "
                + "information are in bits (log2), topological entropy in nats (ln). Definitions: docs/symseq.md.",
            "FILE holds one string per line (blank lines are skipped); each character is a symbol, or each "
                + "whitespace-separated token with --symbols space. --grammar NAME generates the strings from a "
                + "grammar preset instead."})
final class SeqStatsCommand implements Callable<Integer> {

    /** How a line becomes symbols. */
    enum Symbols {
        /** Every character (Unicode code point) is a symbol. */
        CHARS,
        /** Whitespace-separated tokens. */
        SPACE
    }

    /** What a metric describes. */
    enum Kind {
        /** One value per string (and their mean). */
        STRING,
        /** One value per string, against the training strings of --train. */
        TRAIN,
        /** One value for the set. */
        SET
    }

    /** The metrics, named as in --metrics, the table and the JSON. */
    enum Metric {
        ENTROPY(Kind.STRING, "bits"),
        BLOCK_ENTROPY(Kind.STRING, "bits"),
        ENTROPY_RATE(Kind.STRING, "bits per symbol"),
        EMC(Kind.STRING, "bits"),
        COMPRESSIBILITY(Kind.STRING, "gzip bytes per symbol"),
        LZW(Kind.STRING, "LZW codes per symbol"),
        TOPOLOGICAL_ENTROPY(Kind.STRING, "nats"),
        ACS_GLOBAL(Kind.TRAIN, "mean n-gram count in the training strings"),
        ACS_ANCHOR(Kind.TRAIN, "mean count of training strings sharing the first/last n-gram"),
        ACS_BAILEY(Kind.TRAIN, "mean chunk strength, in [0, 1)"),
        SET_ENTROPY(Kind.SET, "bits"),
        SET_ENTROPY_FREQUENCIES(Kind.SET, "bits"),
        EDIT_DISTANCE(Kind.SET, "symbols"),
        HAMMING_DISTANCE(Kind.SET, "symbols"),
        NCD(Kind.SET, "ratio of gzip sizes"),
        MUTUAL_INFORMATION(Kind.SET, "bits"),
        NORMALIZED_MUTUAL_INFORMATION(Kind.SET, "ratio, in [0, 1]");

        final Kind kind;
        final String unit;

        Metric(Kind kind, String unit) {
            this.kind = kind;
            this.unit = unit;
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static String validNames() {
            return Arrays.stream(values()).map(m -> m.key() + (m.kind == Kind.TRAIN ? " (with --train)" : ""))
                    .collect(Collectors.joining(", "));
        }
    }

    /** --grammar's defaults: strings, seed, shortest and longest string (SymSeqTask's lengths). */
    static final int DEFAULT_STRINGS = 100;
    static final long DEFAULT_SEED = 42;
    static final int DEFAULT_MIN_LENGTH = 1;
    static final int DEFAULT_MAX_LENGTH = 20;

    /** ACS n-gram range: SymSeq's default. */
    /** SymSeq's default n-gram range of the associative chunk strengths. */
    static final int ACS_N_MIN = 2;
    static final int ACS_N_MAX = 3;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "A text file (UTF-8) of symbol strings, one per line.")
    Path file;

    @Option(names = "--symbols", paramLabel = "chars|space", converter = SymbolsConverter.class,
            defaultValue = "chars",
            description = "chars: every character is a symbol (default); space: whitespace-separated tokens.")
    Symbols symbols;

    @Option(names = "--block", paramLabel = "L", defaultValue = "2",
            description = "Block length of block_entropy (default 2).")
    int block;

    @Option(names = "--max-block", paramLabel = "K", defaultValue = "10",
            description = "Largest block of entropy_rate and emc (default 10, SymSeq's for emc).")
    int maxBlock;

    @Option(names = "--max-lift", paramLabel = "K", defaultValue = "15",
            description = "Largest lift of topological_entropy (default 15, SymSeq's).")
    int maxLift;

    @Option(names = "--metrics", paramLabel = "LIST", split = ",",
            description = "Metric names, comma-separated (default: all that apply). Per string: entropy, "
                    + "block_entropy, entropy_rate, emc, compressibility, lzw, topological_entropy; with --train: "
                    + "acs_global, acs_anchor, acs_bailey; set: set_entropy, set_entropy_frequencies, "
                    + "edit_distance, hamming_distance (equal lengths only), ncd, mutual_information, "
                    + "normalized_mutual_information.")
    List<String> metrics;

    @Option(names = "--train", paramLabel = "FILE",
            description = "Training strings (same format as FILE): adds the associative chunk strength of each "
                    + "string against them (n-grams of --acs-ngrams symbols).")
    Path train;

    @Option(names = "--acs-ngrams", paramLabel = "MIN-MAX", defaultValue = "2-3",
            description = "n-gram lengths of the chunk strengths with --train (default 2-3, SymSeq's; 2-2: bigrams).")
    String acsNgrams;

    private int acsMin = ACS_N_MIN;
    private int acsMax = ACS_N_MAX;

    @Option(names = "--summary", description = "Print the mean over the strings instead of one row per string.")
    boolean summary;

    @Option(names = "--matrices", description = "With --out: also write the pairwise matrices of the pairwise set "
            + "metrics (rows and columns in the strings' order).")
    boolean withMatrices;

    @Option(names = "--out", paramLabel = "FILE.json",
            description = "Also write every value as JSON (per string, means, set), written to a temporary file "
                    + "and renamed.")
    Path out;

    @Option(names = "--grammar", paramLabel = "NAME",
            description = "Generate the strings from a grammar preset instead of reading FILE (reber, knowlton, "
                    + "elman, markov1, ...; see docs/symseq.md).")
    String grammar;

    @Option(names = "--strings", paramLabel = "N", description = "With --grammar: how many strings (default 100).")
    Integer strings;

    @Option(names = "--seed", paramLabel = "S", description = "With --grammar: the seed (default 42).")
    Long seed;

    @Option(names = "--min-length", paramLabel = "N",
            description = "With --grammar: the shortest string, in symbols (default 1).")
    Integer minLength;

    @Option(names = "--max-length", paramLabel = "N",
            description = "With --grammar: the longest string, in symbols (default 20).")
    Integer maxLength;

    @Spec
    CommandSpec spec;

    /** {@code --acs-ngrams MIN-MAX} (or a single N) into {@link #acsMin}, {@link #acsMax}. */
    private void parseAcsNgrams() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})(?:-(\\d{1,6}))?").matcher(
                acsNgrams.strip());
        if (!m.matches()) {
            throw usage("--acs-ngrams expects MIN-MAX n-gram lengths such as 2-3, got '" + acsNgrams + "'");
        }
        int lo = Integer.parseInt(m.group(1));
        int hi = m.group(2) == null ? lo : Integer.parseInt(m.group(2));
        if (lo < 1 || hi < lo) {
            throw usage("--acs-ngrams expects 1 <= MIN <= MAX, got '" + acsNgrams + "'");
        }
        acsMin = lo;
        acsMax = hi;
    }

    /** The generated strings' grammar, by its label ("[C] Reber (1967)"). */
    private String grammarLabel;

    static final class SymbolsConverter implements CommandLine.ITypeConverter<Symbols> {
        @Override
        public Symbols convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "chars" -> Symbols.CHARS;
                case "space" -> Symbols.SPACE;
                default -> throw new CommandLine.TypeConversionException("expected chars (every character is a "
                        + "symbol) or space (whitespace-separated tokens), got '" + value + "'");
            };
        }
    }

    /** A string and where it came from (its line in the file, or its index among the generated strings). */
    record Entry(int line, List<String> symbols) {
    }

    /** Strings read or generated, and how to name them in messages. */
    record Source(String name, List<Entry> entries) {
        List<List<String>> strings() {
            List<List<String>> r = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                r.add(e.symbols());
            }
            return r;
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() throws IOException {
        checkOptions();
        Set<Metric> chosen = chosenMetrics();
        if (out != null && Files.isDirectory(out)) {
            throw UserError.about(out, "is a folder; --out takes the JSON file to write (e.g. "
                    + out.resolve("results.json") + ")");
        }
        Source src = grammar != null ? generate() : new Source(file.toString(), read(file, symbols, "FILE"));
        Source tr = train != null ? new Source(train.toString(), read(train, symbols, "--train")) : null;
        boolean equalLengths = equalLengths(src) == null;
        if (metrics == null || metrics.isEmpty()) {
            if (!equalLengths) {
                chosen.remove(Metric.HAMMING_DISTANCE);
            }
        } else if (chosen.contains(Metric.HAMMING_DISTANCE) && !equalLengths) {
            Entry[] pair = equalLengths(src);
            throw new UserError(src.name() + ": hamming_distance needs strings of equal length, but "
                    + where(pair[0]) + " has " + pair[0].symbols().size() + " symbols and " + where(pair[1])
                    + " has " + pair[1].symbols().size() + " (leave hamming_distance out of --metrics, or use "
                    + "edit_distance)");
        }
        Map<String, Object> doc = compute(src, tr, chosen);
        if (out != null) {
            writeJson(doc);
        }
        PrintWriter o = spec.commandLine().getOut();
        print(o, src, tr, chosen, doc);
        if (out != null) {
            o.println("wrote " + out);
        }
        o.flush();
        return 0;
    }

    /** Writes the document to --out (a temporary file renamed), before anything is printed. */
    private void writeJson(Map<String, Object> doc) throws IOException {
        String text = Experiment.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
        try {
            AtomicFiles.writeString(out, text);
        } catch (AccessDeniedException e) {
            throw UserError.about(out, "cannot write: permission denied", e);
        } catch (FileAlreadyExistsException e) {
            throw UserError.about(out, "cannot write: " + e.getFile() + " is a file, not a folder", e);
        } catch (IOException e) {
            throw UserError.about(out, "cannot write: " + e.getMessage(), e);
        }
    }

    private void checkOptions() {
        if (file == null && grammar == null) {
            throw usage("give a FILE of strings (one per line) or --grammar NAME");
        }
        if (file != null && grammar != null) {
            throw usage("give either a FILE or --grammar, not both");
        }
        if (grammar == null) {
            for (Object[] o : new Object[][] {{"--strings", strings}, {"--seed", seed}, {"--min-length", minLength},
                {"--max-length", maxLength}}) {
                if (o[1] != null) {
                    throw usage(o[0] + " applies to --grammar only");
                }
            }
        }
        if (withMatrices && out == null) {
            throw usage("--matrices applies to --out only (the matrices are written to the JSON file)");
        }
        parseAcsNgrams();
        if (block < 1) {
            throw usage("--block must be >= 1 (the block length of block_entropy), got " + block);
        }
        if (maxBlock < 1) {
            throw usage("--max-block must be >= 1 (the largest block of entropy_rate and emc), got " + maxBlock);
        }
        if (maxLift < 1) {
            throw usage("--max-lift must be >= 1 (the largest lift of topological_entropy), got " + maxLift);
        }
        if (strings != null && strings < 1) {
            throw usage("--strings must be >= 1, got " + strings);
        }
        int min = minLength();
        int max = maxLength();
        if (min < 1 || max < min) {
            throw usage("--min-length and --max-length must satisfy 1 <= min <= max, got " + min + " and " + max);
        }
    }

    /** The metrics asked for, in their canonical order; all but the --train ones (without --train) by default. */
    private Set<Metric> chosenMetrics() {
        Set<Metric> r = new LinkedHashSet<>();
        if (metrics == null || metrics.isEmpty()) {
            for (Metric m : Metric.values()) {
                if (m.kind != Kind.TRAIN || train != null) {
                    r.add(m);
                }
            }
            return r;
        }
        Set<Metric> asked = new HashSet<>();
        for (String name : metrics) {
            String k = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            Metric m = null;
            for (Metric x : Metric.values()) {
                if (x.name().equals(k)) {
                    m = x;
                }
            }
            if (m == null) {
                throw usage("--metrics: unknown metric '" + name.strip() + "'; valid: " + Metric.validNames());
            }
            if (m.kind == Kind.TRAIN && train == null) {
                throw usage("--metrics " + m.key() + " needs --train FILE (the training strings)");
            }
            asked.add(m);
        }
        for (Metric m : Metric.values()) {
            if (asked.contains(m)) {
                r.add(m);
            }
        }
        return r;
    }

    // ---------------------------------------------------------------- input

    private long seed() {
        return seed != null ? seed : DEFAULT_SEED;
    }

    private int minLength() {
        return minLength != null ? minLength : DEFAULT_MIN_LENGTH;
    }

    private int maxLength() {
        return maxLength != null ? maxLength : DEFAULT_MAX_LENGTH;
    }

    private Source generate() {
        ArtificialGrammar g;
        try {
            g = ArtificialGrammar.preset(grammar);
        } catch (IllegalArgumentException e) {
            throw usage("--grammar: " + e.getMessage());
        }
        int n = strings != null ? strings : DEFAULT_STRINGS;
        long s = seed();
        int min = minLength();
        int max = maxLength();
        Rng rng = new Rng(s);
        List<Entry> r = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                r.add(new Entry(i + 1, g.generateString(rng, min, max)));
            }
        } catch (IllegalStateException e) {
            throw usage("--grammar " + grammar + ": " + e.getMessage());
        }
        grammarLabel = g.label();
        return new Source("--grammar " + grammar + " (" + g.label() + ", seed " + s + ")", r);
    }

    /** The non-blank lines of {@code path} as symbol strings; {@code role} names the argument in messages. */
    static List<Entry> read(Path path, Symbols mode, String role) {
        String expected = "a text file of symbol strings, one per line";
        if (Files.isDirectory(path)) {
            throw UserError.about(path, "is a folder; " + role + " expects " + expected);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw UserError.cannotRead(path, e, "no such file (" + role + " expects " + expected + ")");
        }
        String text = decodeUtf8(path, bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Entry> r = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("\r\n|\r|\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> s;
            if (mode == Symbols.SPACE) {
                s = List.of(line.split("\\s+"));
            } else {
                if (line.codePoints().anyMatch(Character::isWhitespace)) {
                    throw UserError.about(path, "line " + lineNo + " contains whitespace ('" + shorten(line, 40)
                            + "'); with --symbols chars every character is a symbol: use --symbols space for "
                            + "whitespace-separated tokens");
                }
                s = line.codePoints().mapToObj(Character::toString).toList();
            }
            r.add(new Entry(lineNo, s));
        }
        if (r.isEmpty()) {
            throw UserError.about(path, (bytes.length == 0 ? "is empty" : "holds only blank lines")
                    + "; " + role + " expects " + expected);
        }
        return r;
    }

    private static String decodeUtf8(Path path, byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer cb = CharBuffer.allocate(bytes.length);
        CoderResult res = d.decode(in, cb, true);
        if (res.isError()) {
            throw UserError.about(path, "at byte " + in.position() + ": not UTF-8 text (expected symbol strings, "
                    + "one per line)");
        }
        d.flush(cb);
        return cb.flip().toString();
    }

    /** Two entries of different lengths (the first string and the first that differs from it), or null. */
    private static Entry[] equalLengths(Source src) {
        Entry first = src.entries().get(0);
        for (Entry e : src.entries()) {
            if (e.symbols().size() != first.symbols().size()) {
                return new Entry[] {first, e};
            }
        }
        return null;
    }

    private String where(Entry e) {
        return (grammar != null ? "string " : "line ") + e.line();
    }

    // ---------------------------------------------------------------- metrics

    private double single(Metric m, List<String> s) {
        return switch (m) {
            case ENTROPY -> StringMetrics.entropy(s);
            case BLOCK_ENTROPY -> StringMetrics.blockEntropy(s, block);
            case ENTROPY_RATE -> StringMetrics.entropyRate(s, maxBlock);
            case EMC -> StringMetrics.emc(s, maxBlock).emc();
            case COMPRESSIBILITY -> StringMetrics.compressibility(s);
            case LZW -> StringMetrics.lzwComplexity(s);
            case TOPOLOGICAL_ENTROPY -> s.size() < 2 ? Double.NaN
                    : StringMetrics.topologicalEntropyLift(s, maxLift).entropy();
            default -> throw new IllegalStateException(m.key() + " is not a per-string metric");
        };
    }

    private double[] acs(Metric m, List<List<String>> train, List<List<String>> test) {
        return switch (m) {
            case ACS_GLOBAL -> StringSetMetrics.globalAcsKnowlton96(train, test, acsMin, acsMax);
            case ACS_ANCHOR -> StringSetMetrics.anchorAcsKnowlton96(train, test, acsMin, acsMax);
            case ACS_BAILEY -> StringSetMetrics.acsBailey2008(train, test, acsMin, acsMax);
            default -> throw new IllegalStateException(m.key() + " is not a chunk-strength metric");
        };
    }

    /** The pairwise matrix of a pairwise set metric, or null for the string-set entropies. */
    private static double[][] matrix(Metric m, List<List<String>> set) {
        return switch (m) {
            case SET_ENTROPY, SET_ENTROPY_FREQUENCIES -> null;
            case EDIT_DISTANCE -> StringSetMetrics.pairwiseDistances(set, StringSetMetrics.Distance.EDIT);
            case HAMMING_DISTANCE -> StringSetMetrics.pairwiseDistances(set, StringSetMetrics.Distance.HAMMING);
            case NCD -> StringSetMetrics.pairwiseDistances(set, StringSetMetrics.Distance.NCD);
            case MUTUAL_INFORMATION -> StringSetMetrics.pairwiseMutualInformation(set,
                    StringSetMetrics.Information.MI, StringSetMetrics.MiMethod.JOINT);
            case NORMALIZED_MUTUAL_INFORMATION -> StringSetMetrics.pairwiseMutualInformation(set,
                    StringSetMetrics.Information.NMI, StringSetMetrics.MiMethod.JOINT);
            default -> throw new IllegalStateException(m.key() + " is not a set metric");
        };
    }

    /** A set-level value from its matrix (the mean over pairs; NaN without pairs) or, for the entropies, directly. */
    private static double set(Metric m, List<List<String>> set, double[][] matrix) {
        return switch (m) {
            case SET_ENTROPY -> StringSetMetrics.stringSetEntropy(set, false);
            case SET_ENTROPY_FREQUENCIES -> StringSetMetrics.stringSetEntropy(set, true);
            default -> meanOfPairs(matrix);
        };
    }

    /** Mean of the entries above the diagonal (the pairs i &lt; j); NaN without pairs. */
    static double meanOfPairs(double[][] d) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < d.length; i++) {
            for (int j = i + 1; j < d.length; j++) {
                sum += d[i][j];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static String joined(List<String> s, Symbols mode) {
        boolean oneChar = s.stream().allMatch(x -> x.codePointCount(0, x.length()) == 1);
        return String.join(mode == Symbols.CHARS && oneChar ? "" : " ", s);
    }

    private Symbols display(Source src) {
        if (grammar == null) {
            return symbols;
        }
        for (Entry e : src.entries()) {
            for (String x : e.symbols()) {
                if (x.codePointCount(0, x.length()) != 1) {
                    return Symbols.SPACE;
                }
            }
        }
        return Symbols.CHARS;
    }

    /** Everything, as the JSON document (NaN as null). */
    private Map<String, Object> compute(Source src, Source tr, Set<Metric> chosen) {
        List<List<String>> set = src.strings();
        int t = set.size();
        Map<Metric, double[]> perString = new EnumMap<>(Metric.class);
        for (Metric m : chosen) {
            if (m.kind == Kind.STRING) {
                double[] v = new double[t];
                for (int i = 0; i < t; i++) {
                    v[i] = single(m, set.get(i));
                }
                perString.put(m, v);
            } else if (m.kind == Kind.TRAIN) {
                perString.put(m, acs(m, tr.strings(), set));
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> source = new LinkedHashMap<>();
        if (grammar != null) {
            source.put("grammar", grammar);
            source.put("grammar_label", grammarLabel);
            source.put("strings", t);
            source.put("seed", seed());
            source.put("min_length", minLength());
            source.put("max_length", maxLength());
        } else {
            source.put("file", file.toString());
            source.put("symbols", symbols.name().toLowerCase(Locale.ROOT));
        }
        if (tr != null) {
            source.put("train", train.toString());
            source.put("train_strings", tr.entries().size());
        }
        doc.put("source", source);
        Set<String> alphabet = new LinkedHashSet<>();
        Set<List<String>> distinct = new HashSet<>();
        int minLen = Integer.MAX_VALUE;
        int maxLen = 0;
        long total = 0;
        for (List<String> s : set) {
            alphabet.addAll(s);
            distinct.add(s);
            minLen = Math.min(minLen, s.size());
            maxLen = Math.max(maxLen, s.size());
            total += s.size();
        }
        doc.put("strings", t);
        doc.put("distinct_strings", distinct.size());
        doc.put("min_length", minLen);
        doc.put("max_length", maxLen);
        doc.put("mean_length", (double) total / t);
        doc.put("alphabet", new ArrayList<>(alphabet));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("block", block);
        params.put("max_block", maxBlock);
        params.put("max_lift", maxLift);
        if (tr != null) {
            params.put("acs_ngrams", List.of(acsMin, acsMax));
        }
        doc.put("parameters", params);
        Map<String, Object> units = new LinkedHashMap<>();
        for (Metric m : chosen) {
            units.put(m.key(), m.unit);
        }
        doc.put("units", units);
        if (!perString.isEmpty()) {
            Symbols show = display(src);
            List<Map<String, Object>> rows = new ArrayList<>(t);
            for (int i = 0; i < t; i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put(grammar != null ? "index" : "line", src.entries().get(i).line());
                row.put("string", joined(set.get(i), show));
                row.put("length", set.get(i).size());
                for (Map.Entry<Metric, double[]> e : perString.entrySet()) {
                    row.put(e.getKey().key(), Experiment.Json.finite(e.getValue()[i]));
                }
                rows.add(row);
            }
            doc.put("per_string", rows);
            Map<String, Object> mean = new LinkedHashMap<>();
            Map<String, Object> undefined = new LinkedHashMap<>();
            mean.put("length", (double) total / t);
            for (Map.Entry<Metric, double[]> e : perString.entrySet()) {
                double sum = 0;
                int n = 0;
                for (double v : e.getValue()) {
                    if (Double.isFinite(v)) {
                        sum += v;
                        n++;
                    }
                }
                mean.put(e.getKey().key(), n > 0 ? sum / n : null);
                if (n < t) {
                    undefined.put(e.getKey().key(), t - n);
                }
            }
            doc.put("mean", mean);
            if (!undefined.isEmpty()) {
                doc.put("undefined", undefined);
            }
        }
        Map<String, Object> setValues = new LinkedHashMap<>();
        Map<String, Object> matrices = new LinkedHashMap<>();
        for (Metric m : chosen) {
            if (m.kind == Kind.SET) {
                double[][] d = matrix(m, set);
                setValues.put(m.key(), Experiment.Json.finite(set(m, set, d)));
                if (withMatrices && d != null) {
                    List<List<Double>> rows = new ArrayList<>(d.length);
                    for (double[] row : d) {
                        List<Double> r = new ArrayList<>(row.length);
                        for (double v : row) {
                            r.add(Experiment.Json.finite(v));
                        }
                        rows.add(r);
                    }
                    matrices.put(m.key(), rows);
                }
            }
        }
        if (!setValues.isEmpty()) {
            setValues.put("pairs", (long) t * (t - 1) / 2);
            doc.put("set", setValues);
        }
        if (!matrices.isEmpty()) {
            doc.put("matrices", matrices);
        }
        doc.put("snn4j_version", Version.get());
        return doc;
    }

    // ---------------------------------------------------------------- output

    /** Four decimals ("0.0000", not "-0.0000", for a tiny negative value); "-" for an undefined one. */
    static String num(Object v) {
        if (!(v instanceof Number n)) {
            return "-";
        }
        String s = String.format(Locale.ROOT, "%.4f", n.doubleValue());
        return s.equals("-0.0000") ? "0.0000" : s;
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    @SuppressWarnings("unchecked")
    private void print(PrintWriter o, Source src, Source tr, Set<Metric> chosen, Map<String, Object> doc) {
        int t = (Integer) doc.get("strings");
        List<String> alphabet = (List<String>) doc.get("alphabet");
        o.printf(Locale.ROOT, "%s: %d string%s (%d distinct), %d to %d symbols (mean %.2f), alphabet of %d symbol%s%s%n",
                src.name(), t, t == 1 ? "" : "s", (Integer) doc.get("distinct_strings"), (Integer) doc.get("min_length"),
                (Integer) doc.get("max_length"), (Double) doc.get("mean_length"), alphabet.size(),
                alphabet.size() == 1 ? "" : "s", alphabet.size() <= 30 ? ": " + String.join(" ", alphabet) : "");
        if (tr != null) {
            o.printf(Locale.ROOT, "training strings (--train): %s, %d string%s%n", tr.name(), tr.entries().size(),
                    tr.entries().size() == 1 ? "" : "s");
        }
        o.println("log bases: entropies, entropy rate, emc and mutual information in bits (log2); "
                + "topological entropy in nats (ln)");
        List<String> settings = new ArrayList<>();
        if (chosen.contains(Metric.BLOCK_ENTROPY)) {
            settings.add("block_entropy of " + block + "-symbol blocks");
        }
        if (chosen.contains(Metric.ENTROPY_RATE) || chosen.contains(Metric.EMC)) {
            settings.add("entropy_rate and emc up to blocks of " + maxBlock);
        }
        if (chosen.contains(Metric.TOPOLOGICAL_ENTROPY)) {
            settings.add("topological_entropy up to lift " + maxLift);
        }
        if (tr != null && chosen.stream().anyMatch(m -> m.kind == Kind.TRAIN)) {
            settings.add(acsMin == acsMax ? "ACS over n-grams of " + acsMin + " symbols"
                    : acsMax == acsMin + 1 ? "ACS over n-grams of " + acsMin + " and " + acsMax + " symbols"
                    : "ACS over n-grams of " + acsMin + " to " + acsMax + " symbols");
        }
        if (!settings.isEmpty()) {
            o.println("settings: " + String.join("; ", settings));
        }
        List<Map<String, Object>> rows = (List<Map<String, Object>>) doc.get("per_string");
        if (rows != null) {
            o.println();
            List<String> cols = new ArrayList<>();
            for (Metric m : chosen) {
                if (m.kind != Kind.SET) {
                    cols.add(m.key());
                }
            }
            String first = grammar != null ? "#" : "line";
            List<String[]> table = new ArrayList<>();
            List<String> header = new ArrayList<>(List.of(first, "string", "length"));
            header.addAll(cols);
            table.add(header.toArray(String[]::new));
            if (!summary) {
                for (Map<String, Object> r : rows) {
                    List<String> cells = new ArrayList<>();
                    cells.add(String.valueOf(r.get(grammar != null ? "index" : "line")));
                    cells.add(shorten((String) r.get("string"), 24));
                    cells.add(String.valueOf(r.get("length")));
                    for (String c : cols) {
                        cells.add(num(r.get(c)));
                    }
                    table.add(cells.toArray(String[]::new));
                }
            }
            Map<String, Object> mean = (Map<String, Object>) doc.get("mean");
            List<String> cells = new ArrayList<>(List.of("mean", "", String.format(Locale.ROOT, "%.2f",
                    (Double) mean.get("length"))));
            for (String c : cols) {
                cells.add(num(mean.get(c)));
            }
            table.add(cells.toArray(String[]::new));
            printTable(o, table);
            Map<String, Object> undefined = (Map<String, Object>) doc.get("undefined");
            if (undefined != null) {
                for (Map.Entry<String, Object> e : undefined.entrySet()) {
                    o.printf(Locale.ROOT, "(%s undefined for %s of %d strings, shown as -: %s; the mean is over "
                            + "the others)%n", e.getKey(), e.getValue(), t, why(e.getKey()));
                }
            }
        }
        Map<String, Object> setValues = (Map<String, Object>) doc.get("set");
        if (setValues != null) {
            o.println();
            long pairs = (Long) setValues.get("pairs");
            o.printf(Locale.ROOT, "string set (%d string%s, %d pair%s):%n", t, t == 1 ? "" : "s", pairs,
                    pairs == 1 ? "" : "s");
            int w = 0;
            for (String k : setValues.keySet()) {
                w = Math.max(w, k.length());
            }
            for (Metric m : chosen) {
                if (m.kind != Kind.SET) {
                    continue;
                }
                Object v = setValues.get(m.key());
                o.printf(Locale.ROOT, "  %-" + w + "s  %s  %s%n", m.key(), num(v), v == null
                        ? "(needs at least 2 strings)" : setNote(m, (Integer) doc.get("distinct_strings")));
            }
        }
    }

    private static String why(String key) {
        return key.equals("topological_entropy")
                ? "fewer than 2 symbols, or the first lift's graph has no cycle" : "not a finite number";
    }

    private static String setNote(Metric m, int distinct) {
        return switch (m) {
            case SET_ENTROPY -> "bits, uniform over the " + distinct + " distinct strings";
            case SET_ENTROPY_FREQUENCIES -> "bits, by the strings' frequencies";
            case EDIT_DISTANCE -> "mean Levenshtein distance of the pairs, in symbols";
            case HAMMING_DISTANCE -> "mean Hamming distance of the pairs, in symbols";
            case NCD -> "mean normalized compression distance of the pairs (gzip)";
            case MUTUAL_INFORMATION -> "bits, mean of the pairs (joint method)";
            case NORMALIZED_MUTUAL_INFORMATION -> "mean of the pairs, in [0, 1] (joint method)";
            default -> "";
        };
    }

    /** Left-aligns the first two columns (line, string), right-aligns the numbers. */
    private static void printTable(PrintWriter o, List<String[]> table) {
        int cols = table.get(0).length;
        int[] w = new int[cols];
        for (String[] r : table) {
            for (int c = 0; c < cols; c++) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        for (String[] r : table) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    b.append("  ");
                }
                String pad = " ".repeat(w[c] - r[c].length());
                b.append(c < 2 ? r[c] + pad : pad + r[c]);
            }
            o.println(b.toString().stripTrailing());
        }
    }
}
