package io.snn4j.nir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node of a NIR graph: one record per NIR node type, with NIR's field names (in Java's camel case: NIR's
 * {@code v_threshold} is {@code vThreshold()}), NIR's field order and NIR's shapes. The records check their
 * shapes when built and throw {@link IllegalArgumentException} naming the type and the field
 * ({@code LIF: v_reset has shape [3], expected [4] (the shape of tau)}).
 *
 * <p>The equations are NIR's (continuous time; see NIR's documentation):
 * <ul>
 * <li>{@link Affine} {@code y = W x + b}; {@link Linear} {@code y = W x}; {@link Scale} {@code y = s * x}
 * (element-wise)</li>
 * <li>{@link Conv1d}, {@link Conv2d}: PyTorch's convolution; weight {@code [C_out, C_in / groups, k...]}</li>
 * <li>{@link SumPool2d}, {@link AvgPool2d}: pooling over {@code [C, H, W]}; {@link Flatten}: merges the dimensions
 * {@code start_dim..end_dim} of the (batch-less) input</li>
 * <li>{@link Delay} {@code y(t) = x(t - delay)}; {@link Threshold} {@code z = H(x - threshold)}</li>
 * <li>{@link I} {@code dv/dt = r I}; {@link IF} the same with threshold and reset; {@link LI}
 * {@code tau dv/dt = (v_leak - v) + r I}; {@link LIF} the same with threshold and reset</li>
 * <li>{@link CubaLI}, {@link CubaLIF}: a synaptic current {@code tau_syn dI/dt = -I + w_in S} feeding
 * {@code tau_mem dv/dt = (v_leak - v) + r I}</li>
 * </ul>
 * A spiking neuron fires when {@code v > v_threshold} and is then set to {@code v_reset}.
 *
 * <p>NIR leaves batch and time out of every shape. Shapes that depend on what feeds a node (a convolution without
 * {@code input_shape}, pooling) are found by {@link NirGraph#inferShapes()}.
 */
public sealed interface NirNode permits NirNode.Input, NirNode.Output, NirNode.Affine, NirNode.Linear,
        NirNode.Scale, NirNode.Conv1d, NirNode.Conv2d, NirNode.SumPool2d, NirNode.AvgPool2d, NirNode.Flatten,
        NirNode.Delay, NirNode.Threshold, NirNode.Neuron, NirGraph {

    /** NIR's name of the type, as the file's {@code type} field holds it: {@code LIF}, {@code NIRGraph}, ... */
    default String type() {
        return getClass().getSimpleName();
    }

    /** The node's metadata (unmodifiable; empty when there is none). */
    Map<String, Object> metadata();

    /**
     * The shape of the data this node takes (NIR's {@code input_type}) when the node itself fixes it; null when it
     * depends on what feeds it (pooling, a convolution without {@code input_shape}).
     */
    Shape inputType();

    /**
     * The shape this node gives (NIR's {@code output_type}) when fed data of shape {@code input} (null: unknown);
     * null when it cannot be told.
     */
    Shape outputType(Shape input);

    /**
     * NIR's fields of this node in NIR's order, each as the file stores it: a {@link NirArray}, a {@link Shape}
     * (a list of int64), a {@link Long} (an int64 scalar) or a {@link String}; null for a shape that is unknown
     * (to be inferred from the graph). Together with {@code type} and {@code metadata} these are exactly the
     * datasets of the node's group. Empty for a graph, whose nodes and edges are not fields in this sense.
     */
    Map<String, Object> fields();

    /** The array fields (weights, biases, time constants, ...) by NIR field name, in NIR's field order. */
    default Map<String, NirArray> arrays() {
        Map<String, NirArray> m = new LinkedHashMap<>();
        fields().forEach((k, v) -> {
            if (v instanceof NirArray) {
                m.put(k, (NirArray) v);
            }
        });
        return Collections.unmodifiableMap(m);
    }

    /** The number of values in the node's arrays (for a graph: in all its nodes). */
    default long parameterCount() {
        long n = 0;
        for (NirArray a : arrays().values()) {
            n += a.size();
        }
        return n;
    }

    /** The neuron models: each has a shape, that of its parameters (all equal). */
    sealed interface Neuron extends NirNode permits I, IF, LI, LIF, CubaLI, CubaLIF {
        /** The shape of the neuron population (and of its input and output). */
        Shape shape();

        @Override
        default Shape inputType() {
            return shape();
        }

        @Override
        default Shape outputType(Shape input) {
            return shape();
        }
    }

    /** Convolution padding: explicit amounts per spatial dimension, or NIR's {@code "same"} / {@code "valid"}. */
    record Padding(String mode, Shape amounts) {
        public Padding {
            if ((mode == null) == (amounts == null)) {
                throw new IllegalArgumentException("padding is either a mode or amounts, not both or neither");
            }
            if (mode != null && !mode.equals("same") && !mode.equals("valid")) {
                throw new IllegalArgumentException("padding must be 'same', 'valid' or amounts, not '" + mode + "'");
            }
        }

        public static Padding same() {
            return new Padding("same", null);
        }

        public static Padding valid() {
            return new Padding("valid", null);
        }

        public static Padding of(int... amounts) {
            return new Padding(null, Shape.of(amounts));
        }

        /** The amount for one spatial dimension (0 for {@code valid}); not defined for {@code same}. */
        int amount(int axis) {
            if ("same".equals(mode)) {
                throw new IllegalStateException("'same' padding has no fixed amount");
            }
            return amounts == null ? 0 : amounts.get(axis);
        }

        @Override
        public String toString() {
            return mode != null ? mode : amounts.toString();
        }
    }

    // ---------------------------------------------------------------- graph input and output

    /** A graph input: data of {@code shape} enters here. NIR stores the shape as the dataset {@code shape}. */
    record Input(Shape shape, Map<String, Object> metadata) implements NirNode {
        public Input {
            Check.required("Input", "shape", shape);
            Check.positive("Input", "shape", shape);
            metadata = Metadata.copyOf(metadata);
        }

        public Input(Shape shape) {
            this(shape, null);
        }

        @Override
        public Shape inputType() {
            return shape;
        }

        @Override
        public Shape outputType(Shape input) {
            return shape;
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("shape", shape);
        }
    }

    /**
     * A graph output, dataset {@code shape}. The shape may be null (unknown) for files of early NIR versions; it is
     * then the shape of what feeds the output, and the writer fills it in.
     */
    record Output(Shape shape, Map<String, Object> metadata) implements NirNode {
        public Output {
            if (shape != null) {
                Check.positive("Output", "shape", shape);
            }
            metadata = Metadata.copyOf(metadata);
        }

        public Output(Shape shape) {
            this(shape, null);
        }

        @Override
        public Shape inputType() {
            return shape;
        }

        @Override
        public Shape outputType(Shape input) {
            return shape != null ? shape : input;
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("shape", shape);
        }
    }

    // ---------------------------------------------------------------- synapses

    /** {@code y = W x + b}: weight {@code [..., out, in]}, bias {@code [..., out]}. */
    record Affine(NirArray weight, NirArray bias, Map<String, Object> metadata) implements NirNode {
        public Affine {
            Check.required("Affine", "weight", weight);
            Check.required("Affine", "bias", bias);
            Check.rankAtLeast("Affine", "weight", weight, 2);
            Shape out = weight.shape().slice(0, weight.rank() - 1);
            Check.shape("Affine", "bias", bias, out, "the weight's shape without its last dimension");
            metadata = Metadata.copyOf(metadata);
        }

        public Affine(NirArray weight, NirArray bias) {
            this(weight, bias, null);
        }

        @Override
        public Shape inputType() {
            return Check.matmulInput(weight);
        }

        @Override
        public Shape outputType(Shape input) {
            return weight.shape().slice(0, weight.rank() - 1);
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("weight", weight, "bias", bias);
        }
    }

    /** {@code y = W x}: weight {@code [..., out, in]}. */
    record Linear(NirArray weight, Map<String, Object> metadata) implements NirNode {
        public Linear {
            Check.required("Linear", "weight", weight);
            Check.rankAtLeast("Linear", "weight", weight, 2);
            metadata = Metadata.copyOf(metadata);
        }

        public Linear(NirArray weight) {
            this(weight, null);
        }

        @Override
        public Shape inputType() {
            return Check.matmulInput(weight);
        }

        @Override
        public Shape outputType(Shape input) {
            return weight.shape().slice(0, weight.rank() - 1);
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("weight", weight);
        }
    }

    /** {@code y = scale * x}, element by element; input and output have the shape of {@code scale}. */
    record Scale(NirArray scale, Map<String, Object> metadata) implements NirNode {
        public Scale {
            Check.required("Scale", "scale", scale);
            metadata = Metadata.copyOf(metadata);
        }

        public Scale(NirArray scale) {
            this(scale, null);
        }

        @Override
        public Shape inputType() {
            return scale.shape();
        }

        @Override
        public Shape outputType(Shape input) {
            return scale.shape();
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("scale", scale);
        }
    }

    /**
     * 1-d convolution over {@code [C_in, N]}: weight {@code [C_out, C_in / groups, K]}, bias {@code [C_out]}.
     * {@code inputShape} is NIR's {@code input_shape}, the length N (a 1-d shape here; an int in the file), or null
     * when unknown (files before NIR 1.0). Stride and dilation are 1-d shapes of positive values.
     */
    record Conv1d(Shape inputShape, NirArray weight, Shape stride, Padding padding, Shape dilation, int groups,
            NirArray bias, Map<String, Object> metadata) implements NirNode {
        public Conv1d {
            Check.conv("Conv1d", 1, inputShape, weight, stride, padding, dilation, groups, bias);
            metadata = Metadata.copyOf(metadata);
        }

        public Conv1d(Shape inputShape, NirArray weight, Shape stride, Padding padding, Shape dilation, int groups,
                NirArray bias) {
            this(inputShape, weight, stride, padding, dilation, groups, bias, null);
        }

        @Override
        public Shape inputType() {
            return inputShape == null ? null : inputShape.prepend(weight.shape().get(1) * groups);
        }

        @Override
        public Shape outputType(Shape input) {
            return Check.convOutput(1, inputShape, input, weight, stride, padding, dilation);
        }

        @Override
        public Map<String, Object> fields() {
            // NIR's Conv1d takes ints (it builds its input type [C, input_shape] from them): scalars in the file
            return Check.fields("input_shape", inputShape == null ? null : (long) inputShape.get(0), "weight", weight,
                    "stride", (long) stride.get(0), "padding", padding.mode() != null ? padding.mode()
                            : (Object) (long) padding.amounts().get(0),
                    "dilation", (long) dilation.get(0), "groups", (long) groups, "bias", bias);
        }
    }

    /**
     * 2-d convolution over {@code [C_in, H, W]}: weight {@code [C_out, C_in / groups, kH, kW]}, bias
     * {@code [C_out]}. {@code inputShape} is NIR's {@code input_shape} {@code [H, W]}, or null when unknown (files
     * before NIR 1.0). Stride, padding and dilation have one value per spatial dimension.
     */
    record Conv2d(Shape inputShape, NirArray weight, Shape stride, Padding padding, Shape dilation, int groups,
            NirArray bias, Map<String, Object> metadata) implements NirNode {
        public Conv2d {
            Check.conv("Conv2d", 2, inputShape, weight, stride, padding, dilation, groups, bias);
            metadata = Metadata.copyOf(metadata);
        }

        public Conv2d(Shape inputShape, NirArray weight, Shape stride, Padding padding, Shape dilation, int groups,
                NirArray bias) {
            this(inputShape, weight, stride, padding, dilation, groups, bias, null);
        }

        @Override
        public Shape inputType() {
            return inputShape == null ? null : inputShape.prepend(weight.shape().get(1) * groups);
        }

        @Override
        public Shape outputType(Shape input) {
            return Check.convOutput(2, inputShape, input, weight, stride, padding, dilation);
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("input_shape", inputShape, "weight", weight, "stride", stride, "padding",
                    padding.mode() != null ? padding.mode() : padding.amounts(), "dilation", dilation,
                    "groups", (long) groups, "bias", bias);
        }
    }

    // ---------------------------------------------------------------- shape operations

    /** Sum pooling over {@code [C, H, W]}; kernel size, stride and padding {@code [h, w]}. */
    record SumPool2d(Shape kernelSize, Shape stride, Shape padding, Map<String, Object> metadata)
            implements NirNode {
        public SumPool2d {
            Check.pool("SumPool2d", kernelSize, stride, padding);
            metadata = Metadata.copyOf(metadata);
        }

        public SumPool2d(Shape kernelSize, Shape stride, Shape padding) {
            this(kernelSize, stride, padding, null);
        }

        @Override
        public Shape inputType() {
            return null;
        }

        @Override
        public Shape outputType(Shape input) {
            return Check.poolOutput(input, kernelSize, stride, padding);
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("kernel_size", kernelSize, "stride", stride, "padding", padding);
        }
    }

    /** Average pooling over {@code [C, H, W]}; kernel size, stride and padding {@code [h, w]}. */
    record AvgPool2d(Shape kernelSize, Shape stride, Shape padding, Map<String, Object> metadata)
            implements NirNode {
        public AvgPool2d {
            Check.pool("AvgPool2d", kernelSize, stride, padding);
            metadata = Metadata.copyOf(metadata);
        }

        public AvgPool2d(Shape kernelSize, Shape stride, Shape padding) {
            this(kernelSize, stride, padding, null);
        }

        @Override
        public Shape inputType() {
            return null;
        }

        @Override
        public Shape outputType(Shape input) {
            return Check.poolOutput(input, kernelSize, stride, padding);
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("kernel_size", kernelSize, "stride", stride, "padding", padding);
        }
    }

    /**
     * Merges dimensions {@code startDim..endDim} (inclusive; negative counts from the end, as in Python) of the
     * input, whose shape NIR stores as {@code input_type} (null when unknown). NIR's defaults are 1 and -1.
     */
    record Flatten(Shape inputType, int startDim, int endDim, Map<String, Object> metadata) implements NirNode {
        public Flatten {
            if (inputType != null) {
                Check.positive("Flatten", "input_type", inputType);
                Check.flattenDims(inputType, startDim, endDim);
            }
            metadata = Metadata.copyOf(metadata);
        }

        public Flatten(Shape inputType, int startDim, int endDim) {
            this(inputType, startDim, endDim, null);
        }

        @Override
        public Shape outputType(Shape input) {
            Shape in = inputType != null ? inputType : input;
            if (in == null) {
                return null;
            }
            try {
                return Check.flattenDims(in, startDim, endDim);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("input_type", inputType, "start_dim", (long) startDim, "end_dim", (long) endDim);
        }
    }

    /** {@code y(t) = x(t - delay)}, per element; shape of {@code delay}. */
    record Delay(NirArray delay, Map<String, Object> metadata) implements NirNode {
        public Delay {
            Check.required("Delay", "delay", delay);
            metadata = Metadata.copyOf(metadata);
        }

        public Delay(NirArray delay) {
            this(delay, null);
        }

        @Override
        public Shape inputType() {
            return delay.shape();
        }

        @Override
        public Shape outputType(Shape input) {
            return delay.shape();
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("delay", delay);
        }
    }

    /** {@code z = 1 if x > threshold else 0}, per element; shape of {@code threshold}. */
    record Threshold(NirArray threshold, Map<String, Object> metadata) implements NirNode {
        public Threshold {
            Check.required("Threshold", "threshold", threshold);
            metadata = Metadata.copyOf(metadata);
        }

        public Threshold(NirArray threshold) {
            this(threshold, null);
        }

        @Override
        public Shape inputType() {
            return threshold.shape();
        }

        @Override
        public Shape outputType(Shape input) {
            return threshold.shape();
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("threshold", threshold);
        }
    }

    // ---------------------------------------------------------------- neurons

    /** Integrator: {@code dv/dt = r I}. */
    record I(NirArray r, Map<String, Object> metadata) implements Neuron {
        public I {
            Check.required("I", "r", r);
            metadata = Metadata.copyOf(metadata);
        }

        public I(NirArray r) {
            this(r, null);
        }

        @Override
        public Shape shape() {
            return r.shape();
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("r", r);
        }
    }

    /**
     * Integrate-and-fire: {@code dv/dt = r I}; spikes when {@code v > v_threshold}, then {@code v = v_reset}. A null
     * {@code vReset} means zeros (NIR's default), of the type and shape of {@code vThreshold}.
     */
    record IF(NirArray r, NirArray vThreshold, NirArray vReset, Map<String, Object> metadata) implements Neuron {
        public IF {
            Check.required("IF", "r", r);
            Check.required("IF", "v_threshold", vThreshold);
            vReset = vReset != null ? vReset : Check.zerosLike(vThreshold);
            Check.sameShapes("IF", "r", r, "v_threshold", vThreshold, "v_reset", vReset);
            metadata = Metadata.copyOf(metadata);
        }

        public IF(NirArray r, NirArray vThreshold, NirArray vReset) {
            this(r, vThreshold, vReset, null);
        }

        @Override
        public Shape shape() {
            return r.shape();
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("r", r, "v_threshold", vThreshold, "v_reset", vReset);
        }
    }

    /** Leaky integrator: {@code tau dv/dt = (v_leak - v) + r I}. */
    record LI(NirArray tau, NirArray r, NirArray vLeak, Map<String, Object> metadata) implements Neuron {
        public LI {
            Check.required("LI", "tau", tau);
            Check.required("LI", "r", r);
            Check.required("LI", "v_leak", vLeak);
            Check.sameShapes("LI", "tau", tau, "r", r, "v_leak", vLeak);
            metadata = Metadata.copyOf(metadata);
        }

        public LI(NirArray tau, NirArray r, NirArray vLeak) {
            this(tau, r, vLeak, null);
        }

        @Override
        public Shape shape() {
            return tau.shape();
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("tau", tau, "r", r, "v_leak", vLeak);
        }
    }

    /**
     * Leaky integrate-and-fire: {@code tau dv/dt = (v_leak - v) + r I}; spikes when {@code v > v_threshold}, then
     * {@code v = v_reset} (null: zeros like {@code vThreshold}).
     */
    record LIF(NirArray tau, NirArray r, NirArray vLeak, NirArray vThreshold, NirArray vReset,
            Map<String, Object> metadata) implements Neuron {
        public LIF {
            Check.required("LIF", "tau", tau);
            Check.required("LIF", "r", r);
            Check.required("LIF", "v_leak", vLeak);
            Check.required("LIF", "v_threshold", vThreshold);
            vReset = vReset != null ? vReset : Check.zerosLike(vThreshold);
            Check.sameShapes("LIF", "tau", tau, "r", r, "v_leak", vLeak, "v_threshold", vThreshold,
                    "v_reset", vReset);
            metadata = Metadata.copyOf(metadata);
        }

        public LIF(NirArray tau, NirArray r, NirArray vLeak, NirArray vThreshold, NirArray vReset) {
            this(tau, r, vLeak, vThreshold, vReset, null);
        }

        @Override
        public Shape shape() {
            return tau.shape();
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("tau", tau, "r", r, "v_leak", vLeak, "v_threshold", vThreshold, "v_reset", vReset);
        }
    }

    /**
     * Current-based leaky integrator: {@code tau_syn dI/dt = -I + w_in S}, {@code tau_mem dv/dt = (v_leak - v) + r I}.
     * A null {@code wIn} means ones (NIR's default), of the type and shape of {@code vLeak}.
     */
    record CubaLI(NirArray tauSyn, NirArray tauMem, NirArray r, NirArray vLeak, NirArray wIn,
            Map<String, Object> metadata) implements Neuron {
        public CubaLI {
            Check.required("CubaLI", "tau_syn", tauSyn);
            Check.required("CubaLI", "tau_mem", tauMem);
            Check.required("CubaLI", "r", r);
            Check.required("CubaLI", "v_leak", vLeak);
            wIn = wIn != null ? wIn : Check.onesLike(vLeak);
            Check.sameShapes("CubaLI", "tau_syn", tauSyn, "tau_mem", tauMem, "r", r, "v_leak", vLeak, "w_in", wIn);
            metadata = Metadata.copyOf(metadata);
        }

        public CubaLI(NirArray tauSyn, NirArray tauMem, NirArray r, NirArray vLeak, NirArray wIn) {
            this(tauSyn, tauMem, r, vLeak, wIn, null);
        }

        @Override
        public Shape shape() {
            return tauSyn.shape();
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("tau_syn", tauSyn, "tau_mem", tauMem, "r", r, "v_leak", vLeak, "w_in", wIn);
        }
    }

    /**
     * Current-based leaky integrate-and-fire: {@link CubaLI} with a threshold and reset. Null {@code vReset} means
     * zeros and null {@code wIn} ones, like {@code vThreshold}.
     */
    record CubaLIF(NirArray tauSyn, NirArray tauMem, NirArray r, NirArray vLeak, NirArray vThreshold,
            NirArray vReset, NirArray wIn, Map<String, Object> metadata) implements Neuron {
        public CubaLIF {
            Check.required("CubaLIF", "tau_syn", tauSyn);
            Check.required("CubaLIF", "tau_mem", tauMem);
            Check.required("CubaLIF", "r", r);
            Check.required("CubaLIF", "v_leak", vLeak);
            Check.required("CubaLIF", "v_threshold", vThreshold);
            vReset = vReset != null ? vReset : Check.zerosLike(vThreshold);
            wIn = wIn != null ? wIn : Check.onesLike(vThreshold);
            Check.sameShapes("CubaLIF", "tau_syn", tauSyn, "tau_mem", tauMem, "r", r, "v_leak", vLeak,
                    "v_threshold", vThreshold, "v_reset", vReset, "w_in", wIn);
            metadata = Metadata.copyOf(metadata);
        }

        public CubaLIF(NirArray tauSyn, NirArray tauMem, NirArray r, NirArray vLeak, NirArray vThreshold,
                NirArray vReset, NirArray wIn) {
            this(tauSyn, tauMem, r, vLeak, vThreshold, vReset, wIn, null);
        }

        @Override
        public Shape shape() {
            return tauSyn.shape();
        }

        @Override
        public Map<String, Object> fields() {
            return Check.fields("tau_syn", tauSyn, "tau_mem", tauMem, "r", r, "v_leak", vLeak,
                    "v_threshold", vThreshold, "v_reset", vReset, "w_in", wIn);
        }
    }
}
