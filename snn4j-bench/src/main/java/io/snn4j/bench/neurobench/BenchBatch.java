package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;
import io.snn4j.core.train.Batch;
import java.util.Arrays;

/**
 * One batch as NeuroBench's data loaders yield it: {@code inputs} of shape {@code [B, T, ...]} (batch first, as in
 * NeuroBench; {@link SnnModel} turns it into the engine's time-major {@code [T, B, ...]}), {@code labels} whose
 * first dimension is {@code B} (class indices {@code [B]} as float32 values, or targets {@code [B, ...]}), and an
 * optional {@code extra} value that NeuroBench passes along as a third tuple entry.
 *
 * <p>Metrics see the batch as it came from the data, before any {@link Preprocessor}; per-sample metrics divide by
 * {@code B}, the first dimension of {@code inputs}.
 *
 * @param inputs {@code [B, T, ...]} float32 (for a model without a time axis, {@code [B, ...]})
 * @param labels {@code [B, ...]}
 * @param extra  anything, or null
 */
public record BenchBatch(Tensor inputs, Tensor labels, Object extra) {

    public BenchBatch {
        if (inputs == null) {
            throw new BenchmarkException("batch: inputs are missing");
        }
        if (inputs.rank() < 1 || inputs.dim(0) < 1) {
            throw new BenchmarkException("batch: inputs must be [B, T, ...] with at least one sample, got "
                    + Arrays.toString(inputs.shape()));
        }
        if (labels == null) {
            throw new BenchmarkException("batch: labels are missing (use a [B] tensor of zeros when no metric needs"
                    + " them)");
        }
        if (labels.rank() < 1 || labels.dim(0) != inputs.dim(0)) {
            throw new BenchmarkException("batch: " + inputs.dim(0) + " samples (inputs " + Arrays.toString(
                    inputs.shape()) + ") but labels of shape " + Arrays.toString(labels.shape())
                    + " (the first dimension must be the number of samples)");
        }
    }

    /** A batch without an extra value. */
    public BenchBatch(Tensor inputs, Tensor labels) {
        this(inputs, labels, null);
    }

    /** A classification batch: {@code inputs [B, T, ...]} and one class index per sample. */
    public static BenchBatch ofClasses(Tensor inputs, int[] classes) {
        float[] l = new float[classes.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = classes[i];
        }
        return new BenchBatch(inputs, new Tensor(l, classes.length));
    }

    /** The engine's batch ({@code [T, B, ...]} and class labels), transposed to NeuroBench's {@code [B, T, ...]}. */
    public static BenchBatch fromEngine(Batch batch) {
        return ofClasses(swap01(batch.input()), batch.labels());
    }

    /** Number of samples, {@code B}. */
    public int size() {
        return inputs.dim(0);
    }

    /** Swaps the first two dimensions: {@code [A, C, ...] -> [C, A, ...]} (a copy). */
    public static Tensor swap01(Tensor x) {
        if (x.rank() < 2) {
            throw new BenchmarkException("expected at least two dimensions, got " + Arrays.toString(x.shape()));
        }
        int a = x.dim(0);
        int c = x.dim(1);
        int inner = a * c == 0 ? 0 : x.size() / (a * c);
        int[] s = x.shape();
        s[0] = c;
        s[1] = a;
        float[] src = x.data();
        float[] dst = new float[src.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < c; j++) {
                System.arraycopy(src, (i * c + j) * inner, dst, (j * a + i) * inner, inner);
            }
        }
        return new Tensor(dst, s);
    }
}
