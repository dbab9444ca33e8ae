package io.snn4j.bench.symseq;

import static io.snn4j.bench.symseq.ArtificialGrammarTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.bench.symseq.StringSetMetrics.Distance;
import io.snn4j.bench.symseq.StringSetMetrics.Information;
import io.snn4j.bench.symseq.StringSetMetrics.MiMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link StringSetMetrics} against values SymSeq computed itself, hand-checkable cases and bad inputs.
 *
 * <p>The golden values below were produced by running SymSeq's own functions (package symseq 0.1.0, commit
 * ffe5d89: {@code symseq.metrics.stringset.distances.pairwise_distances} with metric edit/hamming/ncd,
 * {@code information.pairwise_mutual_information} with mi/nmi x joint/aligned, {@code string_set_entropy} with
 * {@code use_frequencies} False/True, and {@code chunk_strength.global_acs_knowlton96}, {@code anchor_acs_knowlton96},
 * {@code acs_bailey2008}) with /usr/bin/python3 3.11 and NumPy 1.24.2 on the sets below, and printing the results
 * with {@code repr()}. NLTK (used by SymSeq's edit distance) was NLTK 3.8's {@code nltk/metrics/distance.py} loaded
 * as {@code nltk}; SymSeq's other unrelated imports (pandas, networkx, scikit-learn, more_itertools) were stubbed.
 * The script was scratch and is not kept; the "long" strings came from NumPy's {@code default_rng(7)}.
 */
class StringSetMetricsTest {
    private static final double TOL = 1e-12;

    /** Symbols separated by spaces ({@code ""} is the empty string). */
    private static List<String> w(String spaced) {
        return spaced.isEmpty() ? List.of() : List.of(spaced.split(" "));
    }

    /** One symbol per character. */
    private static List<String> c(String chars) {
        return chars.isEmpty() ? List.of() : List.of(chars.split(""));
    }

    private static List<List<String>> set(String... spaced) {
        List<List<String>> r = new ArrayList<>();
        for (String s : spaced) {
            r.add(w(s));
        }
        return r;
    }

    private record Golden(String name, List<List<String>> set, double[][] edit, double[][] hamming, double[][] ncd,
            double[][] miJoint, double[][] miAligned, double[][] nmiJoint, double[][] nmiAligned,
            double entropyUniform, double entropyFrequencies) {
    }

    private record Acs(int nMin, int nMax, double[] global, double[] anchor, double[] bailey) {
    }

    private static final List<Golden> GOLDENS = List.of(
            new Golden("mixed",
                set("T T S", "T P T S", "V X V S", "T P P T S", "V V S", "T T S"),
                new double[][]{
                    {0.0, 1.0, 3.0, 2.0, 2.0, 0.0},
                    {1.0, 0.0, 3.0, 1.0, 3.0, 1.0},
                    {3.0, 3.0, 0.0, 4.0, 1.0, 3.0},
                    {2.0, 1.0, 4.0, 0.0, 4.0, 2.0},
                    {2.0, 3.0, 1.0, 4.0, 0.0, 2.0},
                    {0.0, 1.0, 3.0, 2.0, 2.0, 0.0}},
                new double[][]{
                    {0.0, Double.NaN, Double.NaN, Double.NaN, 2.0, 0.0},
                    {Double.NaN, 0.0, 3.0, Double.NaN, Double.NaN, Double.NaN},
                    {Double.NaN, 3.0, 0.0, Double.NaN, Double.NaN, Double.NaN},
                    {Double.NaN, Double.NaN, Double.NaN, 0.0, Double.NaN, Double.NaN},
                    {2.0, Double.NaN, Double.NaN, Double.NaN, 0.0, 2.0},
                    {0.0, Double.NaN, Double.NaN, Double.NaN, 2.0, 0.0}},
                new double[][]{
                    {0.0, 0.16666666666666666, 0.16666666666666666, 0.2, 0.13043478260869565, 0.13043478260869565},
                    {0.16666666666666666, 0.0, 0.16666666666666666, 0.12, 0.16666666666666666, 0.16666666666666666},
                    {0.16666666666666666, 0.16666666666666666, 0.0, 0.2, 0.16666666666666666, 0.16666666666666666},
                    {0.2, 0.12, 0.2, 0.0, 0.2, 0.2},
                    {0.13043478260869565, 0.16666666666666666, 0.16666666666666666, 0.2, 0.0, 0.13043478260869565},
                    {0.13043478260869565, 0.16666666666666666, 0.16666666666666666, 0.2, 0.13043478260869565, 0.0}},
                new double[][]{
                    {1.2789695942767305, 1.434535982716483, 0.7600577655101284, 1.2888752304900177,
                        0.492078340869317, 1.2789695942767305},
                    {1.434535982716483, 2.0410106403333614, 1.110673760222241, 1.9803483575422507,
                        0.7600577655101288, 1.434535982716483},
                    {0.7600577655101284, 1.110673760222241, 2.0410106403333614, 1.0695058527586467,
                        1.434535982716483, 0.7600577655101288},
                    {1.2888752304900177, 1.9803483575422507, 1.0695058527586467, 1.9547366071540508,
                        0.6987067904344575, 1.2888752304900177},
                    {0.492078340869317, 0.7600577655101288, 1.434535982716483, 0.6987067904344575,
                        1.2789695942767305, 0.492078340869317},
                    {1.2789695942767305, 1.434535982716483, 0.7600577655101288, 1.2888752304900177,
                        0.492078340869317, 1.2789695942767305}},
                new double[][]{
                    {1.1587450075359835, Double.NaN, Double.NaN, Double.NaN, 1.1587450075359835, 1.1587450075359835},
                    {Double.NaN, 1.860673760222241, 1.860673760222241, Double.NaN, Double.NaN, Double.NaN},
                    {Double.NaN, 1.860673760222241, 1.860673760222241, Double.NaN, Double.NaN, Double.NaN},
                    {Double.NaN, Double.NaN, Double.NaN, 1.8104671030651547, Double.NaN, Double.NaN},
                    {1.1587450075359835, Double.NaN, Double.NaN, Double.NaN, 1.1587450075359835, 1.1587450075359835},
                    {1.1587450075359835, Double.NaN, Double.NaN, Double.NaN, 1.1587450075359835, 1.1587450075359835}},
                new double[][]{
                    {1.0, 0.9502067073535202, 0.5034464073855084, 0.8681597558411385, 0.4246649070063295, 1.0},
                    {0.9502067073535202, 1.0, 0.5969202038349705, 1.0, 0.5034464073855086, 0.9502067073535202},
                    {0.5034464073855084, 0.5969202038349705, 1.0, 0.5826558514569973, 0.9502067073535202,
                        0.5034464073855086},
                    {0.8681597558411385, 1.0, 0.5826558514569973, 1.0, 0.47063447433736844, 0.8681597558411385},
                    {0.4246649070063295, 0.5034464073855086, 0.9502067073535202, 0.47063447433736844, 1.0,
                        0.4246649070063295},
                    {1.0, 0.9502067073535202, 0.5034464073855086, 0.8681597558411385, 0.4246649070063295, 1.0}},
                new double[][]{
                    {1.0, Double.NaN, Double.NaN, Double.NaN, 1.0, 1.0},
                    {Double.NaN, 1.0, 1.0, Double.NaN, Double.NaN, Double.NaN},
                    {Double.NaN, 1.0, 1.0, Double.NaN, Double.NaN, Double.NaN},
                    {Double.NaN, Double.NaN, Double.NaN, 1.0, Double.NaN, Double.NaN},
                    {1.0, Double.NaN, Double.NaN, Double.NaN, 1.0, 1.0},
                    {1.0, Double.NaN, Double.NaN, Double.NaN, 1.0, 1.0}},
                2.321928094880149,
                2.2516291673806093),
            new Golden("equal",
                set("A B C A B C", "A B C A B D", "A A A A A A", "C B A C B A", "A B C A B C"),
                new double[][]{
                    {0.0, 1.0, 4.0, 4.0, 0.0},
                    {1.0, 0.0, 4.0, 4.0, 1.0},
                    {4.0, 4.0, 0.0, 4.0, 4.0},
                    {4.0, 4.0, 4.0, 0.0, 4.0},
                    {0.0, 1.0, 4.0, 4.0, 0.0}},
                new double[][]{
                    {0.0, 1.0, 4.0, 4.0, 0.0},
                    {1.0, 0.0, 4.0, 4.0, 1.0},
                    {4.0, 4.0, 0.0, 4.0, 4.0},
                    {4.0, 4.0, 4.0, 0.0, 4.0},
                    {0.0, 1.0, 4.0, 4.0, 0.0}},
                new double[][]{
                    {0.0, 0.0, 0.15384615384615385, 0.15384615384615385, -0.038461538461538464},
                    {0.0, 0.0, 0.19230769230769232, 0.15384615384615385, 0.11538461538461539},
                    {0.15384615384615385, 0.19230769230769232, 0.0, 0.15384615384615385, 0.15384615384615385},
                    {0.15384615384615385, 0.15384615384615385, 0.15384615384615385, 0.0, 0.15384615384615385},
                    {-0.038461538461538464, 0.11538461538461539, 0.15384615384615385, 0.15384615384615385, 0.0}},
                new double[][]{
                    {1.945636260943397, 2.068655846160726, 0.45355792007408025, 1.945636260943397, 1.945636260943397},
                    {2.068655846160726, 2.4593064743878505, 0.68033688011112, 2.068655846160726, 2.068655846160726},
                    {0.45355792007408025, 0.68033688011112, 0.0, 0.45355792007408025, 0.45355792007408025},
                    {1.945636260943397, 2.068655846160726, 0.45355792007408025, 1.945636260943397, 1.945636260943397},
                    {1.945636260943397, 2.068655846160726, 0.45355792007408025, 1.945636260943397,
                        1.945636260943397}},
                new double[][]{
                    {1.82541167420265, 1.82541167420265, 0.0, 1.82541167420265, 1.82541167420265},
                    {1.82541167420265, 2.27896959427673, 0.0, 1.82541167420265, 1.82541167420265},
                    {0.0, 0.0, 0.0, 0.0, 0.0},
                    {1.82541167420265, 1.82541167420265, 0.0, 1.82541167420265, 1.82541167420265},
                    {1.82541167420265, 1.82541167420265, 0.0, 1.82541167420265, 1.82541167420265}},
                new double[][]{
                    {1.0, 1.0, 0.49693767875369466, 1.0, 1.0},
                    {1.0, 1.0, 0.5970565661074883, 1.0, 1.0},
                    {0.49693767875369466, 0.5970565661074883, 0.0, 0.49693767875369466, 0.49693767875369466},
                    {1.0, 1.0, 0.49693767875369466, 1.0, 1.0},
                    {1.0, 1.0, 0.49693767875369466, 1.0, 1.0}},
                new double[][]{
                    {1.0, 0.8894942037774874, 0.0, 1.0, 1.0},
                    {0.8894942037774874, 1.0, 0.0, 0.8894942037774874, 0.8894942037774874},
                    {0.0, 0.0, 0.0, 0.0, 0.0},
                    {1.0, 0.8894942037774874, 0.0, 1.0, 1.0},
                    {1.0, 0.8894942037774874, 0.0, 1.0, 1.0}},
                1.9999999999942293,
                1.9219280948815918),
            new Golden("multi",
                set("A1 B λ", "A 1B λ", "μ λ μ λ", "B A1 B"),
                new double[][]{
                    {0.0, 2.0, 3.0, 2.0},
                    {2.0, 0.0, 3.0, 3.0},
                    {3.0, 3.0, 0.0, 4.0},
                    {2.0, 3.0, 4.0, 0.0}},
                new double[][]{
                    {0.0, 2.0, Double.NaN, 3.0},
                    {2.0, 0.0, Double.NaN, 3.0},
                    {Double.NaN, Double.NaN, 0.0, Double.NaN},
                    {3.0, 3.0, Double.NaN, 0.0}},
                new double[][]{
                    {0.0, 0.12, 0.14814814814814814, 0.2},
                    {0.12, 0.0, 0.14814814814814814, 0.2},
                    {0.14814814814814814, 0.14814814814814814, 0.0, 0.25925925925925924},
                    {0.2, 0.2, 0.25925925925925924, 0.0}},
                new double[][]{
                    {2.306310021165638, 1.3991941810174775, 1.094677797284807, 1.5250087647113888},
                    {1.3991941810174775, 2.306310021165638, 1.094677797284807, 0.49207834086931657},
                    {1.094677797284807, 1.094677797284807, 1.2705053201666807, 0.0797208853990079},
                    {1.5250087647113888, 0.49207834086931657, 0.0797208853990079, 1.2789695942767305}},
                new double[][]{
                    {2.065860847684144, 2.065860847684144, Double.NaN, 1.1587450075359835},
                    {2.065860847684144, 2.065860847684144, Double.NaN, 1.1587450075359835},
                    {Double.NaN, Double.NaN, 1.1803368801111205, Double.NaN},
                    {1.1587450075359835, 1.1587450075359835, Double.NaN, 1.1587450075359835}},
                new double[][]{
                    {1.0, 0.677293527580036, 0.6744369191757672, 0.9458574679709401},
                    {0.677293527580036, 1.0, 0.6744369191757672, 0.30520216296991426},
                    {0.6744369191757672, 0.6744369191757672, 1.0, 0.06816425352188042},
                    {0.9458574679709401, 0.30520216296991426, 0.06816425352188042, 1.0}},
                new double[][]{
                    {1.0, 1.0, Double.NaN, 0.7186893899979486},
                    {1.0, 1.0, Double.NaN, 0.7186893899979486},
                    {Double.NaN, Double.NaN, 1.0, Double.NaN},
                    {0.7186893899979486, 0.7186893899979486, Double.NaN, 1.0}},
                1.9999999999942293,
                1.9999999999942293),
            new Golden("long",
                List.of(c("CDDABDADDBBBBBCCDDCDAACAACBDCCBAAACABADABDCDCCACCDBCABBADBDC"),
                    c("AAAAAAAADAAACAACDDAAADAACAAAAAACAAABAAAADAAACAAAAABDADABCAAC"),
                    c("ACDCCAABABDCBBDBDCCDCCBDBDABCDBDCCCDBBAAADDACBCCBDBCCAABDDCA"),
                    c("ABCDABCDABCDABCDABCDABCDABCDABCDABCDABCDABCDABCDABCDABCDABCD")),
                new double[][]{
                    {0.0, 36.0, 33.0, 34.0},
                    {36.0, 0.0, 42.0, 36.0},
                    {33.0, 42.0, 0.0, 34.0},
                    {34.0, 36.0, 34.0, 0.0}},
                new double[][]{
                    {0.0, 43.0, 40.0, 43.0},
                    {43.0, 0.0, 48.0, 51.0},
                    {40.0, 48.0, 0.0, 45.0},
                    {43.0, 51.0, 45.0, 0.0}},
                new double[][]{
                    {0.0, 0.46296296296296297, 0.4074074074074074, 0.6111111111111112},
                    {0.46296296296296297, 0.0, 0.4716981132075472, 0.5106382978723404},
                    {0.4074074074074074, 0.4716981132075472, 0.0, 0.5849056603773585},
                    {0.6111111111111112, 0.5106382978723404, 0.5849056603773585, 0.0}},
                new double[][]{
                    {2.0524968800241545, 1.5243694207880425, 2.0431137973753066, 2.0528977028923348},
                    {1.5243694207880425, 1.3378709785891858, 1.4767668020763898, 1.5229515410090164},
                    {2.0431137973753066, 1.4767668020763898, 2.0395763612606705, 2.0431891342667665},
                    {2.0528977028923348, 1.5229515410090164, 2.0431891342667665, 2.054101064033336}},
                new double[][]{
                    {2.0344631920130425, 0.008145169481932335, 0.009536255774203362, 0.0},
                    {0.008145169481932335, 1.3198372905780738, 0.07089753361656337, 0.2140645915332251},
                    {0.009536255774203362, 0.07089753361656337, 2.0215426732495585, 0.0},
                    {0.0, 0.2140645915332251, 0.0, 2.036067376022224}},
                new double[][]{
                    {1.0, 0.9089045115066757, 1.0, 1.0},
                    {0.9089045115066757, 1.0, 0.8839262927672059, 0.907625032478556},
                    {1.0, 0.8839262927672059, 1.0, 1.0},
                    {1.0, 0.907625032478556, 1.0, 1.0}},
                new double[][]{
                    {1.0, 0.004856553265997439, 0.004702288946806515, 0.0},
                    {0.004856553265997439, 1.0, 0.04243607993348264, 0.12757489428332505},
                    {0.004702288946806515, 0.04243607993348264, 1.0, 0.0},
                    {0.0, 0.12757489428332505, 0.0, 1.0}},
                1.9999999999942293,
                1.9999999999942293),
            new Golden("edge",
                set("", "A", "A A", "A B", ""),
                new double[][]{
                    {0.0, 1.0, 2.0, 2.0, 0.0},
                    {1.0, 0.0, 1.0, 1.0, 1.0},
                    {2.0, 1.0, 0.0, 1.0, 2.0},
                    {2.0, 1.0, 1.0, 0.0, 2.0},
                    {0.0, 1.0, 2.0, 2.0, 0.0}},
                new double[][]{
                    {0.0, Double.NaN, Double.NaN, Double.NaN, 0.0},
                    {Double.NaN, 0.0, Double.NaN, Double.NaN, Double.NaN},
                    {Double.NaN, Double.NaN, 0.0, 1.0, Double.NaN},
                    {Double.NaN, Double.NaN, 1.0, 0.0, Double.NaN},
                    {0.0, Double.NaN, Double.NaN, Double.NaN, 0.0}},
                new double[][]{
                    {0.0, 0.047619047619047616, 0.09090909090909091, 0.09090909090909091, 0.0},
                    {0.047619047619047616, 0.0, 0.09090909090909091, 0.09090909090909091, 0.047619047619047616},
                    {0.09090909090909091, 0.09090909090909091, 0.0, 0.09090909090909091, 0.09090909090909091},
                    {0.09090909090909091, 0.09090909090909091, 0.09090909090909091, 0.0, 0.09090909090909091},
                    {0.0, 0.047619047619047616, 0.09090909090909091, 0.09090909090909091, 0.0}},
                new double[][]{
                    {0.0, 0.0, 0.0, 0.0, 0.0},
                    {0.0, 0.0, 0.0, 0.20192875268625743, 0.0},
                    {0.0, 0.0, 0.0, 0.36905875565198776, 0.0},
                    {0.0, 0.20192875268625743, 0.36905875565198776, 1.5410106403333614, 0.0},
                    {0.0, 0.0, 0.0, 0.0, 0.0}},
                new double[][]{
                    {0.0, Double.NaN, Double.NaN, Double.NaN, 0.0},
                    {Double.NaN, 0.0, Double.NaN, Double.NaN, Double.NaN},
                    {Double.NaN, Double.NaN, 0.0, 0.0, Double.NaN},
                    {Double.NaN, Double.NaN, 0.0, 1.360673760222241, Double.NaN},
                    {0.0, Double.NaN, Double.NaN, Double.NaN, 0.0}},
                new double[][]{
                    {0.0, 0.0, 0.0, 0.0, 0.0},
                    {0.0, 0.0, 0.0, 0.2968070063367373, 0.0},
                    {0.0, 0.0, 0.0, 0.542464720700881, 0.0},
                    {0.0, 0.2968070063367373, 0.542464720700881, 1.0, 0.0},
                    {0.0, 0.0, 0.0, 0.0, 0.0}},
                new double[][]{
                    {0.0, Double.NaN, Double.NaN, Double.NaN, 0.0},
                    {Double.NaN, 0.0, Double.NaN, Double.NaN, Double.NaN},
                    {Double.NaN, Double.NaN, 0.0, 0.0, Double.NaN},
                    {Double.NaN, Double.NaN, 0.0, 1.0, Double.NaN},
                    {0.0, Double.NaN, Double.NaN, Double.NaN, 0.0}},
                1.9999999999942293,
                1.9219280948815918));

    /** Training and test sets of the ACS goldens (Reber-like strings; the test set has short and empty strings). */
    private static final List<List<String>> ACS_TRAIN = set("T T S", "T P T S", "T P P T S", "T P P P T S", "V V S",
            "V X V S", "V X X V S", "T T X V S", "T P T X V P S", "V X V P X V S");
    private static final List<List<String>> ACS_TEST = set("T T S", "T P T X V S", "V X X V P S", "X X T V", "T S",
            "T", "", "S S S S", "T P P P P P P T S");

    private static final List<Acs> ACS = List.of(
            new Acs(2, 3, new double[]{2.3333333333333335, 3.3333333333333335, 2.0, 0.2, 4.0, 0.0, 0.0, 0.0,
                2.533333333333333},
                    new double[]{2.0, 3.75, 1.5, 0.0, 2.0, 0.0, 0.0, 0.0, 3.25},
                    new double[]{0.46345428512532516, 0.5695031998375779, 0.42782666737770864, 0.052830188679245285,
                        0.5894736842105264, 0.0, 0.0, 0.0, 0.5100815504114703}),
            new Acs(1, 4, new double[]{6.833333333333333, 5.222222222222222, 4.166666666666667, 3.8,
                8.666666666666666, 12.0, 0.0, 4.0, 4.333333333333333},
                    new double[]{4.0, 4.125, 2.75, 0.0, 5.0, 3.0, 0.0, 1.25, 4.0},
                    new double[]{0.49938846526985686, 0.5341773566116091, 0.4276784738724342, 0.2176789146172044,
                        0.5483276349524538, 0.5504587155963303, 0.0, 0.20202020202020204, 0.458568334848852}),
            new Acs(3, 3, new double[]{1.0, 2.25, 1.25, 0.0, 0.0, 0.0, 0.0, 0.0, 1.5714285714285714},
                    new double[]{1.0, 3.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.5},
                    new double[]{0.3829787234042553, 0.550885579556319, 0.42569558101472993, 0.0, 0.0, 0.0, 0.0,
                        0.0, 0.47002994442112617}),
            new Acs(1, 1, new double[]{11.333333333333334, 10.166666666666666, 9.166666666666666, 9.25, 11.0, 12.0,
                0.0, 10.0, 9.777777777777779},
                    new double[]{8.0, 8.0, 7.0, 0.0, 8.0, 3.0, 0.0, 5.0, 8.0},
                    new double[]{0.5353226454143886, 0.5050340268352176, 0.4791332583885775, 0.4781595506939543,
                        0.5277546103234176, 0.5504587155963303, 0.0, 0.5050505050505051, 0.4975898179750089}),
            new Acs(2, 6, new double[]{2.3333333333333335, 2.2666666666666666, 1.3333333333333333,
                0.16666666666666666, 4.0, 0.0, 0.0, 0.0, 1.4333333333333333},
                    new double[]{2.0, 1.8, 0.8, 0.0, 2.0, 0.0, 0.0, 0.0, 1.7},
                    new double[]{0.46345428512532516, 0.4723325505331774, 0.3215608652914901, 0.0440251572327044,
                        0.5894736842105264, 0.0, 0.0, 0.0, 0.3259580561230161}));

    private static void assertMatrix(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, what + ": row " + i);
            for (int j = 0; j < expected[i].length; j++) {
                String at = what + " [" + i + "][" + j + "]";
                if (Double.isNaN(expected[i][j])) {
                    assertTrue(Double.isNaN(actual[i][j]), at + ": expected NaN, got " + actual[i][j]);
                } else {
                    assertEquals(expected[i][j], actual[i][j], TOL, at);
                }
            }
        }
    }

    /** The matrices are filled in parallel; every thread count gives every pair's own value. */
    @Test
    void parallelMatricesEqualPairByPairValuesForAnyThreadCount() {
        io.snn4j.core.Rng rng = new io.snn4j.core.Rng(5);
        List<List<String>> set = new java.util.ArrayList<>();
        for (int k = 0; k < 101; k++) {
            List<String> s = new java.util.ArrayList<>();
            int n = 1 + rng.nextInt(12);
            for (int c = 0; c < n; c++) {
                s.add(String.valueOf((char) ('A' + rng.nextInt(4))));
            }
            set.add(s);
        }
        int threads = io.snn4j.core.kernel.Parallel.threads();
        try {
            for (int th : new int[] {1, 2, 3}) {
                io.snn4j.core.kernel.Parallel.setThreads(th);
                double[][] e = StringSetMetrics.pairwiseDistances(set, StringSetMetrics.Distance.NCD);
                double[][] m = StringSetMetrics.pairwiseMutualInformation(set, StringSetMetrics.Information.NMI,
                        StringSetMetrics.MiMethod.JOINT);
                for (int a = 0; a < set.size(); a++) {
                    assertEquals(0.0, e[a][a], 0.0);
                    for (int b = a; b < set.size(); b++) {
                        if (b > a) {
                            double v = StringSetMetrics.normalizedCompressionDistance(set.get(a), set.get(b));
                            assertEquals(v, e[a][b], 0.0, th + " threads, NCD " + a + "," + b);
                            assertEquals(v, e[b][a], 0.0);
                        }
                        double mi = StringSetMetrics.normalizedMutualInformation(set.get(a), set.get(b),
                                StringSetMetrics.MiMethod.JOINT);
                        assertEquals(mi, m[a][b], 0.0, th + " threads, NMI " + a + "," + b);
                        assertEquals(mi, m[b][a], 0.0);
                    }
                }
            }
        } finally {
            io.snn4j.core.kernel.Parallel.setThreads(threads);
        }
    }

    @Test
    void pairwiseDistancesMatchSymSeq() {
        for (Golden g : GOLDENS) {
            assertMatrix(g.edit(), StringSetMetrics.pairwiseDistances(g.set()), g.name() + " edit");
            assertMatrix(g.edit(), StringSetMetrics.pairwiseDistances(g.set(), Distance.EDIT), g.name() + " edit");
            assertMatrix(g.hamming(), StringSetMetrics.pairwiseDistances(g.set(), Distance.HAMMING),
                    g.name() + " hamming");
            assertMatrix(g.ncd(), StringSetMetrics.pairwiseDistances(g.set(), Distance.NCD), g.name() + " NCD");
        }
    }

    @Test
    void pairwiseInformationAndSetEntropyMatchSymSeq() {
        for (Golden g : GOLDENS) {
            assertMatrix(g.miJoint(), StringSetMetrics.pairwiseMutualInformation(g.set()), g.name() + " MI joint");
            assertMatrix(g.miAligned(), StringSetMetrics.pairwiseMutualInformation(g.set(), Information.MI,
                    MiMethod.ALIGNED), g.name() + " MI aligned");
            assertMatrix(g.nmiJoint(), StringSetMetrics.pairwiseMutualInformation(g.set(), Information.NMI,
                    MiMethod.JOINT), g.name() + " NMI joint");
            assertMatrix(g.nmiAligned(), StringSetMetrics.pairwiseMutualInformation(g.set(), Information.NMI,
                    MiMethod.ALIGNED), g.name() + " NMI aligned");
            assertEquals(g.entropyUniform(), StringSetMetrics.stringSetEntropy(g.set()), TOL, g.name() + " entropy");
            assertEquals(g.entropyFrequencies(), StringSetMetrics.stringSetEntropy(g.set(), true), TOL,
                    g.name() + " entropy (frequencies)");
        }
    }

    @Test
    void singlePairFunctionsAgreeWithTheMatrices() {
        Golden g = GOLDENS.get(1);   // "equal": all strings of length 6
        List<List<String>> s = g.set();
        for (int i = 0; i < s.size(); i++) {
            for (int j = 0; j < s.size(); j++) {
                if (i == j) {
                    continue;
                }
                assertEquals(g.edit()[i][j], StringSetMetrics.editDistance(s.get(i), s.get(j)));
                assertEquals(g.hamming()[i][j], StringSetMetrics.hammingDistance(s.get(i), s.get(j)));
                // NCD is not symmetric (C(xy) != C(yx)): the matrix holds NCD(s_i, s_j) for i < j, mirrored
                assertEquals(g.ncd()[i][j], StringSetMetrics.normalizedCompressionDistance(s.get(Math.min(i, j)),
                        s.get(Math.max(i, j))), TOL);
            }
            for (int j = 0; j < s.size(); j++) {
                assertEquals(g.miJoint()[i][j], StringSetMetrics.mutualInformation(s.get(i), s.get(j)), TOL);
                assertEquals(g.miAligned()[i][j], StringSetMetrics.mutualInformation(s.get(i), s.get(j),
                        MiMethod.ALIGNED), TOL);
                assertEquals(g.nmiJoint()[i][j], StringSetMetrics.normalizedMutualInformation(s.get(i), s.get(j)),
                        TOL);
                assertEquals(g.nmiAligned()[i][j], StringSetMetrics.normalizedMutualInformation(s.get(i), s.get(j),
                        MiMethod.ALIGNED), TOL);
            }
        }
    }

    @Test
    void associativeChunkStrengthMatchesSymSeq() {
        for (Acs a : ACS) {
            String r = " n " + a.nMin() + ".." + a.nMax();
            assertArrayEquals(a.global(), StringSetMetrics.globalAcsKnowlton96(ACS_TRAIN, ACS_TEST, a.nMin(),
                    a.nMax()), TOL, "global ACS" + r);
            assertArrayEquals(a.anchor(), StringSetMetrics.anchorAcsKnowlton96(ACS_TRAIN, ACS_TEST, a.nMin(),
                    a.nMax()), TOL, "anchor ACS" + r);
            assertArrayEquals(a.bailey(), StringSetMetrics.acsBailey2008(ACS_TRAIN, ACS_TEST, a.nMin(), a.nMax()),
                    TOL, "Bailey ACS" + r);
        }
        assertArrayEquals(ACS.get(0).global(), StringSetMetrics.globalAcsKnowlton96(ACS_TRAIN, ACS_TEST), TOL);
        assertArrayEquals(ACS.get(0).anchor(), StringSetMetrics.anchorAcsKnowlton96(ACS_TRAIN, ACS_TEST), TOL);
        assertArrayEquals(ACS.get(0).bailey(), StringSetMetrics.acsBailey2008(ACS_TRAIN, ACS_TEST), TOL);
        // the "long" strings as training set, SymSeq's default range 2..3
        List<List<String>> train = GOLDENS.get(3).set();
        List<List<String>> test = new ArrayList<>(train.subList(0, 2));
        test.addAll(List.of(c("ABCD"), c("DCBA"), c("AAAA"), c("AB")));
        assertArrayEquals(new double[]{9.965811965811966, 19.205128205128204, 21.0, 5.0, 31.2, 26.0},
                StringSetMetrics.globalAcsKnowlton96(train, test), TOL);
        assertArrayEquals(new double[]{1.0, 1.0, 1.0, 0.0, 0.5, 0.5}, StringSetMetrics.anchorAcsKnowlton96(train,
                test), TOL);
        assertArrayEquals(new double[]{0.4621524388864941, 0.6331260335557065, 0.6927808048724821,
                0.2810995438062931, 0.7682274881516588, 0.6380368098159509}, StringSetMetrics.acsBailey2008(train,
                test), TOL);
        // an empty training set: no chunk occurs (SymSeq gives 0 as well)
        assertArrayEquals(new double[]{0.0, 0.0}, StringSetMetrics.globalAcsKnowlton96(List.of(), ACS_TEST.subList(0,
                2)));
        assertArrayEquals(new double[]{0.0, 0.0}, StringSetMetrics.anchorAcsKnowlton96(List.of(), ACS_TEST.subList(0,
                2)));
        assertArrayEquals(new double[]{0.0, 0.0}, StringSetMetrics.acsBailey2008(List.of(), ACS_TEST.subList(0, 2)));
        assertEquals(0, StringSetMetrics.acsBailey2008(ACS_TRAIN, List.of()).length);
    }

    @Test
    void handCheckableValues() {
        // SymSeq's docstring examples (and SymSeq's values for substitution costs 0, 2 and 3)
        assertEquals(3, StringSetMetrics.editDistance(c("kitten"), c("sitting")));
        assertEquals(1, StringSetMetrics.editDistance(c("kitten"), c("sitting"), 0));
        assertEquals(5, StringSetMetrics.editDistance(c("kitten"), c("sitting"), 2));
        assertEquals(5, StringSetMetrics.editDistance(c("kitten"), c("sitting"), 3));
        assertEquals(3, StringSetMetrics.hammingDistance(c("karolin"), c("kathrin")));
        assertEquals(3, StringSetMetrics.editDistance(c("karolin"), c("kathrin")));
        assertEquals(4, StringSetMetrics.editDistance(c("karolin"), c("kathrin"), 2));
        assertEquals(2, StringSetMetrics.editDistance(c("flaw"), c("lawn")));
        assertEquals(4, StringSetMetrics.hammingDistance(c("flaw"), c("lawn")));
        assertEquals(3, StringSetMetrics.editDistance(List.of(), c("ABC")));
        assertEquals(0, StringSetMetrics.editDistance(List.of(), List.of()));
        assertEquals(0, StringSetMetrics.hammingDistance(List.of(), List.of()));
        assertEquals(1, StringSetMetrics.editDistance(w("A1 B"), w("A B")), "symbols are tokens");
        // string similarity: edit distance / longer length (SymSeq: 3/7, 0.5, 1.0; average 0.4826190476190476)
        assertEquals(3.0 / 7, StringSetMetrics.stringSimilarity(c("kitten"), c("sitting")), TOL);
        assertEquals(0.5, StringSetMetrics.stringSimilarity(c("ABAB"), c("BABA")), TOL);
        assertEquals(1.0, StringSetMetrics.stringSimilarity(List.of(), c("ABC")), TOL);
        assertEquals(0.4826190476190476, StringSetMetrics.averageStringSimilarity(ACS_TRAIN, c("TPTS")), TOL);
        // NCD (SymSeq: kitten/sitting 0.18518518518518517 = 5/27; "" / ABC 3/23; (AB)^10 twice 1/24)
        assertEquals(0.18518518518518517, StringSetMetrics.normalizedCompressionDistance(c("kitten"), c("sitting")),
                TOL);
        assertEquals(0.13043478260869565, StringSetMetrics.normalizedCompressionDistance(List.of(), c("ABC")), TOL);
        List<String> ab10 = c("ABABABABABABABABABAB");
        assertEquals(0.041666666666666664, StringSetMetrics.normalizedCompressionDistance(ab10, ab10), TOL);
        // MI: SymSeq's values; a string with itself, JOINT: H(a) + H(a) - H(aa) = H(a) + (M - 1) / (4 N ln 2), the
        // Miller-Madow terms do not cancel
        assertEquals(2.48227445144962, StringSetMetrics.mutualInformation(c("kitten"), c("sitting")), TOL);
        assertEquals(0.9226667120379858, StringSetMetrics.normalizedMutualInformation(c("kitten"), c("sitting")),
                TOL);
        List<String> abab = c("ABAB");
        double h = StringMetrics.entropy(abab);
        assertEquals(h + 1 / (2.0 * 8 * Math.log(2)), StringSetMetrics.mutualInformation(abab, abab), 1e-15);
        assertEquals(1.0, StringSetMetrics.normalizedMutualInformation(abab, c("BABA")), 0.0);
        // aligned: identical strings share all their information: MI = H(a), NMI = 1
        assertEquals(h, StringSetMetrics.mutualInformation(abab, abab, MiMethod.ALIGNED), 1e-15);
        assertEquals(0.0, StringSetMetrics.normalizedMutualInformation(c("AAA"), c("BBB")), 0.0, "constant strings");
        assertEquals(0.0, StringSetMetrics.mutualInformation(List.of(), List.of(), MiMethod.ALIGNED), 0.0);
        // string-set entropy: log2 of the distinct count, minus SymSeq's 1e-12 guard; frequencies 2/3, 1/3
        List<List<String>> three = set("A B", "A B", "C D");
        assertEquals(1.0, StringSetMetrics.stringSetEntropy(three), 1e-11);
        double p = 2.0 / 3;
        assertEquals(-(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2),
                StringSetMetrics.stringSetEntropy(three, true), 1e-11);
        assertEquals(0.0, StringSetMetrics.stringSetEntropy(List.of()), 0.0, "empty set");
        assertEquals(0.0, StringSetMetrics.stringSetEntropy(List.of(), true), 0.0, "empty set");
        assertEquals(0, StringSetMetrics.pairwiseDistances(List.of()).length);
        assertEquals(0, StringSetMetrics.pairwiseMutualInformation(List.of()).length);
        // ACS by hand: train AB, ABC, BC; test ABC has bigrams AB (2), BC (2) and the trigram ABC (1)
        List<List<String>> train = set("A B", "A B C", "B C");
        List<List<String>> test = set("A B C");
        assertArrayEquals(new double[]{5.0 / 3}, StringSetMetrics.globalAcsKnowlton96(train, test), TOL);
        // first/last bigram: AB begins 2, BC ends 2 -> 2; trigram ABC begins 1 and ends 1 -> 1; mean 1.5
        assertArrayEquals(new double[]{1.5}, StringSetMetrics.anchorAcsKnowlton96(train, test), TOL);
        // bigrams: F(AB) = F(BC) = 2, E_2 = 4/2 = 2 -> 1/2 each; trigram: F(ABC) = 1, E_3 = 1 -> 1/2
        assertArrayEquals(new double[]{0.5}, StringSetMetrics.acsBailey2008(train, test), TOL);
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        assertMessage(() -> StringSetMetrics.hammingDistance(c("ABC"), c("AB")), "hamming distance",
                "equal lengths, got 3 and 2");
        assertMessage(() -> StringSetMetrics.editDistance(c("A"), c("B"), -1), "edit distance",
                "substitution cost must be >= 0, got -1");
        assertMessage(() -> StringSetMetrics.editDistance(null, c("B")), "edit distance", "string a is null");
        assertMessage(() -> StringSetMetrics.normalizedCompressionDistance(c("A"), Arrays.asList("B", null)),
                "normalized compression distance", "symbol 1 of string b is null");
        assertMessage(() -> StringSetMetrics.mutualInformation(c("ABC"), c("AB"), MiMethod.ALIGNED),
                "mutual information (aligned)", "equal lengths, got 3 and 2");
        assertMessage(() -> StringSetMetrics.mutualInformation(c("A"), c("B"), null), "mutual information",
                "method is null");
        assertMessage(() -> StringSetMetrics.stringSimilarity(List.of(), List.of()), "string similarity",
                "both strings are empty");
        assertMessage(() -> StringSetMetrics.averageStringSimilarity(List.of(), c("A")),
                "average string similarity", "the string set is empty");
        assertMessage(() -> StringSetMetrics.pairwiseDistances(null), "pairwise distances", "the string set is null");
        assertMessage(() -> StringSetMetrics.pairwiseDistances(Arrays.asList(c("A"), null), Distance.EDIT),
                "pairwise distances", "string 1 of the string set is null");
        assertMessage(() -> StringSetMetrics.pairwiseDistances(set("A"), null), "pairwise distances",
                "metric is null");
        assertMessage(() -> StringSetMetrics.pairwiseMutualInformation(set("A"), Information.MI, null),
                "pairwise mutual information", "method is null");
        assertMessage(() -> StringSetMetrics.stringSetEntropy(null), "string-set entropy", "is null");
        assertMessage(() -> StringSetMetrics.globalAcsKnowlton96(ACS_TRAIN, ACS_TEST, 0, 2), "global ACS",
                "1 <= nMin <= nMax, got nMin 0, nMax 2");
        assertMessage(() -> StringSetMetrics.anchorAcsKnowlton96(ACS_TRAIN, ACS_TEST, 3, 2), "anchor ACS",
                "got nMin 3, nMax 2");
        assertMessage(() -> StringSetMetrics.acsBailey2008(null, ACS_TEST), "ACS (Bailey 2008)",
                "the training set is null");
        assertMessage(() -> StringSetMetrics.acsBailey2008(ACS_TRAIN, Arrays.asList(c("A"), null)),
                "ACS (Bailey 2008)", "string 1 of the test set is null");
    }
}
