package io.modelwatch.alert.service;

import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.alert.delivery.OutboxRelay;
import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.alerts.AlertEvaluator;
import io.modelwatch.core.events.AlertRaised;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.run.MetricRows;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.config.NotificationSettings;
import io.modelwatch.support.compute.ModelPipelines;
import io.modelwatch.support.compute.RunAssembly;
import io.modelwatch.support.domain.PublishedEvent;
import io.modelwatch.support.messaging.EventCodec;
import io.modelwatch.support.messaging.InboundEvents.Outcome;
import io.modelwatch.support.outbox.EventOutbox;
import io.modelwatch.support.outbox.EventRelay;
import io.modelwatch.support.repository.EventLedger;
import io.modelwatch.support.repository.RunHistory;
import io.modelwatch.support.repository.RunSections;
import io.modelwatch.support.telemetry.TraceHeaders;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Evaluates a run's alert rules once all its sections have arrived: the core assembles the run and applies
 * the rules of the configuration of the run's model and reference version (the same alerts the CLI prints), and
 * notifications go where that configuration says; {@link AlertRecorder} stores each alert once per
 * (run, key) and, in the same transaction, queues the notifications deduplication lets through and writes an
 * {@code alert.raised} per alert to the event outbox. After the commit both relays are nudged.
 *
 * <p>A cohort's realised performance ({@code metrics.performance.realised}, when its late labels matured) is
 * evaluated on its own: the configured rules over the rows of that performance section alone, stored and
 * notified the same way, once per run.
 */
@ApplicationScoped
public class AlertEvaluation {

    static final String EVALUATED = "alerts.evaluated";

    private final RunSections sections;
    private final RunAssembly assembly;
    private final RunHistory history;
    private final ModelPipelines pipelines;
    private final AlertRecorder recorder;
    private final EventLedger ledger;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final Clock clock;
    private final EventOutbox outbox;
    private final EventRelay events;
    private final AlertGauges gauges;

    public AlertEvaluation(RunSections sections, RunAssembly assembly, RunHistory history, ModelPipelines pipelines,
                           AlertRecorder recorder, EventLedger ledger, EventCodec codec, OutboxRelay relay, Clock clock,
                           EventOutbox outbox, EventRelay events, AlertGauges gauges) {
        this.sections = sections;
        this.assembly = assembly;
        this.history = history;
        this.pipelines = pipelines;
        this.recorder = recorder;
        this.ledger = ledger;
        this.codec = codec;
        this.relay = relay;
        this.clock = clock;
        this.outbox = outbox;
        this.events = events;
        this.gauges = gauges;
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
            List<AlertRecord> stored = recorder.recordRun(event.run(), result.alerts(), result.metrics(), clock.instant(),
                    routes(event.run()));
            List<PublishedEvent> out = announcements(event.run(), result.alerts(), stored, event.traceparent());
            ledger.record(event.runId(), EVALUATED, event.eventId(), out);
            outbox.enqueue(out);
            return out;
        });
        if (published == null) {
            return CompletableFuture.completedFuture(new Outcome(event.runId(), true));
        }
        relay.nudge();   // notifications committed with the alerts go out now, whatever the bus does
        events.nudge();  // and the alert.raised events committed with them
        gauges.refresh();
        return CompletableFuture.completedFuture(new Outcome(event.runId(), false));
    }

    /**
     * The realised performance of a run's cohort: core {@link MonitoringPipeline#realised} applies the configured
     * rules and no-change bands to the section's metric rows (without the {@code reference/*} baseline) and checks
     * them against the history of earlier cohorts ({@link RunHistory#cohortsBefore}); the rows then join that
     * history ({@link RunHistory#supersede}), and the alerts are stored and notified through the
     * {@link AlertRecorder}, then announced as {@code alert.raised}. Idempotent on (run,
     * {@code metrics.performance.realised}): a redelivery stores and publishes nothing.
     */
    public CompletionStage<Outcome> onRealised(MetricsComputed event) {
        PerformanceSection section = codec.fromTree(event.section(), PerformanceSection.class);
        MonitoringPipeline pipeline = pipelines.forReference(event.run().referenceId());
        List<PublishedEvent> published = QuarkusTransaction.requiringNew().call(() -> {
            recorder.serialise(event.run().modelId());
            if (ledger.previous(event.runId(), Channels.METRICS_PERFORMANCE_REALISED).isPresent()) {
                return null;
            }
            // the core's rules and no-change bands over the section's rows, and its anomaly check against the
            // earlier cohorts; the realised rows then join the model's history for the cohorts after it
            MonitoringPipeline.RealisedEvaluation evaluation = pipeline.realised(section,
                    history.cohortsBefore(event.run(), pipeline.config().anomaly().window()));
            history.supersede(event.run(), evaluation.metrics());
            List<Alert> alerts = evaluation.alerts();
            List<AlertRecord> stored = recorder.recordRealised(event.run(), alerts, clock.instant(),
                    pipeline.config().notifications());
            List<PublishedEvent> out = announcements(event.run(), alerts, stored, event.traceparent());
            ledger.record(event.runId(), Channels.METRICS_PERFORMANCE_REALISED, event.eventId(), out);
            outbox.enqueue(out);
            return out;
        });
        if (published == null) {
            return CompletableFuture.completedFuture(new Outcome(event.runId(), true));
        }
        relay.nudge();
        events.nudge();
        gauges.refresh();
        return CompletableFuture.completedFuture(new Outcome(event.runId(), false));
    }

    /** Where the run's model sends its notifications: the configuration of the run's reference version. */
    private NotificationSettings routes(RunInfo run) {
        return pipelines.forReference(run.referenceId()).config().notifications();
    }

    /** One {@code alert.raised} per stored alert (notified or not: the bus carries the run's alerts). */
    private List<PublishedEvent> announcements(RunInfo run, List<Alert> raisedAlerts, List<AlertRecord> stored,
                                               String traceparent) {
        Map<String, Alert> byKey = new LinkedHashMap<>();
        for (Alert a : raisedAlerts) {
            byKey.putIfAbsent(a.key() + "/" + a.severity(), a);
        }
        List<PublishedEvent> out = new ArrayList<>();
        for (AlertRecord r : stored) {
            Alert a = byKey.get(r.alertKey + "/" + r.severity);
            AlertRaised e = AlertRaised.of(run.runId(), run.modelId(), run.snapshotDate(), a, TraceHeaders.traceparent(traceparent));
            out.add(new PublishedEvent(AlertRaised.TYPE, e.eventId(), e.traceparent(), codec.encode(e)));
        }
        return out;
    }
}
