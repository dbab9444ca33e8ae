/**
 * NIR graphs as snn4j networks and back, and running them.
 *
 * <ul>
 * <li>{@link io.snn4j.nir.convert.NirToSnn}: a NIR graph as a {@code Sequential} or {@code Graph} under a
 * {@link io.snn4j.nir.convert.Preset} ({@code snntorch}, {@code norse}, {@code nir}), because NIR stores no time
 * step and frameworks read its neurons differently; {@link io.snn4j.nir.convert.Converted} is the result.</li>
 * <li>{@link io.snn4j.nir.convert.SnnToNir}: an snn4j network as a NIR graph in snnTorch's convention.</li>
 * <li>{@link io.snn4j.nir.convert.Simulation}: runs a network on {@code [T, B, ...]} and records the output and the
 * membrane of its last neuron layer.</li>
 * <li>{@link io.snn4j.nir.convert.NirNeuron}, {@link io.snn4j.nir.convert.NirElementwise},
 * {@link io.snn4j.nir.convert.NirReshape}: the layers NIR needs that the engine does not have (inference only for
 * the neurons).</li>
 * </ul>
 * Problems are {@link io.snn4j.nir.convert.NirConversionException}s naming node and field; {@code docs/interop.md}
 * gives every formula.
 */
package io.snn4j.nir.convert;
