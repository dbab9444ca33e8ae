package io.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.Parallel;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Network;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.Leaky;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerTest {
    static final int T = 4;
    static final int INPUTS = 64;

    /** Two Linear layers: big enough ([T*B=128, 64] x [64, 32]) that the GEMM splits over 2 threads. */
    static Network net(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(INPUTS, 32, rng), new Linear(32, 2, rng));
    }

    /** Linear, Leaky, Linear, Leaky with [T*B=128, 64] x [64, 48] in the first layer. */
    static Network snn(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(INPUTS, 48, rng), new Leaky(0.9f), new Linear(48, 2, rng), new Leaky(0.9f));
    }

    static ToyBatches train() {
        return new ToyBatches(96, 32, T, INPUTS, 11);
    }

    static ToyBatches val() {
        return new ToyBatches(64, 32, T, INPUTS, 12);
    }

    static List<float[]> weights(Network n) {
        List<float[]> r = new ArrayList<>();
        for (Parameter p : n.namedParameters().values()) {
            r.add(p.value().data().clone());
        }
        return r;
    }

    static void assertSameWeights(List<float[]> a, List<float[]> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "parameter " + i + " differs");
        }
    }

    static Trainer trainer(Network n) {
        Optimizer opt = new Adam(n.parameters(), 0.01);
        return Trainer.builder(n, Losses.ceReadout(), opt).scheduler(new StepLR(opt, 2, 0.5)).build();
    }

    @Test
    void fitLearnsTheToyTaskAndRecordsEachEpoch() {
        Network n = net(1);
        Trainer tr = trainer(n);
        List<EpochMetrics> h = tr.fit(train(), val(), 4);
        assertEquals(4, h.size());
        assertEquals(List.of(0, 1, 2, 3), h.stream().map(EpochMetrics::epoch).toList());
        assertTrue(h.get(3).trainLoss() < h.get(0).trainLoss(), h.toString());
        assertTrue(h.get(3).valAcc() > 0.9, h.toString());
        // StepLR(2, 0.5): rates used in epochs 0..3
        assertEquals(List.of(0.01, 0.01, 0.005, 0.005), h.stream().map(EpochMetrics::learningRate).toList());
        assertEquals(4, tr.history().size());
        assertEquals(12, tr.globalStep());
    }

    @Test
    void spikingNetworkOfLeakyNeuronsLearnsTheToyTask() {
        Network n = snn(21);
        Trainer tr = Trainer.builder(n, Losses.ceRate(), new Adam(n.parameters(), 0.01)).build();
        double before = tr.evaluate(val()).accuracy();
        List<EpochMetrics> h = tr.fit(train(), val(), 5);
        assertTrue(h.get(4).valAcc() > 0.9, "before " + before + ", history " + h);
        assertTrue(h.get(4).trainLoss() < h.get(0).trainLoss(), h.toString());
    }

    @Test
    void evaluateReportsLossAccuracyPredictionsAndConfusion() {
        Network n = net(1);
        Trainer tr = trainer(n);
        tr.fit(train(), null, 3);
        Evaluation ev = tr.evaluate(val());
        assertEquals(64, ev.samples());
        assertEquals(64, ev.predictions().length);
        int[][] cm = ev.confusionMatrix(2);
        assertEquals(64, cm[0][0] + cm[0][1] + cm[1][0] + cm[1][1]);
        assertEquals((cm[0][0] + cm[1][1]) / 64.0, ev.accuracy(), 1e-12);
        assertEquals(32, cm[0][0] + cm[0][1], "half the samples are class 0");
        assertTrue(ev.loss() > 0 && Double.isFinite(ev.loss()));
    }

    @Test
    void trainingTwiceWithTheSameSeedGivesIdenticalWeights() {
        Network a = net(5);
        trainer(a).fit(train(), null, 2);
        Network b = net(5);
        trainer(b).fit(train(), null, 2);
        assertSameWeights(weights(a), weights(b));
        Network c = net(6);
        trainer(c).fit(train(), null, 2);
        assertNotEquals(weights(a).get(0)[0], weights(c).get(0)[0]);
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalWeights() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Network a = net(5);
            trainer(a).fit(train(), null, 2);
            Network sa = snn(5);
            trainer(sa).fit(train(), null, 2);
            Parallel.setThreads(2);
            Network b = net(5);
            trainer(b).fit(train(), null, 2);
            Network sb = snn(5);
            trainer(sb).fit(train(), null, 2);
            assertSameWeights(weights(a), weights(b));
            assertSameWeights(weights(sa), weights(sb));
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void resumedRunEndsBitIdenticalToAnUninterruptedOne() {
        Network full = net(3);
        MemoryCheckpointStore fullStore = new MemoryCheckpointStore();
        Optimizer fo = new Adam(full.parameters(), 0.01);
        Trainer.builder(full, Losses.ceReadout(), fo).scheduler(new ReduceOnPlateau(fo, ReduceOnPlateau.Mode.MIN,
                0.5, 0)).checkpoints(fullStore, 1).build().fit(train(), val(), 4);

        MemoryCheckpointStore store = new MemoryCheckpointStore();
        Network first = net(3);
        Optimizer o1 = new Adam(first.parameters(), 0.01);
        Trainer.builder(first, Losses.ceReadout(), o1).scheduler(new ReduceOnPlateau(o1, ReduceOnPlateau.Mode.MIN,
                0.5, 0)).checkpoints(store, 1).build().fit(train(), val(), 2);
        assertEquals(2, store.load().orElseThrow().epochsCompleted());

        // A new process: fresh network (other initial weights), optimizer and trainer.
        Network second = net(99);
        Optimizer o2 = new Adam(second.parameters(), 0.01);
        Trainer resumed = Trainer.builder(second, Losses.ceReadout(), o2).scheduler(new ReduceOnPlateau(o2,
                ReduceOnPlateau.Mode.MIN, 0.5, 0)).checkpoints(store, 1).build();
        assertEquals(2, resumed.resume(store));
        List<EpochMetrics> h = resumed.fit(train(), val(), 4);
        assertEquals(4, h.size());
        assertSameWeights(weights(full), weights(second));
        assertEquals(fo.learningRate(), o2.learningRate());
        assertEquals(4, store.load().orElseThrow().epochsCompleted());
        assertEquals(fullStore.load().orElseThrow().globalStep(), store.load().orElseThrow().globalStep());
    }

    @Test
    void resumeFromAnEmptyStoreStartsAtEpochZero() {
        Trainer tr = trainer(net(1));
        assertEquals(0, tr.resume(new MemoryCheckpointStore()));
    }

    @Test
    void restoreRejectsACheckpointOfAnotherArchitecture() {
        Trainer small = trainer(new Sequential(new Linear(INPUTS, 2, new Rng(1))));
        TrainingState s = small.snapshot();
        Trainer other = trainer(net(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restore(s));
        assertTrue(e.getMessage().contains("0.weight") && e.getMessage().contains("[2, 64]"), e.getMessage());
    }

    @Test
    void nanInputStopsTrainingNamingEpochStepAndInputAndKeepsTheLastGoodCheckpoint() {
        ToyBatches data = train();
        data.nanEpoch = 1;
        data.nanBatch = 2;
        MemoryCheckpointStore store = new MemoryCheckpointStore();
        Network n = net(1);
        Trainer tr = Trainer.builder(n, Losses.ceReadout(), new Adam(n.parameters(), 0.01))
                .checkpoints(store, 1).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> tr.fit(data, null, 3));
        assertEquals(1, e.epoch());
        assertEquals(5, e.step(), "3 batches per epoch: epoch 1, batch 2 is global step 5");
        assertEquals("input", e.where());
        assertTrue(e.getMessage().contains("epoch 1") && e.getMessage().contains("step 5")
                && e.getMessage().contains("input"), e.getMessage());
        assertEquals(1, store.saves());
        TrainingState good = store.load().orElseThrow();
        assertEquals(1, good.epochsCompleted());
        assertTrue(good.parameters().get("0.weight").isFinite());
    }

    @Test
    void overflowingWeightsAreReportedByParameterPath() {
        Network n = net(1);
        // 1e39 overflows float32: the first update makes the weights infinite
        Trainer tr = Trainer.builder(n, Losses.ceReadout(), new Sgd(n.parameters(), 1e39)).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> tr.fit(train(), null, 1));
        assertEquals("0.weight", e.where());
        assertEquals(0, e.step());
        assertTrue(e.getMessage().contains("0.weight"), e.getMessage());
    }

    @Test
    void nonFiniteGradientsAndLossesAreReportedBeforeTheStep() {
        Network n = net(1);
        Loss nanGrad = new Loss() {
            @Override
            public LossValue compute(Tensor output, int[] labels) {
                LossValue v = Losses.ceReadout().compute(output, labels);
                v.grad().data()[3] = Float.POSITIVE_INFINITY;
                return v;
            }

            @Override
            public int[] predict(Tensor output) {
                return Losses.ceReadout().predict(output);
            }

            @Override
            public String name() {
                return "broken";
            }
        };
        List<float[]> before = weights(n);
        Trainer tr = Trainer.builder(n, nanGrad, new Adam(n.parameters(), 0.01)).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> tr.fit(train(), null, 1));
        assertTrue(e.where().startsWith("gradient of "), e.getMessage());
        assertSameWeights(before, weights(n));

        Loss nanLoss = new Loss() {
            @Override
            public LossValue compute(Tensor output, int[] labels) {
                return new LossValue(Float.NaN, new Tensor(output.shape()));
            }

            @Override
            public int[] predict(Tensor output) {
                return new int[output.dim(1)];
            }

            @Override
            public String name() {
                return "nan";
            }
        };
        Trainer tl = Trainer.builder(n, nanLoss, new Adam(n.parameters(), 0.01)).build();
        e = assertThrows(TrainingDivergedException.class, () -> tl.fit(train(), null, 1));
        assertEquals("loss", e.where());
    }

    @Test
    void earlyStoppingEndsTrainingWhenTheMonitoredMetricStalls() {
        Network n = net(1);
        MemoryCheckpointStore store = new MemoryCheckpointStore();
        // learning rate 0: the validation loss never improves after epoch 0
        Trainer tr = Trainer.builder(n, Losses.ceReadout(), new Sgd(n.parameters(), 0.0))
                .callback(new EarlyStopping("val_loss", 2, 0.0)).checkpoints(store, 5).build();
        List<EpochMetrics> h = tr.fit(train(), val(), 10);
        assertEquals(3, h.size(), "best at epoch 0, then 2 epochs without improvement");
        assertTrue(tr.stopRequested());
        assertEquals(3, store.load().orElseThrow().epochsCompleted(), "a checkpoint is saved on early stop");
    }

    @Test
    void earlyStoppingCountsFromTheHistory() {
        EarlyStopping es = new EarlyStopping("val_acc", 2, 0.01);
        List<EpochMetrics> h = List.of(m(0.5), m(0.7), m(0.705), m(0.71), m(0.72));
        // 0.705 and 0.71 do not beat 0.7 by more than 0.01; 0.72 does
        assertEquals(0, es.epochsWithoutImprovement(h));
        assertEquals(2, es.epochsWithoutImprovement(h.subList(0, 4)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EarlyStopping("val_accuracy", 2, 0));
        assertTrue(e.getMessage().contains("val_acc"), e.getMessage());
    }

    private static EpochMetrics m(double valAcc) {
        return new EpochMetrics(0, 1, 0.5, 1, valAcc, 0, 0.1);
    }

    @Test
    void callbacksSeeEveryBatchAndEpochInOrder() {
        List<String> log = new ArrayList<>();
        Network n = net(1);
        Trainer tr = Trainer.builder(n, Losses.ceReadout(), new Adam(n.parameters(), 0.01))
                .callback(new Callback() {
                    @Override
                    public void onTrainStart(Trainer t, int epochs, int batches) {
                        log.add("start " + epochs + " " + batches);
                    }

                    @Override
                    public void onBatchEnd(Trainer t, int epoch, int batch, double loss, int correct, int size) {
                        log.add("batch " + epoch + "." + batch + " " + size);
                    }

                    @Override
                    public void onEpochEnd(Trainer t, EpochMetrics m) {
                        log.add("epoch " + m.epoch());
                    }

                    @Override
                    public void onTrainEnd(Trainer t) {
                        log.add("end");
                    }
                }).build();
        tr.fit(new ToyBatches(40, 16, T, INPUTS, 1), null, 2);
        assertEquals(List.of("start 2 3", "batch 0.0 16", "batch 0.1 16", "batch 0.2 8", "epoch 0",
                "batch 1.0 16", "batch 1.1 16", "batch 1.2 8", "epoch 1", "end"), log);
    }

    @Test
    void stopRequestedMidEpochAbandonsThatEpoch() {
        Network n = net(1);
        MemoryCheckpointStore store = new MemoryCheckpointStore();
        Trainer tr = Trainer.builder(n, Losses.ceReadout(), new Adam(n.parameters(), 0.01))
                .checkpoints(store, 1)
                .callback(new Callback() {
                    @Override
                    public void onBatchEnd(Trainer t, int epoch, int batch, double loss, int correct, int size) {
                        if (epoch == 1 && batch == 0) {
                            t.requestStop();
                        }
                    }
                }).build();
        List<EpochMetrics> h = tr.fit(train(), null, 5);
        assertEquals(1, h.size());
        assertEquals(1, store.load().orElseThrow().epochsCompleted());
        assertFalse(h.isEmpty());
    }

    @Test
    void theFirstLayerIsNotAskedForAnInputGradient() {
        Network n = net(1);
        trainer(n);
        assertFalse(((Linear) ((Sequential) n).get(0)).inputGradRequired());
    }

    @Test
    void badBuilderArgumentsAreRejected() {
        Network n = net(1);
        Optimizer o = new Adam(n.parameters(), 0.01);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder(n, Losses.ceReadout(), o).clipGradNorm(0));
        assertTrue(e.getMessage().contains("clipGradNorm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder(n, Losses.ceReadout(), o).checkpoints(new MemoryCheckpointStore(), 0));
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder(n, Losses.ceReadout(), o).scheduler(new StepLR(o, 1, 0.5), "loss"));
        assertTrue(e.getMessage().contains("val_loss"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder(n, null, o));
        assertTrue(e.getMessage().contains("loss"), e.getMessage());
    }

    @Test
    void gradientClippingBoundsTheUpdate() {
        Network n = net(1);
        List<float[]> before = weights(n);
        // SGD with lr 1 and clip norm 1e-3: no weight can move by more than 1e-3 in one step
        Trainer tr = Trainer.builder(n, Losses.ceReadout(), new Sgd(n.parameters(), 1.0)).clipGradNorm(1e-3)
                .callback(new Callback() {
                    @Override
                    public void onBatchEnd(Trainer t, int epoch, int batch, double loss, int correct, int size) {
                        t.requestStop();
                    }
                }).build();
        tr.fit(train(), null, 1);
        double sq = 0;
        List<float[]> after = weights(n);
        for (int i = 0; i < after.size(); i++) {
            for (int j = 0; j < after.get(i).length; j++) {
                double d = after.get(i)[j] - before.get(i)[j];
                sq += d * d;
            }
        }
        assertTrue(Math.sqrt(sq) <= 1.001e-3 && sq > 0, "step norm " + Math.sqrt(sq));
    }

    @Test
    void snapshotHoldsEveryParameterByPath() {
        Network n = net(1);
        TrainingState s = trainer(n).snapshot();
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"), List.copyOf(s.parameters().keySet()));
        assertEquals(0, s.epochsCompleted());
        assertEquals(Map.of(), s.schedulerState());
    }
}
