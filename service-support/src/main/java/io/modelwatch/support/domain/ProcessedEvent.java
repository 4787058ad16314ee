package io.modelwatch.support.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An event this service has processed, keyed by (run id, event type): the idempotency ledger. It also keeps
 * the events the processing published, so a redelivery re-announces them instead of recomputing (the
 * consumers downstream are idempotent too).
 */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent {

    @Id
    @Column(name = "event_key")
    public String key;

    @Column(name = "run_id", nullable = false)
    public String runId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "event_id")
    public String eventId;

    /** JSON array of {@code PublishedEvent}s. */
    @Column(name = "published", columnDefinition = "text")
    public String published;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;

    public static String key(String runId, String eventType) {
        return runId + "/" + eventType;
    }
}
