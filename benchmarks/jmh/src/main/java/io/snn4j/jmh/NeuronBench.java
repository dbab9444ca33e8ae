package io.snn4j.jmh;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.kernel.Parallel;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.RLeaky;
import io.snn4j.core.surrogate.Surrogates;
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
 * Whole-sequence neuron updates, as the layers run them: {@link Leaky} (beta 0.9, threshold 1, reset by
 * subtraction, fast-sigmoid surrogate of slope 25 as in the speed workloads) on {@code [T, B, N]} =
 * {@code 100x64x256} (shd_ff hidden layer) and {@code 500x16x1024} (on_1024), and the all-to-all {@link RLeaky}
 * with bias on {@code 100x64x256} (shd_rec hidden layer; its forward and backward include the recurrent
 * 256 x 256 synapses). Input currents are normal with standard deviation 0.5, so that a fair share of neurons
 * spike; setup prints the spike density.
 * <ul>
 *   <li>{@code leakyForwardTrain} / {@code leakyForwardInfer}: {@code forward(x, training = true / false)};</li>
 *   <li>{@code leakyBackward}, {@code rleakyBackward}: {@code backward(gradOut)} of one training forward run in
 *   setup, with the input gradient (as for a hidden layer).</li>
 * </ul>
 * {@code :gneuronSteps} counts neuron-steps ({@code T * B * N}) in 1e9 per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class NeuronBench {
    static final float INPUT_STD = 0.5f;

    /** A Leaky layer with its input and a training forward already run. */
    @State(Scope.Thread)
    public static class LeakyState {
        @Param({"100x64x256", "500x16x1024"})
        public String shape;

        @Param({"1", "2"})
        public int threads;

        Leaky leaky;
        Tensor x;
        Tensor gradOut;
        double gneuronStepsPerCall;

        @Setup(Level.Trial)
        public void setUp() {
            BenchData.threads(threads);
            int[] d = BenchData.dims(shape);
            Rng rng = new Rng(BenchData.SEED);
            x = BenchData.normal(rng, INPUT_STD, d);
            gradOut = BenchData.normal(rng, 1f, d);
            leaky = Leaky.builder().beta(0.9f).surrogate(Surrogates.fastSigmoid(25f)).build();
            leaky.setInputGradRequired(true);
            Tensor spikes = leaky.forward(x, true);
            System.out.printf("leaky %s: spike density %.3f%n", shape, spikes.sum() / spikes.size());
            gneuronStepsPerCall = x.size() / 1e9;
        }
    }

    /** An RLeaky(256) layer on {@code 100x64x256} with its input and a training forward already run. */
    @State(Scope.Thread)
    public static class RLeakyState {
        @Param({"1", "2"})
        public int threads;

        RLeaky rleaky;
        Tensor x;
        Tensor gradOut;
        double gneuronStepsPerCall;

        @Setup(Level.Trial)
        public void setUp() {
            BenchData.threads(threads);
            Rng rng = new Rng(BenchData.SEED);
            x = BenchData.normal(rng, INPUT_STD, 100, 64, 256);
            gradOut = BenchData.normal(rng, 1f, 100, 64, 256);
            rleaky = RLeaky.builder(256).beta(0.9f).allToAll().bias(true)
                    .surrogate(Surrogates.fastSigmoid(25f)).build(rng.split());
            rleaky.setInputGradRequired(true);
            Tensor spikes = rleaky.forward(x, true);
            System.out.printf("rleaky: spike density %.3f, threads %d%n", spikes.sum() / spikes.size(),
                    Parallel.threads());
            gneuronStepsPerCall = x.size() / 1e9;
        }
    }

    @Benchmark
    public Tensor leakyForwardTrain(LeakyState s, Counters.NeuronSteps c) {
        Tensor y = s.leaky.forward(s.x, true);
        c.gneuronSteps += s.gneuronStepsPerCall;
        return y;
    }

    @Benchmark
    public Tensor leakyForwardInfer(LeakyState s, Counters.NeuronSteps c) {
        Tensor y = s.leaky.forward(s.x, false);
        c.gneuronSteps += s.gneuronStepsPerCall;
        return y;
    }

    @Benchmark
    public Tensor leakyBackward(LeakyState s, Counters.NeuronSteps c) {
        Tensor g = s.leaky.backward(s.gradOut);
        c.gneuronSteps += s.gneuronStepsPerCall;
        return g;
    }

    @Benchmark
    public Tensor rleakyForwardTrain(RLeakyState s, Counters.NeuronSteps c) {
        Tensor y = s.rleaky.forward(s.x, true);
        c.gneuronSteps += s.gneuronStepsPerCall;
        return y;
    }

    @Benchmark
    public Tensor rleakyBackward(RLeakyState s, Counters.NeuronSteps c) {
        Tensor g = s.rleaky.backward(s.gradOut);
        c.gneuronSteps += s.gneuronStepsPerCall;
        return g;
    }
}
