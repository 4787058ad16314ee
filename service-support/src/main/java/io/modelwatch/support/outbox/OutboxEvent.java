package io.modelwatch.support.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One event waiting in (or sent from) the service's transactional outbox ({@code event_outbox}): the message
 * exactly as it goes to the broker, routing key, headers and JSON body.
 */
@Entity
@Table(name = "event_outbox")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The event's id: the message id on the bus, what consumers deduplicate on. */
    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "routing_key", nullable = false)
    public String routingKey;

    /** The message headers as a JSON object of strings ({@code traceparent}, ...). */
    @Column(name = "headers", nullable = false, columnDefinition = "text")
    public String headers;

    @Column(name = "payload", nullable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Publications tried (the one that succeeded included). */
    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;

    /** When the broker confirmed it; {@code null} while pending. */
    @Column(name = "sent_at")
    public Instant sentAt;
}
