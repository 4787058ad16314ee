package io.modelwatch.support.repository;

import io.modelwatch.core.anomaly.AnomalyScan;
import io.modelwatch.core.anomaly.MetricHistory;
import io.modelwatch.core.run.MetricRow;
import io.modelwatch.core.run.RunInfo;
import io.modelwatch.support.domain.RunMetric;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code run_metrics} table of this service: the metric rows of the runs it assembled, per model, read back
 * as the {@link MetricHistory} of the model's earlier runs (what the CLI reads from its {@code --history} file).
 */
@ApplicationScoped
public class RunHistory implements PanacheRepository<RunMetric> {

    /**
     * The metric rows of the model's last {@code window} runs other than {@code run}, oldest first
     * (by snapshot date, then start time).
     */
    public MetricHistory before(RunInfo run, int window) {
        if (window <= 0) {
            return MetricHistory.empty();
        }
        List<String> runIds = getEntityManager().createQuery(
                        "select m.runId from RunMetric m where m.modelId = ?1 and m.runId <> ?2"
                                + " group by m.runId order by max(m.snapshotDate) desc, max(m.startedAt) desc, m.runId desc",
                        String.class)
                .setParameter(1, run.modelId()).setParameter(2, run.runId())
                .setMaxResults(window).getResultList();
        if (runIds.isEmpty()) {
            return MetricHistory.empty();
        }
        Map<String, List<MetricRow>> byRun = new LinkedHashMap<>();
        for (int i = runIds.size() - 1; i >= 0; i--) {
            byRun.put(runIds.get(i), new ArrayList<>());
        }
        for (RunMetric m : list("runId in ?1 order by id", runIds)) {
            byRun.get(m.runId).add(new MetricRow(m.category, m.name, m.column, m.segment, m.value, null, MetricRow.OK));
        }
        return MetricHistory.of(new ArrayList<>(byRun.values()));
    }

    /**
     * Stores the run's defined metric values, anomaly rows excluded, replacing any stored for the same run
     * (a redelivered run is stored once). Runs in the caller's transaction.
     */
    public void record(RunInfo run, List<MetricRow> rows) {
        delete("runId", run.runId());
        for (MetricRow r : rows) {
            if (AnomalyScan.CATEGORY.equals(r.category()) || r.value() == null || !Double.isFinite(r.value())) {
                continue;
            }
            RunMetric m = new RunMetric();
            m.modelId = run.modelId();
            m.runId = run.runId();
            m.snapshotDate = run.snapshotDate();
            m.startedAt = run.startedAt();
            m.category = r.category();
            m.name = r.name();
            m.column = r.column();
            m.segment = r.segment();
            m.value = r.value();
            persist(m);
        }
    }

    public long countForRun(String runId) {
        return count("runId", runId);
    }
}
