package io.snn4j.core.layer;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.EventAccumulate;
import io.snn4j.core.kernel.Gemm;
import io.snn4j.core.neuron.Leaky;

/**
 * Not a test: a micro-timing for choosing {@link Linear#EVENT_DENSITY} and watching the shd_ff step. Run with
 * {@code java -cp snn4j-core/target/classes:snn4j-core/target/test-classes io.snn4j.core.layer.LinearTiming}.
 */
public final class LinearTiming {
    private LinearTiming() {
    }

    public static void main(String[] args) {
        Rng rng = new Rng(1);
        int[][] shapes = {{6400, 700, 256}, {6400, 256, 20}};
        for (int[] s : shapes) {
            int rows = s[0];
            int in = s[1];
            int out = s[2];
            float[] wt = new float[in * out];
            float[] w = new float[in * out];
            float[] y = new float[rows * out];
            float[] delta = new float[rows * out];
            for (int i = 0; i < delta.length; i++) {
                delta[i] = rng.uniform(-1, 1);
            }
            for (double d : new double[] {0.02, 0.1, 0.2, 0.3, 0.5, 1.0}) {
                float[] x = LayerTestSupport.spikes(rng, d, rows, in).data();
                EventAccumulate.Events ev = new EventAccumulate.Events();
                double tEvent = time(() -> {
                    ev.of(x, 0, rows, in);
                    EventAccumulate.forward(ev, wt, out, y, 0);
                    EventAccumulate.weightGrad(ev, delta, 0, out, wt);
                });
                double tDense = time(() -> {
                    ev.count(x, 0, rows, in);
                    Gemm.mm(x, 0, wt, 0, y, 0, rows, in, out, true);
                    Gemm.mmTransA(delta, 0, x, 0, w, 0, out, rows, in, true);
                });
                System.out.printf("%dx%dx%d density %.2f: event %.2f ms, dense %.2f ms%n", rows, in, out, d,
                        tEvent, tDense);
            }
        }
        Linear l1 = new Linear(700, 256, rng);
        Leaky n1 = new Leaky(0.9f);
        Linear l2 = new Linear(256, 20, rng);
        Leaky n2 = new Leaky(0.9f);
        Sequential net = new Sequential(l1, n1, l2, n2);
        net.setInputGradRequired(false);
        Tensor x = LayerTestSupport.spikes(rng, 0.02, 100, 64, 700);
        Tensor g = LayerTestSupport.uniform(rng, -1, 1, 100, 64, 20);
        double f = time(() -> net.forward(x, true));
        double fb = time(() -> {
            net.forward(x, true);
            net.backward(g);
        });
        Tensor h = n1.forward(l1.forward(x, false), false);
        System.out.printf("shd_ff: forward %.2f ms, forward+backward %.2f ms (hidden density %.3f)%n", f, fb,
                h.sum() / h.size());
        double tl1 = time(() -> l1.forward(x, true));
        double tl1b = time(() -> {
            l1.forward(x, true);
            l1.backward(new Tensor(100, 64, 256));
        });
        double tn1 = time(() -> n1.forward(new Tensor(100, 64, 256), true));
        double tl2 = time(() -> {
            l2.forward(h, true);
            l2.backward(g);
        });
        System.out.printf("  linear1 fwd %.2f, fwd+bwd %.2f; leaky1 fwd %.2f; linear2 fwd+bwd %.2f ms%n", tl1, tl1b,
                tn1, tl2);
    }

    /** Best of 15 runs after warm-up: the machine may be shared, and the minimum is the least disturbed. */
    private static double time(Runnable r) {
        for (int i = 0; i < 5; i++) {
            r.run();
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 15; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best;
    }
}
