package io.snn4j.bench.neurobench;

/**
 * Turns a batch into what the model runs on, as NeuroBench's pre-processors map {@code (data, targets)} to
 * {@code (data, targets)}. Pre-processors run in order; the model gets the last one's inputs. Metrics still see the
 * original batch (so a pre-processor that changes the labels does not change what accuracy compares against, as
 * in NeuroBench).
 */
@FunctionalInterface
public interface Preprocessor {

    BenchBatch apply(BenchBatch batch);
}
