package io.snn4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Shared checks for layer tests. */
final class LayerTestSupport {
    private LayerTestSupport() {
    }

    static Tensor uniform(Rng rng, float lo, float hi, int... shape) {
        Tensor t = new Tensor(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = rng.uniform(lo, hi);
        }
        return t;
    }

    /** Binary spikes with probability {@code density}. */
    static Tensor spikes(Rng rng, double density, int... shape) {
        Tensor t = new Tensor(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = rng.nextFloat() < density ? 1f : 0f;
        }
        return t;
    }

    static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.data()[i], actual.data()[i], tol, what + " at " + i);
        }
    }

    /**
     * Runs the whole-sequence path and the recorded-step path on the same input and output gradient (with fresh
     * parameter gradients each time) and asserts equal outputs, input gradients and parameter gradients.
     */
    static void assertStepsMatchSequence(Layer layer, Tensor x, long seed, double tol) {
        layer.setInputGradRequired(true);
        Tensor y = layer.forward(x, true);
        Tensor r = uniform(new Rng(seed), -1, 1, y.shape());
        zeroGrads(layer);
        Tensor gx = layer.backward(r);
        List<Tensor> grads = gradCopies(layer);

        zeroGrads(layer);
        int steps = x.dim(0);
        layer.beginSteps(true);
        List<Tensor> ys = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            ys.add(layer.forwardStep(x.slice0(t)));
        }
        Tensor[] gs = new Tensor[steps];
        for (int t = steps - 1; t >= 0; t--) {
            gs[t] = layer.backwardStep(r.slice0(t));
        }
        assertClose(y, Tensor.stack(ys), tol, layer.type() + " output, steps vs sequence");
        assertClose(gx, Tensor.stack(List.of(gs)), tol, layer.type() + " input gradient, steps vs sequence");
        List<Tensor> stepGrads = gradCopies(layer);
        for (int i = 0; i < grads.size(); i++) {
            assertClose(grads.get(i), stepGrads.get(i), tol, layer.type() + " parameter " + i + " gradient");
        }
    }

    static void zeroGrads(Layer layer) {
        for (Parameter p : layer.parameters()) {
            p.zeroGrad();
        }
    }

    static List<Tensor> gradCopies(Layer layer) {
        List<Tensor> out = new ArrayList<>();
        for (Parameter p : layer.parameters()) {
            out.add(p.grad().copy());
        }
        return out;
    }

    /** Output and gradients of one forward/backward with the given thread count. */
    static List<Tensor> runWithThreads(int threads, Supplier<Layer> make, Tensor x, long seed) {
        int before = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            Layer layer = make.get();
            layer.setInputGradRequired(true);
            Tensor y = layer.forward(x, true);
            Tensor r = uniform(new Rng(seed), -1, 1, y.shape());
            List<Tensor> out = new ArrayList<>();
            out.add(y);
            out.add(layer.backward(r));
            out.addAll(gradCopies(layer));
            return out;
        } finally {
            Parallel.setThreads(before);
        }
    }

    static void assertBitIdentical(List<Tensor> a, List<Tensor> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).data(), b.get(i).data(), "tensor " + i);
        }
    }
}
