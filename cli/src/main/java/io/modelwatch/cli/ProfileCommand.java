package io.modelwatch.cli;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.SchemaRule;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.run.ModelReference;
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
 * {@code monitor profile}: reads a reference (CSV or Parquet) once and stores its profile (value runs, category
 * counts, PSI bins, baseline metrics, calibration) with the model's configuration, so that daily runs
 * ({@code monitor run --reference REF.profile}) read a few megabytes instead of the reference rows and use the same
 * configuration as a run on the reference file. The configuration follows {@link SchemaRule}: {@code --config} wins,
 * otherwise it is inferred from the reference. {@code --print-config} prints it as {@code monitoring.yaml}, also for a
 * profile written earlier ({@code --reference REF.profile --print-config}).
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Computes the reference profile once and writes it (use it as --reference of monitor run).")
final class ProfileCommand implements Callable<Integer> {

    @Option(names = "--reference", required = true, paramLabel = "REF.csv|REF.profile",
            description = "Reference data (CSV, optionally .gz, or Parquet); or, with --print-config only, a profile to "
                    + "print the configuration of.")
    Path reference;

    @Option(names = "--config", paramLabel = "monitoring.yaml",
            description = "Configuration; without it the schema is inferred from the reference (as monitor run does). "
                    + "The profile stores it and runs on the profile use it.")
    Path config;

    @Option(names = "--model-id", paramLabel = "ID", description = "Model id stored in the configuration "
            + "(default: the configuration's model_id).")
    String modelId;

    @Option(names = "--out", paramLabel = "REF.profile", description = "Profile file to write.")
    Path out;

    @Option(names = "--print-config", description = "Print the model's configuration (explicit or inferred) as a "
            + "complete monitoring.yaml on stdout: edit it and give it back with --config.")
    boolean printConfig;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        Progress progress = new Progress(System.err, quiet);
        try {
            if (out == null && !printConfig) {
                throw new IllegalArgumentException("give --out REF.profile, --print-config, or both");
            }
            if (ReferenceProfile.isProfile(reference)) {
                if (out != null || config != null) {
                    throw new IllegalArgumentException(reference + " is already a profile: only --print-config applies "
                            + "(profile the reference CSV again to change its configuration)");
                }
                ReferenceProfile stored = ReferenceProfile.read(reference);
                System.out.print(ReferenceProfile.configYaml(MonitorRun.named(stored.config(), modelId), stored.source(),
                        stored.rows()));
                return MonitorCommand.EXIT_OK;
            }
            MonitoringConfig explicit = config != null ? ConfigLoader.load(config) : null;
            MonitoringConfig base = ConfigLoader.defaults();
            progress.stage("reading reference " + reference);
            ModelReference model = ModelReference.read(schema -> InputFiles.reader(reference, CsvReader.withDefaults())
                    .read(reference, schema), explicit, base).named(modelId);
            ColumnBatch batch = model.batch();
            MonitoringConfig c = model.config();
            if (out == null) {
                System.out.print(ReferenceProfile.configYaml(c, batch.source(), batch.rowCount()));
                return MonitorCommand.EXIT_OK;
            }
            progress.stage(String.format(Locale.ROOT, "profiling reference (%,d rows)", batch.rowCount()));
            ReferenceProfile profile = MonitoringPipeline.of(c).profile(batch);
            byte[] bytes = profile.toBytes();
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            Files.write(out, bytes);
            if (printConfig) {
                System.out.print(profile.configYaml());
            } else {
                System.out.printf(Locale.ROOT, "reference profile of %,d rows written to %s (%,d bytes; configuration %s)%n",
                        batch.rowCount(), out, bytes.length, explicit != null ? "from " + config
                                : "inferred from the reference: see --print-config");
            }
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
