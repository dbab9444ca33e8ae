package io.snn4j.core.train;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a network by backpropagation through time, one mini-batch at a time.
 *
 * <p>Per batch: zero the gradients, run the whole sequence forward ({@code training = true}), compute the loss
 * and its gradient ({@link Loss#compute(Tensor, Batch)}: a loss may use the batch's per-step targets),
 * back-propagate, check every gradient is finite, clip (if configured), take an optimizer step, check every weight
 * is finite, then call the callbacks. Per epoch: validate (if a validation source is given), step the scheduler,
 * record {@link EpochMetrics}, call the callbacks, and save a checkpoint (if configured). Accuracy is the fraction
 * of samples whose prediction ({@link Loss#predict(Tensor, Batch)}) equals their label. A NaN or infinity anywhere
 * stops training with a {@link TrainingDivergedException}; checkpoints are written only after successful epochs, so
 * the last one stays good.
 *
 * <p>Training is deterministic: given the same initial network, batch source and settings, two runs end with
 * bit-identical weights, whatever the thread count, and a run resumed from a checkpoint ends where an
 * uninterrupted run does (as long as the network's own random layers, such as dropout, are seeded per call).
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(net, Losses.ceRate(), new Adam(net.parameters(), 1e-3))
 *         .checkpoints(store, 1).build();
 * trainer.resume(store);           // continue a previous run, if any
 * trainer.fit(train, val, 10);     // trains epochs resumed..9
 * }</pre>
 */
public final class Trainer {
    private final Network net;
    private final Loss loss;
    private final Optimizer opt;
    private final Scheduler scheduler;
    private final String schedulerMonitor;
    private final double clipNorm;
    private final double clipValue;
    private final List<Callback> callbacks;
    private final CheckpointStore store;
    private final int checkpointEvery;
    private final long seed;
    private final LinkedHashMap<String, Parameter> named;
    private final List<EpochMetrics> history = new ArrayList<>();
    private long globalStep;
    private volatile boolean stopRequested;

    private Trainer(Builder b) {
        this.net = b.net;
        this.loss = b.loss;
        this.opt = b.opt;
        this.scheduler = b.scheduler;
        this.schedulerMonitor = b.schedulerMonitor;
        this.clipNorm = b.clipNorm;
        this.clipValue = b.clipValue;
        this.callbacks = List.copyOf(b.callbacks);
        this.store = b.store;
        this.checkpointEvery = b.checkpointEvery;
        this.seed = b.seed;
        this.named = net.namedParameters();
        // Nobody needs dLoss/dInput; skipping it saves the first layer's input-gradient product.
        net.setInputGradRequired(false);
    }

    /** Starts configuring a Trainer; the optimizer should be built over {@code net.parameters()}. */
    public static Builder builder(Network net, Loss loss, Optimizer opt) {
        return new Builder(net, loss, opt);
    }

    /** Options of a {@link Trainer}. */
    public static final class Builder {
        private final Network net;
        private final Loss loss;
        private final Optimizer opt;
        private Scheduler scheduler;
        private String schedulerMonitor;
        private double clipNorm = Double.NaN;
        private double clipValue = Double.NaN;
        private final List<Callback> callbacks = new ArrayList<>();
        private CheckpointStore store;
        private int checkpointEvery = 1;
        private long seed;

        private Builder(Network net, Loss loss, Optimizer opt) {
            if (net == null || loss == null || opt == null) {
                throw new IllegalArgumentException("Trainer: network, loss and optimizer are all required");
            }
            this.net = net;
            this.loss = loss;
            this.opt = opt;
        }

        /** A learning-rate schedule stepped after each epoch with the validation loss (training loss without validation). */
        public Builder scheduler(Scheduler s) {
            return scheduler(s, null);
        }

        /**
         * A learning-rate schedule stepped after each epoch with the given metric.
         *
         * @param monitor {@code val_loss}, {@code val_acc}, {@code train_loss}, {@code train_acc}, or null for the
         *                default
         */
        public Builder scheduler(Scheduler s, String monitor) {
            if (monitor != null) {
                metricOf(new EpochMetrics(0, 0, 0, 0, 0, 0, 0), monitor);
            }
            this.scheduler = s;
            this.schedulerMonitor = monitor;
            return this;
        }

        /** Clips the global L2 norm of all gradients to {@code maxNorm} before each step (see {@link GradClip}). */
        public Builder clipGradNorm(double maxNorm) {
            if (!(maxNorm > 0)) {
                throw new IllegalArgumentException("Trainer: clipGradNorm must be > 0, got " + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /** Clamps each gradient element to {@code [-maxValue, maxValue]} before each step. */
        public Builder clipGradValue(double maxValue) {
            if (!(maxValue > 0)) {
                throw new IllegalArgumentException("Trainer: clipGradValue must be > 0, got " + maxValue);
            }
            this.clipValue = maxValue;
            return this;
        }

        /** Adds a callback; callbacks run in the order added. */
        public Builder callback(Callback c) {
            callbacks.add(c);
            return this;
        }

        /**
         * Saves a {@link TrainingState} to {@code store} after every {@code everyEpochs}-th epoch, after the last
         * epoch, and when training stops early.
         */
        public Builder checkpoints(CheckpointStore store, int everyEpochs) {
            if (store == null) {
                throw new IllegalArgumentException("Trainer: checkpoint store is null");
            }
            if (everyEpochs < 1) {
                throw new IllegalArgumentException("Trainer: checkpoints every " + everyEpochs
                        + " epochs; expected >= 1");
            }
            this.store = store;
            this.checkpointEvery = everyEpochs;
            return this;
        }

        /**
         * The run's seed, recorded in checkpoints for provenance. Training itself draws no random numbers: the
         * batch source and the network's layers carry their own seeds.
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }

    public Network network() {
        return net;
    }

    public Optimizer optimizer() {
        return opt;
    }

    public Loss loss() {
        return loss;
    }

    public long seed() {
        return seed;
    }

    /** Metrics of the epochs completed so far (including those restored from a checkpoint), oldest first. */
    public List<EpochMetrics> history() {
        return Collections.unmodifiableList(new ArrayList<>(history));
    }

    /** Optimizer steps taken so far. */
    public long globalStep() {
        return globalStep;
    }

    /**
     * Asks {@link #fit} to stop: from a callback's {@code onEpochEnd} it stops after that epoch (and saves a
     * checkpoint); from another thread (e.g. on Ctrl-C) it stops after the current batch, abandoning the
     * unfinished epoch, which is then neither recorded nor checkpointed.
     */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Trains until {@code epochs} epochs are completed in total: a fresh Trainer runs epochs 0..epochs-1, one
     * restored by {@link #resume} continues from the first unfinished epoch.
     *
     * @param train batches of {@code [T, B, ...]} input; epoch {@code e} uses {@code train.epoch(e)}
     * @param val   validation batches (epoch 0 of the source each time), or null
     * @return the whole history, as {@link #history()}
     * @throws TrainingDivergedException when a NaN or infinity appears
     */
    public List<EpochMetrics> fit(BatchSource train, BatchSource val, int epochs) {
        if (train == null) {
            throw new IllegalArgumentException("Trainer.fit: training source is null");
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("Trainer.fit: epochs must be >= 0, got " + epochs);
        }
        stopRequested = false;
        for (Callback c : callbacks) {
            c.onTrainStart(this, epochs, train.batchesPerEpoch());
        }
        try {
            for (int epoch = history.size(); epoch < epochs && !stopRequested; epoch++) {
                long t0 = System.nanoTime();
                double lr = opt.learningRate();
                double lossSum = 0;
                int correct = 0;
                int seen = 0;
                int batchIndex = 0;
                Iterator<Batch> it = train.epoch(epoch);
                boolean abandoned = false;
                while (it.hasNext()) {
                    Batch batch = it.next();
                    BatchResult r = trainBatch(epoch, batch);
                    lossSum += r.loss * batch.size();
                    correct += r.correct;
                    seen += batch.size();
                    for (Callback c : callbacks) {
                        c.onBatchEnd(this, epoch, batchIndex, r.loss, r.correct, batch.size());
                    }
                    batchIndex++;
                    if (stopRequested && it.hasNext()) {
                        abandoned = true;
                        break;
                    }
                }
                if (abandoned) {
                    break;
                }
                double valLoss = Double.NaN;
                double valAcc = Double.NaN;
                if (val != null) {
                    Evaluation ev = evaluate(val);
                    valLoss = ev.loss();
                    valAcc = ev.accuracy();
                }
                double trainLoss = seen == 0 ? Double.NaN : lossSum / seen;
                double trainAcc = seen == 0 ? Double.NaN : (double) correct / seen;
                EpochMetrics m = new EpochMetrics(epoch, trainLoss, trainAcc, valLoss, valAcc,
                        (System.nanoTime() - t0) / 1e9, lr);
                if (scheduler != null) {
                    String monitor = schedulerMonitor != null ? schedulerMonitor : (val != null ? "val_loss"
                            : "train_loss");
                    scheduler.step(epoch, metricOf(m, monitor));
                }
                history.add(m);
                for (Callback c : callbacks) {
                    c.onEpochEnd(this, m);
                }
                boolean last = epoch == epochs - 1 || stopRequested;
                if (store != null && ((epoch + 1) % checkpointEvery == 0 || last)) {
                    store.save(snapshot());
                }
            }
        } finally {
            for (Callback c : callbacks) {
                c.onTrainEnd(this);
            }
        }
        return history();
    }

    private record BatchResult(double loss, int correct) {
    }

    private BatchResult trainBatch(int epoch, Batch batch) {
        long step = globalStep;
        Tensor x = batch.input();
        if (!x.isFinite()) {
            throw new TrainingDivergedException(epoch, step, "input", "the batch input holds NaN or infinity");
        }
        opt.zeroGrad();
        Tensor out = net.forward(x, true);
        LossValue lv = loss.compute(out, batch);
        if (!Float.isFinite(lv.value())) {
            throw new TrainingDivergedException(epoch, step, "loss", loss.name() + " = " + lv.value());
        }
        net.backward(lv.grad());
        for (Map.Entry<String, Parameter> e : named.entrySet()) {
            if (e.getValue().trainable() && !e.getValue().grad().isFinite()) {
                throw new TrainingDivergedException(epoch, step, "gradient of " + e.getKey(), null);
            }
        }
        if (!Double.isNaN(clipValue)) {
            GradClip.clipValue(opt.parameters(), clipValue);
        }
        if (!Double.isNaN(clipNorm)) {
            GradClip.clipNorm(opt.parameters(), clipNorm);
        }
        opt.step();
        globalStep++;
        for (Map.Entry<String, Parameter> e : named.entrySet()) {
            if (!e.getValue().value().isFinite()) {
                throw new TrainingDivergedException(epoch, step, e.getKey(), "after the optimizer step");
            }
        }
        int[] pred = loss.predict(out, batch);
        int[] labels = batch.labels();
        checkPredictions(pred, labels.length);
        int ok = 0;
        for (int i = 0; i < labels.length; i++) {
            if (pred[i] == labels[i]) {
                ok++;
            }
        }
        return new BatchResult(lv.value(), ok);
    }

    /**
     * Runs the network without training over epoch 0 of {@code source}.
     *
     * @return mean loss per sample, accuracy, and each sample's prediction and label
     */
    public Evaluation evaluate(BatchSource source) {
        List<int[]> preds = new ArrayList<>();
        List<int[]> labs = new ArrayList<>();
        double lossSum = 0;
        int n = 0;
        Iterator<Batch> it = source.epoch(0);
        while (it.hasNext()) {
            Batch b = it.next();
            Tensor out = net.forward(b.input(), false);
            lossSum += (double) loss.compute(out, b).value() * b.size();
            int[] p = loss.predict(out, b);
            checkPredictions(p, b.size());
            preds.add(p);
            labs.add(b.labels());
            n += b.size();
        }
        return new Evaluation(n == 0 ? Double.NaN : lossSum / n, concat(preds, n), concat(labs, n));
    }

    private void checkPredictions(int[] pred, int samples) {
        if (pred == null || pred.length != samples) {
            throw new IllegalStateException("loss " + loss.name() + " predicted "
                    + (pred == null ? "nothing" : pred.length + " values") + " for a batch of " + samples + " samples");
        }
    }

    private static int[] concat(List<int[]> parts, int n) {
        int[] r = new int[n];
        int o = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, r, o, p.length);
            o += p.length;
        }
        return r;
    }

    /** The current state (weights, optimizer, schedule, history), as a checkpoint would store it. */
    public TrainingState snapshot() {
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : named.entrySet()) {
            params.put(e.getKey(), e.getValue().value());
        }
        return new TrainingState(history.size(), globalStep, params, opt.state(), opt.learningRate(),
                scheduler == null ? Map.of() : scheduler.state(), history, seed);
    }

    /**
     * Puts the network, optimizer, scheduler and history back to {@code state}.
     *
     * @throws IllegalArgumentException when a parameter is missing from the state or has another shape
     */
    public void restore(TrainingState state) {
        for (Map.Entry<String, Parameter> e : named.entrySet()) {
            Tensor v = state.parameters().get(e.getKey());
            Tensor dst = e.getValue().value();
            if (v == null) {
                throw new IllegalArgumentException("checkpoint has no parameter '" + e.getKey() + "'; it holds "
                        + state.parameters().keySet());
            }
            if (!v.sameShape(dst)) {
                throw new IllegalArgumentException("checkpoint parameter '" + e.getKey() + "' has shape "
                        + Arrays.toString(v.shape()) + " but the network's has " + Arrays.toString(dst.shape()));
            }
        }
        for (Map.Entry<String, Parameter> e : named.entrySet()) {
            Tensor v = state.parameters().get(e.getKey());
            System.arraycopy(v.data(), 0, e.getValue().value().data(), 0, v.size());
        }
        opt.loadState(state.optimizerState());
        opt.setLearningRate(state.learningRate());
        if (scheduler != null) {
            scheduler.loadState(state.schedulerState());
        }
        history.clear();
        history.addAll(state.history());
        globalStep = state.globalStep();
    }

    /**
     * Restores the state saved in {@code store}, if any, so that the next {@link #fit} continues from there.
     *
     * @return the number of epochs already completed (0 when the store is empty)
     */
    public int resume(CheckpointStore store) {
        return store.load().map(s -> {
            restore(s);
            return s.epochsCompleted();
        }).orElse(0);
    }

    /** A metric of an epoch by name: {@code train_loss}, {@code train_acc}, {@code val_loss}, {@code val_acc}. */
    static double metricOf(EpochMetrics m, String name) {
        if (name == null) {
            throw new IllegalArgumentException("metric name is null; valid: train_loss, train_acc, val_loss, val_acc");
        }
        return switch (name) {
            case "train_loss" -> m.trainLoss();
            case "train_acc" -> m.trainAcc();
            case "val_loss" -> m.valLoss();
            case "val_acc" -> m.valAcc();
            default -> throw new IllegalArgumentException("unknown metric '" + name
                    + "'; valid: train_loss, train_acc, val_loss, val_acc");
        };
    }
}
