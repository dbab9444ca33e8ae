package io.snn4j.bench.mackeyglass;

import io.snn4j.bench.neurobench.Breakdown;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a {@link MackeyGlassBenchmark} run.
 *
 * @param options       what ran
 * @param model         the model's description (kind and hyperparameters) of the first repeat
 * @param startOffsets  start offset of each repeat, points
 * @param seeds         model seed of each repeat
 * @param smape         sMAPE of each repeat (NeuroBench's definition, 0..200)
 * @param meanSmape     mean over the repeats, the task's score
 * @param seconds       wall time of the whole run, seconds
 * @param metrics       NeuroBench's metrics, keyed as NeuroBench keys them ({@code Footprint},
 *                      {@code ConnectionSparsity}, {@code ParameterCount}, {@code SMAPE},
 *                      {@code ActivationSparsity}, {@code SynapticOperations} with {@code Effective_MACs},
 *                      {@code Effective_ACs}, {@code Dense}): the mean over the repeats, as NeuroBench's scripts
 *                      average them ({@link MackeyGlassMetrics#mean}); per predicted point
 * @param repeatMetrics the same for each repeat
 * @param breakdown     the harness's per-layer breakdown of repeat 0
 */
public record MackeyGlassResult(MackeyGlassOptions options, String model, int[] startOffsets, long[] seeds,
                                double[] smape, double meanSmape, double seconds, Map<String, Object> metrics,
                                List<Map<String, Object>> repeatMetrics, Breakdown breakdown) {
    public MackeyGlassResult {
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(metrics));
        repeatMetrics = repeatMetrics == null ? List.of() : List.copyOf(repeatMetrics);
    }
}
