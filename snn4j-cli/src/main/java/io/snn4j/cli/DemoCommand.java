package io.snn4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snn4j demo}: trains the built-in digits experiment, the same as {@code train examples/digits.yaml}. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
        description = {"Trains a spiking network on the bundled handwritten digits (8x8 pixels, rate-coded) and "
                + "writes a run folder with results.json, model.snn and report.html.",
                "Takes about ten seconds on two cores; the test accuracy is printed at the end."})
final class DemoCommand implements Callable<Integer> {

    /** The demo experiment; examples/digits.yaml holds the same settings. */
    static final String DIGITS_YAML = """
            # The digits demo: 8x8 handwritten digits (0..16 per pixel), rate-coded into spike trains with
            # probability pixel/16 per step; a 64-128-10 network of leaky integrate-and-fire neurons trained
            # with surrogate gradients (snnTorch's tutorial setup). Same as `snn4j demo`.
            data:
              dataset: digits
              steps: 25           # time steps per sample
              encoding: rate
              split: 0.2          # stratified test fraction
              batch_size: 32
            network:
              layers:
                - {type: linear, in_features: 64, out_features: 128}
                - {type: leaky, beta: 0.9, surrogate: {type: fast_sigmoid, slope: 25}}
                - {type: linear, in_features: 128, out_features: 10}
                - {type: leaky, beta: 0.9, surrogate: {type: fast_sigmoid, slope: 25}}
            training:
              epochs: 20
              seed: 42
              optimizer: {type: adam, lr: 0.003}
              loss: {type: ce_count}   # cross-entropy on output spike counts
              scheduler: {type: cosine}
              checkpoint_every: 5     # epochs between checkpoints (for train --resume)
            output:
              report: true
            """;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run folder (default: runs/demo-<yyyyMMdd-HHmmss>).")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: 20).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the split, weights and spikes (default: 42).")
    Long seed;

    @Option(names = "--threads", paramLabel = "K", description = "Worker threads (default: all cores).")
    Integer threads;

    @Spec
    CommandSpec spec;

    static ExperimentConfig config() {
        return ExperimentConfig.parse(DIGITS_YAML, "built-in digits config");
    }

    @Override
    public Integer call() throws Exception {
        if (epochs != null && epochs < 1) {
            throw new UserError("--epochs must be >= 1, got " + epochs);
        }
        if (threads != null && threads < 1) {
            throw new UserError("--threads must be >= 1, got " + threads);
        }
        ExperimentConfig cfg = config().withOverrides(epochs, seed, threads, out == null ? null : out.toString());
        return Runs.execute(spec, cfg, "built-in digits config", Experiment.defaultDir(cfg, "demo"), false);
    }
}
