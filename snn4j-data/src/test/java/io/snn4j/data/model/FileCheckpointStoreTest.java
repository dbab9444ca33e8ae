package io.snn4j.data.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Network;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.train.Adam;
import io.snn4j.core.train.Batch;
import io.snn4j.core.train.BatchSource;
import io.snn4j.core.train.EpochMetrics;
import io.snn4j.core.train.Losses;
import io.snn4j.core.train.Optimizer;
import io.snn4j.core.train.ReduceOnPlateau;
import io.snn4j.core.train.Trainer;
import io.snn4j.core.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest {
    @TempDir
    Path dir;

    @Test
    void emptyDirectoryHasNoCheckpoint() {
        assertTrue(new FileCheckpointStore(dir).load().isEmpty());
    }

    @Test
    void stateRoundTripsExactlyIncludingNonFiniteNumbers() {
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("0.weight", Tensor.of(new float[] {1.5f, -0.0f, Float.MIN_VALUE, 3e38f}, 2, 2));
        Map<String, Tensor> opt = new LinkedHashMap<>();
        opt.put("step", Tensor.of(new float[] {0, 7}, 2));
        opt.put("0.exp_avg", Tensor.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 2, 2));
        List<EpochMetrics> hist = List.of(new EpochMetrics(0, 0.7, 0.5, Double.NaN, Double.NaN, 1.25, 1e-3),
                new EpochMetrics(1, 0.6, 0.625, Double.NaN, Double.NaN, 0.5, 0.1 + 0.2));
        TrainingState s = new TrainingState(2, 14, params, opt, 0.1 + 0.2,
                Map.of("best", Double.POSITIVE_INFINITY, "bad_epochs", 1.0), hist, -5L);
        FileCheckpointStore store = new FileCheckpointStore(dir);
        store.save(s);
        TrainingState r = store.load().orElseThrow();
        assertEquals(2, r.epochsCompleted());
        assertEquals(14, r.globalStep());
        assertEquals(0.1 + 0.2, r.learningRate());
        assertEquals(-5L, r.seed());
        assertEquals(s.schedulerState(), r.schedulerState());
        assertEquals(hist, r.history());
        assertArrayEquals(params.get("0.weight").data(), r.parameters().get("0.weight").data());
        assertArrayEquals(new int[] {2, 2}, r.parameters().get("0.weight").shape());
        assertEquals(List.of("step", "0.exp_avg"), List.copyOf(r.optimizerState().keySet()));
        assertArrayEquals(opt.get("0.exp_avg").data(), r.optimizerState().get("0.exp_avg").data());
    }

    @Test
    void corruptedCheckpointIsReportedNotIgnored() throws IOException {
        FileCheckpointStore store = new FileCheckpointStore(dir);
        store.save(new TrainingState(1, 1, Map.of("w", new Tensor(3)), Map.of(), 0.1, Map.of(), List.of(), 0));
        byte[] b = Files.readAllBytes(store.file());
        b[b.length - 1] ^= 0x40;
        Files.write(store.file(), b);
        ModelFileException e = assertThrows(ModelFileException.class, store::load);
        assertTrue(e.getMessage().contains("checkpoint.snn4j") && e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void aModelFileIsNotACheckpoint() {
        ModelFile.save(dir.resolve(FileCheckpointStore.FILE_NAME), new Sequential(new Linear(2, 2, new Rng(1))),
                Provenance.empty());
        ModelFileException e = assertThrows(ModelFileException.class, () -> new FileCheckpointStore(dir).load());
        assertTrue(e.getMessage().contains("not a training checkpoint"), e.getMessage());
    }

    /** Two classes of rate-coded inputs: class c fires inputs of its half more often. */
    static BatchSource data() {
        return new BatchSource() {
            @Override
            public int samples() {
                return 48;
            }

            @Override
            public Iterator<Batch> epoch(int epoch) {
                Rng rng = new Rng(1000 + epoch);
                List<Batch> out = new ArrayList<>();
                for (int b = 0; b < 3; b++) {
                    Tensor x = new Tensor(5, 16, 8);
                    int[] y = new int[16];
                    for (int j = 0; j < 16; j++) {
                        y[j] = rng.nextInt(2);
                        for (int t = 0; t < 5; t++) {
                            for (int i = 0; i < 8; i++) {
                                float p = (i < 4) == (y[j] == 0) ? 0.7f : 0.1f;
                                x.set(rng.nextFloat() < p ? 1f : 0f, t, j, i);
                            }
                        }
                    }
                    out.add(new Batch(x, y));
                }
                return out.iterator();
            }
        };
    }

    static Network net(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(8, 6, rng), new Leaky(0.9f), new Linear(6, 2, rng), new Leaky(0.9f));
    }

    static Trainer trainer(Network n, FileCheckpointStore store) {
        Optimizer o = new Adam(n.parameters(), 0.02);
        return Trainer.builder(n, Losses.ceCount(), o)
                .scheduler(new ReduceOnPlateau(o, ReduceOnPlateau.Mode.MIN, 0.5, 0))
                .checkpoints(store, 1).build();
    }

    @Test
    void trainingResumedFromAFileEndsBitIdenticalToAnUninterruptedRun() throws IOException {
        Network full = net(4);
        float[] initial = full.namedParameters().get("0.weight").value().data().clone();
        trainer(full, new FileCheckpointStore(Files.createDirectory(dir.resolve("full")))).fit(data(), data(), 4);
        assertFalse(java.util.Arrays.equals(initial, full.namedParameters().get("0.weight").value().data()),
                "training must change the weights for this test to mean anything");

        Path runDir = Files.createDirectory(dir.resolve("run"));
        Network first = net(4);
        trainer(first, new FileCheckpointStore(runDir, first, new int[] {8}, Provenance.of(4L, "toy", Map.of())))
                .fit(data(), data(), 2);

        Network second = net(123);
        FileCheckpointStore store = new FileCheckpointStore(runDir);
        Trainer t = trainer(second, store);
        assertEquals(2, t.resume(store));
        t.fit(data(), data(), 4);
        for (Map.Entry<String, Parameter> e : full.namedParameters().entrySet()) {
            assertArrayEquals(e.getValue().value().data(), second.namedParameters().get(e.getKey()).value().data(),
                    e.getKey());
        }
        assertEquals(4, t.history().size());
    }

    @Test
    void aCheckpointWrittenWithItsNetworkLoadsAsAModel() {
        Network n = net(4);
        FileCheckpointStore store = new FileCheckpointStore(dir, n, new int[] {8}, Provenance.of(4L, "toy", Map.of()));
        trainer(n, store).fit(data(), null, 1);
        LoadedModel m = ModelFile.load(store.file());
        assertArrayEquals(n.namedParameters().get("2.weight").value().data(),
                m.network().namedParameters().get("2.weight").value().data());
        assertArrayEquals(new int[] {8}, m.inputShape());
        assertEquals(4L, m.provenance().seed());
    }
}
