package io.snn4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Runs an experiment for a command, wiring its output streams and the progress display. */
final class Runs {
    private Runs() {
    }

    static int execute(CommandSpec spec, ExperimentConfig cfg, String source, Path dir, boolean resume)
            throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // A live bar only on a real terminal, and only when the command writes to the process's own stderr.
        PrintStream terminal = Progress.stderrIsTerminal() ? System.err : null;
        new Experiment(cfg, source, out, err, terminal).run(dir, resume);
        return 0;
    }
}
