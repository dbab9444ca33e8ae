package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;
import java.util.List;

/**
 * What a model is made of, as NeuroBench's static metrics read it from a PyTorch module.
 *
 * @param parameters     every array the model holds, by dotted name, with whether PyTorch / snnTorch would hold
 *                       it as an {@code nn.Parameter} (weights, biases, learnable neuron constants) or as a buffer
 *                       (fixed neuron constants such as a per-neuron beta, batch-norm running statistics)
 * @param constantBytes  bytes of the constant buffers snnTorch registers that the engine keeps as plain numbers
 *                       (per neuron layer: threshold, beta, alpha when not arrays, {@code graded_spikes_factor}
 *                       float32 and {@code reset_mechanism_val} int64)
 * @param stateBytesPerSample bytes of state per sample (membranes, synaptic currents, fed-back spikes, LSTM
 *                       states), which snnTorch keeps in buffers sized by the last batch
 * @param connections    the weights NeuroBench's {@code ConnectionSparsity} counts, per connection layer
 */
public record Structure(List<Param> parameters, long constantBytes, long stateBytesPerSample,
                        List<Connection> connections) {

    public Structure {
        parameters = List.copyOf(parameters);
        connections = List.copyOf(connections);
    }

    /**
     * One array.
     *
     * @param neurobenchParameter whether NeuroBench's {@code ParameterCount} counts it (an {@code nn.Parameter})
     * @param bytesPerValue 4 for float32
     */
    public record Param(String name, Tensor value, boolean neurobenchParameter, int bytesPerValue) {
    }

    /**
     * The arrays of one connection layer that {@code ConnectionSparsity} counts: the weight of a Linear or Conv
     * layer (bias excluded), or all weights and biases of a recurrent cell or layer.
     */
    public record Connection(String layer, String type, List<Tensor> arrays) {
        public Connection {
            arrays = List.copyOf(arrays);
        }
    }
}
