package io.snn4j.cli;

import io.snn4j.bench.speed.Brian2Peer;
import io.snn4j.bench.speed.Cuba;
import io.snn4j.bench.speed.CubaResult;
import io.snn4j.bench.speed.SnntorchPeer;
import io.snn4j.bench.speed.SpeedOptions;
import io.snn4j.bench.speed.SpeedResult;
import io.snn4j.bench.speed.SpeedRunner;
import io.snn4j.core.kernel.Parallel;
import io.snn4j.core.kernel.Simd;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code snn4j speed}: times the reference workloads and prints one line per workload,
 * {@code workload=NAME train_ms=X forward_ms=Y peak_heap_mb=Z}. With {@code --compare-snntorch} it then runs
 * {@code benchmarks/peers/snntorch_speed.py} on the same workloads and prints snnTorch's figures and the ratios.
 * {@code --workload cuba} simulates the CUBA network ({@link Cuba}) instead, checks its mean firing rate (exit 1
 * outside [3, 9] Hz) and with {@code --compare-brian2} runs {@code benchmarks/peers/brian2_cuba.py}.
 */
@Command(name = "speed", mixinStandardHelpOptions = true,
        description = {"Times the reference workloads (shd_ff, shd_rec, on_1024): median training step "
                + "(forward, backward, update) and inference forward, in ms, and peak heap in MiB.",
                "Prints: workload=NAME train_ms=X forward_ms=Y peak_heap_mb=Z (one line per workload).",
                "--workload cuba simulates Brian2's CUBA example (4000 LIF neurons, 2 %% connectivity, dt 0.1 ms, "
                        + "1 s) and prints workload=cuba sim_ms=X first_ms=Y rate_hz=R spikes=S synapses=K "
                        + "peak_heap_mb=M; it fails (exit 1) when the mean rate is outside [3, 9] Hz. "
                        + "--compare-brian2 also runs benchmarks/peers/brian2_cuba.py and prints speedup_sim.",
                "With --compare-snntorch also runs the snnTorch peer script (Python from $SNN4J_PYTHON, else "
                        + "/usr/bin/python3; snnTorch from $SNNTORCH_PATH or PYTHONPATH) and prints "
                        + "speedup_train and speedup_forward (snnTorch time / snn4j time), and rss_ratio (snn4j "
                        + "process peak RSS / snnTorch's; below 1 means snn4j used less; the JVM's peak covers every "
                        + "workload measured before in the same run)."})
public final class SpeedCommand implements Callable<Integer> {

    @Option(names = "--workload", paramLabel = "NAME", defaultValue = "all",
            description = "shd_ff, shd_rec, on_1024, cuba or all (= the three training workloads; comma-separated "
                    + "list allowed; default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "20",
            description = "Timed steps per measurement; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
            description = "Least number of untimed steps before each measurement (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "2",
            description = "Least wall time of the untimed steps, seconds, so the JIT has compiled the kernels "
                    + "(default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--threads", paramLabel = "K",
            description = "Kernel threads, also given to snnTorch (default: the number of processors).")
    Integer threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of weights, input and labels (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "0",
            description = "Hidden size (default: the workload's own, 256 for shd_*, 1024 for on_1024).")
    int hidden;

    @Option(names = "--steps", paramLabel = "T", defaultValue = "0",
            description = "Time steps (default: the workload's own, 100 for shd_*, 500 for on_1024).")
    int steps;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "0",
            description = "Batch size (default: the workload's own, 64 for shd_*, 16 for on_1024).")
    int batch;

    @Option(names = "--checkpoint-every", paramLabel = "K", defaultValue = "0",
            description = "Gradient checkpointing over time in the training workloads: keep the state every K steps "
                    + "and recompute the rest in backward (default: ${DEFAULT-VALUE} = off; not applied by "
                    + "--breakdown).")
    int checkpointEvery;

    @Option(names = "--neurons", paramLabel = "N", defaultValue = "4000",
            description = "cuba: number of neurons, the first 80 %% excitatory (default: ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--sim-seconds", paramLabel = "S", defaultValue = "1",
            description = "cuba: simulated time in seconds, steps of 0.1 ms (default: ${DEFAULT-VALUE}).")
    double simSeconds;

    @Option(names = "--compare-brian2",
            description = "cuba: also time Brian2's CUBA example (exit 1 when Brian2 is not importable).")
    boolean compareBrian2;

    @Option(names = "--brian2-target", paramLabel = "T", defaultValue = "numpy",
            description = "Brian2's code generation target: numpy (runtime mode without compiling) or cython "
                    + "(default: ${DEFAULT-VALUE}).")
    String brian2Target;

    @Option(names = "--brian2-repeat", paramLabel = "N", defaultValue = "3",
            description = "Timed Brian2 runs; the median is compared (default: ${DEFAULT-VALUE}).")
    int brian2Repeat;

    @Option(names = "--brian2-script", paramLabel = "FILE",
            description = "The Brian2 script (default: " + Brian2Peer.SCRIPT + " under the working directory or the "
                    + "installation).")
    Path brian2Script;

    @Option(names = "--compare-snntorch",
            description = "Also time snnTorch on the same workloads (exit 1 when snnTorch is not importable).")
    boolean compareSnntorch;

    @Option(names = "--breakdown",
            description = "After the timings, time each layer's forward and backward call of the training step "
                    + "(lines workload=NAME layer=I type=TYPE forward_ms=X backward_ms=Y, then loss and optimizer).")
    boolean breakdown;

    @Option(names = "--snntorch-layerwise",
            description = "Run snnTorch's feed-forward workloads layer by layer (each nn.Linear once on the whole "
                    + "sequence) instead of the tutorial-style time loop.")
    boolean snntorchLayerwise;

    @Option(names = "--peer-script", paramLabel = "FILE",
            description = "The snnTorch script (default: " + SnntorchPeer.SCRIPT + " under the working directory "
                    + "or the installation).")
    Path peerScript;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SpeedOptions options = new SpeedOptions(workload, repeat, warmup, warmupSeconds,
                threads == null ? Parallel.threads() : threads, seed, hidden, steps, batch, checkpointEvery,
                neurons, simSeconds);
        try {
            options.validate();
            if (neurons < 1) {
                throw new IllegalArgumentException("--neurons must be >= 1, got " + neurons);
            }
            if (!(simSeconds > 0)) {
                throw new IllegalArgumentException("--sim-seconds must be > 0, got " + simSeconds);
            }
            if (compareSnntorch && options.trainingWorkloads().isEmpty()) {
                throw new IllegalArgumentException("--compare-snntorch needs a training workload (shd_ff, shd_rec, "
                        + "on_1024 or all); snnTorch has no cuba");
            }
            if (compareBrian2 && !options.runsCuba()) {
                throw new IllegalArgumentException("--compare-brian2 needs --workload cuba");
            }
            if (!brian2Target.equals("numpy") && !brian2Target.equals("cython")) {
                throw new IllegalArgumentException("--brian2-target must be numpy or cython, got '" + brian2Target
                        + "'");
            }
            if (brian2Repeat < 1) {
                throw new IllegalArgumentException("--brian2-repeat must be >= 1, got " + brian2Repeat);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Brian2Peer brian2 = null;
        if (compareBrian2) {
            brian2 = Brian2Peer.fromEnvironment(brian2Script);
            String why = brian2.unavailableReason();
            if (why != null) {
                err.println("snn4j speed: " + why);
                err.flush();
                return Main.EXIT_FAILURE;
            }
        }
        SnntorchPeer peer = null;
        if (compareSnntorch) {
            // Checked first: no point in a long snn4j run when the comparison asked for cannot happen.
            peer = SnntorchPeer.fromEnvironment(SnntorchPeer.find(peerScript));
            String why = peer.unavailableReason();
            if (why != null) {
                err.println("snn4j speed: " + why);
                err.flush();
                return Main.EXIT_FAILURE;
            }
        }
        warnIfBusy(err);
        // Which kernels ran decides the figures (the launcher adds the Vector API module; plain java -jar does not).
        err.println("snn4j speed: kernels: " + Simd.describe() + "; threads: " + options.threads()
                + (checkpointEvery > 0 ? "; checkpoint every " + checkpointEvery + " steps" : ""));
        err.flush();
        List<SpeedResult> ours = SpeedRunner.run(options, out);
        if (breakdown) {
            for (String name : options.trainingWorkloads()) {
                SpeedRunner.breakdown(name, options, out);
            }
        }
        int exit = 0;
        if (options.runsCuba()) {
            exit = cuba(options, brian2, out, err);
        }
        if (peer == null || exit != 0) {
            return exit;
        }
        List<SpeedResult> theirs = snntorchLayerwise ? peer.run(options, "--layerwise") : peer.run(options);
        for (SpeedResult s : ours) {
            SpeedResult t = theirs.stream().filter(r -> r.workload().equals(s.workload())).findFirst().orElse(null);
            if (t == null) {
                err.println("snn4j speed: snnTorch printed no line for " + s.workload());
                continue;
            }
            out.println(String.format(Locale.ROOT, "peer=snntorch workload=%s train_ms=%.2f forward_ms=%.2f "
                    + "peak_rss_mb=%.1f", t.workload(), t.trainMs(), t.forwardMs(), t.peakMemoryMb()));
            String rss = Double.isNaN(s.processRssMb()) ? "" : String.format(Locale.ROOT, " rss_ratio=%.2f",
                    s.processRssMb() / t.peakMemoryMb());
            out.println(String.format(Locale.ROOT, "compare workload=%s speedup_train=%.2fx speedup_forward=%.2fx%s",
                    s.workload(), t.trainMs() / s.trainMs(), t.forwardMs() / s.forwardMs(), rss));
        }
        out.flush();
        err.flush();
        return 0;
    }

    /** Simulates CUBA, checks its rate, and compares with Brian2 when asked; returns the exit code. */
    private int cuba(SpeedOptions options, Brian2Peer brian2, PrintWriter out, PrintWriter err) throws IOException {
        CubaResult ours = SpeedRunner.runCuba(options, out);
        if (!ours.rateInRange()) {
            err.println(String.format(Locale.ROOT, "snn4j speed: cuba: mean firing rate %.3f Hz is outside the "
                    + "expected [%.0f, %.0f] Hz (%d neurons, %s s): the simulation is wrong or the network is not "
                    + "the reference one", ours.rateHz(), Cuba.MIN_RATE_HZ, Cuba.MAX_RATE_HZ,
                    options.cubaNeurons(), options.cubaSeconds()));
            err.flush();
            return Main.EXIT_FAILURE;
        }
        if (brian2 == null) {
            return 0;
        }
        CubaResult theirs = brian2.run(options, brian2Target, brian2Repeat);
        out.println(String.format(Locale.ROOT, "peer=brian2 target=%s workload=cuba sim_ms=%.2f first_ms=%.2f "
                + "rate_hz=%.3f spikes=%d synapses=%d peak_rss_mb=%.1f", brian2Target, theirs.simMs(),
                theirs.firstMs(), theirs.rateHz(), theirs.spikes(), theirs.synapses(), theirs.peakMemoryMb()));
        out.println(String.format(Locale.ROOT, "compare workload=cuba speedup_sim=%.2fx speedup_first=%.2fx",
                theirs.simMs() / ours.simMs(), theirs.firstMs() / ours.firstMs()));
        out.flush();
        return 0;
    }

    /** Timings taken while other processes compete for the cores are not comparable; say so on stderr. */
    private static void warnIfBusy(PrintWriter err) {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double load = os.getSystemLoadAverage();
        if (load >= os.getAvailableProcessors()) {
            err.println(String.format(Locale.ROOT, "snn4j speed: note: load average %.2f on %d processors; other "
                    + "processes compete for the cores, so these timings are not reliable", load,
                    os.getAvailableProcessors()));
            err.flush();
        }
    }
}
