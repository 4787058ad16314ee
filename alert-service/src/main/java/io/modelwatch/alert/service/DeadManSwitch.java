package io.modelwatch.alert.service;

import io.modelwatch.alert.delivery.OutboxRelay;
import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.alert.repository.MonitoredModelRepository;
import io.modelwatch.support.compute.ModelPipelines;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dead-man's switch: every {@code modelwatch.alerts.dead-man.check-every}, each model whose last run
 * completed {@code modelwatch.alerts.dead-man.deadline} ago (default 26 h) or longer gets a HIGH alert,
 * stored and delivered like any other and deduplicated by the cooldown; the next run that completes
 * resolves it. A model is known from its first completed run; one that never ran here is not watched.
 */
@ApplicationScoped
public class DeadManSwitch {

    private final MonitoredModelRepository models;
    private final AlertRecorder recorder;
    private final ModelPipelines pipelines;
    private final OutboxRelay relay;
    private final Clock clock;
    private final AlertGauges gauges;

    public DeadManSwitch(MonitoredModelRepository models, AlertRecorder recorder, ModelPipelines pipelines,
                         OutboxRelay relay, Clock clock, AlertGauges gauges) {
        this.models = models;
        this.recorder = recorder;
        this.pipelines = pipelines;
        this.relay = relay;
        this.clock = clock;
        this.gauges = gauges;
    }

    @Scheduled(identity = "dead-man-switch", every = "${modelwatch.alerts.dead-man.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        checkAll(clock.instant());
    }

    /** Checks every known model at {@code now}; returns the alerts raised. */
    public List<AlertRecord> checkAll(Instant now) {
        List<String> ids = QuarkusTransaction.requiringNew().call(models::modelIds);
        List<AlertRecord> raised = new ArrayList<>();
        for (String id : ids) {
            check(id, now).ifPresent(raised::add);
        }
        if (!raised.isEmpty()) {
            gauges.refresh();
        }
        return raised;
    }

    /** Checks one model at {@code now}, in its own transaction; delivers at once what it raised. */
    public Optional<AlertRecord> check(String modelId, Instant now) {
        // notified where the model's last completed run was (the configuration of its reference version)
        Optional<AlertRecord> raised = QuarkusTransaction.requiringNew().call(() -> recorder.checkDeadline(modelId, now,
                reference -> pipelines.forReference(reference).config().notifications()));
        raised.ifPresent(r -> relay.nudge());
        return raised;
    }
}
