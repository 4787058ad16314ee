package io.modelwatch.support.repository;

import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.support.domain.MetricLogEntry;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** The {@code metrics_log} table of this service: every metric row it computed, per run. */
@ApplicationScoped
public class MetricsLog implements PanacheRepository<MetricLogEntry> {

    /** Rows per INSERT statement (14 parameters each, well under PostgreSQL's 65,535). */
    static final int INSERT_CHUNK = 500;

    /**
     * Stores the run's metric rows in the caller's transaction, in their order (ids ascending), non-finite values
     * as null. One multi-row insert per {@value #INSERT_CHUNK} rows: a drift section has several hundred rows,
     * and one statement per row (what {@code persist} does with identity keys) cost a round trip each.
     */
    public void append(RunInfo run, List<MetricRow> rows) {
        OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
        for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
            List<MetricRow> chunk = rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK));
            StringBuilder sql = new StringBuilder("insert into {h-schema}metrics_log (snapshot_date, run_id, model_id,"
                    + " metric_category, metric_name, \"column\", segment, metric_value, threshold, status, role,"
                    + " band_expected, band_error, created_at) values ");
            for (int i = 0; i < chunk.size(); i++) {
                int p = 14 * i;
                sql.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                        "(?%d, ?%d, ?%d, ?%d, ?%d, cast(?%d as text), cast(?%d as text), cast(?%d as double precision),"
                                + " cast(?%d as double precision), ?%d, cast(?%d as text), cast(?%d as double precision),"
                                + " cast(?%d as double precision), cast(?%d as timestamptz))",
                        p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7, p + 8, p + 9, p + 10, p + 11, p + 12, p + 13,
                        p + 14));
            }
            var query = getEntityManager().createNativeQuery(sql.toString());
            for (int i = 0; i < chunk.size(); i++) {
                MetricRow r = chunk.get(i);
                int p = 14 * i;
                query.setParameter(p + 1, run.snapshotDate()).setParameter(p + 2, run.runId())
                        .setParameter(p + 3, run.modelId()).setParameter(p + 4, r.category())
                        .setParameter(p + 5, r.name()).setParameter(p + 6, r.column()).setParameter(p + 7, r.segment())
                        .setParameter(p + 8, finite(r.value())).setParameter(p + 9, r.threshold())
                        .setParameter(p + 10, r.status()).setParameter(p + 11, r.role())
                        .setParameter(p + 12, r.bandExpected()).setParameter(p + 13, r.bandError())
                        .setParameter(p + 14, now);
            }
            query.executeUpdate();
        }
    }

    private static Double finite(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : value;
    }

    public long countForRun(String runId) {
        return count("runId", runId);
    }

    public List<MetricLogEntry> forRun(String runId) {
        return list("runId = ?1 order by id", runId);
    }
}
