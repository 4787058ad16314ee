package io.modelwatch.report.service;

import io.modelwatch.report.config.ReportSettings;
import io.modelwatch.report.domain.DailyEmail;
import io.modelwatch.report.repository.DailyEmailRepository;
import io.modelwatch.support.notification.DeliveryOutcome;
import io.modelwatch.support.notification.MailDelivery;
import io.modelwatch.support.notification.OutboxRelayLoop;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Sends the daily emails waiting in the {@code daily_email} outbox through the shared {@link MailDelivery}
 * (timeout, retries, the {@code email} circuit breaker, the row kept pending on failure), with the shared
 * {@link OutboxRelayLoop}: each row locked, sent and marked in one transaction. Runs every
 * {@code modelwatch.report.daily-email.relay-every} and at once after emails were queued.
 */
@ApplicationScoped
public class DailyEmailRelay implements OutboxRelayLoop.Lane {

    private static final Logger LOG = Logger.getLogger(DailyEmailRelay.class);
    static final String LANE = "daily-email";

    private final DailyEmailRepository outbox;
    private final MailDelivery mail;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final OutboxRelayLoop loop;

    public DailyEmailRelay(DailyEmailRepository outbox, MailDelivery mail, ManagedExecutor executor, Clock clock,
                           ReportSettings settings) {
        this.outbox = outbox;
        this.mail = mail;
        this.executor = executor;
        this.clock = clock;
        this.loop = new OutboxRelayLoop(settings.dailyEmail().batchSize(), () -> { });
    }

    @Scheduled(identity = "daily-email-relay", every = "${modelwatch.report.daily-email.relay-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        relayPending();
    }

    /** Starts a pass in the background; never blocks the caller. */
    public void nudge() {
        executor.runAsync(this::relayPending).exceptionally(e -> {
            LOG.error("daily email relay pass failed", e);
            return null;
        });
    }

    /** One pass; returns the emails marked sent. */
    public int relayPending() {
        return loop.relayPending(() -> List.of(this));
    }

    @Override
    public String name() {
        return LANE;
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public Optional<DeliveryOutcome> relayOne() {
        Optional<DailyEmail> next = outbox.lockNextPending();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        DailyEmail row = next.get();
        DeliveryOutcome outcome = mail.send(row.recipientList(), row.subject, row.html, row.text, row.idempotencyKey);
        row.record(outcome, clock.instant());
        OutboxRelayLoop.log(LANE, row, outcome);
        return Optional.of(outcome);
    }
}
