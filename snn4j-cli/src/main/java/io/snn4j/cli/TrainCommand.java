package io.snn4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snn4j train --config FILE.yaml}: one experiment described by a YAML file. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
        description = "Trains the network described by a YAML experiment config (see docs/cli.md and "
                + "examples/digits.yaml) and writes a run folder with results.json, model.snn and report.html (and model.nir with "
                + "--export-nir).")
final class TrainCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE.yaml",
            description = "The experiment config.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run folder (default: the config's output.dir, else runs/<config name>-<timestamp>).")
    Path out;

    @Option(names = "--resume", description = "Continue from the checkpoint in the run folder (needs --out or "
            + "output.dir).")
    boolean resume;

    @Option(names = "--export-nir", description = "Also write model.nir, the trained model as a NIR file in "
            + "snnTorch's convention (sets output.export_nir).")
    boolean exportNir;

    @Option(names = "--epochs", paramLabel = "N", description = "Override training.epochs.")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", description = "Override training.seed.")
    Long seed;

    @Option(names = "--threads", paramLabel = "K", description = "Override training.threads.")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (epochs != null && epochs < 1) {
            throw new UserError("--epochs must be >= 1, got " + epochs);
        }
        if (threads != null && threads < 1) {
            throw new UserError("--threads must be >= 1, got " + threads);
        }
        ExperimentConfig cfg = ExperimentConfig.read(config)
                .withOverrides(epochs, seed, threads, out == null ? null : out.toString(), exportNir);
        if (resume && cfg.output().dir() == null) {
            throw new UserError("--resume needs the run folder: pass --out DIR or set output.dir in " + config);
        }
        String name = config.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return Runs.execute(spec, cfg, config.toString(), Experiment.defaultDir(cfg, name), resume);
    }
}
