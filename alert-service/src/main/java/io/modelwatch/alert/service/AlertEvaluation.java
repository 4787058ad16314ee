package io.modelwatch.alert.service;

import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.alert.repository.AlertRepository;
import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.events.AlertRaised;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.events.TraceContext;
import io.modelwatch.core.run.RunInfo;
import io.modelwatch.core.run.RunResult;
import io.modelwatch.support.compute.RunAssembly;
import io.modelwatch.support.domain.PublishedEvent;
import io.modelwatch.support.messaging.EventCodec;
import io.modelwatch.support.messaging.InboundEvents.Outcome;
import io.modelwatch.support.messaging.OutgoingEvents;
import io.modelwatch.support.repository.EventLedger;
import io.modelwatch.support.repository.RunSections;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Evaluates a run's alert rules once all its sections have arrived: the core assembles the run and applies
 * the configured rules (the same alerts the CLI prints), each alert is stored once per (run, key), then
 * announced as {@code alert.raised} and handed to {@link AlertDelivery}.
 */
@ApplicationScoped
public class AlertEvaluation {

    static final String EVALUATED = "alerts.evaluated";
    private static final Logger LOG = Logger.getLogger(AlertEvaluation.class);

    private final RunSections sections;
    private final RunAssembly assembly;
    private final AlertRepository alerts;
    private final EventLedger ledger;
    private final EventCodec codec;
    private final AlertDelivery delivery;
    /** Delivery talks to remote peers: never on the event loop that confirms the publication. */
    private final ManagedExecutor workers;
    private final Emitter<String> raised;

    public AlertEvaluation(RunSections sections, RunAssembly assembly, AlertRepository alerts, EventLedger ledger,
                           EventCodec codec, AlertDelivery delivery, ManagedExecutor workers,
                           @Channel(Channels.ALERTS_OUT) Emitter<String> raised) {
        this.sections = sections;
        this.assembly = assembly;
        this.alerts = alerts;
        this.ledger = ledger;
        this.codec = codec;
        this.delivery = delivery;
        this.workers = workers;
        this.raised = raised;
    }

    public CompletionStage<Outcome> onMetrics(MetricsComputed event) {
        List<PublishedEvent> published = QuarkusTransaction.requiringNew().call(() -> {
            boolean isNew = sections.add(event);
            if (!isNew || ledger.previous(event.runId(), EVALUATED).isPresent()) {
                return null;
            }
            var complete = sections.complete(event.runId());
            if (complete.isEmpty()) {
                return List.<PublishedEvent>of();
            }
            RunResult result = assembly.assemble(complete.get());
            List<PublishedEvent> out = store(event.run(), result.alerts(), event.traceparent());
            ledger.record(event.runId(), EVALUATED, event.eventId(), out);
            return out;
        });
        if (published == null) {
            return CompletableFuture.completedFuture(new Outcome(event.runId(), true));
        }
        return OutgoingEvents.publish(raised, published).thenApplyAsync(x -> {
            for (PublishedEvent p : published) {
                try {
                    delivery.deliver(codec.read(p.json(), AlertRaised.class));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "alert delivery failed for run %s (the alert is stored and announced)", event.runId());
                }
            }
            return new Outcome(event.runId(), false);
        }, workers);
    }

    private List<PublishedEvent> store(RunInfo run, List<Alert> raisedAlerts, String traceparent) {
        Map<String, Alert> unique = new LinkedHashMap<>();
        for (Alert a : raisedAlerts) {
            unique.putIfAbsent(a.key() + "/" + a.severity(), a);
        }
        List<PublishedEvent> out = new ArrayList<>();
        Instant now = Instant.now();
        for (Alert a : unique.values()) {
            AlertRecord r = new AlertRecord();
            r.runId = run.runId();
            r.modelId = run.modelId();
            r.snapshotDate = run.snapshotDate();
            r.alertKey = a.key();
            r.severity = a.severity().name();
            r.rule = a.rule();
            r.metricCategory = a.category();
            r.metricName = a.metric();
            r.column = a.column();
            r.segment = a.segment();
            r.metricValue = a.value() == null || a.value().isNaN() ? null : a.value();
            r.threshold = a.threshold();
            r.estimated = a.estimated();
            r.message = a.message();
            r.createdAt = now;
            alerts.persist(r);
            AlertRaised e = AlertRaised.of(run.runId(), run.modelId(), run.snapshotDate(), a, TraceContext.child(traceparent));
            out.add(new PublishedEvent(AlertRaised.TYPE, e.eventId(), e.traceparent(), codec.encode(e)));
        }
        return out;
    }
}
