package io.snn4j.bench.mackeyglass;

import io.snn4j.bench.neurobench.Activity;
import io.snn4j.bench.neurobench.BenchModel;
import io.snn4j.bench.neurobench.BenchmarkException;
import io.snn4j.bench.neurobench.Structure;
import io.snn4j.core.Tensor;
import java.util.Arrays;

/**
 * A trained {@link NeuroBenchForecaster} as the harness's {@link BenchModel}, the way NeuroBench's Mackey-Glass
 * scripts wrap theirs ({@code TorchModel(esn)} in autonomous mode): the batch is the whole test split,
 * {@code [T, 1, 1]} (the T time steps are the samples, each a window of one value), of which the model takes only
 * the first value and then its own predictions, continuing from the state training left. The output is the
 * predictions, {@code [T, 1]} (NeuroBench's labels are {@code [T, 1]}).
 *
 * <p>The batch is float32; the model starts from the float64 first test value given here (which must be the
 * batch's first value rounded to float32), so the predictions are those of {@link MackeyGlassModel#predict}.
 * They are kept in float64 ({@link #lastPredictions()}). The model continues from its state, so it runs one batch.
 */
public final class MackeyGlassBenchModel implements BenchModel {
    private final NeuroBenchForecaster model;
    private final double firstInput;
    private Activity last;
    private double[] predictions;
    private Structure structure;

    /**
     * @param model      a model after {@link MackeyGlassModel#fit}
     * @param firstInput the first test value, float64 (the first value of the batch it will run)
     */
    public MackeyGlassBenchModel(NeuroBenchForecaster model, double firstInput) {
        if (model == null) {
            throw new BenchmarkException("model: no Mackey-Glass model given");
        }
        this.model = model;
        this.firstInput = firstInput;
    }

    @Override
    public Tensor run(Tensor inputs) {
        if (inputs.rank() != 3 || inputs.dim(1) != 1 || inputs.dim(2) != 1 || inputs.dim(0) < 1) {
            throw new BenchmarkException("model: expected the Mackey-Glass test split [T, 1, 1] (T time steps as "
                    + "samples, a window of one value), got " + Arrays.toString(inputs.shape()));
        }
        if (predictions != null) {
            throw new BenchmarkException("model: a Mackey-Glass model runs the test split once, as one batch (it "
                    + "continues from the state training left)");
        }
        float first = inputs.data()[0];
        if (first != (float) firstInput) {
            throw new BenchmarkException("model: the batch starts with " + first + " but the model was set up to "
                    + "start from " + firstInput + " (the first test value)");
        }
        int steps = inputs.dim(0);
        Activity a = new Activity();
        double[] p = model.predict(firstInput, steps, a);
        float[] out = new float[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = (float) p[i];
        }
        Tensor t = new Tensor(out, steps, 1);
        a.setSteps(steps);
        a.setOutput(t);
        last = a;
        predictions = p;
        return t;
    }

    @Override
    public Activity lastActivity() {
        return last;
    }

    @Override
    public Structure structure() {
        if (structure == null) {
            structure = model.neuroBenchStructure();
        }
        return structure;
    }

    /** The float64 predictions of the run, or null before it. */
    public double[] lastPredictions() {
        return predictions == null ? null : predictions.clone();
    }

    double[] predictionsView() {
        return predictions;
    }
}
