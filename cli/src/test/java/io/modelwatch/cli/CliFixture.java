package io.modelwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Runs the CLI in-process with captured stdout/stderr, and writes generated data. */
final class CliFixture {

    static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 9, 1);
    static final LocalDate CURRENT_DATE = LocalDate.of(2026, 11, 27);

    record Outcome(int exitCode, String out, String err) {
    }

    static synchronized Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = MonitorCommand.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static Path reference(Path dir, int rows) throws IOException {
        Path file = dir.resolve("reference.csv");
        if (!Files.exists(file)) {
            ChurnDataGenerator.of(Scenario.STABLE, REFERENCE_DATE, "R").write(file, rows, 7);
        }
        return file;
    }

    static Path current(Path dir, Scenario scenario, int rows, long seed) throws IOException {
        Path file = dir.resolve("current-" + scenario.name().toLowerCase() + "-" + seed + ".csv");
        ChurnDataGenerator.of(scenario, CURRENT_DATE, "C").write(file, rows, seed);
        return file;
    }

    static JsonNode snapshot(Path out) throws IOException {
        return Json.mapper().readTree(out.resolve("snapshot.json").toFile());
    }

    private CliFixture() {
    }
}
