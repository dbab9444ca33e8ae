package io.snn4j.bench.mackeyglass;

/**
 * The outcome of a {@link MackeyGlassBenchmark} run.
 *
 * @param options      what ran
 * @param model        the model's description (kind and hyperparameters) of the first repeat
 * @param startOffsets start offset of each repeat, points
 * @param seeds        model seed of each repeat
 * @param smape        sMAPE of each repeat (NeuroBench's definition, 0..200)
 * @param meanSmape    mean over the repeats, the task's score
 * @param seconds      wall time of the whole run, seconds
 */
public record MackeyGlassResult(MackeyGlassOptions options, String model, int[] startOffsets, long[] seeds,
                                double[] smape, double meanSmape, double seconds) {
}
