package io.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Network;
import io.snn4j.core.layer.Sequential;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches with per-step targets and the batch-aware Loss methods the Trainer calls. */
class StepTargetsTest {
    static final int T = 12;
    static final int CHANNELS = 3;

    /**
     * A per-step task: at every step one of three input channels is on; on odd steps the target is the class
     * {@code (channel + 1) % 3}, even steps have no decision. Every label is 0, so a loss that read the labels
     * would learn nothing.
     */
    static final class StepTask implements BatchSource {
        final int samples;
        final int batchSize;
        final long seed;

        StepTask(int samples, int batchSize, long seed) {
            this.samples = samples;
            this.batchSize = batchSize;
            this.seed = seed;
        }

        @Override
        public int samples() {
            return samples;
        }

        @Override
        public Iterator<Batch> epoch(int epoch) {
            Rng rng = new Rng(seed * 31 + epoch);
            List<Batch> out = new ArrayList<>();
            for (int from = 0; from < samples; from += batchSize) {
                int b = Math.min(batchSize, samples - from);
                Tensor x = new Tensor(T, b, CHANNELS);
                int[] steps = new int[T * b];
                for (int t = 0; t < T; t++) {
                    for (int j = 0; j < b; j++) {
                        int c = rng.nextInt(CHANNELS);
                        x.set(1f, t, j, c);
                        steps[t * b + j] = t % 2 == 1 ? (c + 1) % CHANNELS : -1;
                    }
                }
                out.add(new Batch(x, new int[b], steps));
            }
            return out.iterator();
        }
    }

    /**
     * Mean softmax cross-entropy over the steps with a target; a sample's prediction is its label when every
     * step's argmax is its target, -1 otherwise. The label-only methods fail, so the test notices if the Trainer
     * calls them.
     */
    static class StepCe implements Loss {
        @Override
        public LossValue compute(Tensor output, int[] labels) {
            throw new AssertionError("the Trainer must call compute(output, batch)");
        }

        @Override
        public int[] predict(Tensor output) {
            throw new AssertionError("the Trainer must call predict(output, batch)");
        }

        @Override
        public LossValue compute(Tensor output, Batch batch) {
            int[] y = batch.stepTargets();
            int c = output.dim(2);
            float[] o = output.data();
            Tensor grad = new Tensor(output.shape());
            int n = 0;
            for (int v : y) {
                n += v >= 0 ? 1 : 0;
            }
            double total = 0;
            for (int r = 0; r < y.length; r++) {
                if (y[r] < 0) {
                    continue;
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    max = Math.max(max, o[r * c + k]);
                }
                double sum = 0;
                for (int k = 0; k < c; k++) {
                    sum += Math.exp(o[r * c + k] - max);
                }
                total += max + Math.log(sum) - o[r * c + y[r]];
                for (int k = 0; k < c; k++) {
                    double p = Math.exp(o[r * c + k] - max) / sum;
                    grad.data()[r * c + k] = (float) ((p - (k == y[r] ? 1 : 0)) / n);
                }
            }
            return new LossValue((float) (total / n), grad);
        }

        @Override
        public int[] predict(Tensor output, Batch batch) {
            int b = batch.size();
            int c = output.dim(2);
            int[] pred = batch.labels().clone();
            for (int r = 0; r < batch.stepTargets().length; r++) {
                int y = batch.stepTargets()[r];
                if (y >= 0 && argmax(output.data(), r * c, c) != y) {
                    pred[r % b] = -1;
                }
            }
            return pred;
        }

        @Override
        public String name() {
            return "step_ce";
        }
    }

    static int argmax(float[] v, int off, int n) {
        int best = 0;
        for (int k = 1; k < n; k++) {
            if (v[off + k] > v[off + best]) {
                best = k;
            }
        }
        return best;
    }

    /** Fraction of steps with a target whose argmax is right, over epoch 0 of {@code src}. */
    static double stepAccuracy(Network net, BatchSource src) {
        int ok = 0;
        int n = 0;
        Iterator<Batch> it = src.epoch(0);
        while (it.hasNext()) {
            Batch b = it.next();
            Tensor out = net.forward(b.input(), false);
            for (int r = 0; r < b.stepTargets().length; r++) {
                if (b.stepTargets()[r] >= 0) {
                    n++;
                    ok += argmax(out.data(), r * CHANNELS, CHANNELS) == b.stepTargets()[r] ? 1 : 0;
                }
            }
        }
        return (double) ok / n;
    }

    @Test
    void theTrainerTrainsAndScoresALossOnStepTargets() {
        Network net = new Sequential(new Linear(CHANNELS, CHANNELS, new Rng(4)));
        StepTask train = new StepTask(64, 16, 1);
        StepTask val = new StepTask(32, 16, 2);
        Trainer tr = Trainer.builder(net, new StepCe(), new Adam(net.parameters(), 0.1)).build();
        double before = stepAccuracy(net, val);
        Evaluation ev0 = tr.evaluate(val);
        assertTrue(before < 0.7, "the initial network does not solve the task yet: " + before);
        assertTrue(ev0.accuracy() < 0.2, "few sequences have all 6 decisions right before training: " + ev0);

        List<EpochMetrics> h = tr.fit(train, val, 15);
        assertEquals(1.0, stepAccuracy(net, val), "trained on the step targets, not the labels (all 0)");
        assertTrue(h.get(14).trainLoss() < h.get(0).trainLoss() / 2, h.toString());
        assertEquals(1.0, h.get(14).valAcc(), "every sequence right: " + h);
        assertEquals(1.0, h.get(14).trainAcc(), h.toString());

        // the Trainer's validation loss is the batch-aware loss weighted by batch size
        Evaluation ev = tr.evaluate(val);
        double sum = 0;
        Iterator<Batch> it = val.epoch(0);
        while (it.hasNext()) {
            Batch b = it.next();
            sum += new StepCe().compute(net.forward(b.input(), false), b).value() * b.size();
        }
        assertEquals(sum / 32, ev.loss(), 1e-12);
        assertEquals(h.get(14).valLoss(), ev.loss(), 1e-12);
        assertEquals(32, ev.samples());
    }

    @Test
    void theDefaultBatchMethodsGiveTheLabelResultsBitForBit() {
        Rng rng = new Rng(7);
        Tensor out = new Tensor(5, 3, 4);
        for (int i = 0; i < out.size(); i++) {
            out.data()[i] = rng.uniform(-2, 2);
        }
        int[] labels = {2, 0, 3};
        int[] steps = new int[15];
        java.util.Arrays.fill(steps, -1);
        steps[4] = 1;
        Batch plain = new Batch(new Tensor(5, 3, 2), labels);
        Batch stepped = new Batch(new Tensor(5, 3, 2), labels, steps);
        for (Loss l : new Loss[] {Losses.ceRate(), Losses.ceCount(), Losses.ceReadout(), Losses.ceMaxMembrane(),
                Losses.mseCount(), Losses.mseMembrane()}) {
            LossValue ref = l.compute(out, labels);
            for (Batch b : new Batch[] {plain, stepped}) {
                LossValue v = l.compute(out, b);
                assertEquals(Float.floatToIntBits(ref.value()), Float.floatToIntBits(v.value()), l.name());
                assertArrayEquals(ref.grad().data(), v.grad().data(), l.name());
                assertArrayEquals(l.predict(out), l.predict(out, b), l.name());
            }
        }
    }

    @Test
    void batchesCheckTheirStepTargets() {
        Tensor x = new Tensor(3, 2, 4);
        Batch plain = new Batch(x, new int[] {0, 1});
        assertNull(plain.stepTargets());
        assertFalse(plain.hasStepTargets());
        assertEquals(3, plain.steps());
        int[] steps = {-1, 0, 1, -1, 5, 2};
        Batch b = new Batch(x, new int[] {0, 1}, steps);
        assertTrue(b.hasStepTargets());
        assertSame(steps, b.stepTargets());
        assertEquals(2, b.size());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Batch(x, new int[] {0, 1}, new int[5]));
        assertTrue(e.getMessage().contains("3 steps and 2 samples") && e.getMessage().contains("T * B = 6")
                && e.getMessage().contains("got 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Batch(x, new int[] {0, 1}, new int[7]));
        assertTrue(e.getMessage().contains("got 7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Batch(x, new int[] {0, 1}, new int[] {0, 0, 0, -2, 0, 0}));
        assertTrue(e.getMessage().contains("step target -2 at step 1 of sample 1")
                && e.getMessage().contains("-1 (no decision)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Batch(x, new int[] {0}, new int[6]));
        assertTrue(e.getMessage().contains("2 samples but 1 labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Batch(null, new int[] {0}));
        assertTrue(e.getMessage().contains("input and labels are required"), e.getMessage());
    }

    @Test
    void aLossPredictingTheWrongNumberOfSamplesIsReported() {
        Network net = new Sequential(new Linear(CHANNELS, CHANNELS, new Rng(4)));
        Loss shortPredictions = new StepCe() {
            @Override
            public int[] predict(Tensor output, Batch batch) {
                return new int[batch.size() - 1];
            }
        };
        Trainer tr = Trainer.builder(net, shortPredictions, new Sgd(net.parameters(), 0.0)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> tr.fit(new StepTask(16, 16, 1), null, 1));
        assertTrue(e.getMessage().contains("loss step_ce predicted 15 values for a batch of 16 samples"),
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> tr.evaluate(new StepTask(16, 16, 1)));
    }

    @Test
    void confusionMatricesRefuseSamplesWithoutAClass() {
        Evaluation ev = new Evaluation(0.5, new int[] {0, -1, 1}, new int[] {0, 1, 1});
        assertEquals(2.0 / 3, ev.accuracy(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ev::confusionMatrix);
        assertTrue(e.getMessage().contains("sample 1 has label 1 and prediction -1"), e.getMessage());
    }
}
