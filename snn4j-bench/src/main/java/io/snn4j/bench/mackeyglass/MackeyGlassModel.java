package io.snn4j.bench.mackeyglass;

/**
 * A one-dimensional forecaster for {@link MackeyGlassTask}: trained with teacher forcing on one-step targets, then
 * run autonomously on its own predictions. Implementations take their seed at construction and are deterministic
 * given it.
 */
public interface MackeyGlassModel {

    /** What the model is, with its configuration (for reports). */
    String description();

    /**
     * Trains on a series with teacher forcing: at step i the input is {@code inputs[i]} and the target
     * {@code targets[i]} (the next value, {@code inputs[i + 1]}). Afterwards the model keeps the state it has
     * reached at the end of {@code inputs}, from which {@link #predict} continues.
     */
    void fit(double[] inputs, double[] targets);

    /**
     * Predicts {@code steps} values autonomously from the state left by {@link #fit}: step 0 gets
     * {@code firstInput} (the first real test value), every later step gets the previous prediction.
     *
     * @return {@code steps} predictions; prediction i is the model's value for the point after step i's input
     */
    double[] predict(double firstInput, int steps);
}
