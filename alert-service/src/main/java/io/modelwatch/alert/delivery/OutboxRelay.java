package io.modelwatch.alert.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.alert.config.AlertSettings;
import io.modelwatch.alert.domain.Notice;
import io.modelwatch.alert.domain.OutboxEntry;
import io.modelwatch.alert.repository.OutboxRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends what waits in the outbox, oldest first, one channel lane at a time. Each row is locked
 * ({@code for update skip locked}), handed to its {@link Notifier} and marked in the same transaction, so
 * a row is marked sent exactly when its peer accepted it, and a relay that dies mid-way leaves the row
 * pending for the next one. At the first deferral a lane stops until the next pass: a peer that is down is
 * asked once per pass (and the circuit breaker decides whether even that goes out), never row after row.
 *
 * <p>Runs every {@code modelwatch.alerts.outbox.relay-every}, and at once after an evaluation stored new
 * notifications ({@link #nudge()}).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** A row's transaction covers the notifier's retries and backoff (bounded by their timeouts). */
    private static final int ROW_TRANSACTION_SECONDS = 120;

    private final OutboxRepository outbox;
    private final List<Notifier> notifiers;
    private final ObjectMapper mapper;
    private final AlertSettings settings;
    private final DeliveryMetrics metrics;
    private final ManagedExecutor executor;
    private final ReentrantLock passLock = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();

    public OutboxRelay(OutboxRepository outbox, Instance<Notifier> notifiers, ObjectMapper mapper,
                       AlertSettings settings, DeliveryMetrics metrics, ManagedExecutor executor) {
        this.outbox = outbox;
        this.notifiers = notifiers.stream().toList();
        this.mapper = mapper;
        this.settings = settings;
        this.metrics = metrics;
        this.executor = executor;
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
        if (!passLock.tryLock()) {
            again.set(true);
            return 0;
        }
        int sent = 0;
        try {
            do {
                again.set(false);
                for (Notifier n : notifiers) {
                    if (n.configured()) {
                        sent += relayLane(n);
                    }
                }
            } while (again.get());
        } finally {
            passLock.unlock();
            metrics.refreshOutbox();
        }
        return sent;
    }

    private int relayLane(Notifier notifier) {
        int sent = 0;
        for (int i = 0; i < settings.outbox().batchSize(); i++) {
            Optional<DeliveryOutcome> outcome = QuarkusTransaction.requiringNew().timeout(ROW_TRANSACTION_SECONDS)
                    .call(() -> relayOne(notifier));
            if (outcome.isEmpty() || outcome.get().status() == DeliveryOutcome.Status.DEFERRED) {
                break;
            }
            if (outcome.get().status() == DeliveryOutcome.Status.SENT) {
                sent++;
            }
        }
        return sent;
    }

    /** Empty when nothing is pending for the lane. */
    private Optional<DeliveryOutcome> relayOne(Notifier notifier) {
        Optional<OutboxEntry> next = outbox.lockNextPending(notifier.channel());
        if (next.isEmpty()) {
            return Optional.empty();
        }
        OutboxEntry row = next.get();
        DeliveryOutcome outcome = notifier.send(notice(row), row);
        Instant now = Instant.now();
        row.attempts++;
        row.lastAttemptAt = now;
        switch (outcome.status()) {
            case SENT -> {
                row.status = OutboxEntry.Status.SENT;
                row.sentAt = now;
                row.lastError = null;
            }
            case REJECTED -> {
                row.status = OutboxEntry.Status.REJECTED;
                row.lastError = outcome.reason();
                LOG.errorf("%s refused notification %s: %s", notifier.channel(), row.idempotencyKey, outcome.reason());
            }
            case DEFERRED -> {
                row.lastError = outcome.reason();
                LOG.warnf("%s notification %s deferred (attempt %d): %s", notifier.channel(), row.idempotencyKey,
                        row.attempts, outcome.reason());
            }
        }
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
