package io.modelwatch.alert.delivery;

import io.modelwatch.support.notification.DeliveryOutcome;
import io.modelwatch.support.notification.OutboxRelayLoop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.alert.config.AlertSettings;
import io.modelwatch.alert.domain.Notice;
import io.modelwatch.alert.domain.OutboxEntry;
import io.modelwatch.alert.repository.OutboxRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The alert outbox's relay: one {@link OutboxRelayLoop} lane per {@link Notifier} (Slack, email), oldest row
 * first; each row is locked, handed to its notifier and marked in one transaction (see the loop for the
 * guarantees).
 *
 * <p>Runs every {@code modelwatch.alerts.outbox.relay-every}, and at once after an evaluation stored new
 * notifications ({@link #nudge()}).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final List<OutboxRelayLoop.Lane> lanes;
    private final ObjectMapper mapper;
    private final DeliveryMetrics metrics;
    private final ManagedExecutor executor;
    private final OutboxRelayLoop loop;

    public OutboxRelay(OutboxRepository outbox, Instance<Notifier> notifiers, ObjectMapper mapper,
                       AlertSettings settings, DeliveryMetrics metrics, ManagedExecutor executor) {
        this.outbox = outbox;
        this.lanes = notifiers.stream().map(this::lane).toList();
        this.mapper = mapper;
        this.metrics = metrics;
        this.executor = executor;
        this.loop = new OutboxRelayLoop(settings.outbox().batchSize(), metrics::refreshOutbox);
    }

    @Scheduled(identity = "outbox-relay", every = "${modelwatch.alerts.outbox.relay-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        relayPending();
    }

    /** Starts a pass in the background (after new notifications committed); never blocks the caller. */
    public void nudge() {
        executor.runAsync(this::relayPending).exceptionally(e -> {
            LOG.error("outbox relay pass failed", e);
            return null;
        });
    }

    /**
     * One pass over every configured channel. If a pass is already running, it is asked to go round once
     * more instead, so nothing committed before this call waits for the next schedule.
     *
     * @return rows marked sent in this call
     */
    public int relayPending() {
        return loop.relayPending(() -> lanes);
    }

    private OutboxRelayLoop.Lane lane(Notifier notifier) {
        return new OutboxRelayLoop.Lane() {
            @Override
            public String name() {
                return notifier.channel().id();
            }

            @Override
            public boolean configured() {
                return notifier.configured();
            }

            @Override
            public Optional<DeliveryOutcome> relayOne() {
                return OutboxRelay.this.relayOne(notifier);
            }
        };
    }

    /** Empty when nothing is pending for the lane. */
    private Optional<DeliveryOutcome> relayOne(Notifier notifier) {
        Optional<OutboxEntry> next = outbox.lockNextPending(notifier.channel());
        if (next.isEmpty()) {
            return Optional.empty();
        }
        OutboxEntry row = next.get();
        DeliveryOutcome outcome = notifier.send(notice(row), row);
        row.record(outcome, Instant.now());
        OutboxRelayLoop.log(notifier.channel().id(), row, outcome);
        metrics.delivered(notifier.channel(), outcome.status());
        return Optional.of(outcome);
    }

    private Notice notice(OutboxEntry row) {
        try {
            return mapper.readValue(row.notice, Notice.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox row " + row.idempotencyKey + " holds no readable notice", e);
        }
    }
}
