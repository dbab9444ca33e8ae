package io.snn4j.core.train;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import java.util.List;
import java.util.Map;

/** Updates parameters in place from their accumulated gradients. */
public interface Optimizer {

    /** The parameters this optimizer updates (trainable ones only are changed). */
    List<Parameter> parameters();

    /** Applies one update from the current gradients. */
    void step();

    /** Zeroes every parameter's gradient. */
    default void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    double learningRate();

    void setLearningRate(double lr);

    /** Internal state (moments, step count) by name, for checkpoints; arrays are copies. */
    Map<String, Tensor> state();

    /** Restores what {@link #state()} returned. */
    void loadState(Map<String, Tensor> state);
}
