package io.snn4j.bench.speed;

import io.snn4j.core.kernel.Parallel;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times the reference workloads: for each, untimed training steps (at least {@code warmup} of them and at least
 * {@code warmupSeconds} of wall time), then {@code repeat} timed training steps, then the same for inference
 * forward passes; the medians are reported.
 *
 * <p><b>Peak heap</b> ({@code peak_heap_mb}): before building each workload the runner asks for a full GC and
 * resets the peak-usage counters of the JVM's heap memory pools (with G1: eden, survivor, old); afterwards it
 * sums each pool's peak occupancy. That sum is an upper bound of the Java heap in use at any one moment while the
 * workload was built and run, garbage not yet collected included (pools peak at different moments), so it grows
 * with the heap the GC is allowed to use ({@code -Xmx}) and is not the process's resident memory, which also
 * holds the JVM's code, metaspace and thread stacks (measure that with {@code /usr/bin/time -v}).
 */
public final class SpeedRunner {

    private SpeedRunner() {
    }

    /**
     * Runs the selected training workloads (not cuba: see {@link #runCuba}) and prints one
     * {@link SpeedResult#line()} per workload to {@code out}.
     *
     * @throws IllegalArgumentException when the options are invalid (see {@link SpeedOptions#validate()})
     */
    public static List<SpeedResult> run(SpeedOptions options, PrintWriter out) {
        options.validate();
        int before = Parallel.threads();
        Parallel.setThreads(options.threads());
        try {
            List<SpeedResult> results = new ArrayList<>();
            for (String name : options.trainingWorkloads()) {
                SpeedResult r = measure(name, options);
                out.println(r.line());
                out.flush();
                results.add(r);
            }
            return results;
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * Builds one workload (with gradient checkpointing over time when {@link SpeedOptions#checkpointEvery()} is
     * set) and times it as {@link #run} does.
     */
    public static SpeedResult measure(String name, SpeedOptions o) {
        List<MemoryPoolMXBean> heap = resetHeapPeaks();
        Workload w = build(name, o);
        double trainMs = medianMs(w::trainStep, o.warmup(), o.warmupSeconds(), o.repeat());
        double forwardMs = medianMs(w::forward, o.warmup(), o.warmupSeconds(), o.repeat());
        return new SpeedResult(name, trainMs, forwardMs, heapPeakMb(heap), processPeakRssMb());
    }

    /**
     * This process's peak resident set size so far in MiB, from {@code VmHWM} in {@code /proc/self/status} (what
     * {@code /usr/bin/time -v} reports at exit), or NaN where that file does not exist.
     */
    public static double processPeakRssMb() {
        try {
            for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    String[] t = l.substring(6).trim().split("\\s+");
                    return Long.parseLong(t[0]) / 1024.0;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    static Workload build(String name, SpeedOptions o) {
        Workload w = Workload.build(name, o.hidden(), o.steps(), o.batch(), o.seed());
        if (o.checkpointEvery() > 0) {
            w.network().setCheckpointEvery(o.checkpointEvery());
        }
        return w;
    }

    /**
     * Builds the CUBA network ({@link Cuba}) and times its simulation: untimed simulations until at least
     * {@code warmup} of them and {@code warmupSeconds} have passed (the first one is reported as
     * {@code first_ms}), then {@code repeat} timed ones, whose median is {@code sim_ms}. Building the network
     * (drawing the synapses) is not timed, as Brian2's {@code run()} does not include it either. Prints
     * {@link CubaResult#line()}. Single-threaded whatever {@link SpeedOptions#threads()} says (see {@link Cuba}).
     *
     * @throws IllegalStateException if two simulations of the same network differ (they must not)
     */
    public static CubaResult runCuba(SpeedOptions o, PrintWriter out) {
        o.validate();
        List<MemoryPoolMXBean> heap = resetHeapPeaks();
        Cuba net = Cuba.build(o.cubaNeurons(), o.cubaSeconds(), o.seed());
        long t0 = System.nanoTime();
        Cuba.Run first = net.simulate();
        double firstMs = (System.nanoTime() - t0) / 1e6;
        Cuba.Run[] last = {first};
        double simMs = medianMs(() -> last[0] = net.simulate(), Math.max(0, o.warmup() - 1), o.warmupSeconds(),
                o.repeat());
        if (last[0].spikes() != first.spikes() || !Arrays.equals(last[0].spikeCounts(), first.spikeCounts())) {
            throw new IllegalStateException("cuba: two simulations of the same network differ (" + first.spikes()
                    + " and " + last[0].spikes() + " spikes)");
        }
        CubaResult r = new CubaResult(simMs, firstMs, first.rateHz(), first.spikes(), net.synapses(),
                heapPeakMb(heap));
        out.println(r.line());
        out.flush();
        return r;
    }

    /** Requests a full GC and resets the heap pools' peak counters; returns the pools. */
    private static List<MemoryPoolMXBean> resetHeapPeaks() {
        List<MemoryPoolMXBean> heap = heapPools();
        System.gc();
        for (MemoryPoolMXBean p : heap) {
            p.resetPeakUsage();
        }
        return heap;
    }

    private static double heapPeakMb(List<MemoryPoolMXBean> heap) {
        long peak = 0;
        for (MemoryPoolMXBean p : heap) {
            peak += p.getPeakUsage().getUsed();
        }
        return peak / (1024.0 * 1024.0);
    }

    /**
     * Times each layer of one workload's training step ({@link Workload#trainStepByLayerMs()}): {@code warmup}
     * untimed steps, then the median over {@code repeat} steps of each phase. Prints one line per layer,
     * {@code workload=NAME layer=I type=TYPE forward_ms=X backward_ms=Y}, then
     * {@code workload=NAME phase=loss ms=X} and {@code workload=NAME phase=optimizer ms=Y}.
     *
     * @return the medians in {@link Workload#trainStepByLayerMs()} order
     */
    public static double[] breakdown(String name, SpeedOptions o, PrintWriter out) {
        o.validate();
        int before = Parallel.threads();
        Parallel.setThreads(o.threads());
        try {
            Workload w = build(name, o);
            warmUp(w::trainStep, o.warmup(), o.warmupSeconds());
            double[][] samples = new double[o.repeat()][];
            for (int r = 0; r < o.repeat(); r++) {
                samples[r] = w.trainStepByLayerMs();
            }
            int phases = samples[0].length;
            double[] med = new double[phases];
            for (int k = 0; k < phases; k++) {
                double[] v = new double[o.repeat()];
                for (int r = 0; r < o.repeat(); r++) {
                    v[r] = samples[r][k];
                }
                med[k] = median(v);
            }
            int n = (phases - 2) / 2;
            for (int i = 0; i < n; i++) {
                out.println(String.format(Locale.ROOT, "workload=%s layer=%d type=%s forward_ms=%.2f backward_ms=%.2f",
                        name, i, w.network().get(i).type(), med[i], med[n + i]));
            }
            out.println(String.format(Locale.ROOT, "workload=%s phase=loss ms=%.2f", name, med[2 * n]));
            out.println(String.format(Locale.ROOT, "workload=%s phase=optimizer ms=%.2f", name, med[2 * n + 1]));
            out.flush();
            return med;
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * Median wall time in milliseconds of {@code repeat} calls, after untimed calls until at least {@code warmup}
     * calls and at least {@code warmupSeconds} seconds have passed.
     */
    static double medianMs(Runnable step, int warmup, double warmupSeconds, int repeat) {
        warmUp(step, warmup, warmupSeconds);
        double[] ms = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return median(ms);
    }

    private static void warmUp(Runnable step, int warmup, double warmupSeconds) {
        long start = System.nanoTime();
        long minNanos = (long) (warmupSeconds * 1e9);
        for (int i = 0; i < warmup || System.nanoTime() - start < minNanos; i++) {
            step.run();
        }
    }

    /** The median (mean of the two middle values for an even count), as Python's statistics.median. */
    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                pools.add(p);
            }
        }
        return pools;
    }
}
