package io.snn4j.bench.symseq;

import static io.snn4j.bench.symseq.ArtificialGrammarTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Network;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.train.Batch;
import io.snn4j.core.train.Evaluation;
import io.snn4j.core.train.LossValue;
import io.snn4j.core.train.Losses;
import io.snn4j.core.train.Sgd;
import io.snn4j.core.train.Trainer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SymSeqTaskTest {

    @Test
    void everyListedTaskGeneratesConsistentData() {
        List<String> names = SymSeqTask.list();
        assertEquals(26, names.size());
        assertTrue(names.containsAll(List.of("reber-next-symbol", "knowlton-grammaticality", "dyck-next-symbol",
                "nback-2", "nax", "nested-nad-memory", "crossed-nad-grammaticality", "random-ag-next-symbol")));
        for (String name : names) {
            SymSeqTask t = SymSeqTask.create(name);
            assertTrue(t.description().length() > 10, name);
            SymSeqData d = t.generate(12, 7);
            assertEquals(12, d.size(), name);
            assertTrue(d.decisions() > 0, name);
            SymSeqData again = t.generate(12, 7);
            for (int s = 0; s < d.size(); s++) {
                assertArrayEquals(d.input(s), again.input(s), name + " is deterministic");
                assertArrayEquals(d.targets(s), again.targets(s), name + " is deterministic");
            }
            SymSeqBatch b = t.batches(d, 5, 1, true).batches(0).next();
            assertEquals(List.of(b.steps(), 5, d.symbols().size()), List.of(b.input().shape()[0], b.input().shape()[1],
                    b.input().shape()[2]), name);
        }
    }

    @Test
    void nextSymbolTargetsAreTheFollowingSymbolAndMemoryTheEarlierOne() {
        SymSeqTask next = SymSeqTask.create("reber-next-symbol", Map.of("strings", 3));
        SymSeqData d = next.generate(20, 3);
        assertEquals(List.of("P", "S", "T", "V", "X", "#"), d.symbols());
        assertEquals(d.symbols(), d.classes());
        int eos = d.symbols().indexOf("#");
        ArtificialGrammar reber = GrammarPresets.get("reber");
        for (int s = 0; s < d.size(); s++) {
            int[] x = d.input(s);
            int[] y = d.targets(s);
            for (int i = 0; i + 1 < x.length; i++) {
                assertEquals(x[i + 1], y[i]);
            }
            assertEquals(eos, y[x.length - 1], "the last target is the final end-of-string symbol");
            List<String> str = d.string(s);
            assertEquals(2, str.stream().filter("#"::equals).count(), "3 strings, 2 separators in the input");
            for (List<String> part : split(str)) {
                assertTrue(reber.isGrammatical(part), part.toString());
            }
        }
        SymSeqData m = SymSeqTask.create("dyck-memory", Map.of("n", 2)).generate(10, 4);
        for (int s = 0; s < m.size(); s++) {
            int[] x = m.input(s);
            int[] y = m.targets(s);
            assertEquals(-1, y[0]);
            assertEquals(-1, y[1]);
            for (int i = 2; i < x.length; i++) {
                assertEquals(x[i - 2], y[i]);
            }
        }
        SymSeqData p2 = SymSeqTask.create("nad-next-symbol", Map.of("n", 2, "fillerLength", 2)).generate(5, 4);
        int[] x = p2.input(0);
        int[] y = p2.targets(0);
        assertEquals(4, x.length, "A X X B (the final # is only a target)");
        assertEquals(x[2], y[0]);
        assertEquals(x[3], y[1]);
        assertEquals(p2.symbols().indexOf("#"), y[2]);
        assertEquals(-1, y[3]);
    }

    static List<List<String>> split(List<String> s) {
        List<List<String>> r = new java.util.ArrayList<>();
        List<String> cur = new java.util.ArrayList<>();
        for (String t : s) {
            if (t.equals("#")) {
                r.add(cur);
                cur = new java.util.ArrayList<>();
            } else {
                cur.add(t);
            }
        }
        r.add(cur);
        return r;
    }

    @Test
    void grammaticalityNbackAndNaxDecideWhereSymSeqDoes() {
        SymSeqTask g = SymSeqTask.create("knowlton-grammaticality", Map.of("fraction", 0.25));
        SymSeqData d = g.generate(40, 5);
        ArtificialGrammar k = GrammarPresets.get("knowlton");
        int bad = 0;
        for (int s = 0; s < d.size(); s++) {
            int[] y = d.targets(s);
            for (int i = 0; i + 1 < y.length; i++) {
                assertEquals(-1, y[i]);
            }
            int flag = y[y.length - 1];
            assertEquals(k.isGrammatical(d.string(s)) ? 1 : 0, flag, d.string(s).toString());
            bad += flag == 0 ? 1 : 0;
        }
        assertEquals(10, bad);
        assertEquals(List.of("ungrammatical", "grammatical"), d.classes());
        for (String name : List.of("dyck-grammaticality", "nad-grammaticality", "nested-nad-grammaticality")) {
            SymSeqData dd = SymSeqTask.create(name).generate(20, 6);
            int[] counts = dd.classCounts();
            assertEquals(10, counts[0], name);
            assertEquals(10, counts[1], name);
        }
        SymSeqTask nb = SymSeqTask.create("nback-3", Map.of("length", 20, "alphabetSize", 4));
        SymSeqData n = nb.generate(10, 8);
        NBack ref = NBack.builder(3).length(20).alphabetSize(4).build();
        for (int s = 0; s < n.size(); s++) {
            assertArrayEquals(ref.labels(n.string(s)), n.targets(s));
        }
        assertEquals(10 * ref.intendedMatches(), n.classCounts()[1], "planned matches in every sequence");
        SymSeqData nax = SymSeqTask.create("nax", Map.of("fillers", 2)).generate(30, 9);
        NAX ref2 = new NAX(0.6);
        for (int s = 0; s < nax.size(); s++) {
            assertEquals(5, nax.string(s).size());
            assertEquals(ref2.isTarget(nax.string(s)) ? 1 : 0, nax.targets(s)[4]);
        }
    }

    @Test
    void oneHotBatchesHoldEachSymbolForItsStepsWithGapsAndReadoutMasks() {
        SymSeqTask t = SymSeqTask.create("reber-next-symbol", Map.of("symbolSteps", 3, "gapSteps", 2,
                "readoutSteps", 2));
        SymSeqData d = t.generate(6, 1);
        SymSeqBatches src = t.batches(d, 4, 1, false);
        SymSeqBatch b = src.batches(0).next();
        int w = 5;
        int nb = 4;
        int a = d.symbols().size();
        int maxLen = 0;
        for (int s = 0; s < 4; s++) {
            maxLen = Math.max(maxLen, d.input(s).length);
        }
        assertEquals(maxLen * w, b.steps());
        float[] x = b.input().data();
        for (int bi = 0; bi < nb; bi++) {
            int[] in = d.input(bi);
            int[] tg = d.targets(bi);
            for (int step = 0; step < b.steps(); step++) {
                int i = step / w;
                int k = step % w;
                for (int c = 0; c < a; c++) {
                    float expected = i < in.length && k < 3 && c == in[i] ? 1f : 0f;
                    assertEquals(expected, x[(step * nb + bi) * a + c], "step " + step + " entry " + bi + " ch " + c);
                }
                boolean due = i < in.length && k >= 3 && tg[i] >= 0;
                assertEquals(due ? 1f : 0f, b.mask()[step * nb + bi]);
                assertEquals(due ? tg[i] : -1, b.targets()[step * nb + bi]);
                assertEquals(due ? i : -1, b.decisions()[step * nb + bi]);
            }
        }
        assertNotNullEvents(b.input());
        Batch core = b.batch();
        assertArrayEquals(new int[4], core.labels(), "several decisions per sample: labels 0");
        assertArrayEquals(b.targets(), core.stepTargets());
        assertEquals(b.steps(), core.steps());
        assertFalse(src.classLabels());
    }

    private static void assertNotNullEvents(Tensor t) {
        assertTrue(t.events() != null, "the input carries its event list");
    }

    @Test
    void poissonBatchesAreSeededPerEpochAndHaveTheAskedRates() {
        SymSeqTask t = SymSeqTask.create("nback-2", Map.of("coding", "poisson", "rate", 0.4, "noise", 0.05,
                "symbolSteps", 10));
        SymSeqData d = t.generate(64, 2);
        SymSeqBatches src = t.batches(d, 64, 9, true);
        SymSeqBatch e0 = src.batches(0).next();
        SymSeqBatch e0b = src.batches(0).next();
        SymSeqBatch e1 = src.batches(1).next();
        assertArrayEquals(e0.input().data(), e0b.input().data());
        assertArrayEquals(e0.samples(), e0b.samples());
        assertFalse(java.util.Arrays.equals(e0.input().data(), e1.input().data()));
        double on = 0;
        double onN = 0;
        double off = 0;
        double offN = 0;
        float[] x = e0.input().data();
        int a = d.symbols().size();
        int b = 64;
        for (int bi = 0; bi < b; bi++) {
            int[] in = d.input(e0.samples()[bi]);
            for (int step = 0; step < e0.steps(); step++) {
                for (int c = 0; c < a; c++) {
                    float v = x[(step * b + bi) * a + c];
                    if (c == in[step / 10]) {
                        on += v;
                        onN++;
                    } else {
                        off += v;
                        offN++;
                    }
                }
            }
        }
        assertEquals(0.4, on / onN, 0.01);
        assertEquals(0.05, off / offN, 0.005);
    }

    @Test
    void labelsAreTheClassOfOneDecisionTasksAndZeroOtherwise() {
        SymSeqTask g = SymSeqTask.create("reber-grammaticality");
        SymSeqData d = g.generate(10, 1);
        SymSeqBatches src = SymSeqBatches.builder(d, g.encoding()).shuffle(false).batchSize(10).build();
        assertTrue(src.classLabels());
        Batch b = src.epoch(0).next();
        for (int i = 0; i < 10; i++) {
            int[] y = d.targets(i);
            assertEquals(y[y.length - 1], b.labels()[i]);
        }
        // so core's own losses work on one-decision tasks
        Tensor out = new Tensor(b.steps(), 10, 2);
        assertEquals(Math.log(2), Losses.ceReadout().compute(out, b).value(), 1e-6);
        SymSeqTask p = SymSeqTask.create("reber-next-symbol");
        SymSeqBatches ps = p.batches(p.generate(3, 1), 3, 1, false);
        assertFalse(ps.classLabels());
        assertArrayEquals(new int[3], ps.epoch(0).next().labels());
    }

    /** Random logits for the batch's output shape. */
    private static Tensor randomOutput(SymSeqBatch b, int classes, long seed) {
        Rng rng = new Rng(seed);
        Tensor out = new Tensor(b.steps(), b.size(), classes);
        for (int i = 0; i < out.size(); i++) {
            out.data()[i] = rng.uniform(-2, 2);
        }
        return out;
    }

    @Test
    void stepLossMatchesFiniteDifferencesAndTheTrainerPath() {
        SymSeqTask t = SymSeqTask.create("reber-next-symbol", Map.of("symbolSteps", 2, "readoutSteps", 2));
        SymSeqData d = t.generate(5, 3);
        SymSeqBatches src = t.batches(d, 5, 1, false);
        SymSeqBatch b = src.batches(0).next();
        Tensor out = randomOutput(b, d.classes().size(), 3);
        LossValue lv = SymSeqLoss.compute(b, out);
        SymSeqLoss loss = t.loss();
        LossValue viaBatch = loss.compute(out, b.batch());
        assertEquals(lv.value(), viaBatch.value());
        assertArrayEquals(lv.grad().data(), viaBatch.grad().data());
        // the mean over decision steps of -log softmax, by hand
        double sum = 0;
        int count = 0;
        int c = d.classes().size();
        for (int r = 0; r < b.targets().length; r++) {
            if (b.targets()[r] < 0) {
                continue;
            }
            double z = 0;
            for (int k = 0; k < c; k++) {
                z += Math.exp(out.data()[r * c + k]);
            }
            sum += Math.log(z) - out.data()[r * c + b.targets()[r]];
            count++;
        }
        assertEquals(sum / count, lv.value(), 1e-6);
        for (int i = 0; i < out.size(); i += 7) {
            float keep = out.data()[i];
            double h = 1e-2;
            out.data()[i] = (float) (keep + h);
            double up = SymSeqLoss.compute(b, out).value();
            out.data()[i] = (float) (keep - h);
            double down = SymSeqLoss.compute(b, out).value();
            out.data()[i] = keep;
            assertEquals((up - down) / (2 * h), lv.grad().data()[i], 2e-4, "gradient entry " + i);
        }
        // the same instance serves any batch, in any order: no state
        SymSeqBatch other = t.batches(t.generate(3, 4), 3, 1, false).batches(0).next();
        Tensor otherOut = randomOutput(other, c, 4);
        assertEquals(SymSeqLoss.compute(other, otherOut).value(), loss.compute(otherOut, other.batch()).value());
        assertEquals(lv.value(), loss.compute(out, b.batch()).value());
    }

    @Test
    void predictionsAreTheLabelWhenEveryDecisionIsRightAndMinusOneOtherwise() {
        SymSeqTask t = SymSeqTask.create("reber-next-symbol", Map.of("symbolSteps", 2, "readoutSteps", 2));
        SymSeqData d = t.generate(5, 3);
        SymSeqBatch b = t.batches(d, 5, 1, false).batches(0).next();
        int c = d.classes().size();
        SymSeqLoss loss = t.loss();
        // logit 1 on the target of every decision step: all right
        Tensor out = new Tensor(b.steps(), 5, c);
        for (int r = 0; r < b.targets().length; r++) {
            if (b.targets()[r] >= 0) {
                out.data()[r * c + b.targets()[r]] = 1f;
            }
        }
        assertArrayEquals(new int[5], loss.predict(out, b.batch()));
        // sample 2's first decision: the first readout step says z (3), the second y (1): sum y 2 < z 3, wrong
        int first = -1;
        for (int k = 0; k < b.steps() && first < 0; k++) {
            first = b.targets()[k * 5 + 2] >= 0 ? k : -1;
        }
        int y = b.targets()[first * 5 + 2];
        int z = (y + 1) % c;
        assertEquals(y, b.targets()[(first + 1) * 5 + 2], "two readout steps per decision");
        out.data()[(first * 5 + 2) * c + z] = 3f;
        assertArrayEquals(new int[] {0, 0, -1, 0, 0}, loss.predict(out, b.batch()));
        // the decision is the argmax of the output summed over its readout steps: y 1 + 3 > z 3, right again
        out.data()[((first + 1) * 5 + 2) * c + y] = 3f;
        assertArrayEquals(new int[5], loss.predict(out, b.batch()));

        // one-decision tasks: the predicted class, so the Trainer's accuracy and confusion matrix are the usual ones
        SymSeqTask g = SymSeqTask.create("reber-grammaticality", Map.of("readoutSteps", 2));
        SymSeqData gd = g.generate(40, 2);
        SymSeqBatches gs = g.batches(gd, 16, 1, false);
        Network net = new Sequential(new Linear(gd.symbols().size(), 2, new Rng(8)));
        Trainer tr = Trainer.builder(net, g.loss(), new Sgd(net.parameters(), 0.0)).build();
        Evaluation ev = tr.evaluate(gs);
        SymSeqEvaluation sev = SymSeqEvaluation.evaluate(net, gs, gd);
        assertEquals(40, sev.decisions());
        assertEquals(sev.accuracy(), ev.accuracy(), 1e-12);
        assertTrue(ev.accuracy() > 0 && ev.accuracy() < 1, "a random network: " + ev);
        assertArrayEquals(sev.confusion(), ev.confusionMatrix(2));
        // several decisions per sample: the Trainer's accuracy is the fraction of sequences without an error
        // (A_i X B_i #: a Linear answering the bigram predictor's class for each input symbol gets the sequences of
        // one of the two pairs right)
        SymSeqTask n = SymSeqTask.create("nad-next-symbol");
        SymSeqData nd = n.generate(64, 2);
        SymSeqBatches ns = n.batches(nd, 16, 1, false);
        int a = nd.symbols().size();
        Linear bigram = new Linear(a, nd.classes().size(), new Rng(9));
        java.util.Arrays.fill(bigram.weight().value().data(), 0f);
        java.util.Arrays.fill(bigram.bias().value().data(), 0f);
        int[] best = nd.bigramPredictor();
        for (int s = 0; s < a; s++) {
            bigram.weight().value().data()[best[s] * a + s] = 1f;
        }
        Network nnet = new Sequential(bigram);
        Evaluation nev = Trainer.builder(nnet, n.loss(), new Sgd(nnet.parameters(), 0.0)).build().evaluate(ns);
        SymSeqEvaluation nsev = SymSeqEvaluation.evaluate(nnet, ns, nd);
        assertEquals(nsev.bigram(), nsev.accuracy(), 1e-12);
        assertEquals(nsev.sequenceAccuracy(), nev.accuracy(), 1e-12);
        assertTrue(nsev.sequenceAccuracy() > 0.3 && nsev.sequenceAccuracy() < 0.7, nsev.toString());
        assertEquals(1 - (1 - nsev.sequenceAccuracy()) / 3, nsev.accuracy(), 1e-12, "3 decisions, 1 can go wrong");
    }

    @Test
    void theLossRefusesBatchesWithoutOrWithMismatchedStepTargets() {
        SymSeqTask t = SymSeqTask.create("reber-next-symbol", Map.of("symbolSteps", 2, "readoutSteps", 2));
        SymSeqData d = t.generate(5, 3);
        SymSeqBatch b = t.batches(d, 5, 1, false).batches(0).next();
        int c = d.classes().size();
        Tensor out = randomOutput(b, c, 3);
        SymSeqLoss loss = t.loss();
        UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class,
                () -> loss.compute(out, b.labels()));
        assertTrue(u.getMessage().contains("needs the batch's per-step targets; call compute(output, batch)"),
                u.getMessage());
        u = assertThrows(UnsupportedOperationException.class, () -> loss.predict(out));
        assertTrue(u.getMessage().contains("SymSeqEvaluation"), u.getMessage());
        assertMessage(() -> loss.compute(out, new Batch(b.input(), b.labels())), "the batch has no per-step targets");
        assertMessage(() -> loss.compute(new Tensor(b.steps(), 4, c), b.batch()), "expected output [" + b.steps()
                + ", 5, classes]");
        assertMessage(() -> loss.compute(randomOutput(b, 3, 1), b.batch()), "but the output has 3 classes");
        // a batch made with another window
        Tensor x = new Tensor(4, 1, c);
        assertMessage(() -> loss.compute(new Tensor(4, 1, c), new Batch(x, new int[1], new int[] {0, 1, -1, -1})),
                "sample 0 has targets 0 and 1 within the symbol window of steps [0, 2)");
        assertMessage(() -> loss.predict(new Tensor(3, 1, c), new Batch(new Tensor(3, 1, c), new int[1],
                new int[] {-1, 0, -1})), "3 steps, not a multiple of the encoding's 2 steps per symbol");
        assertMessage(() -> SymSeqLoss.of(null), "input encoding is required");
    }

    @Test
    void evaluationScoresEveryDecisionAndItsBaselines() {
        SymSeqTask t = SymSeqTask.create("nback-1", Map.of("length", 10, "alphabetSize", 3, "pMatch", 0.2));
        SymSeqData d = t.generate(20, 1);
        SymSeqBatches src = t.batches(d, 8, 1, false);
        // a "network" that always answers class 0 (non-match): Linear with zero weights and bias +1 on class 0
        Linear lin = new Linear(d.symbols().size(), 2, new Rng(1));
        java.util.Arrays.fill(lin.weight().value().data(), 0f);
        lin.bias().value().data()[0] = 1f;
        lin.bias().value().data()[1] = 0f;
        Network net = new Sequential(lin);
        SymSeqEvaluation ev = SymSeqEvaluation.evaluate(net, src, d);
        assertEquals(20 * 9, ev.decisions());
        assertEquals(7.0 / 9, ev.accuracy(), 1e-12, "2 of 9 decisions per sequence are matches");
        assertEquals(ev.unigram(), ev.accuracy(), 1e-12, "majority class = always non-match");
        assertEquals(0.5, ev.chance());
        assertEquals(0, ev.sequencesCorrect());
        assertEquals(20 * 7, ev.confusion()[0][0]);
        assertEquals(20 * 2, ev.confusion()[1][0]);
        Network wrong = new Sequential(new Linear(d.symbols().size(), 3, new Rng(1)));
        assertMessage(() -> SymSeqEvaluation.evaluate(wrong, src, d), "one output per class");
    }

    @Test
    void badNamesAndParametersAreRefusedWithClearMessages() {
        assertMessage(() -> SymSeqTask.create("reber-next-letter"), "unknown symbolic-sequence task 'reber-next-letter'",
                "reber-next-symbol", "nback-<n>");
        assertMessage(() -> SymSeqTask.create("nback-0"), "n-back needs n >= 1");
        assertMessage(() -> SymSeqTask.create("reber-next-symbol", Map.of("symbolsteps", 2)),
                "unknown parameter 'symbolsteps'", "symbolSteps", "maxLength");
        assertMessage(() -> SymSeqTask.create("nback-2", Map.of("alphabetSize", 0)), "task nback-2",
                "alphabet size must be >= 1, got 0");
        assertMessage(() -> SymSeqTask.create("dyck-next-symbol", Map.of("gapSteps", -1)), "task dyck-next-symbol",
                "gapSteps must be >= 0, got -1");
        assertMessage(() -> SymSeqTask.create("nax", Map.of("symbolSteps", "two")), "parameter symbolSteps",
                "expected an integer, got 'two'");
        assertMessage(() -> SymSeqTask.create("ag-memory", Map.of("preset", "chomsky")), "unknown grammar preset");
        assertMessage(() -> SymSeqTask.create("reber-next-symbol", Map.of("readoutSteps", 9)), "readoutSteps");
        assertMessage(() -> SymSeqTask.create("reber-next-symbol", Map.of("coding", "latency")), "unknown coding");
        assertMessage(() -> SymSeqTask.create("random-ag-memory", Map.of("symbols", 0)), "alphabet size");
        assertMessage(() -> SymSeqTask.create("reber-grammaticality", Map.of("fraction", 1.5)), "fraction");
        assertMessage(() -> SymSeqTask.create("nad-next-symbol", Map.of("randomizeFillers", "yes")),
                "expected true or false");
        assertMessage(() -> SymSeqTask.create("reber-next-symbol").generate(0, 1), "number of samples");
        assertEquals("5", SymSeqTask.parameterNames("reber-memory").get("symbolSteps"));
        SymSeqTask t = SymSeqTask.create("ag-next-symbol", Map.of("preset", "witt2011", "symbolSteps", 4));
        assertEquals("4", t.parameters().get("symbolSteps"));
        assertEquals(4, t.encoding().symbolSteps());
        assertNotEquals(t.generate(4, 1).symbols(), SymSeqTask.create("reber-next-symbol").generate(4, 1).symbols());
        Iterator<SymSeqBatch> it = t.batches(t.generate(3, 1), 2, 1, false).batches(0);
        it.next();
        it.next();
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }
}
