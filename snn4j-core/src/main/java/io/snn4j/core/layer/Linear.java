package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.Elementwise;
import io.snn4j.core.kernel.EventAccumulate;
import io.snn4j.core.kernel.Gemm;
import io.snn4j.core.kernel.Parallel;
import io.snn4j.core.kernel.RowSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fully connected synapse {@code y = x W^T + b}, as PyTorch's {@code nn.Linear}, applied to every time step:
 * {@code [T, B, in] -> [T, B, out]}. The whole sequence is one {@code [T*B, in] x [in, out]} product.
 *
 * <p>Each call takes the input's non-zeros from its attached {@link Tensor#events()} or, without them, scans
 * for them; inputs sparser than {@link #eventDensity(int)} take the
 * event-driven kernels ({@link EventAccumulate}) for the forward pass and the weight gradient, denser inputs
 * the blocked GEMM. Both give the same values up to float32 rounding order.
 */
public final class Linear extends StatelessLayer {
    /**
     * Largest input density (fraction of non-zeros) that takes the event-driven path when the layer has fewer
     * than {@link #WIDE_OUTPUTS} outputs. Measured on this project's 2-core machine for forward plus weight
     * gradient, 1 or 2 threads: with 20 outputs the two paths break even near density 0.2.
     */
    public static final double EVENT_DENSITY = 0.2;
    /**
     * The same bound for layers with at least {@link #WIDE_OUTPUTS} outputs: with 256 outputs the paths break
     * even near density 0.5, with 1024 above 0.7; 0.4 keeps a margin.
     */
    public static final double WIDE_EVENT_DENSITY = 0.4;
    /** Outputs from which {@link #WIDE_EVENT_DENSITY} applies. */
    public static final int WIDE_OUTPUTS = 128;

    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    /** Scratch, reused across calls: flat {@code W^T} for the dense path, its rows for the event path. */
    private float[] wt;
    private float[][] wtRows;
    /** Scratch of the event-driven backward: the output gradient's rows and the gradient of {@code W^T}. */
    private float[][] deltaRows;
    private float[][] dwtRows;
    private float[] zeroRow;
    /** Scratch: the weight {@code [out, in]} as rows, for the row-by-row input gradient. */
    private float[][] wRows;
    private EventAccumulate.Events events = new EventAccumulate.Events();
    /** Separate lists for inference calls, so they never clobber what a pending backward needs. */
    private final EventAccumulate.Events evalEvents = new EventAccumulate.Events();

    private Tensor lastInput;
    private boolean lastSparse;

    private record Cache(Tensor input, boolean sparse, EventAccumulate.Events events) {
    }

    /** A Linear layer with bias, PyTorch's default initialisation U(-1/sqrt(in), 1/sqrt(in)). */
    public Linear(int in, int out, Rng rng) {
        this(in, out, true, rng);
    }

    /**
     * @param in   input features
     * @param out  output features
     * @param bias whether to add a learned bias {@code [out]}
     * @param rng  source of the initial weights {@code [out, in]} and bias, both U(-1/sqrt(in), 1/sqrt(in))
     */
    public Linear(int in, int out, boolean bias, Rng rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("linear: in_features and out_features must be >= 1, got " + in
                    + " and " + out);
        }
        this.in = in;
        this.out = out;
        float bound = (float) (1.0 / Math.sqrt(in));
        Tensor w = new Tensor(out, in);
        for (int i = 0; i < w.size(); i++) {
            w.data()[i] = rng.uniform(-bound, bound);
        }
        this.weight = new Parameter("weight", w);
        if (bias) {
            Tensor b = new Tensor(out);
            for (int i = 0; i < out; i++) {
                b.data()[i] = rng.uniform(-bound, bound);
            }
            this.bias = new Parameter("bias", b);
        } else {
            this.bias = null;
        }
    }

    static Linear fromSpec(LayerSpec spec, Rng rng) {
        spec.checkKeys("in_features", "out_features", "bias");
        return new Linear(spec.requireInt("in_features"), spec.requireInt("out_features"),
                spec.getBool("bias", true), rng);
    }

    /** The largest input density that takes the event-driven path for a layer with {@code out} outputs. */
    public static double eventDensity(int out) {
        return out >= WIDE_OUTPUTS ? WIDE_EVENT_DENSITY : EVENT_DENSITY;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    /** The weight {@code [out, in]} (PyTorch layout). */
    public Parameter weight() {
        return weight;
    }

    /** The bias {@code [out]}, or null without bias. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public String type() {
        return "linear";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 1 || inputShape[0] != in) {
            throw new IllegalArgumentException("linear: expected input features [" + in + "], got "
                    + Arrays.toString(inputShape));
        }
        return new int[] {out};
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        ps.add(weight);
        if (bias != null) {
            ps.add(bias);
        }
        return ps;
    }

    /**
     * @param x {@code [T, B, in]}
     * @return {@code [T, B, out]}
     */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        Fused f = forwardOrPrepare(x, training, false);
        return f.output();
    }

    /**
     * The synapse side of a fused forward (engine use: {@link Sequential} runs a Linear and the spiking layer after
     * it as one pass, so that this layer's {@code [T, B, out]} output is never written to memory). Does what
     * {@link #forward} does, keeping what {@link #backward} needs, except that on the event-driven path it stops
     * before computing the output and returns what the fused kernel needs to compute it row by row
     * ({@link EventAccumulate#accumulateRow}). On the dense path it computes the output as usual.
     */
    public Fused forwardFused(Tensor x, boolean training) {
        return forwardOrPrepare(x, training, true);
    }

    /**
     * A fused forward's synapse side: either the computed {@code output} (dense path; the other fields null) or
     * the input's {@code events}, the transposed weight as rows {@code weightRows[in][out]} and the row every
     * output starts from, {@code init} (the bias, or zeros).
     */
    public record Fused(Tensor output, EventAccumulate.Events events, float[][] weightRows, float[] init) {
    }

    private Fused forwardOrPrepare(Tensor x, boolean training, boolean prepareOnly) {
        checkSequence(x, new int[] {in});
        int rows = x.dim(0) * x.dim(1);
        EventAccumulate.Events ev = training ? events : evalEvents;
        long budget = (long) (eventDensity(out) * rows * (double) in);
        Tensor.Events attached = x.events();
        boolean sparse;
        if (attached != null && attached.rows() == rows && attached.cols() == in) {
            // The producer knows the non-zeros: no scan, and the path follows from their number.
            assert attached.matches(x.data()) : "linear: attached events do not match the input data";
            sparse = attached.nnz() <= budget;
            if (sparse) {
                ev.wrap(attached);
            }
        } else {
            sparse = ev.collect(x.data(), 0, rows, in, budget);
        }
        if (training) {
            lastInput = x;
            lastSparse = sparse;
        }
        // The transposed weight is refreshed every call: the optimizer updates the weight in place.
        if (sparse) {
            wtRows = Elementwise.transposeToRows(weight.value().data(), 0, out, in, wtRows);
            float[] init = bias != null ? bias.value().data() : zeroRow();
            if (prepareOnly) {
                return new Fused(null, ev, wtRows, init);
            }
            Tensor y = new Tensor(buffer(training ? OUT_TRAIN : OUT_EVAL, rows * out), x.dim(0), x.dim(1), out);
            EventAccumulate.forward(ev, wtRows, out, init, y.data(), 0);
            return new Fused(y, null, null, null);
        }
        Tensor y = new Tensor(buffer(training ? OUT_TRAIN : OUT_EVAL, rows * out), x.dim(0), x.dim(1), out);
        if (bias != null) {
            Elementwise.fillRows(y.data(), 0, rows, bias.value().data(), out);
        }
        if (wt == null) {
            wt = new float[in * out];
        }
        Elementwise.transpose(weight.value().data(), 0, out, in, wt, 0);
        // without a bias the product overwrites y (which may hold a previous call's values)
        Gemm.mm(x.data(), 0, wt, 0, y.data(), 0, rows, in, out, bias != null);
        return new Fused(y, null, null, null);
    }

    /**
     * @param gradOut {@code [T, B, out]}
     * @return {@code [T, B, in]}, or null when the input gradient is not required
     */
    @Override
    public Tensor backward(Tensor gradOut) {
        RowSource rows = backwardOrPrepare(gradOut, false);
        int t = lastInput.dim(0);
        int b = lastInput.dim(1);
        int n = t * b;
        if (!inputGradRequired) {
            return null;
        }
        Tensor dx = new Tensor(buffer(GRAD_IN, n * in), t, b, in);
        if (rows != null) {
            // a narrow layer: each input-gradient row is the sum of `out` weight rows, row by row (as fused)
            float[] d = dx.data();
            Parallel.forRange(n, (long) out * in, (from, to) -> {
                float[] sc = new float[ROWS_PER_CALL * in];
                for (int r = from; r < to; r += ROWS_PER_CALL) {
                    int k = Math.min(ROWS_PER_CALL, to - r);
                    rows.rows(r, k, sc);
                    System.arraycopy(sc, 0, d, r * in, k * in);
                }
            });
            return dx;
        }
        Gemm.mm(gradOut.data(), 0, weight.value().data(), 0, dx.data(), 0, n, out, in, false);
        return dx;
    }

    /** Layers with at most this many outputs compute the input gradient row by row (and can fuse it). */
    public static final int ROW_GRAD_MAX_OUTPUTS = 64;
    private static final int ROWS_PER_CALL = 4;

    /**
     * The synapse side of a fused backward (engine use: {@link Sequential} with a layer that
     * {@link FusesAfterLinear} in front of this one): adds the weight and bias gradients as {@link #backward}
     * does, and instead of the input gradient {@code [T, B, in]} returns its rows on demand, each the sum of
     * {@code out} weight rows ({@link EventAccumulate#denseRow}, the same bits as {@link #backward}). Returns null
     * (having done nothing) when this layer has more than {@link #ROW_GRAD_MAX_OUTPUTS} outputs: then call
     * {@link #backward}.
     */
    public RowSource backwardFused(Tensor gradOut) {
        if (out > ROW_GRAD_MAX_OUTPUTS) {
            return null;
        }
        return backwardOrPrepare(gradOut, true);
    }

    /** Whether {@link #backwardFused} would return rows (a training forward was run and the layer is narrow). */
    public boolean canFuseBackward() {
        return lastInput != null && out <= ROW_GRAD_MAX_OUTPUTS;
    }

    /** Parameter gradients; returns the row source of the input gradient for narrow layers, else null. */
    private RowSource backwardOrPrepare(Tensor gradOut, boolean fused) {
        if (lastInput == null) {
            throw new IllegalStateException("linear: backward without a training forward");
        }
        int t = lastInput.dim(0);
        int b = lastInput.dim(1);
        if (!Arrays.equals(gradOut.shape(), new int[] {t, b, out})) {
            throw new IllegalArgumentException("linear: expected output gradient [" + t + ", " + b + ", " + out
                    + "], got " + Arrays.toString(gradOut.shape()));
        }
        int rows = t * b;
        float[] g = gradOut.data();
        float[] dw = weight.grad().data();
        boolean byRows = false;
        if (lastSparse) {
            // rows padded by 16 floats: rows 1 KiB apart (256 outputs) put every fourth one at the same address
            // modulo 4 KiB, and the weight-gradient scatter, which loads and stores rows in random order, then
            // stalled on false store-to-load dependencies in some runs (2 or 6 ms per call, depending on where the
            // rows happened to lie)
            dwtRows = Elementwise.ensureRows(dwtRows, in, out + 16);
            for (int i = 0; i < in; i++) {
                Arrays.fill(dwtRows[i], 0, out, 0f);
            }
            // the SIMD kernel reads the gradient in place; the others want it as rows
            if (!EventAccumulate.weightGradFlat(events, g, out, dwtRows)) {
                deltaRows = Elementwise.toRows(g, 0, rows, out, deltaRows);
                byRows = true;
                EventAccumulate.weightGrad(events, deltaRows, out, dwtRows);
            }
            Elementwise.addTransposedRows(dwtRows, dw, 0, out, in);
        } else {
            Gemm.mmTransA(g, 0, lastInput.data(), 0, dw, 0, out, rows, in, true);
        }
        if (bias != null) {
            if (byRows) {
                Elementwise.addColumnSums(deltaRows, rows, out, bias.grad().data());
            } else {
                Elementwise.addColumnSums(g, 0, rows, out, bias.grad().data());
            }
        }
        if (out > ROW_GRAD_MAX_OUTPUTS || (!fused && !inputGradRequired)) {
            return null;
        }
        final float[][] w = wRows = Elementwise.toRows(weight.value().data(), 0, out, in, wRows);
        final int k = out;
        final int n = in;
        return (r0, count, dst) -> {
            for (int i = 0; i < count; i++) {
                EventAccumulate.denseRow(g, (r0 + i) * k, k, w, n, dst, i * n);
            }
        };
    }

    private float[] zeroRow() {
        if (zeroRow == null) {
            zeroRow = new float[out];
        }
        return zeroRow;
    }

    @Override
    protected Object saveCache() {
        Cache c = new Cache(lastInput, lastSparse, events);
        // The recorded step keeps this event list; later calls must not overwrite it.
        events = new EventAccumulate.Events();
        return c;
    }

    @Override
    protected void restoreCache(Object cache) {
        Cache c = (Cache) cache;
        lastInput = c.input();
        lastSparse = c.sparse();
        events = c.events();
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("linear", "in_features", in, "out_features", out, "bias", bias != null);
    }
}
