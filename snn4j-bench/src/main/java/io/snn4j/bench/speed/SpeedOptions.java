package io.snn4j.bench.speed;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code snn4j speed} runs.
 *
 * @param workload one of {@link Workload#NAMES}, {@link #CUBA} or {@code all} (the three training workloads; not
 *                 cuba), or a comma-separated list of them
 * @param repeat   timed steps per measurement (the median is reported), >= 1
 * @param warmup   least number of untimed steps before each measurement, >= 0
 * @param warmupSeconds least wall time of those untimed steps, seconds, >= 0: warm-up goes on until both
 *                 minimums are met, so that the JIT has compiled the kernels (a fixed handful of steps is not
 *                 enough for the small workloads on 2 cores, where the compiler threads compete with the kernels)
 * @param threads  kernel threads ({@link io.snn4j.core.kernel.Parallel}), >= 1; also passed to the snnTorch peer
 * @param seed     seed of the weights, the input and the labels
 * @param hidden   hidden size H (0: the workload's own, 256 for shd_*, 1024 for on_1024)
 * @param steps    time steps T (0: the workload's own, 100 for shd_*, 500 for on_1024)
 * @param batch    batch size B (0: the workload's own, 64 for shd_*, 16 for on_1024)
 * @param checkpointEvery gradient checkpointing over time for the training workloads: K steps per segment
 *                 ({@link io.snn4j.core.layer.Sequential#setCheckpointEvery}), 0 = off
 * @param neurons  cuba: number of neurons (0: {@link Cuba#NEURONS})
 * @param seconds  cuba: simulated seconds (0: {@link Cuba#SECONDS})
 */
public record SpeedOptions(String workload, int repeat, int warmup, double warmupSeconds, int threads, long seed,
                           int hidden, int steps, int batch, int checkpointEvery, int neurons, double seconds) {

    /** The simulation workload (no training): Brian2's CUBA example, see {@link Cuba}. */
    public static final String CUBA = "cuba";

    public static final int DEFAULT_REPEAT = 20;
    public static final int DEFAULT_WARMUP = 5;
    public static final double DEFAULT_WARMUP_SECONDS = 2.0;
    public static final long DEFAULT_SEED = 42;

    /**
     * The reference workloads at their reference sizes: all of them, 20 timed steps after at least 5 warm-up steps
     * and 2 seconds of warm-up.
     */
    public static SpeedOptions defaults(int threads) {
        return new SpeedOptions("all", DEFAULT_REPEAT, DEFAULT_WARMUP, DEFAULT_WARMUP_SECONDS, threads, DEFAULT_SEED,
                0, 0, 0);
    }

    /** Options without checkpointing and with the reference CUBA size. */
    public SpeedOptions(String workload, int repeat, int warmup, double warmupSeconds, int threads, long seed,
                        int hidden, int steps, int batch) {
        this(workload, repeat, warmup, warmupSeconds, threads, seed, hidden, steps, batch, 0, 0, 0);
    }

    /** These options with gradient checkpointing every {@code k} steps (0 = off). */
    public SpeedOptions withCheckpointEvery(int k) {
        return new SpeedOptions(workload, repeat, warmup, warmupSeconds, threads, seed, hidden, steps, batch, k,
                neurons, seconds);
    }

    /** These options with the CUBA network's size: {@code neurons} neurons (0: 4000), {@code seconds} (0: 1). */
    public SpeedOptions withCuba(int neurons, double seconds) {
        return new SpeedOptions(workload, repeat, warmup, warmupSeconds, threads, seed, hidden, steps, batch,
                checkpointEvery, neurons, seconds);
    }

    /** Number of CUBA neurons to simulate. */
    public int cubaNeurons() {
        return neurons > 0 ? neurons : Cuba.NEURONS;
    }

    /** CUBA's simulated time, seconds. */
    public double cubaSeconds() {
        return seconds > 0 ? seconds : Cuba.SECONDS;
    }

    /**
     * Throws an {@link IllegalArgumentException} whose message names the bad option and what it accepts.
     *
     * @return this
     */
    public SpeedOptions validate() {
        workloads();
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be >= 1, got " + repeat);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
        }
        if (!(warmupSeconds >= 0) || Double.isInfinite(warmupSeconds)) {
            throw new IllegalArgumentException("--warmup-seconds must be a finite number >= 0, got " + warmupSeconds);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        if (hidden < 0 || steps < 0 || batch < 0) {
            throw new IllegalArgumentException("--hidden, --steps and --batch must be >= 1 (or 0 for the workload's "
                    + "own size), got " + hidden + ", " + steps + " and " + batch);
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("--checkpoint-every must be >= 1 (or 0 for off), got "
                    + checkpointEvery);
        }
        if (neurons < 0) {
            throw new IllegalArgumentException("--neurons must be >= 1 (or 0 for cuba's own 4000), got " + neurons);
        }
        if (!(seconds >= 0) || seconds > 1e5) {
            throw new IllegalArgumentException("--sim-seconds must be in (0, 1e5] (or 0 for cuba's own 1 s), got "
                    + seconds);
        }
        return this;
    }

    /** The workload names selected by {@link #workload()} (cuba included), in the order they run. */
    public List<String> workloads() {
        if (workload == null) {
            throw new IllegalArgumentException("--workload is required: " + String.join(", ", Workload.NAMES)
                    + ", " + CUBA + " or all");
        }
        List<String> names = new ArrayList<>();
        for (String w : workload.split(",")) {
            String n = w.trim();
            if (n.equals("all")) {
                names.addAll(Workload.NAMES);
            } else if (Workload.NAMES.contains(n) || n.equals(CUBA)) {
                names.add(n);
            } else {
                throw new IllegalArgumentException("unknown workload '" + n + "'; valid: "
                        + String.join(", ", Workload.NAMES) + ", " + CUBA + ", all");
            }
        }
        return names;
    }

    /** The selected training workloads ({@link #workloads()} without cuba). */
    public List<String> trainingWorkloads() {
        List<String> names = new ArrayList<>(workloads());
        names.removeIf(CUBA::equals);
        return names;
    }

    /** Whether cuba is selected. */
    public boolean runsCuba() {
        return workloads().contains(CUBA);
    }
}
