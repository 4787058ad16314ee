package io.modelwatch.support.testing;

import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Small synthetic churn files from the core generator (seeded: the same files every run). */
public final class ChurnFixtures {

    public static final LocalDate REFERENCE_DATE = LocalDate.of(2024, 1, 15);
    public static final LocalDate DRIFTED_DATE = LocalDate.of(2024, 3, 1);
    public static final int ROWS = 2000;

    private ChurnFixtures() {
    }

    public static Path reference(Path dir) {
        return write(dir.resolve("reference.csv"), Scenario.STABLE, REFERENCE_DATE, "R", 11);
    }

    public static Path drifted(Path dir) {
        return write(dir.resolve("drifted.csv"), Scenario.DRIFT, DRIFTED_DATE, "C", 12);
    }

    private static Path write(Path file, Scenario scenario, LocalDate date, String prefix, long seed) {
        try {
            Files.createDirectories(file.getParent());
            ChurnDataGenerator.of(scenario, date, prefix).write(file, ROWS, seed);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
