package io.snn4j.nir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shape checks and shape arithmetic shared by the node records; messages name the type and the NIR field. */
final class Check {

    private Check() {
    }

    static IllegalArgumentException fail(String type, String message) {
        return new IllegalArgumentException(type + ": " + message);
    }

    static void required(String type, String field, Object value) {
        if (value == null) {
            throw fail(type, field + " is required");
        }
    }

    static void positive(String type, String field, Shape s) {
        if (!s.allAtLeast(1)) {
            throw fail(type, field + " " + s + " must have only positive values");
        }
    }

    static void rankAtLeast(String type, String field, NirArray a, int rank) {
        if (a.rank() < rank) {
            throw fail(type, field + " has shape " + a.shape() + ", expected at least " + rank + " dimensions");
        }
    }

    static void shape(String type, String field, NirArray a, Shape expected, String what) {
        if (!a.shape().equals(expected)) {
            throw fail(type, field + " has shape " + a.shape() + ", expected " + expected + " (" + what + ")");
        }
    }

    /** Pairs of (field name, array): every array must have the shape of the first. */
    static void sameShapes(String type, Object... nameArray) {
        String firstName = (String) nameArray[0];
        Shape first = ((NirArray) nameArray[1]).shape();
        for (int i = 2; i < nameArray.length; i += 2) {
            NirArray a = (NirArray) nameArray[i + 1];
            if (!a.shape().equals(first)) {
                throw fail(type, nameArray[i] + " has shape " + a.shape() + ", expected " + first + " (the shape of "
                        + firstName + ")");
            }
        }
    }

    /** Pairs of (NIR field name, value) as an ordered, unmodifiable map (values may be null). */
    static Map<String, Object> fields(Object... nameValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], nameValue[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    static NirArray zerosLike(NirArray a) {
        return NirArray.full(a.dtype(), a.shape(), 0);
    }

    static NirArray onesLike(NirArray a) {
        return NirArray.full(a.dtype(), a.shape(), 1);
    }

    /** The input of {@code W x} for weight {@code [..., out, in]}: {@code [..., in]}. */
    static Shape matmulInput(NirArray weight) {
        Shape w = weight.shape();
        return w.slice(0, w.rank() - 2).append(w.last());
    }

    static void conv(String type, int dims, Shape inputShape, NirArray weight, Shape stride, NirNode.Padding padding,
            Shape dilation, int groups, NirArray bias) {
        required(type, "weight", weight);
        required(type, "stride", stride);
        required(type, "padding", padding);
        required(type, "dilation", dilation);
        required(type, "bias", bias);
        String layout = dims == 1 ? "[C_out, C_in / groups, K]" : "[C_out, C_in / groups, kH, kW]";
        if (weight.rank() != dims + 2) {
            throw fail(type, "weight has shape " + weight.shape() + ", expected " + (dims + 2) + " dimensions "
                    + layout);
        }
        if (!weight.shape().allAtLeast(1)) {
            throw fail(type, "weight has shape " + weight.shape() + " with an empty dimension");
        }
        int cOut = weight.shape().get(0);
        shape(type, "bias", bias, Shape.of(cOut), "C_out, the first dimension of weight");
        if (groups < 1 || cOut % groups != 0) {
            throw fail(type, "groups " + groups + " must be positive and divide C_out " + cOut);
        }
        perDim(type, "stride", stride, dims, 1);
        perDim(type, "dilation", dilation, dims, 1);
        if (padding.amounts() != null) {
            perDim(type, "padding", padding.amounts(), dims, 0);
        }
        if (inputShape != null) {
            perDim(type, "input_shape", inputShape, dims, 1);
            for (int a = 0; a < dims; a++) {
                if (spatialOut(inputShape.get(a), padding, a, dilation.get(a), weight.shape().get(2 + a),
                        stride.get(a)) < 1) {
                    throw fail(type, "input_shape " + inputShape + " is smaller than the (dilated) kernel "
                            + weight.shape().slice(2, 2 + dims) + " with padding " + padding);
                }
            }
        }
    }

    private static void perDim(String type, String field, Shape s, int dims, int min) {
        if (s.rank() != dims) {
            throw fail(type, field + " " + s + " must have " + dims + (dims == 1 ? " value" : " values")
                    + " (one per spatial dimension)");
        }
        if (!s.allAtLeast(min)) {
            throw fail(type, field + " " + s + " must be " + (min == 0 ? "non-negative" : "positive"));
        }
    }

    /** PyTorch's output length: floor((in + 2 p - d (k - 1) - 1) / s) + 1; 'same' keeps the length. */
    static int spatialOut(int in, NirNode.Padding padding, int axis, int dilation, int kernel, int stride) {
        if ("same".equals(padding.mode())) {
            return in;
        }
        int p = padding.amount(axis);
        return Math.floorDiv(in + 2 * p - dilation * (kernel - 1) - 1, stride) + 1;
    }

    static Shape convOutput(int dims, Shape inputShape, Shape input, NirArray weight, Shape stride,
            NirNode.Padding padding, Shape dilation) {
        Shape spatial = inputShape;
        if (spatial == null && input != null && input.rank() == dims + 1) {
            spatial = input.slice(1, dims + 1);
        }
        if (spatial == null) {
            return null;
        }
        int[] out = new int[dims + 1];
        out[0] = weight.shape().get(0);
        for (int a = 0; a < dims; a++) {
            out[a + 1] = spatialOut(spatial.get(a), padding, a, dilation.get(a), weight.shape().get(2 + a),
                    stride.get(a));
            if (out[a + 1] < 1) {
                return null;
            }
        }
        return Shape.of(out);
    }

    static void pool(String type, Shape kernelSize, Shape stride, Shape padding) {
        required(type, "kernel_size", kernelSize);
        required(type, "stride", stride);
        required(type, "padding", padding);
        perDim(type, "kernel_size", kernelSize, 2, 1);
        perDim(type, "stride", stride, 2, 1);
        perDim(type, "padding", padding, 2, 0);
    }

    static Shape poolOutput(Shape input, Shape kernel, Shape stride, Shape padding) {
        if (input == null || input.rank() != 3) {
            return null;
        }
        int[] out = {input.get(0), 0, 0};
        for (int a = 0; a < 2; a++) {
            out[a + 1] = Math.floorDiv(input.get(a + 1) + 2 * padding.get(a) - kernel.get(a), stride.get(a)) + 1;
            if (out[a + 1] < 1) {
                return null;
            }
        }
        return Shape.of(out);
    }

    /** Checks the dimensions against {@code in} and returns the flattened shape. */
    static Shape flattenDims(Shape in, int startDim, int endDim) {
        int r = in.rank();
        int s = startDim < 0 ? startDim + r : startDim;
        int e = endDim < 0 ? endDim + r : endDim;
        if (s < 0 || s >= r || e < 0 || e >= r || s > e) {
            throw fail("Flatten", "start_dim " + startDim + " and end_dim " + endDim + " do not select dimensions "
                    + "of input_type " + in + " (need start <= end within 0.." + (r - 1) + ")");
        }
        long merged = in.slice(s, e + 1).elements();
        if (merged > Integer.MAX_VALUE) {
            throw fail("Flatten", "input_type " + in + " is too large");
        }
        return in.slice(0, s).append((int) merged).append(in.slice(e + 1, r).toArray());
    }
}
