package io.modelwatch.support.outbox;

import io.modelwatch.support.domain.PublishedEvent;
import io.modelwatch.support.repository.EventLedger;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Announces again what processing (run, event type) published, as the event ledger kept it: the same events with
 * the same ids go through the outbox once more, and consumers that already have them change nothing. A redelivered
 * event does this instead of computing again; {@code POST /runs/{id}/announce} does it on an operator's request.
 */
@ApplicationScoped
public class Reannouncer {

    private final EventLedger ledger;
    private final EventOutbox outbox;
    private final EventRelay relay;

    public Reannouncer(EventLedger ledger, EventOutbox outbox, EventRelay relay) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.relay = relay;
    }

    /** Queues the events again and returns true if (run, event type) was processed here; else false. */
    public boolean reannounce(String runId, String eventType) {
        boolean seen = QuarkusTransaction.requiringNew().call(() -> {
            Optional<List<PublishedEvent>> previous = ledger.previous(runId, eventType);
            previous.ifPresent(outbox::enqueue);
            return previous.isPresent();
        });
        if (seen) {
            relay.nudge();
        }
        return seen;
    }
}
