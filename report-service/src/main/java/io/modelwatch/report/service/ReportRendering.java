package io.modelwatch.report.service;

import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.report.CsvExport;
import io.modelwatch.core.report.HtmlReport;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.run.RunResult;
import io.modelwatch.report.domain.RunReport;
import io.modelwatch.report.repository.RunReportRepository;
import io.modelwatch.support.compute.RunAssembly;
import io.modelwatch.support.messaging.InboundEvents.Outcome;
import io.modelwatch.support.repository.RunSections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Renders a run once all its sections have arrived: the core assembles it and writes the same
 * {@code snapshot.json}, {@code report.html} and {@code metrics.csv} the CLI writes into its folder.
 */
@ApplicationScoped
public class ReportRendering {

    private final RunSections sections;
    private final RunAssembly assembly;
    private final RunReportRepository reports;

    public ReportRendering(RunSections sections, RunAssembly assembly, RunReportRepository reports) {
        this.sections = sections;
        this.assembly = assembly;
        this.reports = reports;
    }

    @Transactional
    public Outcome onMetrics(MetricsComputed event) {
        boolean isNew = sections.add(event);
        if (!isNew || reports.findByIdOptional(event.runId()).isPresent()) {
            return new Outcome(event.runId(), true);
        }
        var complete = sections.complete(event.runId());
        if (complete.isPresent()) {
            RunResult result = assembly.assemble(complete.get());
            RunReport r = new RunReport();
            r.runId = event.runId();
            r.modelId = event.run().modelId();
            r.snapshotDate = event.run().snapshotDate();
            r.snapshotJson = Json.pretty(result);
            r.reportHtml = HtmlReport.render(result);
            r.metricsCsv = CsvExport.metrics(result.metrics());
            r.alertCount = result.alerts().size();
            r.createdAt = Instant.now();
            reports.persist(r);
        }
        return new Outcome(event.runId(), false);
    }
}
