package io.snn4j.jmh;

import io.snn4j.core.Rng;
import io.snn4j.core.kernel.Elementwise;
import io.snn4j.core.kernel.Gemm;
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
 * The product of the recurrent layers' reverse pass, once per time step: {@code dL/dS[t-1] = G W} for one thread's
 * samples, {@code G [M, N]} (dense gradient rows) and the recurrent weight {@code W [N, N]}, in the calling
 * thread. {@code packed} is what {@code RLeaky} runs: W packed once ({@link Gemm#packRight}, untimed, as the
 * layer does it once per call of T steps) and {@link Gemm#mmPackedSerial} per step; {@code rowArrays} is the
 * general {@link Gemm#mmRowsSerial}, which packs W again on every call. {@code 32x256} is shd_rec's hidden layer
 * with its batch of 64 split over two threads. Work: {@code 2 M N N} FLOP per call ({@code :gflop} row).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class RecurrentProductBench {
    /** {@code M x N}: samples of one thread x neurons. */
    @Param({"32x256", "8x1024"})
    public String shape;

    private int m;
    private int n;
    private float[][] g;
    private float[][] w;
    private Gemm.PackedRight packed;
    private float[][] c;
    private double gflopPerCall;

    @Setup(Level.Trial)
    public void setUp() {
        String[] d = shape.split("x");
        m = Integer.parseInt(d[0]);
        n = Integer.parseInt(d[1]);
        Rng rng = new Rng(BenchData.SEED);
        g = Elementwise.toRows(BenchData.uniform(rng, m * n), 0, m, n, null);
        float[] wf = BenchData.uniform(rng, n * n);
        w = Elementwise.toRows(wf, 0, n, n, null);
        packed = Gemm.packRight(wf, 0, n, n);
        c = new float[m][n];
        gflopPerCall = 2.0 * m * n * n / 1e9;
    }

    @Benchmark
    public float[][] packed(Counters.Flops f) {
        Gemm.mmPackedSerial(g, packed, c, m);
        f.gflop += gflopPerCall;
        return c;
    }

    @Benchmark
    public float[][] rowArrays(Counters.Flops f) {
        for (float[] row : c) {
            java.util.Arrays.fill(row, 0f);
        }
        Gemm.mmRowsSerial(g, w, c, m, n, n);
        f.gflop += gflopPerCall;
        return c;
    }
}
