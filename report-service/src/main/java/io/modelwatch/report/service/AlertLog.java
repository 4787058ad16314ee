package io.modelwatch.report.service;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.events.AlertRaised;
import io.modelwatch.report.domain.AlertLogEntry;
import io.modelwatch.report.repository.AlertLogRepository;
import io.modelwatch.support.messaging.InboundEvents.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * report-service's copy of the alert log, fed by {@code alert.raised} (alert-service owns the log; the dashboard
 * reads this copy instead of calling alert-service, so a page never waits on another service). An event is
 * stored once ({@code event_id} is unique); {@code raised_at} is when it arrived here (the event carries no time).
 */
@ApplicationScoped
public class AlertLog {

    private final AlertLogRepository alerts;

    public AlertLog(AlertLogRepository alerts) {
        this.alerts = alerts;
    }

    @Transactional
    public Outcome record(AlertRaised event) {
        if (alerts.count("eventId", event.eventId()) > 0) {
            return new Outcome(event.runId(), true);
        }
        Alert a = event.alert();
        AlertLogEntry e = new AlertLogEntry();
        e.eventId = event.eventId();
        e.runId = event.runId();
        e.modelId = event.modelId();
        e.runDate = event.date();
        e.severity = a.severity().name();
        e.rule = a.rule() == null ? "" : a.rule();
        e.category = a.category() == null ? "" : a.category();
        e.metric = a.metric();
        e.column = a.column();
        e.segment = a.segment();
        e.value = a.value() == null || !Double.isFinite(a.value()) ? null : a.value();
        e.threshold = a.threshold();
        e.estimated = a.estimated();
        e.message = a.message() == null ? "" : a.message();
        e.raisedAt = Instant.now();
        alerts.persist(e);
        return new Outcome(event.runId(), false);
    }
}
