package io.snn4j.core.layer;

import static io.snn4j.core.layer.LayerTestSupport.assertClose;
import static io.snn4j.core.layer.LayerTestSupport.spikes;
import static io.snn4j.core.layer.LayerTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.GradCheck;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearTest {

    private static Linear handLayer() {
        Linear l = new Linear(2, 3, new Rng(0));
        System.arraycopy(new float[] {1, 2, 3, 4, 5, 6}, 0, l.weight().value().data(), 0, 6);
        System.arraycopy(new float[] {0.5f, -0.5f, 0}, 0, l.bias().value().data(), 0, 3);
        return l;
    }

    /** y[t, b, o] = sum_i x[t, b, i] w[o, i] + bias[o], in double. */
    private static Tensor reference(Linear l, Tensor x) {
        int in = l.inFeatures();
        int out = l.outFeatures();
        int rows = x.dim(0) * x.dim(1);
        Tensor y = new Tensor(x.dim(0), x.dim(1), out);
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = l.bias() == null ? 0 : l.bias().value().data()[o];
                for (int i = 0; i < in; i++) {
                    s += (double) x.data()[r * in + i] * l.weight().value().data()[o * in + i];
                }
                y.data()[r * out + o] = (float) s;
            }
        }
        return y;
    }

    @Test
    void outputIsInputTimesWeightTransposedPlusBias() {
        Linear l = handLayer();
        Tensor y = l.forward(Tensor.of(new float[] {1, 1, 0, 1}, 2, 1, 2), false);
        assertArrayEquals(new int[] {2, 1, 3}, y.shape());
        assertArrayEquals(new float[] {3.5f, 6.5f, 11, 2.5f, 3.5f, 6}, y.data());
    }

    @Test
    void gradientsByHand() {
        Linear l = handLayer();
        l.forward(Tensor.of(new float[] {1, 2}, 1, 1, 2), true);
        Tensor gx = l.backward(Tensor.of(new float[] {1, 0, -1}, 1, 1, 3));
        assertArrayEquals(new float[] {1, 2, 0, 0, -1, -2}, l.weight().grad().data(), "dW = delta^T x");
        assertArrayEquals(new float[] {1, 0, -1}, l.bias().grad().data(), "db = delta");
        assertArrayEquals(new float[] {-4, -4}, gx.data(), "dx = delta W");
        l.forward(Tensor.of(new float[] {1, 2}, 1, 1, 2), true);
        l.backward(Tensor.of(new float[] {1, 0, -1}, 1, 1, 3));
        assertArrayEquals(new float[] {2, 0, -2}, l.bias().grad().data(), "gradients accumulate");
    }

    @Test
    void sparseAndDenseInputsGiveTheReferenceOutputAndGradients() {
        Rng rng = new Rng(11);
        // Density 0.3 takes the event path in the wide layer (130 outputs) and the dense one in the narrow layer.
        for (int out : new int[] {19, 130}) {
            for (double density : new double[] {0, 0.02, 0.19, 0.3, 0.5, 1}) {
                Linear l = new Linear(37, out, rng);
                Tensor x = spikes(rng, density, 5, 3, 37);
                x.data()[7] = 2.5f; // a graded value: the event path multiplies it in
                Tensor y = l.forward(x, true);
                String what = out + " outputs, density " + density;
                assertClose(reference(l, x), y, 1e-5, "forward, " + what);
                Tensor delta = uniform(rng, -1, 1, 5, 3, out);
                Tensor gx = l.backward(delta);
                Tensor dw = new Tensor(out, 37);
                Tensor db = new Tensor(out);
                Tensor dx = new Tensor(5, 3, 37);
                for (int r = 0; r < 15; r++) {
                    for (int o = 0; o < out; o++) {
                        float d = delta.data()[r * out + o];
                        db.data()[o] += d;
                        for (int i = 0; i < 37; i++) {
                            dw.data()[o * 37 + i] += d * x.data()[r * 37 + i];
                            dx.data()[r * 37 + i] += d * l.weight().value().data()[o * 37 + i];
                        }
                    }
                }
                assertClose(dw, l.weight().grad(), 1e-5, "dW, " + what);
                assertClose(db, l.bias().grad(), 1e-5, "db, " + what);
                assertClose(dx, gx, 1e-5, "dx, " + what);
            }
        }
    }

    @Test
    void gradientCheckWithAndWithoutBiasOnSpikesAndDenseInput() {
        Rng rng = new Rng(12);
        for (boolean bias : new boolean[] {true, false}) {
            Linear l = new Linear(30, 7, bias, rng);
            GradCheck.Result sparse = GradCheck.check(l, spikes(rng, 0.05, 4, 2, 30), 1);
            assertTrue(sparse.passes(1e-2), "sparse, bias " + bias + ": " + sparse);
            GradCheck.Result dense = GradCheck.check(l, uniform(rng, -1, 1, 4, 2, 30), 2);
            assertTrue(dense.passes(1e-2), "dense, bias " + bias + ": " + dense);
        }
    }

    @Test
    void noInputGradientWhenNotRequired() {
        Linear l = new Linear(4, 3, new Rng(1));
        l.setInputGradRequired(false);
        l.forward(Tensor.full(1f, 2, 1, 4), true);
        assertNull(l.backward(Tensor.full(1f, 2, 1, 3)));
        assertArrayEquals(new float[] {2, 2, 2}, l.bias().grad().data(), "parameter gradients still computed");
    }

    @Test
    void recordedStepsEqualTheWholeSequence() {
        Rng rng = new Rng(13);
        Linear l = new Linear(20, 6, rng);
        LayerTestSupport.assertStepsMatchSequence(l, spikes(rng, 0.1, 4, 3, 20), 5, 1e-5);
        LayerTestSupport.assertStepsMatchSequence(l, uniform(rng, -1, 1, 4, 3, 20), 6, 1e-5);
    }

    @Test
    void evaluationCallBetweenForwardAndBackwardDoesNotDisturbTheGradient() {
        Rng rng = new Rng(14);
        Linear l = new Linear(10, 4, rng);
        Tensor x = spikes(rng, 0.1, 3, 2, 10);
        Tensor g = uniform(rng, -1, 1, 3, 2, 4);
        l.forward(x, true);
        l.backward(g);
        Tensor expected = l.weight().grad().copy();
        l.weight().zeroGrad();
        l.forward(x, true);
        l.forward(spikes(rng, 0.1, 3, 2, 10), false);
        l.backward(g);
        assertClose(expected, l.weight().grad(), 0, "weight gradient");
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalResults() {
        Rng rng = new Rng(15);
        for (double density : new double[] {0.02, 0.6}) {
            Tensor x = spikes(rng, density, 10, 32, 300);
            var one = LayerTestSupport.runWithThreads(1, () -> new Linear(300, 130, new Rng(3)), x, 4);
            var two = LayerTestSupport.runWithThreads(2, () -> new Linear(300, 130, new Rng(3)), x, 4);
            LayerTestSupport.assertBitIdentical(one, two);
        }
    }

    @Test
    void initialisationIsPyTorchsUniformBoundAndSeeded() {
        Linear a = new Linear(100, 50, new Rng(5));
        Linear b = new Linear(100, 50, new Rng(5));
        float bound = 0.1f;
        float max = 0;
        for (float w : a.weight().value().data()) {
            assertTrue(Math.abs(w) <= bound, "weight " + w + " within 1/sqrt(100)");
            max = Math.max(max, Math.abs(w));
        }
        assertTrue(max > 0.09f, "weights fill the range, max " + max);
        for (float v : a.bias().value().data()) {
            assertTrue(Math.abs(v) <= bound);
        }
        assertArrayEquals(a.weight().value().data(), b.weight().value().data(), "same seed, same weights");
        assertNotEquals(a.weight().value().data()[0], new Linear(100, 50, new Rng(6)).weight().value().data()[0]);
    }

    @Test
    void wrongFeatureSizeNamesTheLayerAndTheExpectedShape() {
        Linear l = new Linear(700, 256, new Rng(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.forward(new Tensor(2, 3, 699), false));
        assertTrue(e.getMessage().contains("linear") && e.getMessage().contains("700")
                && e.getMessage().contains("699"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> l.forward(new Tensor(2, 700), false));
        assertTrue(e.getMessage().contains("[T, B, 700]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> l.outputShape(new int[] {10}));
        assertTrue(e.getMessage().contains("[700]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Linear(0, 3, new Rng(1)));
    }

    @Test
    void specRebuildsTheSameArchitecture() {
        Linear l = new Linear(8, 3, false, new Rng(1));
        LayerSpec spec = l.spec();
        assertEquals(Map.of("in_features", 8, "out_features", 3, "bias", false), spec.config());
        Layer rebuilt = Layers.create(spec, new Rng(2));
        assertEquals(spec, rebuilt.spec());
        assertEquals(1, rebuilt.parameters().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layers.create(LayerSpec.of("linear", "in_features", 2, "out_features", 2, "bais", true),
                        new Rng(1)));
        assertTrue(e.getMessage().contains("bais"), e.getMessage());
    }

    @Test
    void sequentialOfLinearLayersPassesGradientCheck() {
        Rng rng = new Rng(16);
        Sequential s = new Sequential(new Linear(12, 8, rng), new Linear(8, 5, rng), new Linear(5, 3, false, rng));
        GradCheck.Result r = GradCheck.check(s, uniform(rng, -1, 1, 3, 2, 12), 3);
        assertTrue(r.passes(1e-2), r.toString());
    }
}
