package io.snn4j.bench.mackeyglass;

import io.snn4j.bench.neurobench.Activity;
import io.snn4j.bench.neurobench.Structure;

/**
 * A {@link MackeyGlassModel} that NeuroBench's metrics can measure: while it predicts it records what NeuroBench's
 * hooks would see in the equivalent PyTorch module (every call of every connection layer, every output of every
 * activation layer), and it describes its arrays as NeuroBench's static metrics read them from that module.
 * {@link MackeyGlassBenchModel} turns it into a {@link io.snn4j.bench.neurobench.BenchModel} for the harness.
 */
public interface NeuroBenchForecaster extends MackeyGlassModel {

    /**
     * {@link #predict(double, int)}, recording every step into {@code activity} (nothing when it is null). The
     * predictions are the same, bit for bit, with and without recording.
     */
    double[] predict(double firstInput, int steps, Activity activity);

    @Override
    default double[] predict(double firstInput, int steps) {
        return predict(firstInput, steps, null);
    }

    /**
     * The model's parameters, buffers and connection weights as NeuroBench's {@code Footprint},
     * {@code ParameterCount} and {@code ConnectionSparsity} read them from the equivalent PyTorch module (dense
     * weight matrices, bytes per value as this model stores them).
     *
     * @throws IllegalStateException before {@link #fit} when the model's readout only exists after it
     */
    Structure neuroBenchStructure();
}
