package io.modelwatch.core.report;

import io.modelwatch.core.result.RunResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the report folder of a run (the contract of {@code docs/output-format.md}):
 * {@code snapshot.json}, {@code report.html}, {@code metrics.csv}, {@code alerts.csv}.
 */
public final class ReportFolder {

    public static final String SNAPSHOT = "snapshot.json";
    public static final String REPORT = "report.html";
    public static final String METRICS = "metrics.csv";
    public static final String ALERTS = "alerts.csv";

    private ReportFolder() {
    }

    public static void write(Path dir, RunResult result) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(SNAPSHOT), Json.pretty(result), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(REPORT), HtmlReport.render(result), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(METRICS), CsvExport.metrics(result.metrics()), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(ALERTS), CsvExport.alerts(result.alerts()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
