package io.modelwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code monitor}: the standalone monitor. Exit codes: 0 the run completed, 1 an alert at or above
 * {@code --fail-on} fired, 2 bad input or configuration (the message names the file, row or column).
 */
@Command(name = "monitor", mixinStandardHelpOptions = true, version = "ModelWatch 0.1.0",
        description = "Monitors an ML model from files: drift, performance, data quality, segments, alerts.",
        subcommands = {DemoCommand.class, RunCommand.class, ProfileCommand.class, GenerateCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class MonitorCommand implements Runnable {

    /** The run completed (alerts may have fired below the {@code --fail-on} level). */
    public static final int EXIT_OK = 0;
    /** An alert at or above the {@code --fail-on} severity fired. */
    public static final int EXIT_ALERT = 1;
    /** Bad input or configuration. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new MonitorCommand());
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            line.getErr().println("error: " + ex.getMessage());
            return EXIT_BAD_INPUT;
        });
        return cl.execute(args);
    }
}
