package io.modelwatch.alert.service;

import io.modelwatch.alert.domain.MonitoredModel;
import io.modelwatch.alert.repository.AlertStateRepository;
import io.modelwatch.alert.repository.MonitoredModelRepository;
import io.modelwatch.core.config.Severity;
import io.modelwatch.support.metrics.ModelGauge;
import io.modelwatch.support.metrics.ModelGauges;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The model gauges alert-service owns, read from its tables: {@code modelwatch_model_alerts{model,severity}}, the
 * open alerts of each model by severity (0 for a severity without any), and
 * {@code modelwatch_model_last_success_timestamp_seconds{model}}, when the model's last run completed here (the
 * instant the dead-man's switch measures from). Read at start and again after every evaluation, so they survive
 * a restart and never drift from the tables.
 */
@ApplicationScoped
public class AlertGauges {

    private final ModelGauges gauges;
    private final AlertStateRepository states;
    private final MonitoredModelRepository models;

    public AlertGauges(ModelGauges gauges, AlertStateRepository states, MonitoredModelRepository models) {
        this.gauges = gauges;
        this.states = states;
        this.models = models;
    }

    void onStart(@Observes StartupEvent start) {
        refresh();
    }

    /** Reads the open alerts and the last completed runs, and sets the gauges. */
    public void refresh() {
        Snapshot s = QuarkusTransaction.requiringNew().call(() -> new Snapshot(
                states.getEntityManager().createQuery(
                        "select s.modelId, s.severity, count(s) from AlertState s where s.open = true"
                                + " group by s.modelId, s.severity", Object[].class).getResultList(),
                models.listAll()));
        Map<String, Map<Severity, Long>> open = new HashMap<>();
        for (Object[] row : s.openCounts()) {
            open.computeIfAbsent((String) row[0], k -> new HashMap<>()).put((Severity) row[1], ((Number) row[2]).longValue());
        }
        TreeSet<String> modelIds = new TreeSet<>(open.keySet());
        for (MonitoredModel m : s.models()) {
            modelIds.add(m.modelId);
            gauges.set(ModelGauge.LAST_SUCCESS, null, m.lastCompletedAt.toEpochMilli() / 1000.0, m.modelId);
        }
        for (String model : modelIds) {
            Map<Severity, Long> counts = open.getOrDefault(model, Map.of());
            for (Severity severity : Severity.values()) {
                gauges.set(ModelGauge.ALERTS, null, counts.getOrDefault(severity, 0L), model, severity.name());
            }
        }
    }

    private record Snapshot(List<Object[]> openCounts, List<MonitoredModel> models) {
    }
}
