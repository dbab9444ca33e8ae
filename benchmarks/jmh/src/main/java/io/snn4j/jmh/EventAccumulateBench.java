package io.snn4j.jmh;

import io.snn4j.core.Rng;
import io.snn4j.core.kernel.EventAccumulate;
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
 * The event-driven synapse kernels of {@link EventAccumulate} on shd_ff's first layer: Bernoulli(0.02) spikes
 * {@code [6400, 700]} (64 x 100 rows) into 256 outputs.
 * <ul>
 *   <li>{@code collect}: scans the input and records its non-zeros (CSR); {@code :mspikes} = million input
 *   spikes recorded per second.</li>
 *   <li>{@code forward}: {@code y[r,:] = bias + sum of x[r,i] Wt[i,:]} over the events;</li>
 *   <li>{@code weightGrad}: {@code dWt[i,:] += sum of x[r,i] delta[r,:]} over the events (the by-column index it
 *   needs is built once in setup, not timed).</li>
 * </ul>
 * For the last two, {@code :gsynops} counts synaptic events = input non-zeros x outputs (each one multiply-add),
 * in 1e9 per second, and {@code :mspikes} the input non-zeros, in 1e6 per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class EventAccumulateBench {
    static final int ROWS = 64 * 100;
    static final int IN = 700;
    static final int OUT = 256;
    static final float DENSITY = 0.02f;

    @Param({"1", "2"})
    public int threads;

    private float[] x;
    private EventAccumulate.Events events;
    private EventAccumulate.Events scan;
    private float[][] wt;
    private float[] bias;
    private float[] y;
    private float[][] delta;
    private float[][] dwt;
    private double gsynopsPerCall;
    private double mspikesPerCall;

    @Setup(Level.Trial)
    public void setUp() {
        Rng rng = new Rng(BenchData.SEED);
        x = BenchData.spikes(rng, DENSITY, ROWS, IN).data();
        events = new EventAccumulate.Events().of(x, 0, ROWS, IN);
        scan = new EventAccumulate.Events();
        wt = new float[IN][];
        for (int i = 0; i < IN; i++) {
            wt[i] = BenchData.uniform(rng, OUT);
        }
        bias = BenchData.uniform(rng, OUT);
        y = new float[ROWS * OUT];
        delta = new float[ROWS][];
        for (int r = 0; r < ROWS; r++) {
            delta[r] = BenchData.uniform(rng, OUT);
        }
        dwt = new float[IN][OUT];
        BenchData.threads(threads);
        // Builds the by-column index so that weightGrad times the accumulation alone.
        EventAccumulate.weightGrad(events, delta, OUT, dwt);
        gsynopsPerCall = (double) events.nnz() * OUT / 1e9;
        mspikesPerCall = events.nnz() / 1e6;
    }

    @Benchmark
    public EventAccumulate.Events collect(Counters.InputEvents c) {
        scan.collect(x, 0, ROWS, IN, Long.MAX_VALUE);
        c.mspikes += mspikesPerCall;
        return scan;
    }

    @Benchmark
    public float[] forward(Counters.SynapticEvents c) {
        EventAccumulate.forward(events, wt, OUT, bias, y, 0);
        c.gsynops += gsynopsPerCall;
        c.mspikes += mspikesPerCall;
        return y;
    }

    @Benchmark
    public float[][] weightGrad(Counters.SynapticEvents c) {
        EventAccumulate.weightGrad(events, delta, OUT, dwt);
        c.gsynops += gsynopsPerCall;
        c.mspikes += mspikesPerCall;
        return dwt;
    }
}
