package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many time steps a classifier with spike-count outputs needs to decide correctly. After each step t
 * (1-based) the decision is the output with the most spikes so far (the lowest index on ties; no decision
 * before the first output spike). Per sample: the first step whose decision is the label, and the step from
 * which the decision stays the label to the end. Reported: {@code First_correct_step} (mean over the samples
 * that are ever right), {@code Settled_step} (mean over the samples right at the end), {@code Reached_fraction}
 * and {@code Correct_fraction} (samples ever right, right at the end), and {@code Steps}. Means over no sample
 * are null. Needs the raw output {@code [B, T, classes]} and class labels {@code [B]}.
 */
public final class DecisionLatency implements AccumulatedMetric {
    private long samples;
    private long reached;
    private long firstSum;
    private long settled;
    private long settledSum;
    private long steps;

    @Override
    public String name() {
        return "DecisionLatency";
    }

    @Override
    public void reset() {
        samples = 0;
        reached = 0;
        firstSum = 0;
        settled = 0;
        settledSum = 0;
        steps = 0;
    }

    @Override
    public Object call(BenchModel model, Tensor preds, BenchBatch data) {
        Tensor out = MetricSupport.activity(name(), model).output();
        if (out == null || out.rank() != 3) {
            throw new BenchmarkException("DecisionLatency: needs the model's output over time [B, T, classes]; got "
                    + (out == null ? "none" : Arrays.toString(out.shape())));
        }
        Tensor labels = data.labels();
        if (labels.rank() != 1 || labels.dim(0) != out.dim(0)) {
            throw new BenchmarkException("DecisionLatency: needs one class label per sample [" + out.dim(0)
                    + "], got labels of shape " + Arrays.toString(labels.shape()));
        }
        int b = out.dim(0);
        int t = out.dim(1);
        int c = out.dim(2);
        float[] o = out.data();
        double[] counts = new double[c];
        for (int i = 0; i < b; i++) {
            Arrays.fill(counts, 0);
            int label = (int) labels.data()[i];
            int first = -1;
            int settledAt = -1;
            for (int s = 0; s < t; s++) {
                int base = (i * t + s) * c;
                for (int k = 0; k < c; k++) {
                    counts[k] += o[base + k];
                }
                int best = 0;
                for (int k = 1; k < c; k++) {
                    if (counts[k] > counts[best]) {
                        best = k;
                    }
                }
                boolean right = counts[best] > 0 && best == label;
                if (right) {
                    if (first < 0) {
                        first = s + 1;
                    }
                    if (settledAt < 0) {
                        settledAt = s + 1;
                    }
                } else {
                    settledAt = -1;
                }
            }
            if (first > 0) {
                reached++;
                firstSum += first;
            }
            if (settledAt > 0) {
                settled++;
                settledSum += settledAt;
            }
        }
        samples += b;
        steps = Math.max(steps, t);
        return compute();
    }

    @Override
    public Object compute() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("First_correct_step", reached == 0 ? null : (double) firstSum / reached);
        m.put("Settled_step", settled == 0 ? null : (double) settledSum / settled);
        m.put("Reached_fraction", samples == 0 ? 0.0 : (double) reached / samples);
        m.put("Correct_fraction", samples == 0 ? 0.0 : (double) settled / samples);
        m.put("Steps", steps);
        return m;
    }
}
