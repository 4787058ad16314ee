package io.modelwatch.report.testing;

import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.events.AlertRaised;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.events.TraceContext;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import io.modelwatch.report.repository.RunReportRepository;
import io.modelwatch.report.service.AlertLog;
import io.modelwatch.report.service.ReportRendering;
import io.modelwatch.support.messaging.EventCodec;
import io.modelwatch.support.store.BatchStore;
import io.modelwatch.support.testing.StoredRun;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Days of history of several models, put into report-service the way production does: for each day the three
 * section events the drift, performance and ingest services would publish (computed by the core on a generated
 * day without labels, estimate only), handed to the service's own {@link ReportRendering}; the alerts of each
 * assembled run recorded through {@link AlertLog} as {@code alert.raised} would deliver them; and for the cohorts
 * older than {@link #MATURED_AFTER_DAYS} days the realised performance section (the same day with its labels), as
 * {@code metrics.performance.realised} would bring it. Each model's reference is registered in the batch store as
 * {@code POST /references} would (version 1, its configuration inside the profile), so the service assembles every
 * run with that model's configuration. Nothing a page computes is written by hand.
 */
public final class DashboardHistory {

    /** Cohorts at least this many days before the last day have their labels (a short lag keeps the test fast). */
    public static final int MATURED_AFTER_DAYS = 20;
    public static final int ROWS_PER_DAY = 600;
    public static final int REFERENCE_ROWS = 3000;

    /** A model of the history: its id and which scenario each day follows. */
    public record Model(String id, long seed, Scenario early, Scenario late, int lateFromDay) {
        Scenario scenario(int day) {
            return day >= lateFromDay ? late : early;
        }
    }

    /** The two models of the dashboard tests: one drifts in its last weeks, one loses a segment. */
    public static final List<Model> MODELS = List.of(
            new Model("churn-eu", 101, Scenario.STABLE, Scenario.DRIFT, 45),
            new Model("churn-us", 202, Scenario.STABLE, Scenario.SEGMENT, 30));

    private DashboardHistory() {
    }

    /** The run ids seeded per model and date (a model may skip days: {@code skip}). */
    public record Seeded(LocalDate first, LocalDate last, Map<String, Map<LocalDate, String>> runs) {
    }

    /**
     * Seeds {@code days} days ending at {@code last} for each model, skipping the dates in {@code skip}
     * (model id → dates without a run).
     */
    public static Seeded seed(MonitoringPipeline pipeline, BatchStore store, ReportRendering rendering, AlertLog alerts,
                              RunReportRepository reports, EventCodec codec, List<Model> models, LocalDate last,
                              int days, Map<String, List<LocalDate>> skip) {
        Path dir;
        try {
            dir = Files.createTempDirectory("modelwatch-dashboard");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TableSchema schema = TableSchema.forConfig(pipeline.config());
        String target = pipeline.config().roles().target();
        String labelDate = pipeline.config().roles().labelDate();
        LocalDate first = last.minusDays(days - 1L);
        Map<String, Map<LocalDate, String>> runs = new LinkedHashMap<>();
        for (Model m : models) {
            ColumnBatch reference = read(dir.resolve(m.id() + "-reference.csv"), Scenario.STABLE, first.minusDays(90),
                    "R", REFERENCE_ROWS, m.seed(), schema);
            ReferenceProfile profile = pipeline.profile(reference);
            String referenceId = StoredRun.register(store, m.id(), profile);
            int version = store.profile(referenceId).orElseThrow().reference().version();
            Map<LocalDate, String> byDate = new LinkedHashMap<>();
            for (int d = 0; d < days; d++) {
                LocalDate date = first.plusDays(d);
                if (skip.getOrDefault(m.id(), List.of()).contains(date)) {
                    continue;
                }
                ColumnBatch labelled = read(dir.resolve(m.id() + "-" + date + ".csv"), m.scenario(d), date, "C",
                        ROWS_PER_DAY, m.seed() * 1000 + d, schema);
                ColumnBatch predictions = without(labelled, target, labelDate);
                String runId = m.id() + "-run-" + date;
                Instant started = date.plusDays(1).atTime(4, 0).toInstant(ZoneOffset.UTC);
                RunInfo info = new RunInfo(runId, m.id(), date, reference.source(), predictions.source(), null, started,
                        referenceId, version);
                String trace = TraceContext.newTraceparent();
                long refRows = reference.rowCount();
                long curRows = predictions.rowCount();
                MetricsComputed s1 = MetricsComputed.of(MetricsComputed.DRIFT, info, refRows, curRows,
                        codec.tree(pipeline.drift(profile, predictions)), 0, trace);
                MetricsComputed s2 = MetricsComputed.of(MetricsComputed.PERFORMANCE, info, refRows, curRows,
                        codec.tree(pipeline.performance(profile, predictions)), 0, trace);
                MetricsComputed s3 = MetricsComputed.of(MetricsComputed.QUALITY, info, refRows, curRows,
                        codec.tree(pipeline.quality(predictions)), 0, trace);
                rendering.onMetrics(s1);
                rendering.onMetrics(s2);
                rendering.onMetrics(s3);
                for (var a : snapshot(reports, runId).alerts()) {
                    alerts.record(AlertRaised.of(runId, m.id(), date, a, trace));
                }
                if (!date.isAfter(last.minusDays(MATURED_AFTER_DAYS))) {
                    RunInfo withLabels = new RunInfo(runId, m.id(), date, reference.source(), predictions.source(),
                            labelled.source(), started, referenceId, version);
                    rendering.onRealised(MetricsComputed.of(MetricsComputed.PERFORMANCE, withLabels, refRows, curRows,
                            codec.tree(pipeline.performance(profile, labelled)), 0, trace));
                }
                byDate.put(date, runId);
            }
            runs.put(m.id(), byDate);
        }
        return new Seeded(first, last, runs);
    }

    public static RunResult snapshot(RunReportRepository reports, String runId) {
        String json = QuarkusTransaction.requiringNew().call(() -> reports.findById(runId).snapshotJson);
        try {
            return Json.mapper().readValue(json, RunResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ColumnBatch read(Path file, Scenario scenario, LocalDate date, String prefix, int rows, long seed,
                                    TableSchema schema) {
        try {
            ChurnDataGenerator.of(scenario, date, prefix).write(file, rows, seed);
            return CsvReader.withDefaults().read(file, schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The day's predictions as they arrive on day 0: the same batch without its label columns. */
    public static ColumnBatch without(ColumnBatch batch, String... names) {
        Map<String, Column> kept = new LinkedHashMap<>(batch.columns());
        for (String n : names) {
            kept.remove(n);
        }
        return new ColumnBatch(batch.source(), batch.rowCount(), kept, batch.parseReport());
    }
}

