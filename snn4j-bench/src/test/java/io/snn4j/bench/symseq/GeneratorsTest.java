package io.snn4j.bench.symseq;

import static io.snn4j.bench.symseq.ArtificialGrammarTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dyck, non-adjacent dependencies, n-back and n-AX: generation, grammaticality checks, bad parameters. */
class GeneratorsTest {

    static List<String> s(String x) {
        return ArtificialGrammarTest.s(x);
    }

    @Test
    void dyckStackStringsAreBalancedWithinDepthAndCorruptionsAreNot() {
        DyckLanguage d = DyckLanguage.builder(3, DyckLanguage.Mode.STACK).pOpen(0.45).maxDepth(3).build();
        assertEquals(List.of("0", "1", "A", "B", "C", "a", "b", "c"), d.alphabet());
        Rng rng = new Rng(1);
        int maxDepth = 0;
        for (int i = 0; i < 500; i++) {
            List<String> x = d.generateString(rng);
            assertTrue(d.isGrammatical(x), x.toString());
            int depth = 0;
            for (String t : x) {
                depth += Character.isLowerCase(t.charAt(0)) ? 1 : -1;
                maxDepth = Math.max(maxDepth, depth);
            }
            List<String> withD = d.generateString(rng, 2);
            assertEquals(2, withD.stream().filter(t -> t.equals("0") || t.equals("1")).count());
            assertTrue(d.isValid(withD));
            assertFalse(d.isValid(d.generateNongrammatical(rng, 1, List.of())));
            assertFalse(d.isValid(d.generateNongrammatical(rng, 2, List.of(DyckLanguage.Violation.SWAP_ADJACENT))));
        }
        assertEquals(3, maxDepth, "p_open 0.45 reaches the depth limit");
        assertTrue(d.isValid(s("abBcCA")));
        assertFalse(d.isValid(s("abAB")));
        assertFalse(d.isGrammatical(s("aaaaAAAA")), "deeper than 3");
        assertTrue(d.isValid(s("aaaaAAAA")));
    }

    @Test
    void dyckUniformModeIsUniformOverCatalanStructures() {
        DyckLanguage d = DyckLanguage.builder(1, DyckLanguage.Mode.UNIFORM).targetPairs(3).defaultDistractors(0)
                .build();
        Rng rng = new Rng(2);
        Map<List<String>, Integer> counts = new HashMap<>();
        int n = 10000;
        for (int i = 0; i < n; i++) {
            List<String> x = d.generateString(rng);
            assertEquals(6, x.size());
            assertTrue(d.isGrammatical(x));
            counts.merge(x, 1, Integer::sum);
        }
        assertEquals(5, counts.size(), "C_3 = 5 structures");
        for (int c : counts.values()) {
            assertEquals(0.2, c / (double) n, 0.02);
        }
        assertMessage(() -> DyckLanguage.builder(2, DyckLanguage.Mode.STACK).pOpen(0.5).build(),
                "pOpen must be in (0, 0.5), got 0.5");
        assertMessage(() -> DyckLanguage.builder(2, DyckLanguage.Mode.UNIFORM).build(), "number of pairs");
        assertMessage(() -> DyckLanguage.builder(0, DyckLanguage.Mode.STACK).build(), "k (bracket types)");
        assertMessage(() -> DyckLanguage.mode("queue"), "unknown mode 'queue'");
    }

    @Test
    void nonAdjacentDependenciesMatchTheirPairs() {
        Rng rng = new Rng(3);
        NonAdjacentDependencies nad = NonAdjacentDependencies.builder(NonAdjacentDependencies.Kind.ADJACENT).pairs(3)
                .fillers(2).fillerLength(3).build();
        assertEquals(List.of("A0", "A1", "A2", "B0", "B1", "B2", "X0", "X1"), nad.alphabet());
        NonAdjacentDependencies nested = NonAdjacentDependencies.builder(NonAdjacentDependencies.Kind.NESTED).pairs(3)
                .build();
        NonAdjacentDependencies crossed = NonAdjacentDependencies.builder(NonAdjacentDependencies.Kind.CROSSED)
                .pairs(4).depth(2).build();
        for (int i = 0; i < 300; i++) {
            List<String> a = nad.generateString(rng);
            assertEquals(5, a.size());
            assertEquals(a.get(0).substring(1), a.get(4).substring(1), a.toString());
            assertTrue(nad.isGrammatical(a));
            assertFalse(nad.isGrammatical(nad.generateNongrammatical(rng)));
            List<String> n = nested.generateString(rng);
            assertEquals(6, n.size());
            assertTrue(nested.isGrammatical(n), n.toString());
            assertFalse(nested.isGrammatical(nested.generateNongrammatical(rng)));
            List<String> c = crossed.generateString(rng);
            assertEquals(4, c.size());
            assertTrue(crossed.isGrammatical(c), c.toString());
            assertFalse(crossed.isGrammatical(crossed.generateNongrammatical(rng)));
        }
        assertTrue(nested.isGrammatical(List.of("A0", "A2", "A1", "B1", "B2", "B0")));
        assertFalse(nested.isGrammatical(List.of("A0", "A2", "A1", "B0", "B2", "B1")), "crossed is not nested");
        assertTrue(crossed.isGrammatical(List.of("A3", "A1", "B3", "B1")));
        assertFalse(crossed.isGrammatical(List.of("A3", "A1", "B1", "B3")), "nested is not crossed");
        assertTrue(nad.isGrammatical(List.of("A1", "X0", "X0", "X0", "B1")));
        assertFalse(nad.isGrammatical(List.of("A1", "X0", "X1", "X0", "B1")), "fillers are not randomised");
        assertFalse(nad.isGrammatical(List.of("A1", "X0", "X0", "B1")), "filler length is 3");
        assertMessage(() -> NonAdjacentDependencies.builder(NonAdjacentDependencies.Kind.NESTED).pairs(2).depth(3)
                .build(), "depth (pairs per string) must be in [1, 2], got 3");
        assertMessage(() -> NonAdjacentDependencies.builder(NonAdjacentDependencies.Kind.ADJACENT).pairs(0).build(),
                "number of dependency pairs must be >= 1");
        assertMessage(() -> NonAdjacentDependencies.builder(NonAdjacentDependencies.Kind.ADJACENT).pairs(1).build()
                .generateNongrammatical(new Rng(1)), "at least 2 dependency pairs");
    }

    @Test
    void nBackSequencesHaveExactlyThePlannedMatchesAndLures() {
        NBack nb = NBack.builder(2).length(30).alphabetSize(6).pMatch(0.3).lures(0.1, -1, 1).build();
        assertEquals(8, nb.intendedMatches());
        Rng rng = new Rng(4);
        for (int i = 0; i < 200; i++) {
            List<String> x = nb.generateString(rng);
            assertTrue(nb.conforms(x));
            assertEquals(8, nb.matchCount(x));
            for (int k : new int[]{-1, 1}) {
                int lures = 0;
                for (int p = Math.max(2, 2 + k); p < x.size(); p++) {
                    lures += !x.get(p).equals(x.get(p - 2)) && x.get(p).equals(x.get(p - 2 - k)) ? 1 : 0;
                }
                assertTrue(lures >= 3, "planned 3 lures at offset " + k + ": " + x);
            }
        }
        NBack sampled = NBack.builder(3).length(50).pMatch(0.4).countMode(NBack.CountMode.SAMPLE).build();
        int total = 0;
        for (int i = 0; i < 200; i++) {
            total += sampled.matchCount(sampled.generateString(rng));
        }
        assertEquals(0.4 * 47, total / 200.0, 1.0);
        assertMessage(() -> NBack.builder(0).build(), "n must be >= 1");
        assertMessage(() -> NBack.builder(2).alphabetSize(0).build(), "alphabet size must be >= 1, got 0");
        assertMessage(() -> NBack.builder(2).alphabetSize(1).build(), "at least 2 symbols");
        assertMessage(() -> NBack.builder(2).length(2).build(), "sequence length must be > n");
        assertMessage(() -> NBack.builder(2).lures(0.1, 0).build(), "must not contain 0");
        assertMessage(() -> NBack.builder(2).pMatch(0.9).lures(0.5, 1).build(), "cannot fit");
    }

    @Test
    void naxTrialsAreGrammaticalAndTargetsFollowPTarget() {
        NAX nax = new NAX(0.7);
        Rng rng = new Rng(5);
        int targets = 0;
        int n = 10000;
        for (int i = 0; i < n; i++) {
            List<String> t = nax.generateString(rng);
            assertTrue(nax.isGrammatical(t), t.toString());
            boolean target = nax.isTarget(t);
            targets += target ? 1 : 0;
            assertEquals(target, nax.labelTrial(t).label().endsWith("->T"));
        }
        assertEquals(0.7, targets / (double) n, 0.015);
        List<String> fixed = nax.generateString(rng, 4);
        assertEquals(7, fixed.size());
        assertFalse(nax.isGrammatical(List.of("1", "B", "X")), "cue B belongs to context 2");
        assertFalse(nax.isGrammatical(List.of("1", "A", "C")), "no probe");
        assertTrue(nax.isGrammatical(List.of("2", "B", "C", "D", "X")), "a lure is grammatical");
        assertMessage(() -> new NAX(1.5), "pTarget must be in [0, 1]");
        assertMessage(() -> new NAX(List.of("1"), List.of("A"), List.of("X"), List.of(), null, 0.5), "at least 2");
    }

    @Test
    void spectralRadiusOfKnownGraphs() {
        int[][] complete = new int[5][5];
        for (int[] row : complete) {
            java.util.Arrays.fill(row, 1);
        }
        assertEquals(Math.log(5), StringMetrics.topologicalEntropy(complete), 1e-13);
        assertEquals(Math.log((1 + Math.sqrt(5)) / 2), StringMetrics.topologicalEntropy(new int[][]{{1, 1}, {1, 0}}),
                1e-13);
        int[][] cycle = new int[40][40];
        for (int i = 0; i < 40; i++) {
            cycle[i][(i + 1) % 40] = 1;
        }
        assertEquals(0.0, StringMetrics.topologicalEntropy(cycle), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, StringMetrics.topologicalEntropy(new int[][]{{0, 1}, {0, 0}}));
        assertMessage(() -> StringMetrics.topologicalEntropy(new int[][]{{2}}), "binary transition table");
        assertEquals(3, Spectral.componentCount(new int[][]{{1}, {2}, {}}));
    }

    @Test
    void metricsOnTokensAndBadInputs() {
        // LZW on multi-character symbols (SymSeq would raise): A1 B A1 B A1 B -> A1, B, A1B, A1B? phrases
        List<String> t = List.of("A1", "B", "A1", "B", "A1", "B");
        assertEquals(4, (int) StringMetrics.lzwComplexity(t, false));
        assertEquals(4, (int) StringMetrics.lzwComplexity(s("ababab"), false));
        assertMessage(() -> StringMetrics.compressibility(List.of()), "empty");
        assertMessage(() -> StringMetrics.blockEntropy(s("ab"), 0), "block size must be >= 1");
        assertEquals(0.0, StringMetrics.entropy(List.of()));
        assertEquals(1.0, StringMetrics.entropy(s("abab"), false), 1e-15);
        assertEquals(1.0 + 1 / (2.0 * 4 * Math.log(2)), StringMetrics.entropy(s("abab")), 1e-15);
        // 3-grams aab abb bba baa aab abb: probabilities 1/3, 1/3, 1/6, 1/6
        double l2 = Math.log(2);
        assertEquals(2.0 / 3 * Math.log(3) / l2 + 1.0 / 3 * Math.log(6) / l2, StringMetrics.blockEntropy(s("aabbaabb"), 3),
                1e-15);
    }
}
