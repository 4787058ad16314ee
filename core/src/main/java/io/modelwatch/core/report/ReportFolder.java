package io.modelwatch.core.report;

import io.modelwatch.core.result.RunResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

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

    /**
     * Writes the four files. The snapshot's JSON is made on a thread of its own while this one renders the HTML: both
     * only read the result, and both are mostly the cold start of their library (Jackson's serialisers, Qute's
     * template), a few hundred milliseconds each in a fresh JVM. The files are written in the order above, the
     * snapshot even when the HTML fails.
     */
    public static void write(Path dir, RunResult result) {
        try {
            Files.createDirectories(dir);
            CompletableFuture<String> snapshot = SideThread.start("snapshot-json", () -> Json.pretty(result));
            String html = null;
            RuntimeException renderFailed = null;
            try {
                html = HtmlReport.render(result);
            } catch (RuntimeException e) {
                renderFailed = e;
            }
            Files.writeString(dir.resolve(SNAPSHOT), SideThread.join(snapshot), StandardCharsets.UTF_8);
            if (renderFailed != null) {
                throw renderFailed;
            }
            Files.writeString(dir.resolve(REPORT), html, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(METRICS), CsvExport.metrics(result.metrics()), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(ALERTS), CsvExport.alerts(result.alerts()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
