package io.snn4j.jmh;

import io.snn4j.core.Rng;
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
 * Dense products of {@link Gemm} on dense uniform matrices. Shapes are {@code M x K x N}: {@code mm} computes
 * {@code C[M,N] = A[M,K] B[K,N]}, {@code mmTransA} computes {@code C[M,N] = A^T B} with {@code A[K,M]} (a weight
 * gradient). 1024^3 is the classic square case; {@code 6400x256x20} and {@code 6400x20x256} are shd_ff's second
 * Linear (64 x 100 rows, 256 hidden, 20 classes) forward and input gradient. Work: {@code 2 M K N} FLOP per call,
 * reported by the {@code :gflop} row in GFLOP/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class GemmBench {
    @Param({"1024x1024x1024", "6400x256x20", "6400x20x256"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private int m;
    private int k;
    private int n;
    private float[] a;
    private float[] b;
    private float[] c;
    private double gflopPerCall;

    @Setup(Level.Trial)
    public void setUp() {
        int[] d = BenchData.dims(shape);
        m = d[0];
        k = d[1];
        n = d[2];
        Rng rng = new Rng(BenchData.SEED);
        a = BenchData.uniform(rng, m * k);
        b = BenchData.uniform(rng, k * n);
        c = new float[m * n];
        gflopPerCall = 2.0 * m * k * n / 1e9;
        BenchData.threads(threads);
    }

    @Benchmark
    public float[] mm(Counters.Flops f) {
        Gemm.mm(a, 0, b, 0, c, 0, m, k, n, false);
        f.gflop += gflopPerCall;
        return c;
    }

    @Benchmark
    public float[] mmTransA(Counters.Flops f) {
        Gemm.mmTransA(a, 0, b, 0, c, 0, m, k, n, false);
        f.gflop += gflopPerCall;
        return c;
    }
}
