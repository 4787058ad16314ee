package io.modelwatch.support.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One computed section of a run received by a service that needs all of them (alerts, reports). */
@Entity
@Table(name = "run_section")
public class RunSection {

    @Id
    @Column(name = "section_key")
    public String key;

    @Column(name = "run_id", nullable = false)
    public String runId;

    @Column(name = "kind", nullable = false)
    public String kind;

    /** The {@code MetricsComputed} event as received (JSON). */
    @Column(name = "event", nullable = false, columnDefinition = "text")
    public String event;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
