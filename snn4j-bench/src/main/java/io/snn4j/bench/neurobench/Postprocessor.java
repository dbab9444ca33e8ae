package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;
import java.util.Arrays;

/**
 * Turns the model's output ({@code [B, T, ...]} for {@link SnnModel}) into predictions that metrics compare with
 * the labels, as NeuroBench's post-processors do. Post-processors run in order. Any lambda is a custom one.
 */
@FunctionalInterface
public interface Postprocessor {

    Tensor apply(Tensor output);

    /**
     * NeuroBench's {@code ChooseMaxCount}: the class with the most spikes over time, {@code [B, T, C] -> [B]}
     * ({@code spikes.sum(1).argmax(1)}); ties go to the lowest class index, as PyTorch's {@code argmax} does.
     */
    static Postprocessor chooseMaxCount() {
        return out -> {
            if (out.rank() != 3) {
                throw new BenchmarkException("choose_max_count: expected the output [B, T, classes], got "
                        + Arrays.toString(out.shape()));
            }
            Tensor counts = sumOverTime(out);
            int b = counts.dim(0);
            int c = counts.dim(1);
            float[] idx = new float[b];
            for (int i = 0; i < b; i++) {
                int best = 0;
                float bv = counts.data()[i * c];
                for (int k = 1; k < c; k++) {
                    float v = counts.data()[i * c + k];
                    if (v > bv) {
                        bv = v;
                        best = k;
                    }
                }
                idx[i] = best;
            }
            return new Tensor(idx, b);
        };
    }

    /** NeuroBench's {@code Aggregate}: the sum over time, {@code [B, T, ...] -> [B, ...]} ({@code spikes.sum(1)}). */
    static Postprocessor aggregate() {
        return out -> {
            if (out.rank() < 2) {
                throw new BenchmarkException("aggregate: expected the output [B, T, ...], got "
                        + Arrays.toString(out.shape()));
            }
            return sumOverTime(out);
        };
    }

    private static Tensor sumOverTime(Tensor out) {
        int b = out.dim(0);
        int t = out.dim(1);
        int[] s = new int[out.rank() - 1];
        s[0] = b;
        System.arraycopy(out.shape(), 2, s, 1, s.length - 1);
        int inner = Tensor.sizeOf(Arrays.copyOfRange(s, 1, s.length));
        float[] d = out.data();
        float[] r = new float[b * inner];
        double[] acc = new double[inner];
        for (int i = 0; i < b; i++) {
            Arrays.fill(acc, 0);
            for (int k = 0; k < t; k++) {
                int o = (i * t + k) * inner;
                for (int j = 0; j < inner; j++) {
                    acc[j] += d[o + j];
                }
            }
            for (int j = 0; j < inner; j++) {
                r[i * inner + j] = (float) acc[j];
            }
        }
        return new Tensor(r, s);
    }
}
