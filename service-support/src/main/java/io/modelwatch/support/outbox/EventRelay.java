package io.modelwatch.support.outbox;

import io.modelwatch.support.notification.DeliveryOutcome;
import io.modelwatch.support.notification.OutboxRelayLoop;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the service's {@link EventOutbox}, oldest row first, to the bus's topic exchange with publisher
 * confirms ({@link ConfirmedPublisher}). Each row is locked ({@code for update skip locked}: replicas share the work), sent,
 * and marked sent in one transaction once the broker confirmed it; a row whose publication fails or is not
 * confirmed in time stays pending and the pass stops (the next one starts from it, keeping the order). A crash
 * after the broker took a row but before the mark commits sends it again: delivery is at least once, and
 * consumers deduplicate by their event ledger.
 *
 * <p>A pass runs right after a commit that wrote events ({@link #nudge()}), at start-up (what a crash left, after
 * the publisher's channel is opened), and every {@code modelwatch.outbox.relay-every}.
 */
@ApplicationScoped
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class);

    private final EventOutbox outbox;
    private final ConfirmedPublisher publisher;
    private final OutboxSettings settings;
    private final ManagedExecutor executor;
    private final OutboxRelayLoop loop;
    private final OutboxRelayLoop.Lane lane = new OutboxRelayLoop.Lane() {
        @Override
        public String name() {
            return "events";
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public Optional<DeliveryOutcome> relayOne() {
            return EventRelay.this.relayOne();
        }
    };

    public EventRelay(EventOutbox outbox, ConfirmedPublisher publisher,
                      OutboxSettings settings, ManagedExecutor executor) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.settings = settings;
        this.executor = executor;
        this.loop = new OutboxRelayLoop(settings.batchSize(), () -> { });
    }

    void onStart(@Observes StartupEvent start) {
        // the publisher's channel is opened before the first pass, so the first event committed does not wait for it
        executor.runAsync(publisher::open).whenComplete((x, e) -> nudge());
    }

    @Scheduled(identity = "event-outbox-relay", every = "${modelwatch.outbox.relay-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        relayPending();
    }

    /** Starts a pass in the background (after events committed); never blocks the caller. */
    public void nudge() {
        executor.runAsync(this::relayPending).exceptionally(e -> {
            LOG.error("event outbox relay pass failed", e);
            return null;
        });
    }

    /**
     * One pass: publishes pending rows until none is left, one fails, or the batch size is reached. If a pass is
     * running, it is asked to go round once more instead.
     *
     * @return rows marked sent in this call
     */
    public int relayPending() {
        return loop.relayPending(() -> List.of(lane));
    }

    private Optional<DeliveryOutcome> relayOne() {
        Optional<OutboxEvent> next = outbox.lockNextPending();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        OutboxEvent row = next.get();
        row.attempts++;
        try {
            try {
                publisher.publish(row.routingKey, row.eventId, outbox.headers(row), row.payload, settings.confirmTimeout());
            } catch (java.io.IOException | com.rabbitmq.client.ShutdownSignalException first) {
                // once more on a fresh channel: the one this relay held may have been closed since its last use
                publisher.publish(row.routingKey, row.eventId, outbox.headers(row), row.payload, settings.confirmTimeout());
            }
            row.sentAt = Instant.now();
            row.lastError = null;
            LOG.debugf("event %s (%s) published", row.eventId, row.routingKey);
            return Optional.of(DeliveryOutcome.sent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(defer(row, "interrupted"));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.of(defer(row, e.getClass().getSimpleName() + ": " + e.getMessage()));
        } catch (TimeoutException e) {
            return Optional.of(defer(row, "no publisher confirm within " + settings.confirmTimeout()));
        }
    }

    private static DeliveryOutcome defer(OutboxEvent row, String reason) {
        row.lastError = reason;
        LOG.warnf("event %s (%s) not published (attempt %d), kept in the outbox: %s", row.eventId, row.routingKey,
                row.attempts, reason);
        return DeliveryOutcome.deferred(reason);
    }
}
