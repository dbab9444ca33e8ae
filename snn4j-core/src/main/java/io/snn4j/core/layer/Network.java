package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A layer made of named layers ({@link Sequential}, {@code Graph}). */
public interface Network extends Layer {

    /** Every parameter under its dotted path, e.g. {@code 0.weight}, {@code 1.recurrent.weight}. */
    LinkedHashMap<String, Parameter> namedParameters();

    /** The child layers by name, in execution order. */
    Map<String, Layer> namedLayers();

    /** Keep each child's output of the next forward calls for {@link #recordedOutputs()} (probes, plots). */
    void setRecording(boolean on);

    /** Each child's output {@code [T, B, ...]} of the last forward call while recording, by name. */
    Map<String, Tensor> recordedOutputs();

    /** All parameters in {@link #namedParameters()} order. */
    @Override
    default List<Parameter> parameters() {
        return List.copyOf(namedParameters().values());
    }
}
