package io.modelwatch.support.repository;

import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.support.domain.MetricLogEntry;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The {@code metrics_log} table of this service: every metric row it computed, per run. */
@ApplicationScoped
public class MetricsLog implements PanacheRepository<MetricLogEntry> {

    public void append(RunInfo run, List<MetricRow> rows) {
        Instant now = Instant.now();
        for (MetricRow r : rows) {
            MetricLogEntry e = new MetricLogEntry();
            e.snapshotDate = run.snapshotDate();
            e.runId = run.runId();
            e.modelId = run.modelId();
            e.metricCategory = r.category();
            e.metricName = r.name();
            e.column = r.column();
            e.segment = r.segment();
            e.metricValue = r.value() == null || r.value().isNaN() || r.value().isInfinite() ? null : r.value();
            e.threshold = r.threshold();
            e.status = r.status();
            e.role = r.role();
            e.bandExpected = r.bandExpected();
            e.bandError = r.bandError();
            e.createdAt = now;
            persist(e);
        }
    }

    public long countForRun(String runId) {
        return count("runId", runId);
    }

    public List<MetricLogEntry> forRun(String runId) {
        return list("runId = ?1 order by id", runId);
    }
}
