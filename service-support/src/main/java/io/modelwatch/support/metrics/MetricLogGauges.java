package io.modelwatch.support.metrics;

import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.RunInfo;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

/**
 * The model gauges a service's own {@code metrics_log} rows give (drift-service: PSI and drift score per column;
 * performance-service: realised and estimated recall and precision, churn rate): set from the stored latest rows
 * at start, so they survive a restart, and from each run's rows once they are committed. Which row feeds which
 * gauge is {@link #gauge}; a service whose rows feed none (ingest's quality rows) shows none.
 */
@ApplicationScoped
public class MetricLogGauges {

    private static final Logger LOG = Logger.getLogger(MetricLogGauges.class);

    /** The latest defined, unsegmented row of every (model, category, name, column) that can feed a gauge. */
    private static final String LATEST = """
            select distinct on (model_id, metric_category, metric_name, "column")
                   model_id, metric_category, metric_name, "column", snapshot_date, metric_value
            from {h-schema}metrics_log
            where segment is null and metric_value is not null
              and metric_category in ('psi', 'drift', 'performance', 'estimated_performance', 'concept')
            order by model_id, metric_category, metric_name, "column", snapshot_date desc, created_at desc, id desc
            """;

    private final ModelGauges gauges;
    private final EntityManager em;
    private final boolean fromMetricsLog;

    public MetricLogGauges(ModelGauges gauges, EntityManager em,
                           @ConfigProperty(name = "modelwatch.model-gauges.metrics-log", defaultValue = "false")
                           boolean fromMetricsLog) {
        this.gauges = gauges;
        this.em = em;
        this.fromMetricsLog = fromMetricsLog;
    }

    /** The gauge and label values (after the model) a metric row feeds, or null. */
    static Target gauge(String category, String name, String column, String segment) {
        if (segment != null) {
            return null;
        }
        return switch (category) {
            case "psi" -> column == null ? null : new Target(ModelGauge.PSI, column);
            case "drift" -> column == null ? null : new Target(ModelGauge.DRIFT_SCORE, column);
            case "performance", "estimated_performance" -> {
                String kind = category.equals("performance") ? ModelGauge.REALISED : ModelGauge.ESTIMATED;
                yield switch (name) {
                    case "recall" -> new Target(ModelGauge.RECALL, kind);
                    case "precision" -> new Target(ModelGauge.PRECISION, kind);
                    default -> null;
                };
            }
            case "concept" -> "churn_rate".equals(name) ? new Target(ModelGauge.CHURN_RATE) : null;
            default -> null;
        };
    }

    /** A run's rows, once stored: the gauges they feed show them unless a later date already shows. */
    public void record(RunInfo run, List<MetricRow> rows) {
        for (MetricRow r : rows) {
            if (r.value() != null && Double.isFinite(r.value())) {
                apply(run.modelId(), run.snapshotDate(), gauge(r.category(), r.name(), r.column(), r.segment()), r.value());
            }
        }
    }

    /** At start: the latest stored row of every series (in services that keep a metrics log and opt in). */
    void onStart(@Observes StartupEvent start) {
        if (!fromMetricsLog) {
            return;
        }
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(LATEST).getResultList());
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            LocalDate date = r[4] instanceof Date d ? d.toLocalDate() : (LocalDate) r[4];
            apply((String) r[0], date, gauge((String) r[1], (String) r[2], (String) r[3], null),
                    ((Number) r[5]).doubleValue());
        }
        LOG.debugf("model gauges: %d stored series", rows.size());
    }

    private void apply(String model, LocalDate date, Target target, double value) {
        if (target == null) {
            return;
        }
        String[] labels = new String[target.labels().size() + 1];
        labels[0] = model;
        for (int i = 0; i < target.labels().size(); i++) {
            labels[i + 1] = target.labels().get(i);
        }
        gauges.set(target.gauge(), date, value, labels);
    }

    /** A gauge and its label values after {@code model}. */
    record Target(ModelGauge gauge, List<String> labels) {
        Target(ModelGauge gauge, String... labels) {
            this(gauge, List.of(labels));
        }
    }
}
