package io.snn4j.core.layer;

import static io.snn4j.core.layer.LayerTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.GradCheck;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Relu}, {@link Sigmoid}, {@link Tanh} and {@link LayerNorm}: values, gradients by finite differences, the
 * step APIs, specs, argument errors. Agreement with PyTorch itself is {@code golden.AnnGoldenTest}'s.
 */
class ActivationLayerNormTest {

    @Test
    void activationsComputeTheirFunctions() {
        Tensor x = Tensor.of(new float[] {-2f, -0f, 0f, 0.5f, 3f, Float.NaN}, 1, 1, 6);
        assertArrayEquals(new float[] {0f, -0f, 0f, 0.5f, 3f, Float.NaN}, new Relu().forward(x, false).data());
        float[] s = new Sigmoid().forward(x, false).data();
        float[] t = new Tanh().forward(x, false).data();
        for (int i = 0; i < 5; i++) {
            double v = x.data()[i];
            assertEquals(1 / (1 + Math.exp(-v)), s[i], 1e-7, "sigmoid " + v);
            assertEquals(Math.tanh(v), t[i], 1e-7, "tanh " + v);
        }
        assertTrue(Float.isNaN(s[5]) && Float.isNaN(t[5]), "NaN stays NaN");
        // saturation and tiny inputs keep float32 precision
        Tensor ext = Tensor.of(new float[] {-100f, 100f, 1e-8f, -3e-6f}, 1, 1, 4);
        assertArrayEquals(new float[] {(float) (1 / (1 + Math.exp(100))), 1f, 0.5f, 0.49999925f},
                new Sigmoid().forward(ext, false).data());
        float[] te = new Tanh().forward(ext, false).data();
        assertEquals(-1f, te[0]);
        assertEquals(1f, te[1]);
        assertEquals(1e-8f, te[2], 1e-14f);
        assertEquals(-3e-6f, te[3], 1e-12f);
    }

    @Test
    void reluPassesTheGradientWhereTheOutputIsPositive() {
        Relu r = new Relu();
        r.forward(Tensor.of(new float[] {-1f, 0f, 2f}, 1, 1, 3), true);
        assertArrayEquals(new float[] {0f, 0f, 5f}, r.backward(Tensor.of(new float[] {5f, 5f, 5f}, 1, 1, 3)).data());
    }

    @Test
    void activationGradientsMatchFiniteDifferences() {
        Rng rng = new Rng(1);
        for (Layer l : List.of(new Sigmoid(), new Tanh(), new Relu())) {
            // inputs kept away from relu's kink at 0
            Tensor x = uniform(rng, 0.1f, 2f, 3, 2, 2, 3);
            for (int i = 0; i < x.size(); i += 2) {
                x.data()[i] = -x.data()[i];
            }
            GradCheck.Result r = GradCheck.check(l, x, 2, 1e-3, 40, 1e-3);
            assertTrue(r.passes(1e-2), l.type() + ": " + r);
        }
    }

    @Test
    void layerNormNormalisesTheLastDimensions() {
        LayerNorm ln = new LayerNorm(new int[] {2}, 0, true);
        ln.weight().value().data()[0] = 2f;
        ln.bias().value().data()[1] = 1f;
        // [1, 3]: mean 2, biased variance 1 -> [-1, 1] -> [-2, 1 + 1]; the same for [10, 12]
        Tensor y = ln.forward(Tensor.of(new float[] {1, 3, 10, 12}, 1, 2, 2), false);
        assertArrayEquals(new float[] {-2f, 2f, -2f, 2f}, y.data());
        // over two dimensions: the four values of a sample together
        LayerNorm ln2 = new LayerNorm(2, 2);
        float[] v = ln2.forward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2), false).data();
        double sd = Math.sqrt(1.25 + 1e-5);
        assertArrayEquals(new float[] {(float) (-1.5 / sd), (float) (-0.5 / sd), (float) (0.5 / sd),
            (float) (1.5 / sd)}, v, 1e-6f);
        assertArrayEquals(new int[] {3, 2, 2}, ln2.outputShape(new int[] {3, 2, 2}));
    }

    @Test
    void layerNormGradientsMatchFiniteDifferences() {
        Rng rng = new Rng(3);
        LayerNorm ln = new LayerNorm(new int[] {3, 4}, 1e-5, true);
        for (int i = 0; i < 12; i++) {
            ln.weight().value().data()[i] = rng.uniform(0.5f, 1.5f);
            ln.bias().value().data()[i] = rng.uniform(-0.5f, 0.5f);
        }
        GradCheck.Result r = GradCheck.check(ln, uniform(rng, -2, 2, 3, 2, 3, 4), 4, 1e-2, 40, 1e-3);
        assertTrue(r.passes(1e-2), r.toString());
        LayerNorm plain = new LayerNorm(new int[] {5}, 1e-5, false);
        assertEquals(List.of(), plain.parameters());
        r = GradCheck.check(plain, uniform(rng, -2, 2, 3, 2, 5), 5, 1e-2, 40, 1e-3);
        assertTrue(r.passes(1e-2), r.toString());
    }

    @Test
    void recordedStepsMatchTheWholeSequence() {
        Rng rng = new Rng(6);
        LayerNorm ln = new LayerNorm(4);
        ln.weight().value().data()[1] = 1.5f;
        LayerTestSupport.assertStepsMatchSequence(ln, uniform(rng, -1, 1, 4, 3, 4), 7, 1e-6);
        for (Layer l : List.of(new Relu(), new Sigmoid(), new Tanh())) {
            LayerTestSupport.assertStepsMatchSequence(l, uniform(rng, -1, 1, 4, 3, 5), 8, 0);
        }
        Tensor x = uniform(rng, -1, 1, 2, 3, 4);
        assertArrayEquals(ln.forward(x, false).slice0(1).data(), ln.step(x.slice0(1)).data());
    }

    @Test
    void resultsAreTheSameWithOneAndTwoThreads() {
        Tensor x = uniform(new Rng(9), -1, 1, 8, 32, 64);
        for (String type : List.of("layernorm", "tanh", "sigmoid", "relu")) {
            LayerSpec spec = type.equals("layernorm") ? LayerSpec.of(type, "normalized_shape", 64) : LayerSpec.of(type);
            LayerTestSupport.assertBitIdentical(
                    LayerTestSupport.runWithThreads(1, () -> Layers.create(spec, new Rng(1)), x, 10),
                    LayerTestSupport.runWithThreads(2, () -> Layers.create(spec, new Rng(1)), x, 10));
        }
    }

    @Test
    void specsRoundTripThroughTheRegistry() {
        for (Layer l : List.of(new Relu(), new Sigmoid(), new Tanh(), new LayerNorm(5),
                new LayerNorm(new int[] {2, 3}, 1e-3, false))) {
            Layer back = Layers.create(l.spec(), new Rng(1));
            assertEquals(l.spec(), back.spec());
            assertEquals(l.getClass(), back.getClass());
        }
        assertEquals(LayerSpec.of("layernorm", "normalized_shape", List.of(2, 3), "eps", 1e-5,
                "elementwise_affine", true), new LayerNorm(2, 3).spec());
        Layer fromYaml = Layers.create(Layers.toSpec(Map.of("type", "layernorm", "normalized_shape", List.of(4))),
                new Rng(1));
        assertArrayEquals(new int[] {4}, ((LayerNorm) fromYaml).normalizedShape());
        assertTrue(Layers.types().containsAll(List.of("relu", "sigmoid", "tanh", "layernorm")));
    }

    private static void assertMessage(Runnable r, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention " + p);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertMessage(() -> new LayerNorm(new int[] {3, 0}, 1e-5, true), "normalized_shape", "[3, 0]");
        assertMessage(() -> new LayerNorm(new int[0], 1e-5, true), "normalized_shape");
        assertMessage(() -> new LayerNorm(new int[] {3}, -1, true), "eps", "-1");
        assertMessage(() -> new LayerNorm(4).forward(new Tensor(2, 2, 5), false), "normalized_shape", "[2, 2, 5]");
        assertMessage(() -> new LayerNorm(2, 3).outputShape(new int[] {3, 2}), "normalized_shape", "[3, 2]");
        assertMessage(() -> Layers.create(LayerSpec.of("layernorm"), new Rng(1)), "missing 'normalized_shape'");
        assertMessage(() -> Layers.create(LayerSpec.of("relu", "inplace", true), new Rng(1)), "unknown key 'inplace'");
        assertMessage(() -> new Tanh().forward(new Tensor(3), false), "tanh", "[T, B, ...]");
        Sigmoid s = new Sigmoid();
        s.forward(new Tensor(1, 2, 3), true);
        assertMessage(() -> s.backward(new Tensor(1, 2, 4)), "output gradient", "[1, 2, 3]");
        Relu r = new Relu();
        r.setInputGradRequired(false);
        r.forward(new Tensor(1, 1, 2), true);
        assertNull(r.backward(new Tensor(1, 1, 2)));
    }
}
