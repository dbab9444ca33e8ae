package io.snn4j.jmh;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Linear;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@link Linear} layer (with bias) as the speed workloads use it, so that the layer's own choice between
 * the event-driven and the dense path, its weight transposes and copies are timed too:
 * <ul>
 *   <li>{@code shd_fc1}: 700 -> 256 on Bernoulli(0.02) spikes {@code [100, 64, 700]} (event path), no input
 *   gradient (first layer);</li>
 *   <li>{@code shd_fc2}: 256 -> 20 on Bernoulli(0.05) hidden spikes {@code [100, 64, 256]} (event path), with
 *   the input gradient;</li>
 *   <li>{@code on_1024}: 1024 -> 1024 on standard normal input {@code [500, 16, 1024]} (dense path), no input
 *   gradient (first layer).</li>
 * </ul>
 * {@code forward} runs {@code forward(x, training = true)}; {@code backward} runs {@code backward(gradOut)} of
 * one training forward done in setup (weight gradients accumulate across calls, which costs the same).
 * {@code :gflopDenseEquiv} is the dense-equivalent work, {@code 2 * rows * in * out} FLOP per product (forward:
 * one product; backward: the weight gradient, plus the input gradient when required), in 1e9 per second: for
 * the event path it is an effective rate, well above what the hardware's dense FLOP rate could give.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class LinearBench {
    @Param({"shd_fc1", "shd_fc2", "on_1024"})
    public String layer;

    @Param({"1", "2"})
    public int threads;

    private Linear linear;
    private Tensor x;
    private Tensor gradOut;
    private double forwardGflop;
    private double backwardGflop;

    @Setup(Level.Trial)
    public void setUp() {
        BenchData.threads(threads);
        Rng rng = new Rng(BenchData.SEED);
        int in;
        int out;
        boolean inputGrad;
        switch (layer) {
            case "shd_fc1" -> {
                in = 700;
                out = 256;
                inputGrad = false;
                x = BenchData.spikes(rng, 0.02f, 100, 64, in);
            }
            case "shd_fc2" -> {
                in = 256;
                out = 20;
                inputGrad = true;
                x = BenchData.spikes(rng, 0.05f, 100, 64, in);
            }
            case "on_1024" -> {
                in = 1024;
                out = 1024;
                inputGrad = false;
                x = BenchData.normal(rng, 1f, 500, 16, in);
            }
            default -> throw new IllegalArgumentException("LinearBench: unknown layer " + layer
                    + ", expected shd_fc1, shd_fc2 or on_1024");
        }
        int rows = x.dim(0) * x.dim(1);
        linear = new Linear(in, out, true, rng.split());
        linear.setInputGradRequired(inputGrad);
        gradOut = BenchData.normal(rng, 1f, x.dim(0), x.dim(1), out);
        linear.forward(x, true);
        forwardGflop = 2.0 * rows * in * out / 1e9;
        backwardGflop = forwardGflop * (inputGrad ? 2 : 1);
    }

    @Benchmark
    public Tensor forward(Counters.DenseFlops c) {
        Tensor y = linear.forward(x, true);
        c.gflopDenseEquiv += forwardGflop;
        return y;
    }

    @Benchmark
    public Tensor backward(Counters.DenseFlops c) {
        Tensor g = linear.backward(gradOut);
        c.gflopDenseEquiv += backwardGflop;
        return g;
    }
}
