package io.snn4j.bench.symseq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Network;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.LeakyIntegrator;
import io.snn4j.core.neuron.RLeaky;
import io.snn4j.core.train.Adam;
import io.snn4j.core.train.EpochMetrics;
import io.snn4j.core.train.Trainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * End to end: a small recurrent SNN (Linear, RLeaky, Linear, LeakyIntegrator readout) learns Reber next-symbol
 * prediction through core's Trainer with the per-step loss. The best possible accuracy on this data is about 0.60
 * (Reber strings branch with probability 1/2); predicting from the current symbol alone (bigram) gives 0.50,
 * the most frequent symbol (unigram) 0.19 and a uniform guess 1/6.
 */
class SymSeqTrainingTest {

    @Test
    void recurrentSnnBeatsChanceUnigramAndBigramOnReberNextSymbol() {
        SymSeqTask task = SymSeqTask.create("reber-next-symbol", Map.of("symbolSteps", 2, "readoutSteps", 2,
                "strings", 2, "maxLength", 10));
        SymSeqData train = task.generate(256, 1);
        SymSeqData test = task.generate(128, 2);
        SymSeqBatches trainSrc = task.batches(train, 32, 3, true);
        SymSeqBatches testSrc = task.batches(test, 64, 4, false);
        Rng rng = new Rng(5);
        Network net = new Sequential(new Linear(trainSrc.inputSize(), 64, rng), RLeaky.builder(64).beta(0.8f)
                .build(rng), new Linear(64, trainSrc.classes(), rng), new LeakyIntegrator(0.5f));
        SymSeqEvaluation before = SymSeqEvaluation.evaluate(net, testSrc, train);
        Trainer trainer = Trainer.builder(net, task.loss(), new Adam(net.parameters(), 0.005)).build();
        List<EpochMetrics> h = trainer.fit(trainSrc, testSrc, 15);
        SymSeqEvaluation after = SymSeqEvaluation.evaluate(net, testSrc, train);
        String msg = "before " + before + ", after " + after + ", history " + h;
        assertTrue(before.accuracy() < after.unigram() + 0.05, msg);
        assertTrue(after.accuracy() > after.chance() + 0.3, msg);
        assertTrue(after.accuracy() > after.unigram() + 0.3, msg);
        assertTrue(after.accuracy() > after.bigram() + 0.03, msg);
        double optimal = posteriorAccuracy(test);
        assertTrue(optimal > 0.57 && optimal < 0.63, "the exact posterior predicts " + optimal);
        assertTrue(after.accuracy() <= optimal + 0.02, "no network beats the posterior: " + optimal + ", " + msg);
        assertTrue(h.get(14).trainLoss() < h.get(0).trainLoss() - 0.5, msg);
        // the Trainer's validation loss averages batch losses per sample, the evaluation per decision step
        assertTrue(Math.abs(h.get(14).valLoss() - after.loss()) < 0.02, msg);
        // the Trainer's accuracy is the fraction of sequences with every decision right
        assertEquals(after.sequenceAccuracy(), h.get(14).valAcc(), 1e-12, msg);
    }

    /** Accuracy of predicting each target with the argmax of the grammar's exact next-symbol distribution. */
    static double posteriorAccuracy(SymSeqData d) {
        ArtificialGrammar g = GrammarPresets.get("reber");
        int ok = 0;
        int n = 0;
        for (int s = 0; s < d.size(); s++) {
            List<String> str = d.string(s);
            int[] y = d.targets(s);
            int start = 0;
            for (int i = 0; i < str.size(); i++) {
                if (str.get(i).equals("#")) {
                    start = i + 1;
                }
                Map<String, Double> p = g.nextSymbolDistribution(str.subList(start, i + 1));
                String best = null;
                for (Map.Entry<String, Double> e : p.entrySet()) {
                    if (best == null || e.getValue() > p.get(best)) {
                        best = e.getKey();
                    }
                }
                ok += d.classes().indexOf(best) == y[i] ? 1 : 0;
                n++;
            }
        }
        return (double) ok / n;
    }
}
