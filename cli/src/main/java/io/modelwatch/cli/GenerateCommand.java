package io.modelwatch.cli;

import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code monitor generate}: synthetic data of the default 25-feature churn schema. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes synthetic churn predictions (with labels) for demos, tests and benchmarks.")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--rows", required = true, description = "Number of rows.")
    int rows;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scenario", defaultValue = "stable",
            description = "stable, drift, concept, segment or covariate (default ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--date", defaultValue = "2026-11-27", description = "Prediction date (default ${DEFAULT-VALUE}).")
    LocalDate date;

    @Option(names = "--id-prefix", defaultValue = "C", description = "Customer id prefix (default ${DEFAULT-VALUE}).")
    String idPrefix;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "File to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ChurnDataGenerator.of(Scenario.parse(scenario), date, idPrefix).write(out, rows, seed);
        System.err.printf("wrote %,d rows (%s) to %s%n", rows, scenario.toLowerCase(java.util.Locale.ROOT), out);
        return MonitorCommand.EXIT_OK;
    }
}
