package io.modelwatch.cli;

import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import io.modelwatch.core.synth.StreamingChurnGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code monitor generate}: synthetic data of the default 25-feature churn schema, or of a second model whose
 * features differ ({@code --table streaming}).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes synthetic churn predictions (with labels) for demos, tests and benchmarks.")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--rows", required = true, description = "Number of rows.")
    int rows;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scenario", defaultValue = "stable",
            description = "stable, drift, concept, segment, covariate or masked (default ${DEFAULT-VALUE}); "
                    + "the streaming table has stable and drift.")
    String scenario;

    @Option(names = "--table", defaultValue = "churn",
            description = "churn (the built-in 25-feature telecom schema) or streaming (a second model: ten other "
                    + "features, some with the telecom names but other types) (default ${DEFAULT-VALUE}).")
    String table;

    @Option(names = "--date", defaultValue = "2026-11-27", description = "Prediction date (default ${DEFAULT-VALUE}).")
    LocalDate date;

    @Option(names = "--id-prefix", defaultValue = "C", description = "Customer id prefix (default ${DEFAULT-VALUE}).")
    String idPrefix;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "File to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        // a bad --scenario or --table is an IllegalArgumentException: exit 2 with its message (MonitorCommand)
        Scenario s = Scenario.parse(scenario);
        switch (table.toLowerCase(Locale.ROOT)) {
            case "churn" -> ChurnDataGenerator.of(s, date, idPrefix).write(out, rows, seed);
            case "streaming" -> StreamingChurnGenerator.of(s, date, idPrefix).write(out, rows, seed);
            default -> throw new IllegalArgumentException("--table must be churn or streaming, got '" + table + "'");
        }
        System.err.printf("wrote %,d rows (%s, %s) to %s%n", rows, table.toLowerCase(Locale.ROOT),
                scenario.toLowerCase(Locale.ROOT), out);
        return MonitorCommand.EXIT_OK;
    }
}
