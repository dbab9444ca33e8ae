package io.snn4j.bench.symseq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default recipes learn (two cheap tasks, full recipe), deterministically, and reject bad settings. The long
 * runs over all the table's tasks are {@link SymSeqRecipeFullRunTest}.
 */
class SymSeqRecipeTest {

    @Test
    void nadNextSymbolRecipeBeatsItsBaselinesAndTheUntrainedNetwork() {
        SymSeqTask task = SymSeqTask.create("nad-next-symbol");
        SymSeqRecipe.Trained before = SymSeqRecipe.train(task, 256, 0, 42, null);
        SymSeqRecipe.Trained after = SymSeqRecipe.train(task, 256, null, 42, null);
        SymSeqEvaluation b = before.evaluation();
        SymSeqEvaluation e = after.evaluation();
        String msg = "before " + b + ", after " + e;
        assertEquals(200, after.history().size(), msg);
        // A B: the filler X is always next after A, B_i after X needs A_i two symbols back, '#' after B
        assertTrue(e.bigram() > 0.8 && e.bigram() < 0.87, msg);
        assertTrue(b.accuracy() < e.bigram(), msg);
        assertTrue(e.accuracy() > 0.99, msg);
        assertEquals(128, after.test().size());
        assertEquals(256, after.train().size());
        assertTrue(after.description().startsWith("Linear(6, 64), RLeaky(64, beta 0.9 learnable per neuron, "
                + "threshold 0.3, atan alpha 1), Linear(64, 6), LeakyIntegrator(0.5); AdamW lr 0.01 cosine to "
                + "0.0005, weight decay 0.1, clip norm 1, batch 32, 200 epochs; "), after.description());
    }

    @Test
    void naxRecipeRemembersTheContextAcrossTheFillers() {
        SymSeqTask task = SymSeqTask.create("nax");
        List<String> log = new ArrayList<>();
        SymSeqRecipe.Trained t = SymSeqRecipe.train(task, 256, 60, 7, log::add);
        SymSeqEvaluation e = t.evaluation();
        // the probe alone says nothing: target or lure depends on the context at the start of the trial
        assertEquals(e.unigram(), e.bigram(), 1e-12, e.toString());
        assertTrue(e.accuracy() > e.unigram() + 0.2 && e.accuracy() > 0.9, e.toString());
        assertEquals(e.accuracy(), e.sequenceAccuracy(), 1e-12, "one decision per trial: " + e);
        // a line before training, then one every tenth of the epochs
        assertEquals(11, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("nax: training Linear(9, 64), "), log.get(0));
        assertTrue(log.get(10).startsWith("epoch 60/60: loss "), log.get(10));
    }

    @Test
    void sameSeedSameNetworkOtherSeedOtherNetwork() {
        SymSeqTask task = SymSeqTask.create("reber-memory");
        SymSeqRecipe.Trained a = SymSeqRecipe.train(task, 64, 3, 11, null);
        SymSeqRecipe.Trained b = SymSeqRecipe.train(task, 64, 3, 11, null);
        SymSeqRecipe.Trained c = SymSeqRecipe.train(task, 64, 3, 12, null);
        List<Parameter> pa = a.network().parameters();
        List<Parameter> pb = b.network().parameters();
        List<Parameter> pc = c.network().parameters();
        assertEquals(pa.size(), pb.size());
        boolean differs = false;
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i).value().data(), pb.get(i).value().data(), pa.get(i).name());
            differs |= !Arrays.equals(pa.get(i).value().data(), pc.get(i).value().data());
        }
        assertTrue(differs);
        assertEquals(a.evaluation().correct(), b.evaluation().correct());
        assertEquals(a.evaluation().loss(), b.evaluation().loss());
        // 64 learnable decays, one per hidden neuron
        assertTrue(pa.stream().anyMatch(p -> p.name().equals("beta") && p.value().size() == 64 && p.trainable()));
    }

    @Test
    void familiesByTaskName() {
        assertEquals(SymSeqRecipe.Family.NEXT_SYMBOL, SymSeqRecipe.family(SymSeqTask.create("dyck-next-symbol")));
        assertEquals(SymSeqRecipe.Family.MEMORY, SymSeqRecipe.family(SymSeqTask.create("reber-memory")));
        assertEquals(SymSeqRecipe.Family.GRAMMATICALITY,
                SymSeqRecipe.family(SymSeqTask.create("knowlton-grammaticality")));
        assertEquals(SymSeqRecipe.Family.NBACK, SymSeqRecipe.family(SymSeqTask.create("nback-3")));
        assertEquals(SymSeqRecipe.Family.NAX, SymSeqRecipe.family(SymSeqTask.create("nax")));
        SymSeqRecipe.Recipe r = SymSeqRecipe.recipe(SymSeqTask.create("nback-2"));
        assertEquals(SymSeqRecipe.Family.NBACK, r.family());
        assertEquals(200, r.epochs());
        assertEquals(17, r.withEpochs(17).epochs());
        assertEquals(r.hidden(), r.withEpochs(17).hidden());
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        SymSeqTask task = SymSeqTask.create("nax");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SymSeqRecipe.train(task, 1, 1, 0, null));
        assertEquals("symseq recipe: task nax: samples must be at least 2, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SymSeqRecipe.train(task, 16, -1, 0, null));
        assertEquals("symseq recipe: epochs must be >= 0, got -1", e.getMessage());
        SymSeqRecipe.Recipe r = SymSeqRecipe.recipe(task);
        e = assertThrows(IllegalArgumentException.class, () -> new SymSeqRecipe.Recipe(r.family(), 0, 1, 0.9f, true,
                0.3f, 1f, 0.5f, 0.01, true, 0.1, 1, 10, 32));
        assertEquals("symseq recipe: hidden must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SymSeqRecipe.Recipe(r.family(), 8, 1, 1.5f, true,
                0.3f, 1f, 0.5f, 0.01, true, 0.1, 1, 10, 32));
        assertEquals("symseq recipe: beta must be in [0, 1], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SymSeqRecipe.Recipe(r.family(), 8, 1, 0.9f, true,
                0.3f, 1f, 0.5f, Double.NaN, true, 0.1, 1, 10, 32));
        assertEquals("symseq recipe: lr must be > 0, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SymSeqRecipe.trainWith(null, task, 16, 0, null));
        assertEquals("symseq recipe: the task and the recipe are required", e.getMessage());
        assertFalse(r.describe(9, 2).isEmpty());
    }
}
