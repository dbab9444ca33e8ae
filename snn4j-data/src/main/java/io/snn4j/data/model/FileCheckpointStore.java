package io.snn4j.data.model;

import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Network;
import io.snn4j.core.train.CheckpointStore;
import io.snn4j.core.train.EpochMetrics;
import io.snn4j.core.train.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the latest {@link TrainingState} in {@code <dir>/checkpoint.snn4j}, in the model file format (see
 * {@link ModelFile}): parameters under their paths, optimizer buffers under {@code optimizer/<key>}, and the
 * epoch, step, learning rate, scheduler state and history in the header's {@code checkpoint} object. Saving
 * is atomic, so a crash mid-save leaves the previous checkpoint intact. When built with the network, the file
 * also records the architecture and provenance and then loads with {@link ModelFile#load} as a model.
 */
public final class FileCheckpointStore implements CheckpointStore {
    /** The file name inside the directory. */
    public static final String FILE_NAME = "checkpoint.snn4j";
    private static final String OPT = "optimizer/";
    private final Path file;
    private final Network net;
    private final int[] inputShape;
    private final Provenance provenance;

    /** A store without architecture: the file can resume training but is not loadable as a model. */
    public FileCheckpointStore(Path dir) {
        this(dir, null, null, null);
    }

    /**
     * A store whose files are also complete models.
     *
     * @param inputShape per-step input feature shape, or null
     */
    public FileCheckpointStore(Path dir, Network net, int[] inputShape, Provenance provenance) {
        if (dir == null) {
            throw new IllegalArgumentException("FileCheckpointStore: directory is null");
        }
        this.file = dir.resolve(FILE_NAME);
        this.net = net;
        this.inputShape = inputShape == null ? null : inputShape.clone();
        this.provenance = provenance;
    }

    /** The checkpoint file ({@code <dir>/checkpoint.snn4j}). */
    public Path file() {
        return file;
    }

    @Override
    public void save(TrainingState s) {
        Map<String, Object> fields;
        if (net != null) {
            fields = ModelFile.modelFields(net, inputShape, provenance, Map.of());
        } else {
            fields = new LinkedHashMap<>();
            fields.put("architecture", null);
        }
        fields.put("kind", "checkpoint");
        Map<String, Object> ck = new LinkedHashMap<>();
        ck.put("epochs_completed", s.epochsCompleted());
        ck.put("global_step", s.globalStep());
        ck.put("learning_rate", Container.encodeDouble(s.learningRate()));
        ck.put("seed", s.seed());
        Map<String, Object> sched = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : s.schedulerState().entrySet()) {
            sched.put(e.getKey(), Container.encodeDouble(e.getValue()));
        }
        ck.put("scheduler_state", sched);
        List<Object> hist = new ArrayList<>();
        for (EpochMetrics m : s.history()) {
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("epoch", m.epoch());
            hm.put("train_loss", Container.encodeDouble(m.trainLoss()));
            hm.put("train_acc", Container.encodeDouble(m.trainAcc()));
            hm.put("val_loss", Container.encodeDouble(m.valLoss()));
            hm.put("val_acc", Container.encodeDouble(m.valAcc()));
            hm.put("seconds", Container.encodeDouble(m.seconds()));
            hm.put("learning_rate", Container.encodeDouble(m.learningRate()));
            hist.add(hm);
        }
        ck.put("history", hist);
        fields.put("checkpoint", ck);

        LinkedHashMap<String, Container.Entry> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : s.parameters().entrySet()) {
            tensors.put(e.getKey(), new Container.Entry(e.getValue(), null));
        }
        for (Map.Entry<String, Tensor> e : s.optimizerState().entrySet()) {
            tensors.put(OPT + e.getKey(), new Container.Entry(e.getValue(), null));
        }
        Container.write(file, fields, tensors);
    }

    /**
     * @return the stored state, or empty when there is no checkpoint file yet
     * @throws ModelFileException when the file exists but is corrupted or not a checkpoint
     */
    @Override
    public Optional<TrainingState> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Container.Contents c = Container.read(file);
        if (!(c.header().get("checkpoint") instanceof Map<?, ?> ck)) {
            throw new ModelFileException(file, "is a model file, not a training checkpoint (no 'checkpoint' section)");
        }
        Map<String, Tensor> params = new LinkedHashMap<>();
        Map<String, Tensor> opt = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
            if (e.getKey().startsWith(OPT)) {
                opt.put(e.getKey().substring(OPT.length()), e.getValue());
            } else {
                params.put(e.getKey(), e.getValue());
            }
        }
        Map<String, Double> sched = new LinkedHashMap<>();
        if (ck.get("scheduler_state") instanceof Map<?, ?> sm) {
            for (Map.Entry<?, ?> e : sm.entrySet()) {
                sched.put(String.valueOf(e.getKey()), Container.decodeDouble(file, e.getValue(),
                        "scheduler state '" + e.getKey() + "'"));
            }
        }
        List<EpochMetrics> history = new ArrayList<>();
        if (ck.get("history") instanceof List<?> hl) {
            for (Object o : hl) {
                if (!(o instanceof Map<?, ?> hm)) {
                    throw new ModelFileException(file, "history entries must be JSON objects, got " + o);
                }
                history.add(new EpochMetrics((int) Container.asLong(file, hm.get("epoch"), "history epoch"),
                        d(hm, "train_loss"), d(hm, "train_acc"), d(hm, "val_loss"), d(hm, "val_acc"),
                        d(hm, "seconds"), d(hm, "learning_rate")));
            }
        }
        try {
            return Optional.of(new TrainingState(
                    (int) Container.asLong(file, ck.get("epochs_completed"), "epochs_completed"),
                    Container.asLong(file, ck.get("global_step"), "global_step"),
                    params, opt,
                    Container.decodeDouble(file, ck.get("learning_rate"), "learning_rate"),
                    sched, history,
                    ck.get("seed") instanceof Number n ? n.longValue() : 0L));
        } catch (IllegalArgumentException ex) {
            throw new ModelFileException(file, "invalid checkpoint: " + ex.getMessage(), ex);
        }
    }

    private double d(Map<?, ?> m, String key) {
        return Container.decodeDouble(file, m.get(key), "history " + key);
    }
}
