package io.modelwatch.report.service;

import io.modelwatch.core.config.Severity;
import io.modelwatch.core.estimation.Estimate;
import io.modelwatch.core.estimation.EstimatedPerformance;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.report.CsvExport;
import io.modelwatch.core.report.HtmlReport;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.report.domain.RunEstimate;
import io.modelwatch.report.domain.RunReport;
import io.modelwatch.report.repository.RunEstimateRepository;
import io.modelwatch.report.repository.RunReportRepository;
import io.modelwatch.support.compute.RunAssembly;
import io.modelwatch.support.messaging.InboundEvents.Outcome;
import io.modelwatch.support.repository.RunSections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a run once all its sections have arrived: the core assembles it and writes the same
 * {@code snapshot.json}, {@code report.html} and {@code metrics.csv} the CLI writes into its folder, and the
 * run's row of the dashboard's run index. When the cohort's labels mature ({@code metrics.performance.realised})
 * the run is assembled again with the realised performance section in place of the day-0 one and everything is
 * rendered again, so the report, the snapshot and the dashboard show the realised figures.
 */
@ApplicationScoped
public class ReportRendering {

    /** The kind under which the realised performance section is kept beside the day-0 one. */
    static final String REALISED = Channels.METRICS_PERFORMANCE_REALISED.substring("metrics.".length());

    private final RunSections sections;
    private final RunAssembly assembly;
    private final RunReportRepository reports;
    private final RunEstimateRepository estimates;

    public ReportRendering(RunSections sections, RunAssembly assembly, RunReportRepository reports,
                           RunEstimateRepository estimates) {
        this.sections = sections;
        this.assembly = assembly;
        this.reports = reports;
        this.estimates = estimates;
    }

    @Transactional
    public Outcome onMetrics(MetricsComputed event) {
        boolean isNew = sections.add(event);
        if (!isNew || reports.findByIdOptional(event.runId()).isPresent()) {
            return new Outcome(event.runId(), true);
        }
        sections.complete(event.runId()).ifPresent(this::render);
        return new Outcome(event.runId(), false);
    }

    /**
     * The realised performance of the run's cohort: kept beside the day-0 section, and the run rendered again if
     * its other sections are in (otherwise when they arrive). Idempotent: a redelivery changes nothing.
     */
    @Transactional
    public Outcome onRealised(MetricsComputed event) {
        if (!sections.add(event, REALISED)) {
            return new Outcome(event.runId(), true);
        }
        sections.complete(event.runId()).ifPresent(this::render);
        return new Outcome(event.runId(), false);
    }

    /** Assembles and stores the run from its sections, the realised performance in place of day 0's if it came. */
    private void render(Map<String, MetricsComputed> received) {
        Map<String, MetricsComputed> parts = new LinkedHashMap<>(received);
        MetricsComputed realised = parts.remove(REALISED);
        if (realised != null) {
            parts.put(MetricsComputed.PERFORMANCE, realised);
            MetricsComputed drift = parts.get(MetricsComputed.DRIFT);
            // the run as the labels' event describes it (it names the labels' source)
            parts.put(MetricsComputed.DRIFT, new MetricsComputed(drift.schemaVersion(), drift.eventId(), drift.runId(),
                    drift.kind(), realised.run(), drift.referenceRows(), drift.currentRows(), drift.section(),
                    drift.metricRows(), drift.traceparent()));
        }
        RunResult result = assembly.assemble(parts);
        String runId = result.run().runId();
        Optional<RunReport> existing = reports.findByIdOptional(runId);
        RunReport r = existing.orElseGet(RunReport::new);
        r.runId = runId;
        r.modelId = result.run().modelId();
        r.snapshotDate = result.run().snapshotDate();
        r.snapshotJson = Json.pretty(result);
        r.reportHtml = HtmlReport.render(result);
        r.metricsCsv = CsvExport.metrics(result.metrics());
        r.alertCount = result.alerts().size();
        r.alertsHigh = count(result, Severity.HIGH);
        r.alertsMedium = count(result, Severity.MEDIUM);
        r.alertsLow = count(result, Severity.LOW);
        r.startedAt = result.run().startedAt();
        r.currentRows = result.run().currentRows();
        r.labelledRows = result.run().labelledRows();
        r.labelCoverage = result.concept() == null ? null : result.concept().labelCoverage();
        r.referenceSource = result.run().inputs().reference();
        r.referenceVersion = result.run().referenceVersion() == null ? null : String.valueOf(result.run().referenceVersion());
        if (existing.isEmpty()) {
            r.createdAt = Instant.now();
            reports.persist(r);
        }
        if (realised != null) {
            r.realisedAt = Instant.now();
        }
        storeEstimates(result);
    }

    private void storeEstimates(RunResult result) {
        estimates.delete("runId", result.run().runId());
        EstimatedPerformance e = result.estimatedPerformance();
        if (e == null) {
            return;
        }
        estimate(result, "accuracy", e.accuracy());
        estimate(result, "precision", e.precision());
        estimate(result, "recall", e.recall());
        estimate(result, "f1", e.f1());
        estimate(result, "specificity", e.specificity());
        estimate(result, "roc_auc", e.rocAuc());
    }

    private void estimate(RunResult result, String metric, Estimate value) {
        if (value == null || !Double.isFinite(value.value())) {
            return;
        }
        RunEstimate row = new RunEstimate();
        row.runId = result.run().runId();
        row.metric = metric;
        row.modelId = result.run().modelId();
        row.snapshotDate = result.run().snapshotDate();
        row.value = value.value();
        row.lower = value.lower();
        row.upper = value.upper();
        estimates.persist(row);
    }

    private static int count(RunResult r, Severity s) {
        return (int) r.alerts().stream().filter(a -> a.severity() == s).count();
    }
}
