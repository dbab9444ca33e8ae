package io.snn4j.core.train;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A two-class toy task for training tests: class 0 fires the first half of the inputs more often, class 1
 * the second half (rate-coded spikes, 80% vs 20% per step). Shuffled per epoch from the seed; deterministic.
 */
final class ToyBatches implements BatchSource {
    private final int samples;
    private final int batchSize;
    private final int steps;
    private final int inputs;
    private final long seed;
    private final float[][] probs;
    private final int[] labels;
    /** Epoch and batch index whose input is poisoned with NaN, or -1. */
    int nanEpoch = -1;
    int nanBatch = -1;

    ToyBatches(int samples, int batchSize, int steps, int inputs, long seed) {
        this.samples = samples;
        this.batchSize = batchSize;
        this.steps = steps;
        this.inputs = inputs;
        this.seed = seed;
        Rng rng = new Rng(seed);
        probs = new float[samples][inputs];
        labels = new int[samples];
        for (int s = 0; s < samples; s++) {
            labels[s] = s % 2;
            for (int i = 0; i < inputs; i++) {
                boolean favoured = (i < inputs / 2) == (labels[s] == 0);
                probs[s][i] = (favoured ? 0.8f : 0.2f) * rng.uniform(0.5f, 1f);
            }
        }
    }

    @Override
    public int samples() {
        return samples;
    }

    @Override
    public int batchesPerEpoch() {
        return (samples + batchSize - 1) / batchSize;
    }

    @Override
    public Iterator<Batch> epoch(int epoch) {
        Rng rng = new Rng(seed * 1_000_003L + epoch);
        int[] order = new int[samples];
        for (int i = 0; i < samples; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
        List<Batch> out = new ArrayList<>();
        for (int from = 0, b = 0; from < samples; from += batchSize, b++) {
            int n = Math.min(batchSize, samples - from);
            Tensor x = new Tensor(steps, n, inputs);
            int[] y = new int[n];
            for (int j = 0; j < n; j++) {
                int s = order[from + j];
                y[j] = labels[s];
                for (int t = 0; t < steps; t++) {
                    for (int i = 0; i < inputs; i++) {
                        x.set(rng.nextFloat() < probs[s][i] ? 1f : 0f, t, j, i);
                    }
                }
            }
            if (epoch == nanEpoch && b == nanBatch) {
                x.data()[0] = Float.NaN;
            }
            out.add(new Batch(x, y));
        }
        return out.iterator();
    }
}
