package io.modelwatch.support.notification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Sends what waits in a notification outbox, oldest first, one lane (channel) at a time: each row in its own
 * transaction that locks it ({@code for update skip locked}), hands it to the peer and marks it, so a row is
 * marked sent exactly when its peer accepted it, and a relay that dies mid-way leaves the row pending for the
 * next one. At the first deferral a lane stops until the next pass: a peer that is down is asked once per
 * pass (and its circuit breaker decides whether even that goes out), never row after row.
 *
 * <p>One instance per outbox (a service's relay bean holds it); a pass asked for while one runs makes the
 * running one go round again, so nothing committed before the call waits for the next schedule.
 */
public final class OutboxRelayLoop {

    private static final Logger LOG = Logger.getLogger(OutboxRelayLoop.class);
    /** A row's transaction covers the peer's retries and backoff (bounded by their timeouts). */
    private static final int ROW_TRANSACTION_SECONDS = 120;

    /** One channel of an outbox. */
    public interface Lane {

        /** The channel's name in logs. */
        String name();

        /** Whether the channel's peer is configured here (otherwise its rows wait for a relay that has it). */
        boolean configured();

        /**
         * Locks the lane's oldest pending row, sends it and {@linkplain OutboxRow#record marks} it, in the
         * caller's transaction; empty when nothing is pending.
         */
        Optional<DeliveryOutcome> relayOne();
    }

    private final int batchSize;
    private final Runnable afterPass;
    private final ReentrantLock passLock = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();

    /**
     * @param batchSize at most this many rows per lane and pass
     * @param afterPass run after every pass (gauges), outside any transaction
     */
    public OutboxRelayLoop(int batchSize, Runnable afterPass) {
        this.batchSize = batchSize;
        this.afterPass = afterPass;
    }

    /** One pass over every configured lane; returns the rows marked sent in this call. */
    public int relayPending(Supplier<List<? extends Lane>> lanes) {
        if (!passLock.tryLock()) {
            again.set(true);
            return 0;
        }
        int sent = 0;
        try {
            do {
                again.set(false);
                for (Lane lane : lanes.get()) {
                    if (lane.configured()) {
                        sent += relayLane(lane);
                    }
                }
            } while (again.get());
        } finally {
            passLock.unlock();
            afterPass.run();
        }
        return sent;
    }

    private int relayLane(Lane lane) {
        int sent = 0;
        for (int i = 0; i < batchSize; i++) {
            Optional<DeliveryOutcome> outcome = QuarkusTransaction.requiringNew().timeout(ROW_TRANSACTION_SECONDS)
                    .call(lane::relayOne);
            if (outcome.isEmpty() || outcome.get().status() == DeliveryOutcome.Status.DEFERRED) {
                break;
            }
            if (outcome.get().status() == DeliveryOutcome.Status.SENT) {
                sent++;
            }
        }
        return sent;
    }

    /** Logs what happened to a row as the relays of every outbox do. */
    public static void log(String lane, OutboxRow row, DeliveryOutcome outcome) {
        switch (outcome.status()) {
            case SENT -> LOG.debugf("%s notification %s sent", lane, row.idempotencyKey);
            case REJECTED -> LOG.errorf("%s refused notification %s: %s", lane, row.idempotencyKey, outcome.reason());
            case DEFERRED -> LOG.warnf("%s notification %s deferred (attempt %d): %s", lane, row.idempotencyKey,
                    row.attempts, outcome.reason());
        }
    }
}
