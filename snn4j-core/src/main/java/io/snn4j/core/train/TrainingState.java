package io.snn4j.core.train;

import io.snn4j.core.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to continue training bit-identically: what a {@link CheckpointStore} keeps.
 *
 * @param epochsCompleted number of finished epochs (training continues with this 0-based epoch)
 * @param parameters      every network parameter (trainable or not) by dotted path, e.g. {@code 0.weight}
 * @param optimizerState  {@link Optimizer#state()}
 * @param learningRate    the learning rate for the next epoch
 * @param schedulerState  {@link Scheduler#state()} (empty without a scheduler)
 * @param history         metrics of the finished epochs
 * @param globalStep      optimizer steps (batches) taken so far
 * @param seed            the Trainer's seed, for provenance
 */
public record TrainingState(int epochsCompleted, long globalStep, Map<String, Tensor> parameters,
                            Map<String, Tensor> optimizerState, double learningRate,
                            Map<String, Double> schedulerState, List<EpochMetrics> history, long seed) {

    public TrainingState {
        if (epochsCompleted < 0) {
            throw new IllegalArgumentException("epochsCompleted must be >= 0, got " + epochsCompleted);
        }
        parameters = Collections.unmodifiableMap(deepCopy(parameters));
        optimizerState = Collections.unmodifiableMap(deepCopy(optimizerState));
        schedulerState = Map.copyOf(schedulerState);
        history = List.copyOf(history);
    }

    private static Map<String, Tensor> deepCopy(Map<String, Tensor> m) {
        Map<String, Tensor> r = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : m.entrySet()) {
            r.put(e.getKey(), e.getValue().copy());
        }
        return r;
    }
}
