package io.snn4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code snn4j} command line. Exit codes: 0 success, 1 failure (bad config, unreadable file, diverged
 * training), 2 usage error (unknown option, missing or malformed argument).
 */
@Command(name = "snn4j", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
        description = "Spiking neural networks for the JVM: train, inspect and time networks; read, write and run NIR "
                + "files.",
        subcommands = {DemoCommand.class, TrainCommand.class, InfoCommand.class, SpeedCommand.class,
                SimulateCommand.class, NirCommand.class, EventsCommand.class, AudioCommand.class, BenchCommand.class,
                SeqStatsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for a failed command. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for a command line that does not parse. */
    public static final int EXIT_USAGE = 2;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces of errors (also SNN4J_DEBUG=1).")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No subcommand: show what there is.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A configured command line (tests call {@code execute} on it with their own writers). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler(Main::handleParseError);
        cl.setExecutionExceptionHandler(Main::handleFailure);
        return cl;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    private static int handleParseError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("snn4j: error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try 'snn4j" + subcommandPath(cl) + " --help' for more information.");
        err.flush();
        return EXIT_USAGE;
    }

    private static String subcommandPath(CommandLine cl) {
        String full = cl.getCommandSpec().qualifiedName(" ");
        return full.startsWith("snn4j") ? full.substring("snn4j".length()) : " " + full;
    }

    private static int handleFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean debug = "1".equals(System.getenv("SNN4J_DEBUG")) || debugRequested(parsed);
        err.println("snn4j: error: " + describe(e));
        if (debug) {
            e.printStackTrace(err);
        } else if (!userFacing(e)) {
            err.println("snn4j: (run with --debug for details)");
        }
        err.flush();
        return EXIT_FAILURE;
    }

    private static boolean debugRequested(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult r = parsed;
        while (r != null) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
            r = r.subcommand();
        }
        return false;
    }

    /** Errors whose message is meant for the user: config and input mistakes, snn4j's own failures. */
    private static boolean userFacing(Throwable e) {
        return e instanceof UserError || e instanceof IllegalArgumentException
                || e.getClass().getName().startsWith("io.snn4j");
    }

    /** One line: the message of a user error as is, otherwise the exception's own words and kind. */
    static String describe(Throwable e) {
        if (e instanceof UserError) {
            return e.getMessage();
        }
        String msg = e.getMessage();
        if (msg == null || msg.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String line = msg.strip().lines().findFirst().orElse(msg);
        return e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e.getClass().getName().startsWith("io.snn4j") ? line : e.getClass().getSimpleName() + ": " + line;
    }
}
