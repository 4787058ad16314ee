package io.modelwatch.cli;

import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/**
 * {@code monitor demo}: generates a reference period and a current day in which {@code account_age} has
 * drifted and recall has dropped, runs the monitor with the built-in churn schema, and writes the report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the monitor on bundled synthetic churn data with one drifted feature.")
final class DemoCommand implements Callable<Integer> {

    /** Reference rows of the demo (the validation period). */
    static final int REFERENCE_ROWS = 20_000;
    /** Rows of the demo's current day. */
    static final int CURRENT_ROWS = 5_000;
    static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 9, 1);
    static final LocalDate CURRENT_DATE = LocalDate.of(2026, 11, 27);

    @Option(names = "--out", defaultValue = "demo-report", paramLabel = "DIR",
            description = "Report folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.err, quiet);
        Path data = out.resolve("data");
        Files.createDirectories(data);
        Path reference = data.resolve("reference.csv");
        Path current = data.resolve("current.csv");
        progress.stage("generating demo data in " + data);
        ChurnDataGenerator.of(Scenario.STABLE, REFERENCE_DATE, "R").write(reference, REFERENCE_ROWS, 7);
        ChurnDataGenerator.of(Scenario.DRIFT, CURRENT_DATE, "C").write(current, CURRENT_ROWS, 11);
        return MonitorRun.execute(new RunOptions(reference, current, null, null, true, out, null, CURRENT_DATE, null),
                progress, System.out);
    }
}
