package io.snn4j.bench.symseq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArtificialGrammarTest {

    static List<String> s(String x) {
        return List.of(x.split(""));
    }

    @Test
    void reber1967AcceptsItsStringsAndRejectsOthersExactly() {
        ArtificialGrammar g = GrammarPresets.get("reber");
        for (String ok : new String[]{"TTS", "TPTS", "TPPPTS", "VVS", "VXVS", "VXXVPS", "TTXVS", "TPTXXVPXVS"}) {
            assertTrue(g.isGrammatical(s(ok)), ok);
            assertTrue(g.isGrammatical(s(ok + "#")), ok + "#");
            assertTrue(g.symseqIsGrammatical(s(ok)), ok);
        }
        for (String bad : new String[]{"TS", "VS", "TT", "TPT", "STS", "TTSS", "VXVSV", "Q"}) {
            assertFalse(g.isGrammatical(s(bad)), bad);
        }
        assertFalse(g.isGrammatical(List.of()));
        // SymSeq's pairwise check accepts prefixes that cannot end: TT, TPT
        assertTrue(g.symseqIsGrammatical(s("TT")));
        assertTrue(g.symseqIsGrammatical(s("TPT")));
        assertFalse(g.symseqIsGrammatical(s("TT#")));
    }

    @Test
    void everyPresetGeneratesGrammaticalStringsInRangeAndDeviantsAreNot() {
        Rng rng = new Rng(3);
        for (String name : GrammarPresets.names()) {
            ArtificialGrammar g = GrammarPresets.get(name);
            for (int i = 0; i < 200; i++) {
                List<String> str = g.generateString(rng, 2, 15);
                assertTrue(str.size() >= 2 && str.size() <= 15, name + " " + str);
                assertTrue(g.isGrammatical(str), name + " " + str);
                if (name.equals("markov2")) {
                    continue; // every string of 3 or more symbols over {A, B} is grammatical: no deviant exists
                }
                List<String> bad = g.addDeviants(str, 1, rng);
                assertEquals(str.size(), bad.size());
                assertFalse(g.isGrammatical(bad), name + " deviant " + bad + " of " + str);
                int diff = 0;
                for (int k = 0; k < str.size(); k++) {
                    diff += str.get(k).equals(bad.get(k)) ? 0 : 1;
                }
                assertEquals(1, diff, name + " one deviant: " + str + " -> " + bad);
            }
            assertTrue(g.topologicalEntropy() > 0, name);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GrammarPresets.get("markov2").addDeviants(s("ABBA"), 1, new Rng(1)));
        assertTrue(e.getMessage().contains("could not make [A, B, B, A] non-grammatical"), e.getMessage());
    }

    @Test
    void walksFollowTheTransitionProbabilities() {
        ArtificialGrammar g = GrammarPresets.get("knowlton");
        Rng rng = new Rng(11);
        Map<String, Integer> first = new HashMap<>();
        Map<String, Integer> afterX = new HashMap<>();
        int n = 20000;
        int xs = 0;
        for (int i = 0; i < n; i++) {
            List<String> st = g.generateStates(rng, 0, 10_000);
            first.merge(st.get(0), 1, Integer::sum);
            // X(1) -> X(1) | V(1), 1/2 each
            for (int k = 0; k + 1 < st.size(); k++) {
                if (st.get(k).equals("X(1)")) {
                    afterX.merge(st.get(k + 1), 1, Integer::sum);
                    xs++;
                }
            }
        }
        assertEquals(0.5, first.get("X(1)") / (double) n, 0.015);
        assertEquals(0.5, first.get("V(1)") / (double) n, 0.015);
        assertEquals(0.5, afterX.get("X(1)") / (double) xs, 0.015);
        assertEquals(0.5, afterX.get("V(1)") / (double) xs, 0.015);
    }

    @Test
    void nextSymbolDistributionIsTheForwardAlgorithm() {
        ArtificialGrammar g = GrammarPresets.get("reber");
        Map<String, Double> p = g.nextSymbolDistribution(s("T"));
        assertEquals(0.5, p.get("P"), 1e-15);
        assertEquals(0.5, p.get("T"), 1e-15);
        assertEquals(0.0, p.get("S"), 1e-15);
        p = g.nextSymbolDistribution(s("TT"));
        assertEquals(0.5, p.get("S"), 1e-15);
        assertEquals(0.5, p.get("X"), 1e-15);
        p = g.nextSymbolDistribution(s("TTS"));
        assertEquals(1.0, p.get("#"), 1e-15);
        p = g.nextSymbolDistribution(List.of());
        assertEquals(0.5, p.get("T"), 1e-15);
        assertEquals(0.5, p.get("V"), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> g.nextSymbolDistribution(s("TS")));
    }

    @Test
    void setsHaveTheAskedFractionAndFlagsThatMatchAcceptance() {
        ArtificialGrammar g = GrammarPresets.get("knowlton");
        ArtificialGrammar.StringSet set = g.generateSet(101, 3, 12, 0.3, 2, true, new Rng(5));
        assertEquals(101, set.size());
        int bad = 0;
        for (int i = 0; i < set.size(); i++) {
            assertEquals(set.grammatical()[i], g.isGrammatical(set.strings().get(i)), set.strings().get(i).toString());
            bad += set.grammatical()[i] ? 0 : 1;
            assertTrue(set.strings().get(i).size() >= 3 && set.strings().get(i).size() <= 12);
        }
        assertEquals(30, bad);
        ArtificialGrammar.StringSet again = g.generateSet(101, 3, 12, 0.3, 2, true, new Rng(5));
        assertEquals(set.strings(), again.strings());
        assertNotEquals(set.strings(), g.generateSet(101, 3, 12, 0.3, 2, true, new Rng(6)).strings());
        ArtificialGrammar.StringSet unique = g.generateSet(40, 3, 8, 0.5, 1, false, new Rng(7));
        Set<List<String>> seen = new HashSet<>(unique.strings());
        assertEquals(40, seen.size());
        // Elman has only three strings (ba, dii, guuu): 4 distinct ones cannot exist
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GrammarPresets.get("elman").generateSet(4, 1, 10, 0, 1, false, new Rng(1)));
        assertTrue(e.getMessage().contains("distinct"), e.getMessage());
    }

    @Test
    void terminalStatesWithoutEosGetOneAndAreNormalisedAsInSymSeq() {
        ArtificialGrammar g = ArtificialGrammar.builder("t").alphabet("a", "b").states("a", "b").start("a")
                .terminal("a", "b").transition("a", "b", 1.0).build();
        // a had explicit transitions summing to 1 and no EOS: SymSeq adds EOS (1) and normalises -> 1/2, 1/2
        assertEquals(0.5, g.probability("a", "b"), 1e-15);
        assertEquals(0.5, g.probability("a", "#"), 1e-15);
        assertEquals(1.0, g.probability("b", "#"), 1e-15);
    }

    @Test
    void badGrammarsAreRefusedWithClearMessages() {
        assertMessage(() -> ArtificialGrammar.builder("g").alphabet("a", "b").states("a", "b").start("a")
                .terminal("b").transition("a", "b", 0.7).transition("a", "a", 0.2).build(),
                "transition probabilities out of state 'a' sum to 0.9", "expected 1");
        assertMessage(() -> ArtificialGrammar.builder("g").alphabet("a").states("a").start("a").terminal("a")
                .transition("a", "a", 1.5).build(), "a -> a", "probability 1.5 is not in (0, 1]");
        assertMessage(() -> ArtificialGrammar.builder("g").alphabet("a").states("a", "c").start("a").terminal("a")
                .build(), "state 'c' emits symbol 'c', which is not in the alphabet");
        assertMessage(() -> ArtificialGrammar.builder("g").alphabet("a").states("a").start("z").terminal("a").build(),
                "start state 'z'");
        assertMessage(() -> ArtificialGrammar.builder("g").alphabet("a").states("a").start("a").build(),
                "no terminal states");
        assertMessage(() -> ArtificialGrammar.builder("g").states("a").start("a").terminal("a").build(),
                "alphabet is empty");
        assertMessage(() -> ArtificialGrammar.builder("g").alphabet("a", "b").states("a", "b").start("a")
                .terminal("a").transition("a", "b", 0.5).transition("a", "#", 0.5).build(),
                "state 'b' has no outgoing transitions");
        assertMessage(() -> ArtificialGrammar.builder("g").alphabet("a", "b").states("a", "b").start("a")
                .terminal("a").transition("a", "b", 0.5).transition("a", "#", 0.5).transition("b", "b", 1.0)
                .build(), "no string can end from state 'b'");
        assertMessage(() -> ArtificialGrammar.builder("g").alphabet("a").states("a").start("a").terminal("a")
                .transition("a", "q", 1.0).build(), "unknown target state 'q'");
        assertMessage(() -> ArtificialGrammar.builder("g").alphabet("a", "b").states("a", "b").start("a")
                .terminal("b").transition("a", "b", 0.5).transition("a", "#", 0.5).transition("b", "#", 1).build(),
                "state 'a' moves to the end of the string");
        assertMessage(() -> GrammarPresets.get("reber2000"), "unknown grammar preset 'reber2000'", "reber1967");
        assertMessage(() -> GrammarPresets.get("reber").generateString(new Rng(1), 5, 2), "length range");
        assertMessage(() -> GrammarPresets.get("reber").addDeviants(s("TTS"), 4, new Rng(1)), "4 deviants");
    }

    static void assertMessage(Runnable r, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    @Test
    void synthesisReachesTheTargetEntropyWithAValidGrammar() {
        for (double target : new double[]{0.3, 0.7, 1.1}) {
            ArtificialGrammar g = GrammarSynthesis.of(target, 6).build(new Rng(2));
            assertEquals(target, g.topologicalEntropy(), 0.01 * target, g.toString());
            assertEquals(7, g.states().size());
            Rng rng = new Rng(4);
            for (int i = 0; i < 20; i++) {
                assertTrue(g.isGrammatical(g.generateString(rng)));
            }
            // deterministic
            assertEquals(g.transitions(), GrammarSynthesis.of(target, 6).build(new Rng(2)).transitions());
        }
        ArtificialGrammar two = GrammarSynthesis.of(0.9, 8).startStates(2).terminalStates(3).tolerance(0.02)
                .build(new Rng(9));
        assertEquals(0.9, two.topologicalEntropy(), 0.02 * 0.9);
        assertEquals(2, two.startStates().size());
        assertEquals(3, two.terminalStates().size());
        assertMessage(() -> GrammarSynthesis.of(2.0, 4).build(new Rng(1)), "exceeds the largest possible with 4");
        assertMessage(() -> GrammarSynthesis.of(-1, 4), "must be > 0");
        assertMessage(() -> GrammarSynthesis.of(0.5, 0), "alphabet size must be in [2, 52], got 0");
    }
}
