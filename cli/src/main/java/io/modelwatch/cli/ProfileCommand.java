package io.modelwatch.cli;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.run.MonitoringPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code monitor profile}: reads a reference (CSV or Parquet) once and stores its profile (value runs, category counts, PSI
 * bins, baseline metrics, calibration), so that daily runs ({@code monitor run --reference REF.profile}) read a
 * few megabytes instead of the reference rows.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Computes the reference profile once and writes it (use it as --reference of monitor run).")
final class ProfileCommand implements Callable<Integer> {

    @Option(names = "--reference", required = true, paramLabel = "REF.csv", description = "Reference data (CSV, optionally .gz, or Parquet).")
    Path reference;

    @Option(names = "--config", paramLabel = "monitoring.yaml",
            description = "Configuration (default: the built-in churn configuration). Runs on this profile use the same.")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "REF.profile", description = "Profile file to write.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        Progress progress = new Progress(System.err, quiet);
        try {
            MonitoringConfig c = config != null ? ConfigLoader.load(config) : ConfigLoader.defaults();
            progress.stage("reading reference " + reference);
            ColumnBatch batch = InputFiles.reader(reference, CsvReader.withDefaults()).read(reference,
                    TableSchema.forConfig(c));
            progress.stage(String.format(Locale.ROOT, "profiling reference (%,d rows)", batch.rowCount()));
            byte[] bytes = MonitoringPipeline.of(c).profile(batch).toBytes();
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            Files.write(out, bytes);
            System.out.printf(Locale.ROOT, "reference profile of %,d rows written to %s (%,d bytes)%n", batch.rowCount(),
                    out, bytes.length);
            return MonitorCommand.EXIT_OK;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            return MonitorCommand.EXIT_BAD_INPUT;
        } catch (IOException e) {
            System.err.println("error: cannot write " + out + ": " + e.getMessage());
            return MonitorCommand.EXIT_BAD_INPUT;
        }
    }
}
