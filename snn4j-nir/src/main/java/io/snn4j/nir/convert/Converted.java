package io.snn4j.nir.convert;

import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.SpikingLayer;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph as an snn4j network.
 *
 * @param network    a {@code Sequential} for a chain, else a {@code Graph} (recurrent edges deliver one step later,
 *                   fan-in is summed)
 * @param inputShape the per-step input features (NIR's Input shape)
 * @param probe      the last neuron layer before the Output (whose membrane {@code simulate} records), or null
 * @param probeNode  the NIR address of that neuron, or null
 * @param layerNames the snn4j layer name (Sequential index or Graph node) of each converted NIR node address
 * @param dt         the time step the neuron parameters were computed for, seconds
 * @param preset     the preset used
 * @param warnings   what the conversion assumed or ignored, one sentence each naming the node
 */
public record Converted(Layer network, int[] inputShape, SpikingLayer probe, String probeNode,
                        Map<String, String> layerNames, double dt, Preset preset, List<String> warnings) {

    public Converted {
        inputShape = inputShape.clone();
        layerNames = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(layerNames));
        warnings = List.copyOf(warnings);
    }
}
