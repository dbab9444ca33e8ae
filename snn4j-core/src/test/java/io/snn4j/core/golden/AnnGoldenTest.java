package io.snn4j.core.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.Layers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conventional layers (LSTM, GRU, RNN, LayerNorm, activations) against PyTorch 1.13: the files in
 * {@code goldens/ann/} are written by {@code benchmarks/peers/make_ann_goldens.py} (layer spec, input, weights,
 * output, and the gradients of {@code L = sum(y^2)} for the input and every parameter). Each case is built from
 * its spec through {@link Layers}, given PyTorch's weights by name, and must reproduce the output and every
 * gradient within 1e-5 of the array's largest magnitude (at least 1e-5 absolute).
 */
class AnnGoldenTest {
    private static final String DIR = "/goldens/ann/";
    private static final double TOL = 1e-5;

    static Stream<String> cases() {
        String text = new String(bytes(DIR + "cases.txt"), StandardCharsets.UTF_8);
        List<String> r = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                r.add(line.trim());
            }
        }
        assertTrue(r.size() >= 10, "cases.txt lists " + r);
        return r.stream();
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = AnnGoldenTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, "missing test resource " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Npy.Array npy(String name) {
        return Npy.parse(bytes(DIR + name + ".npy"), name);
    }

    private static boolean exists(String name) {
        return AnnGoldenTest.class.getResource(DIR + name + ".npy") != null;
    }

    private static void assertMatches(Npy.Array expected, Tensor actual, String what) {
        assertNotNull(actual, what + " is null");
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double scale = 1;
        for (double v : expected.values()) {
            scale = Math.max(scale, Math.abs(v));
        }
        double nonZero = 0;
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.values()[i], actual.data()[i], TOL * scale, what + " at " + i);
            nonZero = Math.max(nonZero, Math.abs(expected.values()[i]));
        }
        assertTrue(nonZero > 0, what + " is all zero in the golden file: the case tests nothing");
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @MethodSource("cases")
    void matchesPyTorch(String name) {
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(
                new String(bytes(DIR + name + ".json"), StandardCharsets.UTF_8));
        Layer layer = Layers.create(Layers.toSpec(json.get("layer")), new Rng(1));
        List<Parameter> params = layer.parameters();
        for (Parameter p : params) {
            Npy.Array v = npy(name + ".param." + p.name());
            assertArrayEquals(v.shape(), p.value().shape(), name + ": shape of " + p.name());
            System.arraycopy(v.toFloats(), 0, p.value().data(), 0, v.size());
            p.zeroGrad();
        }
        // a parameter PyTorch has and snn4j not (e.g. a bias the spec did not ask for) fails here
        for (String n : List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight", "bias")) {
            boolean ours = params.stream().anyMatch(p -> p.name().equals(n));
            assertEquals(exists(name + ".param." + n), ours, name + ": parameter " + n + " present in one only");
        }
        Npy.Array in = npy(name + ".input");
        Tensor x = new Tensor(in.toFloats(), in.shape());
        layer.setInputGradRequired(true);
        Tensor y = layer.forward(x, true);
        assertMatches(npy(name + ".output"), y, name + " output");
        // L = sum(y^2): dL/dy = 2 y
        Tensor g = new Tensor(y.shape());
        for (int i = 0; i < g.size(); i++) {
            g.data()[i] = 2 * y.data()[i];
        }
        Tensor gx = layer.backward(g);
        assertMatches(npy(name + ".grad.input"), gx, name + " input gradient");
        for (Parameter p : params) {
            assertMatches(npy(name + ".grad." + p.name()), p.grad(), name + " gradient of " + p.name());
        }
    }
}
