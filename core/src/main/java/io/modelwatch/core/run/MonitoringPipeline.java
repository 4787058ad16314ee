package io.modelwatch.core.run;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.alerts.AlertEvaluator;
import io.modelwatch.core.anomaly.AnomalyScan;
import io.modelwatch.core.anomaly.MetricHistory;
import io.modelwatch.core.anomaly.MultivariateAnomaly;
import io.modelwatch.core.anomaly.MultivariateAnomalyScan;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.InputException;
import io.modelwatch.core.drift.ChunkValueRanks;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.quality.DataQualityChecker;
import io.modelwatch.core.quality.QualityReport;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.result.RunSummary;
import io.modelwatch.core.rootcause.RootCauseReport;
import io.modelwatch.core.run.section.DriftAccumulator;
import io.modelwatch.core.run.section.DriftTests;
import io.modelwatch.core.run.section.Futures;
import io.modelwatch.core.run.section.ImportanceRows;
import io.modelwatch.core.run.section.OutcomeArrays;
import io.modelwatch.core.run.section.PerformanceAccumulator;
import io.modelwatch.core.run.section.ReferenceProfiler;
import io.modelwatch.core.run.section.RootCause;
import io.modelwatch.core.run.section.SegmentDriftAccumulator;
import io.modelwatch.core.run.section.SegmentRows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The monitoring computation of one run under one configuration, composed of its sections (package
 * {@code run.section}: profile, drift, performance with segments and importance, root cause; quality in
 * {@code quality}), shared by the CLI, the Spark job and the services so that all give identical numbers. It holds
 * no statistics of its own. The services call the parts ({@link #drift}, {@link #performance}, {@link #quality}) in
 * separate processes and {@link #assemble} the result; the CLI calls {@link #run}, or streams a file through the
 * same sections' accumulators ({@link StreamingRun}). Columns are computed in parallel on all cores (the common
 * fork-join pool).
 */
public final class MonitoringPipeline {

    private final MonitoringConfig config;
    private final DriftTests driftTests;
    private final SegmentRows segments;
    private final ImportanceRows importance;
    private final ReferenceProfiler profiler;

    private MonitoringPipeline(MonitoringConfig config) {
        this.driftTests = DriftTests.of(config);
        this.config = driftTests.config();
        this.segments = new SegmentRows(config, driftTests.stability());
        this.importance = new ImportanceRows(config);
        this.profiler = new ReferenceProfiler(config, segments);
    }

    public static MonitoringPipeline of(MonitoringConfig config) {
        return new MonitoringPipeline(config);
    }

    public MonitoringConfig config() {
        return config;
    }

    /** The segments section of this configuration. */
    public SegmentRows segments() {
        return segments;
    }

    /** The importance section of this configuration. */
    public ImportanceRows importance() {
        return importance;
    }

    /**
     * Computes the reference profile once, with this pipeline's configuration in it; store it with
     * {@link ReferenceProfile#toBytes()}.
     */
    public ReferenceProfile profile(ColumnBatch reference) {
        return profiler.profile(reference);
    }

    /** Data and prediction drift: per-column drift tests, dataset drift, the alerting PSI, drift within segments. */
    public DriftSection drift(ReferenceProfile profile, ColumnBatch current) {
        DriftAccumulator counts = driftAccumulator(profile, current);
        // each numeric column ranked once, for the whole batch and the segments of every dimension to count
        Map<String, ChunkValueRanks> ranks = counts.ranks(current);
        counts.add(current, ranks);
        SegmentDriftAccumulator within = segmentDriftAccumulator(profile);
        within.add(current, ranks);
        DriftSection whole = counts.result();
        return whole.withSegmentDrift(within.result(whole.drift()));
    }

    /**
     * The drift section of a batch read in chunks: {@link DriftAccumulator#add} every chunk (the first one
     * included), then {@link DriftAccumulator#result}. The columns tested are those of the profile present in
     * {@code firstChunk}.
     */
    public DriftAccumulator driftAccumulator(ReferenceProfile profile, ColumnBatch firstChunk) {
        return DriftAccumulator.of(driftTests, profile, firstChunk);
    }

    /**
     * The drift of every feature inside every segment of a batch read in chunks ({@link SegmentDriftAccumulator#add}
     * every chunk, then {@link SegmentDriftAccumulator#result} with the whole batch's drift).
     */
    public SegmentDriftAccumulator segmentDriftAccumulator(ReferenceProfile profile) {
        return SegmentDriftAccumulator.of(driftTests, profile);
    }

    /**
     * Classification quality, concept drift, segments and importance when the batch's labels have matured
     * (label coverage at least {@code labels.min_coverage}); the estimate from the probabilities always.
     */
    public PerformanceSection performance(ReferenceProfile profile, ColumnBatch current) {
        PerformanceAccumulator counts = performanceAccumulator(profile, current);
        counts.add(current, OutcomeArrays.of(current, config));
        return counts.result(current.rowCount());
    }

    /**
     * The columns the drift section reads: the features, the predicted probability and class and the target
     * ({@link DriftAccumulator}) and the segment columns ({@link SegmentDriftAccumulator}); no id, timestamp or label
     * date. A batch read with just these gives the same section.
     */
    public java.util.Set<String> driftColumns() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(config.featureNames());
        var r = config.roles();
        for (String role : new String[] {r.probability(), r.predictedClass(), r.target()}) {
            if (role != null) {
                names.add(role);
            }
        }
        config.segments().forEach(s -> names.add(s.column()));
        return names;
    }

    /** The columns the performance section reads ({@link PerformanceAccumulator#columns}). */
    public java.util.Set<String> performanceColumns(ReferenceProfile profile) {
        return PerformanceAccumulator.columns(segments, importance, profile);
    }

    /** The performance section of a batch read in chunks (the segments and features present in {@code first}). */
    public PerformanceAccumulator performanceAccumulator(ReferenceProfile profile, ColumnBatch first) {
        return PerformanceAccumulator.of(segments, importance, profile, first);
    }

    /**
     * Checks that a batch (or a file's first chunk) has the id and probability columns ({@link RequiredColumns}).
     *
     * @throws InputException naming the source, the missing column and the columns it has
     */
    public void requireRoleColumns(ColumnBatch batch) {
        RequiredColumns.check(batch, config);
    }

    /** Data-quality findings of the current batch. */
    public QualityReport quality(ColumnBatch current) {
        return DataQualityChecker.check(current, config);
    }

    /** Puts the parts together, derives the flat metric rows and evaluates the alert rules (no history). */
    public RunResult assemble(RunInfo info, long referenceRows, long currentRows, DriftSection drift,
                              PerformanceSection performance, QualityReport quality, long durationMs) {
        return assemble(info, referenceRows, currentRows, drift, performance, quality, durationMs, MetricHistory.empty());
    }

    /**
     * Puts the parts together, derives the flat metric rows, evaluates the alert rules, adds data-quality
     * alerts, checks each watched metric against its own history and the run's metric vector against the previous
     * runs' vectors (isolation forest).
     */
    public RunResult assemble(RunInfo info, long referenceRows, long currentRows, DriftSection drift,
                              PerformanceSection performance, QualityReport quality, long durationMs,
                              MetricHistory history) {
        List<MetricRow> metrics = new ArrayList<>(MetricRows.of(drift, performance, quality, config));
        AlertEvaluator.Decision decision = AlertEvaluator.of(config).decide(metrics);
        List<Alert> alerts = new ArrayList<>(decision.alerts());
        metrics = AlertEvaluator.markHeld(metrics, decision);
        alerts.addAll(QualityAlerts.of(quality));
        alerts.addAll(MaskedDriftAlerts.of(drift.segmentDrift(), config.drift().withinSegments()));
        List<MetricRow> anomalies = AnomalyScan.scan(metrics, history, config.anomaly(), config.noiseBands().sigma(),
                alerts);
        MultivariateAnomaly multivariate = MultivariateAnomalyScan.scan(metrics, history,
                config.anomaly().isolationForest(), alerts);
        metrics.addAll(anomalies);
        metrics.addAll(MultivariateAnomalyScan.rows(multivariate));
        alerts.sort(Comparator.comparing(Alert::severity));
        RunSummary summary = new RunSummary(info.runId(), info.modelId(), info.snapshotDate(),
                new RunSummary.Inputs(info.referenceSource(), info.currentSource(), info.labelsSource()),
                referenceRows, currentRows, performance.concept().labelledRows(), info.startedAt(), durationMs,
                info.referenceId(), info.referenceVersion());
        RootCauseReport rootCause = performance.performance() == null ? null : RootCause.of(drift, performance);
        return new RunResult(RunResult.SCHEMA_VERSION, summary, drift.drift(), drift.psi(), performance.performance(),
                performance.reference(), performance.estimated(), performance.concept(), quality,
                performance.segments(), performance.importance(), rootCause, alerts, metrics, multivariate,
                decision.heldBack(), drift.segmentDrift());
    }

    /**
     * What the realised performance of a matured cohort raises on its own (the services' {@code labels.ready} path):
     * the section's metric rows with their bands, the baseline ({@code reference/*}) rows left out; the configured
     * rules and bands over them; and each watched metric checked against {@code history}, the earlier cohorts'
     * values, realised ones included (so a realised recall is compared with the realised recalls before it).
     *
     * @param metrics  the rows (held-back ones marked) and the anomaly rows
     * @param alerts   rule and anomaly alerts, most severe first
     * @param heldBack the threshold crossings the bands held back
     */
    public record RealisedEvaluation(List<MetricRow> metrics, List<Alert> alerts,
                                     List<AlertEvaluator.HeldBack> heldBack) {
    }

    /** See {@link RealisedEvaluation}. */
    public RealisedEvaluation realised(PerformanceSection section, MetricHistory history) {
        List<MetricRow> rows = MetricRows.ofPerformance(section).stream()
                .filter(r -> !MetricRow.REFERENCE_CATEGORY.equals(r.category())).toList();
        AlertEvaluator.Decision decision = AlertEvaluator.of(config).decide(rows);
        List<Alert> alerts = new ArrayList<>(decision.alerts());
        List<MetricRow> metrics = AlertEvaluator.markHeld(rows, decision);
        metrics.addAll(AnomalyScan.scan(metrics, history, config.anomaly(), config.noiseBands().sigma(), alerts));
        alerts.sort(Comparator.comparing(Alert::severity));
        return new RealisedEvaluation(metrics, alerts, decision.heldBack());
    }

    /** All parts in one process (the CLI), without history. */
    public RunResult run(RunInfo info, ReferenceProfile profile, ColumnBatch current) {
        return run(info, profile, current, MetricHistory.empty());
    }

    /** All parts in one process (the CLI), with the metric history of earlier runs for anomaly detection. */
    public RunResult run(RunInfo info, ReferenceProfile profile, ColumnBatch current, MetricHistory history) {
        long t0 = System.nanoTime();
        // the sections are independent: their serial parts overlap with the parallel column loops
        CompletableFuture<PerformanceSection> p = CompletableFuture.supplyAsync(() -> performance(profile, current));
        CompletableFuture<QualityReport> q = CompletableFuture.supplyAsync(() -> quality(current));
        DriftSection d = drift(profile, current);
        return assemble(info, profile.rows(), current.rowCount(), d, Futures.join(p), Futures.join(q),
                (System.nanoTime() - t0) / 1_000_000, history);
    }
}
