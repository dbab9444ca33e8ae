package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snn4j.bench.symseq.ArtificialGrammar;
import io.snn4j.bench.symseq.StringMetrics;
import io.snn4j.bench.symseq.StringSetMetrics;
import io.snn4j.core.Rng;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snn4j seqstats}: the printed and written values are those of {@link StringMetrics} and
 * {@link StringSetMetrics} (a few also checked by hand), and every bad input is one line that writes nothing.
 */
class SeqStatsCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static JsonNode json(Path p) throws IOException {
        return new ObjectMapper().readTree(p.toFile());
    }

    private static List<String> chars(String s) {
        return s.codePoints().mapToObj(Character::toString).toList();
    }

    private static double meanOfPairs(double[][] d) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            for (int j = i + 1; j < d.length; j++) {
                sum += d[i][j];
                n++;
            }
        }
        return sum / n;
    }

    private static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** The printed row that starts with {@code first} (a line number or "mean"), split into cells. */
    private static String[] row(Cli r, String first) {
        return r.out().lines().filter(l -> l.startsWith(first + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + first + "' in\n" + r.out())).split("\\s+");
    }

    private static String setLine(Cli r, String key) {
        return r.out().lines().filter(l -> l.startsWith("  " + key + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no set line '" + key + "' in\n" + r.out()));
    }

    @Test
    void valuesAreTheJavaApisAndTheTableShowsThem() throws IOException {
        // line 4 is blank and skipped; TTS appears twice
        Path f = write("strings.txt", "TTS\nTPTS\nVXVS\n\nTPPTS\nTTS\n");
        List<List<String>> set = Stream.of("TTS", "TPTS", "VXVS", "TPPTS", "TTS").map(SeqStatsCommandTest::chars)
                .toList();
        Path out = dir.resolve("res").resolve("results.json");
        Cli r = Cli.run("seqstats", f.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err(), r.toString());
        assertTrue(r.out().contains("5 strings (4 distinct), 3 to 5 symbols (mean 3.80), alphabet of 5 symbols: "
                + "T S P V X"), r.out());
        assertTrue(r.out().contains("in bits (log2); topological entropy in nats (ln)"), r.out());
        assertTrue(r.out().endsWith("wrote " + out + "\n"), r.out());

        JsonNode j = json(out);
        assertEquals(5, j.get("strings").asInt());
        assertEquals(4, j.get("distinct_strings").asInt());
        assertEquals("bits", j.get("units").get("entropy").asText());
        assertEquals("nats", j.get("units").get("topological_entropy").asText());
        JsonNode rows = j.get("per_string");
        assertEquals(5, rows.size());
        int[] lines = {1, 2, 3, 5, 6};
        String[] keys = {"entropy", "block_entropy", "entropy_rate", "emc", "compressibility", "lzw",
            "topological_entropy"};
        double[] sums = new double[keys.length];
        for (int i = 0; i < set.size(); i++) {
            List<String> s = set.get(i);
            double[] want = {StringMetrics.entropy(s), StringMetrics.blockEntropy(s, 2),
                StringMetrics.entropyRate(s, 10), StringMetrics.emc(s, 10).emc(), StringMetrics.compressibility(s),
                StringMetrics.lzwComplexity(s), StringMetrics.topologicalEntropyLift(s, 15).entropy()};
            JsonNode row = rows.get(i);
            assertEquals(lines[i], row.get("line").asInt());
            assertEquals(String.join("", s), row.get("string").asText());
            assertEquals(s.size(), row.get("length").asInt());
            String[] cells = row(r, Integer.toString(lines[i]));
            for (int k = 0; k < keys.length; k++) {
                assertEquals(want[k], row.get(keys[k]).asDouble(), 0.0, "line " + lines[i] + " " + keys[k]);
                assertEquals(f4(want[k]), cells[3 + k], "printed line " + lines[i] + " " + keys[k]);
                sums[k] += want[k];
            }
        }
        String[] mean = row(r, "mean");
        for (int k = 0; k < keys.length; k++) {
            assertEquals(sums[k] / 5, j.get("mean").get(keys[k]).asDouble(), 1e-15, "mean " + keys[k]);
            assertEquals(f4(sums[k] / 5), mean[2 + k], "printed mean " + keys[k]);
        }

        // by hand: TTS has p(T) = 2/3, p(S) = 1/3 and M = 2 symbols (Miller-Madow: + 1 / (2 * 3 * ln 2)); its
        // 2-grams TT and TS are equally likely: 1 bit; gzip: a 10-byte header, an 8-byte trailer and a fixed-Huffman
        // DEFLATE block of 3 + 3 * 8 (literals) + 7 (end of block) = 34 bits, 5 bytes: 23 bytes for 3 symbols
        double h = -(2.0 / 3) * Math.log(2.0 / 3) / Math.log(2) - (1.0 / 3) * Math.log(1.0 / 3) / Math.log(2)
                + 1 / (6 * Math.log(2));
        assertEquals(h, rows.get(0).get("entropy").asDouble(), 1e-15);
        assertEquals("1.1587", row(r, "1")[3]);
        assertEquals(1.0, rows.get(0).get("block_entropy").asDouble(), 1e-15);
        assertEquals(23.0 / 3, rows.get(0).get("compressibility").asDouble(), 1e-15);

        JsonNode sv = j.get("set");
        double[][] mi = StringSetMetrics.pairwiseMutualInformation(set, StringSetMetrics.Information.MI,
                StringSetMetrics.MiMethod.JOINT);
        double[][] nmi = StringSetMetrics.pairwiseMutualInformation(set, StringSetMetrics.Information.NMI,
                StringSetMetrics.MiMethod.JOINT);
        Object[][] want = {
            {"set_entropy", StringSetMetrics.stringSetEntropy(set)},
            {"set_entropy_frequencies", StringSetMetrics.stringSetEntropy(set, true)},
            {"edit_distance", meanOfPairs(StringSetMetrics.pairwiseDistances(set))},
            {"ncd", meanOfPairs(StringSetMetrics.pairwiseDistances(set, StringSetMetrics.Distance.NCD))},
            {"mutual_information", meanOfPairs(mi)},
            {"normalized_mutual_information", meanOfPairs(nmi)},
        };
        for (Object[] w : want) {
            double v = (Double) w[1];
            assertEquals(v, sv.get((String) w[0]).asDouble(), 0.0, (String) w[0]);
            assertEquals(f4(v), setLine(r, (String) w[0]).split("\\s+")[2], (String) w[0]);
        }
        assertEquals(10, sv.get("pairs").asInt());
        // by hand: 4 distinct strings, uniform: log2 4 less SymSeq's 1e-12 guard; frequencies 2/5, 1/5, 1/5, 1/5
        assertEquals(2.0, sv.get("set_entropy").asDouble(), 1e-10);
        assertEquals(-0.4 * Math.log(0.4) / Math.log(2) - 3 * 0.2 * Math.log(0.2) / Math.log(2),
                sv.get("set_entropy_frequencies").asDouble(), 1e-10);
        // the 10 edit distances: TTS-TPTS 1, TTS-VXVS 3, TTS-TPPTS 2, TTS-TTS 0, TPTS-VXVS 3, TPTS-TPPTS 1,
        // TPTS-TTS 1, VXVS-TPPTS 4, VXVS-TTS 3, TPPTS-TTS 2: 20 / 10
        assertEquals(2.0, sv.get("edit_distance").asDouble(), 0.0);
        // unequal lengths: no Hamming distance unless asked for
        assertFalse(sv.has("hamming_distance"), sv.toString());
        assertFalse(r.out().contains("hamming"), r.out());
    }

    @Test
    void tokensTrainingStringsAndHamming() throws IOException {
        // whitespace-separated multi-character tokens, equal lengths: Hamming distance is included
        Path f = write("tokens.txt", "A1 B C\n  B   C A1\t\nA1 A1 C\n");
        Path tr = write("train.txt", "A1 B C A1\nB C\n\nC A1 B\n");
        List<List<String>> set = List.of(List.of("A1", "B", "C"), List.of("B", "C", "A1"), List.of("A1", "A1", "C"));
        List<List<String>> train = List.of(List.of("A1", "B", "C", "A1"), List.of("B", "C"),
                List.of("C", "A1", "B"));
        Path out = dir.resolve("t.json");
        Cli r = Cli.run("seqstats", f.toString(), "--symbols", "space", "--train", tr.toString(), "--out",
                out.toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode j = json(out);
        assertEquals("A1 B C", j.get("per_string").get(0).get("string").asText());
        assertEquals("[\"A1\",\"B\",\"C\"]", j.get("alphabet").toString());
        double[][] acs = {StringSetMetrics.globalAcsKnowlton96(train, set),
            StringSetMetrics.anchorAcsKnowlton96(train, set), StringSetMetrics.acsBailey2008(train, set)};
        String[] keys = {"acs_global", "acs_anchor", "acs_bailey"};
        for (int i = 0; i < 3; i++) {
            JsonNode row = j.get("per_string").get(i);
            assertEquals(StringMetrics.entropy(set.get(i)), row.get("entropy").asDouble(), 0.0);
            assertEquals(StringMetrics.lzwComplexity(set.get(i)), row.get("lzw").asDouble(), 0.0);
            for (int k = 0; k < 3; k++) {
                assertEquals(acs[k][i], row.get(keys[k]).asDouble(), 0.0, keys[k] + " " + i);
            }
        }
        // by hand, global ACS of "A1 B C": its bigrams A1 B and B C occur twice each in the training strings, its
        // trigram once: (2 + 2 + 1) / 3
        assertEquals(5.0 / 3, j.get("per_string").get(0).get("acs_global").asDouble(), 1e-15);
        double ham = meanOfPairs(StringSetMetrics.pairwiseDistances(set, StringSetMetrics.Distance.HAMMING));
        // by hand: A1BC-BCA1 3, A1BC-A1A1C 1, BCA1-A1A1C 3
        assertEquals(7.0 / 3, ham, 1e-15);
        assertEquals(ham, j.get("set").get("hamming_distance").asDouble(), 0.0);
        assertTrue(setLine(r, "hamming_distance").contains(f4(ham)), r.out());
        assertEquals(3, j.get("source").get("train_strings").asInt());

        // the pairwise matrices with --matrices
        Path om = dir.resolve("m.json");
        Cli mm = Cli.run("seqstats", f.toString(), "--symbols", "space", "--metrics",
                "edit_distance,hamming_distance,normalized_mutual_information,set_entropy", "--matrices", "--out",
                om.toString());
        assertEquals(0, mm.exit(), mm.toString());
        JsonNode mj = json(om).get("matrices");
        assertEquals(List.of("edit_distance", "hamming_distance", "normalized_mutual_information"),
                List.copyOf(iterable(mj.fieldNames())));
        double[][][] want = {StringSetMetrics.pairwiseDistances(set, StringSetMetrics.Distance.EDIT),
            StringSetMetrics.pairwiseDistances(set, StringSetMetrics.Distance.HAMMING),
            StringSetMetrics.pairwiseMutualInformation(set, StringSetMetrics.Information.NMI,
                    StringSetMetrics.MiMethod.JOINT)};
        String[] mk = {"edit_distance", "hamming_distance", "normalized_mutual_information"};
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 3; i++) {
                for (int jj = 0; jj < 3; jj++) {
                    assertEquals(want[k][i][jj], mj.get(mk[k]).get(i).get(jj).asDouble(), 0.0, mk[k]);
                }
            }
        }
        // by hand: Hamming A1BC-BCA1 3
        assertEquals(3.0, mj.get("hamming_distance").get(0).get(1).asDouble(), 0.0);
        assertTrue(json(out).get("matrices") == null, "no matrices unless asked for");

        // another n-gram range: bigrams only, and 1..3
        for (String[] range : new String[][] {{"2", "2", "2"}, {"1-3", "1", "3"}}) {
            Path o2 = dir.resolve("t" + range[1] + range[2] + ".json");
            Cli q = Cli.run("seqstats", f.toString(), "--symbols", "space", "--train", tr.toString(), "--acs-ngrams",
                    range[0], "--metrics", "acs_global,acs_bailey", "--out", o2.toString());
            assertEquals(0, q.exit(), q.toString());
            int lo = Integer.parseInt(range[1]);
            int hi = Integer.parseInt(range[2]);
            JsonNode jq = json(o2);
            for (int i = 0; i < 3; i++) {
                assertEquals(StringSetMetrics.globalAcsKnowlton96(train, set, lo, hi)[i],
                        jq.get("per_string").get(i).get("acs_global").asDouble(), 0.0);
                assertEquals(StringSetMetrics.acsBailey2008(train, set, lo, hi)[i],
                        jq.get("per_string").get(i).get("acs_bailey").asDouble(), 0.0);
            }
        }
        // by hand, bigrams only: A1 B and B C occur twice each: (2 + 2) / 2
        Cli bi = Cli.run("seqstats", f.toString(), "--symbols", "space", "--train", tr.toString(), "--acs-ngrams",
                "2-2", "--metrics", "acs_global");
        assertTrue(bi.out().contains("ACS over n-grams of 2 symbols"), bi.out());
        assertTrue(bi.out().lines().anyMatch(l -> l.startsWith("1 ") && l.strip().endsWith("2.0000")), bi.out());

        // only the metrics asked for, here with --summary: no per-string rows
        Cli s = Cli.run("seqstats", f.toString(), "--symbols", "space", "--metrics", "hamming_distance,entropy",
                "--summary");
        assertEquals(0, s.exit(), s.toString());
        assertFalse(s.out().contains("\n1 "), s.out());
        assertEquals(f4((StringMetrics.entropy(set.get(0)) + StringMetrics.entropy(set.get(1))
                + StringMetrics.entropy(set.get(2))) / 3), row(s, "mean")[2]);
        assertFalse(s.out().contains("lzw") || s.out().contains("edit_distance"), s.out());
        assertTrue(setLine(s, "hamming_distance").contains(f4(ham)), s.out());
    }

    @Test
    void grammarStringsAreTheGeneratorsAndTheSameSeedGivesTheSameNumbers() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Cli r = Cli.run("seqstats", "--grammar", "reber", "--strings", "6", "--seed", "7", "--metrics",
                "entropy,edit_distance", "--out", a.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("--grammar reber ([C] Reber (1967), seed 7): 6 strings"), r.out());
        Cli r2 = Cli.run("seqstats", "--grammar", "reber", "--strings", "6", "--seed", "7", "--metrics",
                "entropy,edit_distance", "--out", b.toString());
        assertEquals(r.out().replace(a.toString(), ""), r2.out().replace(b.toString(), ""));
        assertEquals(Files.readString(a), Files.readString(b));
        ArtificialGrammar g = ArtificialGrammar.preset("reber1967");
        Rng rng = new Rng(7);
        List<List<String>> set = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            set.add(g.generateString(rng, 1, 20));
        }
        JsonNode j = json(a);
        for (int i = 0; i < 6; i++) {
            assertEquals(String.join("", set.get(i)), j.get("per_string").get(i).get("string").asText());
            assertEquals(i + 1, j.get("per_string").get(i).get("index").asInt());
            assertEquals(StringMetrics.entropy(set.get(i)), j.get("per_string").get(i).get("entropy").asDouble(), 0);
        }
        assertEquals(meanOfPairs(StringSetMetrics.pairwiseDistances(set)),
                j.get("set").get("edit_distance").asDouble(), 0.0);
        assertEquals(7, j.get("source").get("seed").asLong());
    }

    @Test
    void undefinedValuesAreNullAndDashes() throws IOException {
        // one symbol: no lift topological entropy; AB: its first lift's graph A -> B has no cycle (SymSeq: NaN)
        Path f = write("short.txt", "A\nAB\nABAB\n");
        Path out = dir.resolve("s.json");
        Cli r = Cli.run("seqstats", f.toString(), "--metrics", "topological_entropy,entropy", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode j = json(out);
        assertTrue(j.get("per_string").get(0).get("topological_entropy").isNull(), j.toString());
        assertTrue(j.get("per_string").get(1).get("topological_entropy").isNull(), j.toString());
        double te = StringMetrics.topologicalEntropyLift(chars("ABAB"), 15).entropy();
        assertEquals(te, j.get("per_string").get(2).get("topological_entropy").asDouble(), 0.0);
        assertEquals(te, j.get("mean").get("topological_entropy").asDouble(), 0.0);
        assertEquals(2, j.get("undefined").get("topological_entropy").asInt());
        assertEquals("-", row(r, "1")[4]);  // columns in canonical order: line, string, length, entropy, TE
        assertTrue(r.out().contains("(topological_entropy undefined for 2 of 3 strings"), r.out());

        // one string: no pairs
        Path one = write("one.txt", "ABC\n");
        Cli o = Cli.run("seqstats", one.toString(), "--metrics", "edit_distance,set_entropy");
        assertEquals(0, o.exit(), o.toString());
        assertTrue(setLine(o, "edit_distance").contains("-  (needs at least 2 strings)"), o.out());
        assertTrue(setLine(o, "set_entropy").contains("0.0000"), o.out());
    }

    /**
     * Every {@code ./snn4j seqstats} line in a code block of README.md, docs/cli.md and docs/symseq.md runs (paths
     * under examples/ from the repository root, outputs into a temporary folder, tokens.txt written here), and an
     * output block that follows its block right away is exactly what it prints.
     */
    @Test
    void documentedCommandsRunAndPrintWhatTheDocumentsShow() throws Exception {
        write("tokens.txt", "A1 B C\nB C A1 C\n");
        int[] n = EventsDocCommandsTest.runDocumented(new String[] {"README.md", "docs/cli.md", "docs/symseq.md"},
                "./snn4j seqstats ",
                (args, i) -> args[i].startsWith("examples/") ? Path.of("..").resolve(args[i]).toString()
                        : args[i].equals("tokens.txt") || i > 0 && args[i - 1].equals("--out")
                        ? dir.resolve(args[i]).toString() : args[i],
                shown -> shown, printed -> printed.replace(Path.of("..", "examples") + "/", "examples/"));
        int ran = n[0];
        int compared = n[1];
        assertTrue(ran >= 5 && compared >= 2, ran + " commands run, " + compared + " outputs compared");
    }

    static void oneLineError(Cli r, int exit, String... parts) {
        EventsCommandTest.oneLineError(r, exit, parts);
        assertEquals("", r.out(), r.toString());
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path f = write("ok.txt", "AB\nBA\n");
        String p = f.toString();
        oneLineError(Cli.run("seqstats", p, "--metrics", "entropy,perplexity"), 2,
                "--metrics: unknown metric 'perplexity'; valid: entropy, block_entropy, entropy_rate, emc, "
                        + "compressibility, lzw, topological_entropy, acs_global (with --train)",
                "normalized_mutual_information");
        oneLineError(Cli.run("seqstats", p, "--block", "0"), 2, "--block must be >= 1", "got 0");
        oneLineError(Cli.run("seqstats", p, "--block", "-3"), 2, "--block must be >= 1", "got -3");
        oneLineError(Cli.run("seqstats", p, "--block", "two"), 2, "--block", "'two' is not an int");
        oneLineError(Cli.run("seqstats", p, "--max-block", "0"), 2, "--max-block must be >= 1");
        oneLineError(Cli.run("seqstats", p, "--max-lift", "0"), 2, "--max-lift must be >= 1");
        oneLineError(Cli.run("seqstats", p, "--symbols", "tabs"), 2, "--symbols", "expected chars",
                "or space", "got 'tabs'");
        oneLineError(Cli.run("seqstats", p, "--metrics", "acs_bailey"), 2, "acs_bailey needs --train FILE");
        oneLineError(Cli.run("seqstats", p, "--matrices"), 2, "--matrices applies to --out only");
        oneLineError(Cli.run("seqstats", p, "--acs-ngrams", "3-2"), 2, "--acs-ngrams expects 1 <= MIN <= MAX",
                "got '3-2'");
        oneLineError(Cli.run("seqstats", p, "--acs-ngrams", "0"), 2, "--acs-ngrams expects 1 <= MIN <= MAX");
        oneLineError(Cli.run("seqstats", p, "--acs-ngrams", "two"), 2, "--acs-ngrams expects MIN-MAX", "got 'two'");
        oneLineError(Cli.run("seqstats"), 2, "give a FILE of strings (one per line) or --grammar NAME");
        oneLineError(Cli.run("seqstats", p, "--grammar", "reber"), 2, "either a FILE or --grammar, not both");
        oneLineError(Cli.run("seqstats", p, "--strings", "5"), 2, "--strings applies to --grammar only");
        oneLineError(Cli.run("seqstats", "--grammar", "chomsky"), 2, "unknown grammar preset 'chomsky'", "reber1967");
        oneLineError(Cli.run("seqstats", "--grammar", "reber", "--strings", "0"), 2, "--strings must be >= 1");
        oneLineError(Cli.run("seqstats", "--grammar", "reber", "--min-length", "5", "--max-length", "3"), 2,
                "1 <= min <= max");
        assertTrue(Cli.run("seqstats", "--help").out().contains("--symbols=chars|space"));
    }

    @Test
    void badFilesExitOneWithOneLineAndWriteNothing() throws IOException {
        Path out = dir.resolve("never.json");
        String o = out.toString();
        Path missing = dir.resolve("missing.txt");
        oneLineError(Cli.run("seqstats", missing.toString(), "--out", o), 1, missing + ": no such file",
                "one per line");
        oneLineError(Cli.run("seqstats", dir.toString(), "--out", o), 1, dir + ": is a folder");
        Path empty = write("empty.txt", "");
        oneLineError(Cli.run("seqstats", empty.toString(), "--out", o), 1, empty + ": is empty",
                "expects a text file of symbol strings, one per line");
        Path blank = write("blank.txt", "\n   \n\t\n");
        oneLineError(Cli.run("seqstats", blank.toString(), "--out", o), 1, blank + ": holds only blank lines");
        Path spaced = write("spaced.txt", "ABC\nA B C\n");
        oneLineError(Cli.run("seqstats", spaced.toString(), "--out", o), 1,
                spaced + ": line 2 contains whitespace ('A B C')", "use --symbols space");
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'A', 'B', '\n', 'C', (byte) 0xE9, '\n'});
        oneLineError(Cli.run("seqstats", latin1.toString(), "--out", o), 1, latin1 + ": at byte 4: not UTF-8 text");
        Path unequal = write("unequal.txt", "ABC\nABC\nABCD\n");
        oneLineError(Cli.run("seqstats", unequal.toString(), "--metrics", "edit_distance,hamming_distance", "--out",
                o), 1, unequal + ": hamming_distance needs strings of equal length", "line 1 has 3 symbols",
                "line 3 has 4");
        Path ok = write("ok.txt", "AB\nBA\n");
        oneLineError(Cli.run("seqstats", ok.toString(), "--train", missing.toString(), "--out", o), 1,
                missing + ": no such file (--train expects");
        oneLineError(Cli.run("seqstats", ok.toString(), "--train", blank.toString(), "--out", o), 1,
                blank + ": holds only blank lines; --train expects");
        oneLineError(Cli.run("seqstats", ok.toString(), "--out", dir.toString()), 1, dir + ": is a folder",
                "--out takes the JSON file");
        oneLineError(Cli.run("seqstats", ok.toString(), "--out", ok.resolve("x.json").toString()), 1,
                "x.json: cannot write: " + ok + " is a file, not a folder");
        assertEquals("AB\nBA\n", Files.readString(ok));
        assertFalse(Files.exists(out), "nothing written");
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(x -> x.getFileName().toString().endsWith(".tmp")), "no temporary files");
        }
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> r = new java.util.ArrayList<>();
        it.forEachRemaining(r::add);
        return r;
    }
}
