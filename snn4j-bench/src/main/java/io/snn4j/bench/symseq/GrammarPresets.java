package io.snn4j.bench.symseq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The artificial grammars of the artificial-grammar-learning literature that SymSeq ships
 * ({@code symseq/grammars/ag/presets.py}; A-J follow Schiff & Katan (2014), Frontiers in Psychology 5:1084), with
 * the same states, start and terminal states and transition probabilities.
 *
 * <table>
 *   <caption>Presets</caption>
 *   <tr><th>name</th><th>SymSeq key</th><th>grammar</th></tr>
 *   <tr><td>elman</td><td>Elman</td><td>Elman's ba/dii/guuu words</td></tr>
 *   <tr><td>reber1969</td><td>FSG_G1_A</td><td>[A] Reber (1969)</td></tr>
 *   <tr><td>mathews1989</td><td>FSG_G2_B</td><td>[B] Mathews et al. (1989)</td></tr>
 *   <tr><td>reber1967 (reber)</td><td>FSG_G3_C</td><td>[C] Reber (1967)</td></tr>
 *   <tr><td>skosnik2002</td><td>FSG_G4_D</td><td>[D] Skosnik et al. (2002)</td></tr>
 *   <tr><td>meulemans1997</td><td>FSG_G5_E</td><td>[E] Meulemans &amp; Van der Linden (1997)</td></tr>
 *   <tr><td>conway2006</td><td>FSG_G6_F</td><td>[F] Conway &amp; Christiansen (2006)</td></tr>
 *   <tr><td>knowlton1996 (knowlton)</td><td>FSG_G7_G</td><td>[G] Knowlton &amp; Squire (1996)</td></tr>
 *   <tr><td>reber1978</td><td>FSG_G8_H</td><td>[H] Reber &amp; Allen (1978)</td></tr>
 *   <tr><td>brooks1991</td><td>FSG_G9_I</td><td>[I] Brooks &amp; Vokey (1991)</td></tr>
 *   <tr><td>witt2011</td><td>FSG_G10_J</td><td>[J] Witt &amp; Vinter (2011)</td></tr>
 *   <tr><td>markov1</td><td>Markov_1st_Order</td><td>a first-order Markov chain over A-D</td></tr>
 *   <tr><td>markov2</td><td>Markov_2nd_Order</td><td>a second-order Markov chain over A, B</td></tr>
 * </table>
 * Names are case-insensitive; SymSeq's keys are accepted too. The Reber &amp; Allen grammar has a state X(3) that
 * no string reaches (as in SymSeq); it changes nothing.
 */
public final class GrammarPresets {
    private static final Map<String, Supplier<ArtificialGrammar>> PRESETS = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        PRESETS.put("elman", GrammarPresets::elman);
        PRESETS.put("reber1969", GrammarPresets::reber1969);
        PRESETS.put("mathews1989", GrammarPresets::mathews1989);
        PRESETS.put("reber1967", GrammarPresets::reber1967);
        PRESETS.put("skosnik2002", GrammarPresets::skosnik2002);
        PRESETS.put("meulemans1997", GrammarPresets::meulemans1997);
        PRESETS.put("conway2006", GrammarPresets::conway2006);
        PRESETS.put("knowlton1996", GrammarPresets::knowlton1996);
        PRESETS.put("reber1978", GrammarPresets::reber1978);
        PRESETS.put("brooks1991", GrammarPresets::brooks1991);
        PRESETS.put("witt2011", GrammarPresets::witt2011);
        PRESETS.put("markov1", GrammarPresets::markov1);
        PRESETS.put("markov2", GrammarPresets::markov2);
        ALIASES.put("reber", "reber1967");
        ALIASES.put("knowlton", "knowlton1996");
        String[][] keys = {{"Elman", "elman"}, {"FSG_G1_A", "reber1969"}, {"FSG_G2_B", "mathews1989"},
            {"FSG_G3_C", "reber1967"}, {"FSG_G4_D", "skosnik2002"}, {"FSG_G5_E", "meulemans1997"},
            {"FSG_G6_F", "conway2006"}, {"FSG_G7_G", "knowlton1996"}, {"FSG_G8_H", "reber1978"},
            {"FSG_G9_I", "brooks1991"}, {"FSG_G10_J", "witt2011"}, {"Markov_1st_Order", "markov1"},
            {"Markov_2nd_Order", "markov2"}};
        for (String[] k : keys) {
            ALIASES.put(k[0].toLowerCase(Locale.ROOT), k[1]);
        }
    }

    private GrammarPresets() {
    }

    /** The preset names, in the order of the table above. */
    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    /**
     * A new instance of the preset {@code name} (see the table above).
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static ArtificialGrammar get(String name) {
        String k = name == null ? "" : name.toLowerCase(Locale.ROOT);
        k = ALIASES.getOrDefault(k, k);
        Supplier<ArtificialGrammar> s = PRESETS.get(k);
        if (s == null) {
            throw new IllegalArgumentException("unknown grammar preset '" + name + "'; valid: "
                    + String.join(", ", PRESETS.keySet()) + " (also reber, knowlton and SymSeq's keys such as "
                    + "FSG_G3_C)");
        }
        return s.get();
    }

    private static ArtificialGrammar elman() {
        return ArtificialGrammar.builder("Elman")
                .alphabet("b", "a", "d", "i", "g", "u")
                .states("b", "a", "d", "i(1)", "i(2)", "g", "u(1)", "u(2)", "u(3)")
                .start("b", "d", "g")
                .terminal("a", "i(2)", "u(3)")
                .transition("b", "a", 1.0)
                .transition("d", "i(1)", 1.0)
                .transition("i(1)", "i(2)", 1.0)
                .transition("g", "u(1)", 1.0)
                .transition("u(1)", "u(2)", 1.0)
                .transition("u(2)", "u(3)", 1.0)
                .build();
    }

    private static ArtificialGrammar reber1969() {
        return ArtificialGrammar.builder("[A] Reber (1969)")
                .alphabet("M", "V", "T", "R", "X")
                .states("M(1)", "V(2)", "T(1)", "V(1)", "T(2)", "R(1)", "X(1)", "X(2)", "R(2)", "M(2)", "#")
                .start("M(1)", "V(2)")
                .terminal("V(1)", "T(2)", "X(2)", "R(2)", "M(2)")
                .transition("M(1)", "T(1)", 0.5)
                .transition("M(1)", "V(1)", 0.5)
                .transition("T(1)", "T(1)", 0.5)
                .transition("T(1)", "V(1)", 0.5)
                .transition("V(1)", "T(2)", 1.0 / 3)
                .transition("V(1)", "R(1)", 1.0 / 3)
                .transition("V(1)", "#", 1.0 / 3)
                .transition("T(2)", "#", 1.0)
                .transition("R(1)", "X(1)", 0.5)
                .transition("R(1)", "X(2)", 0.5)
                .transition("V(2)", "X(1)", 0.5)
                .transition("V(2)", "X(2)", 0.5)
                .transition("X(1)", "T(1)", 0.5)
                .transition("X(1)", "V(1)", 0.5)
                .transition("X(2)", "R(2)", 1.0 / 3)
                .transition("X(2)", "M(2)", 1.0 / 3)
                .transition("X(2)", "#", 1.0 / 3)
                .transition("R(2)", "R(2)", 1.0 / 3)
                .transition("R(2)", "M(2)", 1.0 / 3)
                .transition("R(2)", "#", 1.0 / 3)
                .transition("M(2)", "#", 1.0)
                .build();
    }

    private static ArtificialGrammar mathews1989() {
        return ArtificialGrammar.builder("[B] Mathews et al (1989)")
                .alphabet("W", "S", "N", "P", "Z")
                .states("#", "W(1)", "W(2)", "S(1)", "S(2)", "S(3)", "P(1)", "P(2)", "P(3)", "N(1)", "N(2)", "Z(1)")
                .start("W(1)", "N(1)")
                .terminal("Z(1)")
                .transition("W(1)", "W(2)", 1.0 / 3)
                .transition("W(1)", "S(2)", 1.0 / 3)
                .transition("W(1)", "S(1)", 1.0 / 3)
                .transition("S(1)", "S(2)", 1.0)
                .transition("S(2)", "W(2)", 1.0)
                .transition("W(2)", "S(3)", 0.5)
                .transition("W(2)", "P(3)", 0.5)
                .transition("N(1)", "N(2)", 0.5)
                .transition("N(1)", "P(2)", 0.5)
                .transition("P(1)", "P(2)", 0.5)
                .transition("P(1)", "N(1)", 0.5)
                .transition("P(2)", "N(2)", 1.0)
                .transition("S(3)", "P(1)", 1.0 / 3)
                .transition("S(3)", "P(2)", 1.0 / 3)
                .transition("S(3)", "N(2)", 1.0 / 3)
                .transition("N(2)", "P(3)", 0.5)
                .transition("N(2)", "Z(1)", 0.5)
                .transition("P(3)", "S(3)", 0.5)
                .transition("P(3)", "Z(1)", 0.5)
                .transition("Z(1)", "#", 1.0)
                .build();
    }

    private static ArtificialGrammar reber1967() {
        return ArtificialGrammar.builder("[C] Reber (1967)")
                .alphabet("T", "V", "X", "P", "S")
                .states("#", "T(1)", "T(2)", "V(1)", "V(2)", "X(1)", "X(2)", "P(1)", "P(2)", "S(1)", "S(2)")
                .start("T(1)", "V(1)")
                .terminal("S(1)", "S(2)")
                .transition("T(1)", "P(1)", 0.5)
                .transition("T(1)", "T(2)", 0.5)
                .transition("P(1)", "P(1)", 0.5)
                .transition("P(1)", "T(2)", 0.5)
                .transition("T(2)", "S(1)", 0.5)
                .transition("T(2)", "X(2)", 0.5)
                .transition("S(1)", "#", 1.0)
                .transition("X(2)", "X(1)", 0.5)
                .transition("X(2)", "V(2)", 0.5)
                .transition("V(1)", "X(1)", 0.5)
                .transition("V(1)", "V(2)", 0.5)
                .transition("X(1)", "X(1)", 0.5)
                .transition("X(1)", "V(2)", 0.5)
                .transition("V(2)", "P(2)", 0.5)
                .transition("V(2)", "S(2)", 0.5)
                .transition("P(2)", "X(2)", 0.5)
                .transition("P(2)", "S(1)", 0.5)
                .transition("S(2)", "#", 1.0)
                .build();
    }

    private static ArtificialGrammar skosnik2002() {
        return ArtificialGrammar.builder("[D] Skosnik et al (2002)")
                .alphabet("P", "X", "J", "V", "T", "H")
                .states("#", "P(1)", "P(2)", "X(1)", "X(2)", "J(1)", "J(2)", "V(1)", "V(2)", "T(1)", "T(2)", "H(1)", "H(2)")
                .start("P(1)", "X(1)")
                .terminal("V(2)", "J(2)")
                .transition("P(1)", "H(1)", 0.5)
                .transition("P(1)", "J(1)", 0.5)
                .transition("H(1)", "J(2)", 0.5)
                .transition("H(1)", "P(2)", 0.5)
                .transition("X(1)", "V(1)", 0.5)
                .transition("X(1)", "T(1)", 0.5)
                .transition("J(1)", "T(1)", 0.5)
                .transition("J(1)", "V(1)", 0.5)
                .transition("V(1)", "T(2)", 0.5)
                .transition("V(1)", "H(2)", 0.5)
                .transition("T(1)", "X(2)", 0.5)
                .transition("T(1)", "V(2)", 0.5)
                .transition("T(2)", "H(1)", 0.5)
                .transition("T(2)", "J(1)", 0.5)
                .transition("P(2)", "T(2)", 0.5)
                .transition("P(2)", "H(2)", 0.5)
                .transition("H(2)", "X(2)", 0.5)
                .transition("H(2)", "V(2)", 0.5)
                .transition("X(2)", "J(2)", 0.5)
                .transition("X(2)", "P(2)", 0.5)
                .transition("V(2)", "#", 1.0)
                .transition("J(2)", "#", 1.0)
                .build();
    }

    private static ArtificialGrammar meulemans1997() {
        return ArtificialGrammar.builder("[E] Meulemans & Van der Linden (1997)")
                .alphabet("F", "D", "J", "H", "Q", "M")
                .states("#", "F(1)", "F(2)", "F(3)", "D(1)", "D(2)", "J(1)", "J(2)", "J(3)", "H(1)", "H(2)", "H(3)", "Q(1)", "Q(2)", "M(1)", "M(2)")
                .start("F(1)", "D(1)")
                .terminal("F(3)", "J(3)")
                .transition("F(1)", "D(2)", 1.0)
                .transition("D(2)", "Q(1)", 0.5)
                .transition("D(2)", "M(1)", 0.5)
                .transition("D(1)", "J(1)", 0.5)
                .transition("D(1)", "H(1)", 0.5)
                .transition("J(1)", "D(2)", 1.0)
                .transition("H(1)", "Q(1)", 0.5)
                .transition("H(1)", "M(1)", 0.5)
                .transition("Q(1)", "F(2)", 0.5)
                .transition("Q(1)", "H(2)", 0.5)
                .transition("F(2)", "F(2)", 0.5)
                .transition("F(2)", "H(2)", 0.5)
                .transition("H(2)", "F(3)", 0.5)
                .transition("H(2)", "H(3)", 0.5)
                .transition("M(1)", "J(2)", 0.5)
                .transition("M(1)", "Q(2)", 0.5)
                .transition("H(3)", "Q(2)", 0.5)
                .transition("H(3)", "J(2)", 0.5)
                .transition("Q(2)", "Q(2)", 0.5)
                .transition("Q(2)", "J(2)", 0.5)
                .transition("J(2)", "M(2)", 0.5)
                .transition("J(2)", "J(3)", 0.5)
                .transition("F(3)", "#", 1.0)
                .transition("M(2)", "F(3)", 0.5)
                .transition("M(2)", "H(3)", 0.5)
                .transition("J(3)", "#", 1.0)
                .build();
    }

    private static ArtificialGrammar conway2006() {
        return ArtificialGrammar.builder("[F] Conway & Christiansen (2006)")
                .alphabet("M", "V", "T", "X", "R")
                .states("#", "M(1)", "M(2)", "M(3)", "M(4)", "V(1)", "V(2)", "V(3)", "V(4)", "V(5)", "T(1)", "T(2)", "T(3)", "X(1)", "X(2)", "X(3)", "X(4)", "R(1)", "R(2)", "R(3)", "R(4)")
                .start("M(1)", "V(1)")
                .terminal("X(4)", "R(4)", "V(3)", "M(3)", "R(3)", "T(1)")
                .transition("M(1)", "V(2)", 0.5)
                .transition("M(1)", "X(1)", 0.5)
                .transition("V(1)", "M(2)", 0.5)
                .transition("V(1)", "X(2)", 0.5)
                .transition("V(2)", "R(1)", 0.5)
                .transition("V(2)", "X(3)", 0.5)
                .transition("X(1)", "R(2)", 1.0 / 3)
                .transition("X(1)", "R(3)", 1.0 / 3)
                .transition("X(1)", "T(1)", 1.0 / 3)
                .transition("M(2)", "R(2)", 1.0 / 3)
                .transition("M(2)", "R(3)", 1.0 / 3)
                .transition("M(2)", "T(1)", 1.0 / 3)
                .transition("X(2)", "V(4)", 0.5)
                .transition("X(2)", "T(2)", 0.5)
                .transition("R(1)", "V(3)", 0.5)
                .transition("R(1)", "M(3)", 0.5)
                .transition("X(3)", "R(2)", 1.0 / 3)
                .transition("X(3)", "R(3)", 1.0 / 3)
                .transition("X(3)", "T(1)", 1.0 / 3)
                .transition("V(4)", "R(2)", 1.0 / 3)
                .transition("V(4)", "R(3)", 1.0 / 3)
                .transition("V(4)", "T(1)", 1.0 / 3)
                .transition("T(2)", "X(4)", 0.5)
                .transition("T(2)", "R(4)", 0.5)
                .transition("X(4)", "#", 1.0)
                .transition("R(4)", "R(4)", 1.0 / 3)
                .transition("R(4)", "X(4)", 1.0 / 3)
                .transition("R(4)", "#", 1.0 / 3)
                .transition("V(3)", "V(3)", 1.0 / 3)
                .transition("V(3)", "M(3)", 1.0 / 3)
                .transition("V(3)", "#", 1.0 / 3)
                .transition("M(3)", "#", 1.0)
                .transition("R(3)", "V(3)", 1.0 / 3)
                .transition("R(3)", "M(3)", 1.0 / 3)
                .transition("R(3)", "#", 1.0 / 3)
                .transition("T(1)", "R(4)", 0.5)
                .transition("T(1)", "#", 0.5)
                .transition("T(3)", "T(3)", 1.0 / 3)
                .transition("T(3)", "M(4)", 1.0 / 3)
                .transition("T(3)", "V(5)", 1.0 / 3)
                .transition("V(5)", "X(2)", 0.5)
                .transition("V(5)", "M(2)", 0.5)
                .transition("M(4)", "V(2)", 0.5)
                .transition("M(4)", "X(1)", 0.5)
                .transition("R(2)", "V(5)", 1.0 / 3)
                .transition("R(2)", "M(4)", 1.0 / 3)
                .transition("R(2)", "T(3)", 1.0 / 3)
                .build();
    }

    private static ArtificialGrammar knowlton1996() {
        return ArtificialGrammar.builder("[G] Knowlton & Squire (1996)")
                .alphabet("X", "V", "T", "J")
                .states("#", "X(1)", "X(2)", "V(1)", "V(2)", "T(1)", "T(2)", "J(1)", "J(2)")
                .start("X(1)", "V(1)")
                .terminal("J(1)", "T(1)", "V(2)", "X(2)", "J(2)")
                .transition("X(1)", "X(1)", 0.5)
                .transition("X(1)", "V(1)", 0.5)
                .transition("V(1)", "J(1)", 1.0 / 3)
                .transition("V(1)", "T(1)", 1.0 / 3)
                .transition("V(1)", "X(2)", 1.0 / 3)
                .transition("J(1)", "#", 0.5)
                .transition("J(1)", "T(2)", 0.5)
                .transition("T(2)", "X(1)", 0.5)
                .transition("T(2)", "V(1)", 0.5)
                .transition("T(1)", "#", 0.5)
                .transition("T(1)", "V(2)", 0.5)
                .transition("V(2)", "#", 0.5)
                .transition("V(2)", "J(2)", 0.5)
                .transition("X(2)", "#", 0.5)
                .transition("X(2)", "J(2)", 0.5)
                .transition("J(2)", "J(2)", 0.5)
                .transition("J(2)", "#", 0.5)
                .build();
    }

    private static ArtificialGrammar reber1978() {
        return ArtificialGrammar.builder("[H] Reber & Allen (1978)")
                .alphabet("S", "X", "K")
                .states("#", "S(1)", "S(2)", "S(3)", "S(4)", "X(1)", "X(2)", "X(3)", "K(1)", "K(2)", "K(3)", "K(4)", "K(5)")
                .start("S(1)", "K(1)")
                .terminal("S(4)", "K(5)")
                .transition("S(1)", "S(2)", 0.5)
                .transition("S(1)", "X(1)", 0.5)
                .transition("S(2)", "K(2)", 0.5)
                .transition("S(2)", "X(2)", 0.5)
                .transition("X(1)", "S(3)", 0.5)
                .transition("X(1)", "K(3)", 0.5)
                .transition("K(1)", "X(1)", 0.5)
                .transition("K(1)", "S(2)", 0.5)
                .transition("K(2)", "K(4)", 0.5)
                .transition("K(2)", "S(3)", 0.5)
                .transition("X(2)", "K(4)", 0.5)
                .transition("X(2)", "S(3)", 0.5)
                .transition("S(3)", "K(4)", 0.5)
                .transition("S(3)", "S(4)", 0.5)
                .transition("K(3)", "S(4)", 0.5)
                .transition("K(3)", "K(4)", 0.5)
                .transition("K(4)", "K(5)", 0.5)
                .transition("K(4)", "S(4)", 0.5)
                .transition("S(4)", "#", 1.0)
                .transition("K(5)", "#", 1.0)
                .build();
    }

    private static ArtificialGrammar brooks1991() {
        return ArtificialGrammar.builder("[I] Brooks & Vokey (1991)")
                .alphabet("R", "Q")
                .states("#", "R(1)", "R(2)", "R(3)", "R(4)", "R(5)", "Q(1)", "Q(2)", "Q(3)")
                .start("R(1)", "Q(1)")
                .terminal("R(5)", "Q(3)")
                .transition("R(1)", "R(2)", 0.5)
                .transition("R(1)", "Q(1)", 0.5)
                .transition("Q(1)", "R(2)", 0.5)
                .transition("Q(1)", "Q(2)", 0.5)
                .transition("R(2)", "R(3)", 0.5)
                .transition("R(2)", "Q(2)", 0.5)
                .transition("Q(2)", "R(4)", 0.5)
                .transition("Q(2)", "Q(3)", 0.5)
                .transition("R(3)", "R(4)", 0.5)
                .transition("R(3)", "Q(3)", 0.5)
                .transition("R(4)", "R(5)", 0.5)
                .transition("R(4)", "Q(3)", 0.5)
                .transition("R(5)", "#", 1.0)
                .transition("Q(3)", "#", 1.0)
                .build();
    }

    private static ArtificialGrammar witt2011() {
        return ArtificialGrammar.builder("[J] Witt & Vinter (2011)")
                .alphabet("L", "N", "P")
                .states("#", "L(1)", "L(2)", "L(3)", "L(4)", "N(1)", "N(2)", "N(3)", "P(1)", "P(2)", "P(3)", "P(4)")
                .start("L(1)", "P(1)")
                .terminal("L(4)", "N(3)", "P(4)")
                .transition("L(1)", "L(2)", 0.5)
                .transition("L(1)", "N(1)", 0.5)
                .transition("N(1)", "L(2)", 0.5)
                .transition("N(1)", "P(2)", 0.5)
                .transition("P(1)", "N(1)", 0.5)
                .transition("P(1)", "L(2)", 0.5)
                .transition("L(2)", "N(2)", 0.5)
                .transition("L(2)", "P(2)", 0.5)
                .transition("N(2)", "L(3)", 0.5)
                .transition("N(2)", "P(3)", 0.5)
                .transition("P(2)", "N(2)", 0.5)
                .transition("P(2)", "L(3)", 0.5)
                .transition("L(3)", "L(4)", 0.5)
                .transition("L(3)", "P(3)", 0.5)
                .transition("P(3)", "N(3)", 0.5)
                .transition("P(3)", "P(4)", 0.5)
                .transition("L(4)", "#", 1.0)
                .transition("N(3)", "#", 1.0)
                .transition("P(4)", "#", 1.0)
                .build();
    }

    private static ArtificialGrammar markov1() {
        return ArtificialGrammar.builder("1st Order Markov Chain")
                .alphabet("A", "B", "C", "D")
                .states("#", "A", "B", "C", "D")
                .start("A", "B")
                .terminal("C", "D")
                .transition("A", "B", 0.6)
                .transition("A", "C", 0.4)
                .transition("B", "A", 0.4)
                .transition("B", "C", 0.3)
                .transition("B", "D", 0.3)
                .transition("C", "A", 0.3)
                .transition("C", "B", 0.3)
                .transition("C", "#", 0.4)
                .transition("D", "A", 0.5)
                .transition("D", "#", 0.5)
                .build();
    }

    private static ArtificialGrammar markov2() {
        return ArtificialGrammar.builder("2nd Order Markov Chain")
                .alphabet("A", "B")
                .states("#", "A(0)", "B(0)", "A(1)", "B(1)", "A(2)", "B(2)", "A(3)", "B(3)", "A(4)", "B(4)", "A(5)", "B(5)", "A(6)", "B(6)")
                .start("A(0)", "B(0)")
                .terminal("A(3)", "B(3)", "A(4)", "B(4)", "A(5)", "B(5)", "A(6)", "B(6)")
                .transition("A(0)", "A(1)", 0.6)
                .transition("A(0)", "B(1)", 0.4)
                .transition("B(0)", "A(2)", 0.3)
                .transition("B(0)", "B(2)", 0.7)
                .transition("A(1)", "A(3)", 0.7)
                .transition("A(1)", "B(3)", 0.3)
                .transition("B(1)", "A(4)", 0.4)
                .transition("B(1)", "B(4)", 0.6)
                .transition("A(2)", "A(5)", 0.2)
                .transition("A(2)", "B(5)", 0.8)
                .transition("B(2)", "A(6)", 0.5)
                .transition("B(2)", "B(6)", 0.5)
                .transition("A(3)", "A(3)", 0.8)
                .transition("A(3)", "B(3)", 0.1)
                .transition("A(3)", "#", 0.1)
                .transition("B(3)", "A(4)", 0.3)
                .transition("B(3)", "B(4)", 0.6)
                .transition("B(3)", "#", 0.1)
                .transition("A(4)", "A(5)", 0.2)
                .transition("A(4)", "B(5)", 0.7)
                .transition("A(4)", "#", 0.1)
                .transition("B(4)", "A(6)", 0.4)
                .transition("B(4)", "B(6)", 0.5)
                .transition("B(4)", "#", 0.1)
                .transition("A(5)", "A(3)", 0.6)
                .transition("A(5)", "B(3)", 0.3)
                .transition("A(5)", "#", 0.1)
                .transition("B(5)", "A(4)", 0.3)
                .transition("B(5)", "B(4)", 0.6)
                .transition("B(5)", "#", 0.1)
                .transition("A(6)", "A(5)", 0.4)
                .transition("A(6)", "B(5)", 0.5)
                .transition("A(6)", "#", 0.1)
                .transition("B(6)", "A(6)", 0.2)
                .transition("B(6)", "B(6)", 0.7)
                .transition("B(6)", "#", 0.1)
                .build();
    }
}
