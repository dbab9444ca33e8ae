package io.snn4j.bench.symseq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares with values SymSeq itself computed (benchmarks/peers/symseq_goldens.py wrote
 * src/test/resources/symseq/symseq_expected.json from SymSeq's source).
 */
class SymSeqGoldenTest {
    private static final double TOL = 1e-12;
    private static JsonNode root;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = SymSeqGoldenTest.class.getResourceAsStream("/symseq/symseq_expected.json")) {
            assertNotNull(in, "symseq/symseq_expected.json is missing from the test resources");
            root = new ObjectMapper().readTree(in);
        }
    }

    static List<String> strings(JsonNode a) {
        List<String> r = new ArrayList<>();
        a.forEach(x -> r.add(x.asText()));
        return r;
    }

    static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void stringMetricsMatchSymSeq() {
        int checked = 0;
        for (JsonNode s : root.get("strings")) {
            String name = s.get("name").asText();
            List<String> seq = strings(s.get("symbols"));
            close(s.get("entropy").asDouble(), StringMetrics.entropy(seq), name + " entropy");
            close(s.get("entropy_raw").asDouble(), StringMetrics.entropy(seq, false), name + " entropy (raw)");
            checked += 2;
            if (!s.has("block_entropy")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = s.get("block_entropy").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int l = Integer.parseInt(e.getKey());
                close(e.getValue().asDouble(), StringMetrics.blockEntropy(seq, l), name + " H_" + l);
                checked++;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = s.get("block_entropy_corrected").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int l = Integer.parseInt(e.getKey());
                close(e.getValue().asDouble(), StringMetrics.blockEntropy(seq, l, true), name + " H_" + l + " (MM)");
                checked++;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = s.get("entropy_rate").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int k = Integer.parseInt(e.getKey());
                close(e.getValue().asDouble(), StringMetrics.entropyRate(seq, k), name + " h(" + k + ")");
                checked++;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = s.get("entropy_rate_normalized").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int k = Integer.parseInt(e.getKey());
                close(e.getValue().asDouble(), StringMetrics.entropyRate(seq, k, StringMetrics.RateMethod.NORMALIZED),
                        name + " h_norm(" + k + ")");
                checked++;
            }
            for (int k : new int[]{6, 3}) {
                StringMetrics.Emc emc = StringMetrics.emc(seq, k);
                JsonNode ex = s.get("emc" + k);
                close(ex.get(0).asDouble(), emc.emc(), name + " emc(" + k + ")");
                close(ex.get(1).asDouble(), emc.entropyRate(), name + " emc(" + k + ") h_mu");
                checked += 2;
            }
            close(s.get("compressibility").asDouble(), StringMetrics.compressibility(seq), name + " gzip");
            checked++;
            if (s.has("lzw")) {
                close(s.get("lzw").asDouble(), StringMetrics.lzwComplexity(seq), name + " LZW");
                assertEquals(s.get("lzw_raw").asInt(), (int) StringMetrics.lzwComplexity(seq, false), name + " LZW");
                checked += 2;
            }
            if (s.has("te_lift")) {
                JsonNode t = s.get("te_lift");
                StringMetrics.LiftResult r = StringMetrics.topologicalEntropyLift(seq, 15);
                assertEquals(t.get("lift").asInt(), r.lift(), name + " lift");
                close(t.get("te").asDouble(), r.entropy(), name + " lift TE");
                double[] all = new double[t.get("te_list").size()];
                for (int i = 0; i < all.length; i++) {
                    all[i] = t.get("te_list").get(i).asDouble();
                }
                assertArrayEquals(all, r.entropies(), 1e-10, name + " lift TE list");
                checked += 3;
            }
        }
        assertTrue(checked > 150, "only " + checked + " values checked");
    }

    @Test
    void presetGrammarsHaveSymSeqsTransitionsTablesAndEntropies() {
        int n = 0;
        for (JsonNode g : root.get("grammars")) {
            String key = g.get("preset").asText();
            NAX nax = key.equals("nAX") ? new NAX(0.6) : null;
            ArtificialGrammar gr = nax != null ? nax.grammar() : GrammarPresets.get(key);
            List<String> states = strings(g.get("states"));
            assertEquals(states, gr.states(), key + " states (SymSeq's order)");
            assertEquals(new HashSet<>(strings(g.get("start_states"))), new HashSet<>(gr.startStates()), key);
            assertEquals(new HashSet<>(strings(g.get("terminal_states"))), new HashSet<>(gr.terminalStates()), key);
            Map<String, Double> expected = new HashMap<>();
            for (JsonNode t : g.get("transitions")) {
                expected.put(t.get(0).asText() + " -> " + t.get(1).asText(), t.get(2).asDouble());
            }
            Map<String, Double> actual = new HashMap<>();
            for (ArtificialGrammar.Transition t : gr.transitions()) {
                actual.put(t.source() + " -> " + t.target(), t.probability());
            }
            assertEquals(expected.keySet(), actual.keySet(), key + " transitions");
            for (String k : expected.keySet()) {
                assertEquals(expected.get(k), actual.get(k), 1e-15, key + " " + k);
            }
            int[][] table = gr.binaryTransitionTable(true);
            JsonNode bt = g.get("binary_corrected");
            for (int i = 0; i < states.size(); i++) {
                for (int j = 0; j < states.size(); j++) {
                    assertEquals(bt.get(i).get(j).asInt(), table[i][j], key + " table " + states.get(i) + " -> "
                            + states.get(j));
                }
            }
            close(g.get("te_direct").asDouble(), gr.topologicalEntropy(), key + " topological entropy");
            for (JsonNode p : g.get("symseq_is_grammatical")) {
                List<String> s = strings(p.get(0));
                boolean symseq = p.get(1).asBoolean();
                assertEquals(symseq, gr.symseqIsGrammatical(s), key + " SymSeq's is_grammatical on " + s);
                if (gr.isGrammatical(s)) {
                    assertTrue(symseq, key + ": exact acceptance is stricter than SymSeq's check, but " + s);
                }
                n++;
            }
            if (nax != null) {
                for (JsonNode t : g.get("label_trial")) {
                    NAX.TrialLabel l = nax.labelTrial(strings(t.get(0)));
                    assertEquals(t.get(1).get(0).asText(), l.label(), "nAX label of " + t.get(0));
                    assertEquals(t.get(1).get(1).asBoolean(), l.target(), "nAX label of " + t.get(0));
                }
            }
        }
        assertEquals(14, root.get("grammars").size());
        assertTrue(n > 200, "only " + n + " strings checked");
    }

    @Test
    void directTopologicalEntropyOfMatricesMatchesNumpy() {
        for (JsonNode m : root.get("matrices")) {
            JsonNode a = m.get("matrix");
            int[][] mat = new int[a.size()][a.size()];
            for (int i = 0; i < mat.length; i++) {
                for (int j = 0; j < mat.length; j++) {
                    mat[i][j] = a.get(i).get(j).asInt();
                }
            }
            close(m.get("te_direct").asDouble(), StringMetrics.topologicalEntropy(mat), "matrix " + a);
        }
    }

    @Test
    void dyckChecksMatchSymSeq() {
        JsonNode d = root.get("dyck");
        DyckLanguage dy = DyckLanguage.builder(2, DyckLanguage.Mode.STACK).maxDepth(d.get("max_depth").asInt())
                .build();
        assertEquals(strings(d.get("distractors")), dy.distractors());
        assertEquals(strings(d.get("alphabet")), dy.alphabet());
        long[] cat = DyckLanguage.catalan(12);
        for (int i = 0; i <= 12; i++) {
            assertEquals(d.get("catalan").get(i).asLong(), cat[i], "Catalan " + i);
        }
        for (JsonNode c : d.get("cases")) {
            List<String> s = strings(c.get(0));
            assertEquals(c.get(1).asBoolean(), dy.isValid(s), "valid " + s);
            assertEquals(c.get(2).asBoolean(), dy.respectsMaxDepth(s), "depth " + s);
        }
    }

    @Test
    void nBackLabelsAndPlannedCountsMatchSymSeq() {
        JsonNode nb = root.get("nback");
        NBack g = NBack.builder(2).length(30).alphabetSize(8).pMatch(0.3).lures(0.1, -1, 1).build();
        List<String> seq = strings(nb.get("sequence"));
        int[] labels = g.labels(seq);
        int[] multi = g.multiclassLabels(seq);
        for (int i = 0; i < seq.size(); i++) {
            assertEquals(nb.get("labels").get(i).asInt(), labels[i], "label " + i);
            assertEquals(nb.get("labels_multiclass").get(i).asInt(), multi[i], "multiclass label " + i);
        }
        JsonNode in = nb.get("intended");
        assertEquals(in.get("match").asInt(), g.intendedMatches());
        assertEquals(in.get("lure").get("-1").asInt(), g.intendedLures().get(-1));
        assertEquals(in.get("lure").get("1").asInt(), g.intendedLures().get(1));
        NBack g3 = NBack.builder(3).length(40).alphabetSize(5).pMatch(0.25).build();
        assertEquals(nb.get("intended3").get("match").asInt(), g3.intendedMatches());
    }

    @Test
    void taskTargetsMatchSymSeq() {
        JsonNode t = root.get("tasks");
        List<String> seq = strings(t.get("sequence"));
        for (int n = 1; n <= 3; n++) {
            assertEquals(nullable(t.get("memory").get(Integer.toString(n))), SymSeqTargets.memory(seq, n), "memory " + n);
            assertEquals(nullable(t.get("prediction").get(Integer.toString(n))), SymSeqTargets.prediction(seq, n),
                    "prediction " + n);
        }
        JsonNode g = t.get("grammaticality");
        List<Boolean> flags = new ArrayList<>();
        g.get("grammatical").forEach(x -> flags.add(x.asBoolean()));
        List<Boolean> out = SymSeqTargets.grammaticality(strings(g.get("sequence")), flags, "#");
        for (int i = 0; i < out.size(); i++) {
            JsonNode e = g.get("output").get(i);
            assertEquals(e.isNull() ? null : e.asBoolean(), out.get(i), "grammaticality target " + i);
            assertEquals(g.get("accept").get(i).asBoolean(), out.get(i) != null, "accept " + i);
        }
        assertFalse(out.get(out.size() - 1) != null, "SymSeq gives the last string (no EOS after it) no decision");
    }

    private static List<String> nullable(JsonNode a) {
        List<String> r = new ArrayList<>();
        a.forEach(x -> r.add(x.isNull() ? null : x.asText()));
        return r;
    }

    @Test
    void everyPresetLoadsByOurNameAndSymSeqsKey() {
        Set<String> labels = new HashSet<>();
        for (String name : GrammarPresets.names()) {
            labels.add(GrammarPresets.get(name).label());
        }
        assertEquals(GrammarPresets.names().size(), labels.size());
        assertEquals(GrammarPresets.get("reber").states(), GrammarPresets.get("FSG_G3_C").states());
        assertEquals(GrammarPresets.get("knowlton").states(), GrammarPresets.get("fsg_g7_g").states());
    }
}
