package io.modelwatch.support.repository;

import io.modelwatch.core.anomaly.AnomalyScan;
import io.modelwatch.core.anomaly.MetricHistory;
import io.modelwatch.core.anomaly.MultivariateAnomalyScan;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.RunInfo;
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

    /** Rows per INSERT statement (9 parameters each, well under PostgreSQL's 65,535). */
    static final int INSERT_CHUNK = 500;

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
        return history(runIds);
    }

    /** The rows of these runs (newest first), as a history oldest first. */
    private MetricHistory history(List<String> runIds) {
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
     * The metric rows of the model's last {@code window} runs dated before {@code run} (earlier cohorts), oldest
     * first: the history a cohort's realised performance is compared with, when its labels mature long after runs
     * of later dates were assembled (those have no realised values yet).
     */
    public MetricHistory cohortsBefore(RunInfo run, int window) {
        if (window <= 0) {
            return MetricHistory.empty();
        }
        List<String> runIds = getEntityManager().createQuery(
                        "select m.runId from RunMetric m where m.modelId = ?1 and m.runId <> ?2 and m.snapshotDate < ?3"
                                + " group by m.runId order by max(m.snapshotDate) desc, max(m.startedAt) desc, m.runId desc",
                        String.class)
                .setParameter(1, run.modelId()).setParameter(2, run.runId()).setParameter(3, run.snapshotDate())
                .setMaxResults(window).getResultList();
        return history(runIds);
    }

    /**
     * Adds a run's later rows (its cohort's realised performance), replacing the run's stored rows of the same
     * categories: a redelivery stores them once, and the day-0 {@code concept}/{@code segment}/{@code importance}
     * rows give way to the labelled ones. Runs in the caller's transaction.
     */
    public void supersede(RunInfo run, List<MetricRow> rows) {
        List<String> categories = rows.stream().map(MetricRow::category).distinct().toList();
        if (!categories.isEmpty()) {
            delete("runId = ?1 and category in ?2", run.runId(), categories);
        }
        insert(run, rows);
    }

    /**
     * Stores the run's defined metric values, anomaly rows excluded but the isolation-forest score (the dashboard's
     * trends page charts it), replacing any stored for the same run
     * (a redelivered run is stored once). Runs in the caller's transaction.
     */
    public void record(RunInfo run, List<MetricRow> rows) {
        delete("runId", run.runId());
        insert(run, rows);
    }

    private void insert(RunInfo run, List<MetricRow> rows) {
        List<MetricRow> kept = rows.stream().filter(r -> (!AnomalyScan.CATEGORY.equals(r.category())
                        || MultivariateAnomalyScan.SCORE.equals(r.name()))
                && r.value() != null && Double.isFinite(r.value())).toList();
        // one multi-row insert per INSERT_CHUNK rows: a run has a few hundred rows, and one statement per row
        // (what persist() does with identity keys) made this the slowest step of assembling a run
        for (int from = 0; from < kept.size(); from += INSERT_CHUNK) {
            List<MetricRow> chunk = kept.subList(from, Math.min(kept.size(), from + INSERT_CHUNK));
            StringBuilder sql = new StringBuilder("insert into {h-schema}run_metrics (model_id, run_id, snapshot_date, "
                    + "started_at, category, name, \"column\", segment, value) values ");
            for (int i = 0; i < chunk.size(); i++) {
                int p = 9 * i;
                sql.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT,
                        "(?%d, ?%d, ?%d, cast(?%d as timestamptz), ?%d, ?%d, cast(?%d as text), cast(?%d as text), ?%d)",
                        p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7, p + 8, p + 9));
            }
            var query = getEntityManager().createNativeQuery(sql.toString());
            for (int i = 0; i < chunk.size(); i++) {
                MetricRow r = chunk.get(i);
                int p = 9 * i;
                query.setParameter(p + 1, run.modelId()).setParameter(p + 2, run.runId())
                        .setParameter(p + 3, run.snapshotDate())
                        .setParameter(p + 4, run.startedAt() == null ? null : run.startedAt().atOffset(java.time.ZoneOffset.UTC))
                        .setParameter(p + 5, r.category()).setParameter(p + 6, r.name())
                        .setParameter(p + 7, r.column()).setParameter(p + 8, r.segment()).setParameter(p + 9, r.value());
            }
            query.executeUpdate();
        }
    }

    public long countForRun(String runId) {
        return count("runId", runId);
    }
}
