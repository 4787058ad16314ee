package io.modelwatch.report.repository;

import io.modelwatch.report.domain.AlertLogEntry;
import io.modelwatch.report.domain.RunEstimate;
import io.modelwatch.report.domain.RunReport;
import io.modelwatch.support.domain.RunMetric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the dashboard reads, all from report-service's own tables: {@code run_report} (the run index and each
 * run's snapshot), {@code run_metrics} (every defined metric of every assembled run, realised figures once the
 * cohort matured), {@code run_estimate} and {@code alert_log}.
 */
@ApplicationScoped
public class DashboardQueries {

    private final EntityManager em;

    public DashboardQueries(EntityManager em) {
        this.em = em;
    }

    /** A model with runs here: its id, how many runs and the latest snapshot date. */
    public record ModelRow(String modelId, long runs, LocalDate latest) {
    }

    /** One point of a metric's history. */
    public record Point(LocalDate date, String runId, double value) {
    }

    /** A metric the model has history for. */
    public record MetricKey(String category, String name, String column, String segment) {
        public String metric() {
            return category + "/" + name;
        }
    }

    public List<ModelRow> models() {
        List<ModelRow> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select model_id, count(*), max(snapshot_date) from {h-schema}run_report group by model_id order by model_id
                """).getResultList();
        for (Object[] r : rows) {
            out.add(new ModelRow((String) r[0], ((Number) r[1]).longValue(), date(r[2])));
        }
        return out;
    }

    /** The model's runs, newest first (by snapshot date, then start time). */
    public List<RunReport> runs(String modelId, int limit) {
        return em.createQuery("from RunReport r where r.modelId = ?1 order by r.snapshotDate desc, r.startedAt desc, r.runId desc",
                        RunReport.class)
                .setParameter(1, modelId).setMaxResults(limit).getResultList();
    }

    /** The model's runs of one snapshot date, newest first. */
    public List<RunReport> runsOn(String modelId, LocalDate date) {
        return em.createQuery("from RunReport r where r.modelId = ?1 and r.snapshotDate = ?2 order by r.startedAt desc, r.runId desc",
                        RunReport.class)
                .setParameter(1, modelId).setParameter(2, date).getResultList();
    }

    /** The model's latest run on or before {@code date}. */
    public List<RunReport> runsUpTo(String modelId, LocalDate date, int limit) {
        return em.createQuery("from RunReport r where r.modelId = ?1 and r.snapshotDate <= ?2 "
                                + "order by r.snapshotDate desc, r.startedAt desc, r.runId desc", RunReport.class)
                .setParameter(1, modelId).setParameter(2, date).setMaxResults(limit).getResultList();
    }

    /** Every metric row of the given runs. */
    public List<RunMetric> metricsOf(List<String> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("from RunMetric m where m.runId in ?1 order by m.id", RunMetric.class)
                .setParameter(1, runIds).getResultList();
    }

    /**
     * A metric's history for the model since {@code since} (inclusive), oldest first. {@code column} and
     * {@code segment} must match exactly (null matches rows without one).
     */
    public List<Point> series(String modelId, String category, String name, String column, String segment,
                              LocalDate since) {
        List<Point> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select m.snapshot_date, m.run_id, m.value from {h-schema}run_metrics m
                        where m.model_id = ?1 and m.category = ?2 and m.name = ?3
                          and m."column" is not distinct from cast(?4 as text) and m.segment is not distinct from cast(?5 as text)
                          and m.snapshot_date >= ?6
                        order by m.snapshot_date, m.started_at, m.id
                        """)
                .setParameter(1, modelId).setParameter(2, category).setParameter(3, name)
                .setParameter(4, column).setParameter(5, segment).setParameter(6, since)
                .getResultList();
        for (Object[] r : rows) {
            out.add(new Point(date(r[0]), (String) r[1], ((Number) r[2]).doubleValue()));
        }
        return out;
    }

    /** Every (category, name, column, segment) the model has history for since {@code since}. */
    public List<MetricKey> catalogue(String modelId, LocalDate since) {
        List<MetricKey> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select distinct category, name, "column", segment from {h-schema}run_metrics
                        where model_id = ?1 and snapshot_date >= ?2
                        order by category, name, "column" nulls first, segment nulls first
                        """)
                .setParameter(1, modelId).setParameter(2, since).getResultList();
        for (Object[] r : rows) {
            out.add(new MetricKey((String) r[0], (String) r[1], (String) r[2], (String) r[3]));
        }
        return out;
    }

    public List<RunEstimate> estimates(String modelId, String metric, LocalDate since) {
        return em.createQuery("from RunEstimate e where e.modelId = ?1 and e.metric = ?2 and e.snapshotDate >= ?3 "
                        + "order by e.snapshotDate", RunEstimate.class)
                .setParameter(1, modelId).setParameter(2, metric).setParameter(3, since).getResultList();
    }

    /** Filters of the alert log; a null field does not filter. */
    public record AlertFilter(String severity, String metric, String column, String segment, Instant since,
                              String runId, int limit) {
    }

    /** The model's alerts, newest run date first. {@code metric} matches {@code category/metric} or the metric name alone. */
    public List<AlertLogEntry> alerts(String modelId, AlertFilter f) {
        StringBuilder q = new StringBuilder("from AlertLogEntry a where a.modelId = :model");
        if (f.severity() != null) {
            q.append(" and a.severity = :severity");
        }
        if (f.metric() != null) {
            q.append(" and (a.metric = :metric or concat(a.category, '/', a.metric) = :metric)");
        }
        if (f.column() != null) {
            q.append(" and a.column = :column");
        }
        if (f.segment() != null) {
            q.append(" and a.segment = :segment");
        }
        if (f.since() != null) {
            // an alert belongs to its run's date; one without a run to the day it was raised
            q.append(" and (a.runDate >= :sinceDate or (a.runDate is null and a.raisedAt >= :since))");
        }
        if (f.runId() != null) {
            q.append(" and a.runId = :runId");
        }
        q.append(" order by a.runDate desc nulls first, a.id desc");
        var query = em.createQuery(q.toString(), AlertLogEntry.class).setParameter("model", modelId);
        if (f.severity() != null) {
            query.setParameter("severity", f.severity());
        }
        if (f.metric() != null) {
            query.setParameter("metric", f.metric());
        }
        if (f.column() != null) {
            query.setParameter("column", f.column());
        }
        if (f.segment() != null) {
            query.setParameter("segment", f.segment());
        }
        if (f.since() != null) {
            query.setParameter("since", f.since());
            query.setParameter("sinceDate", f.since().atZone(java.time.ZoneOffset.UTC).toLocalDate());
        }
        if (f.runId() != null) {
            query.setParameter("runId", f.runId());
        }
        return query.setMaxResults(f.limit()).getResultList();
    }

    private static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof Date d ? d.toLocalDate() : (LocalDate) o;
    }
}
