package io.snn4j.bench.symseq;

import io.snn4j.core.Tensor;
import io.snn4j.core.train.Batch;

/**
 * One mini-batch of a symbolic-sequence task, time-major. Per-step arrays are {@code [T, B]} row-major (index
 * {@code t * B + b}).
 *
 * @param input     {@code [T, B, A]} float32 spikes or one-hot values (with its event list attached)
 * @param targets   per step, the target class where a decision is due, -1 elsewhere
 * @param mask      per step, 1 where a decision is due, 0 elsewhere
 * @param decisions per step, the position (symbol index within its sample) whose decision is due, -1 elsewhere;
 *                  the steps of one decision share it
 * @param samples   per batch entry, the index of its sample in the {@link SymSeqData}
 * @param labels    per batch entry, the label the {@link Batch} carries: the class of the sample's single decision
 *                  for one-decision tasks, else 0 (see {@link SymSeqBatches#classLabels()})
 */
public record SymSeqBatch(Tensor input, int[] targets, float[] mask, int[] decisions, int[] samples, int[] labels) {

    public int steps() {
        return input.dim(0);
    }

    public int size() {
        return input.dim(1);
    }

    /** As a core {@link Batch} for the Trainer: the input, the labels and the per-step targets. */
    public Batch batch() {
        return new Batch(input, labels, targets);
    }
}
