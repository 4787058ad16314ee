package io.modelwatch.core.run;

import io.modelwatch.core.result.RunInfo;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

/** Generated churn batches read through the real CSV reader, for pipeline-level tests. */
public final class PipelineFixture {

    public static final MonitoringConfig CONFIG = ConfigLoader.defaults();

    private PipelineFixture() {
    }

    public static ColumnBatch batch(Path dir, Scenario scenario, int rows, long seed) {
        try {
            Path file = dir.resolve(scenario + "-" + rows + "-" + seed + ".csv");
            if (!Files.exists(file)) {
                ChurnDataGenerator.of(scenario, LocalDate.of(2026, 11, 27), scenario == Scenario.STABLE ? "R" : "C")
                        .write(file, rows, seed);
            }
            return CsvReader.withDefaults().read(file, TableSchema.forConfig(CONFIG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RunInfo info() {
        return new RunInfo("run-test", "churn-model", LocalDate.of(2026, 11, 27), "reference.csv", "current.csv", null,
                Instant.parse("2026-11-28T04:00:00Z"));
    }
}
