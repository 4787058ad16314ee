package io.modelwatch.support.notification;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;

/**
 * What every notification outbox row has, whatever it carries (alert-service's alerts, report-service's daily
 * email): a unique idempotency key, the recipients, the delivery state and its history. A service maps its own
 * table with an entity that extends this one, and writes the row in the transaction that decided the
 * notification; {@link OutboxRelayLoop} sends it and {@link #record} marks it in the transaction of the send.
 */
@MappedSuperclass
public abstract class OutboxRow {

    public enum Status {
        /** Waiting for the peer. */
        PENDING,
        /** Accepted by the peer. */
        SENT,
        /** Refused by the peer as malformed (a 4xx other than 408/429); kept for inspection, never retried. */
        REJECTED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "idempotency_key", nullable = false, unique = true)
    public String idempotencyKey;

    /** Email addresses, comma-separated (email only): decided when the notification was queued. */
    @Column(name = "recipients")
    public String recipients;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    public Status status;

    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** The recipients as a list (blank entries dropped). */
    public java.util.List<String> recipientList() {
        return recipients == null ? java.util.List.of()
                : java.util.Arrays.stream(recipients.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Records one attempt and what it came to (in the transaction that holds the row's lock). */
    public void record(DeliveryOutcome outcome, Instant now) {
        attempts++;
        lastAttemptAt = now;
        switch (outcome.status()) {
            case SENT -> {
                status = Status.SENT;
                sentAt = now;
                lastError = null;
            }
            case REJECTED -> {
                status = Status.REJECTED;
                lastError = outcome.reason();
            }
            case DEFERRED -> lastError = outcome.reason();
        }
    }
}
