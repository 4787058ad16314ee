package io.modelwatch.report.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** One alert as alert-service announced it ({@code alert.raised}); {@link #eventId} makes a redelivery a no-op. */
@Entity
@Table(name = "alert_log")
public class AlertLogEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    public String eventId;

    /** Null for an alert that belongs to no run (the dead-man's switch). */
    @Column(name = "run_id")
    public String runId;

    @Column(name = "model_id", nullable = false)
    public String modelId;

    @Column(name = "run_date")
    public LocalDate runDate;

    @Column(name = "severity", nullable = false)
    public String severity;

    @Column(name = "rule", nullable = false)
    public String rule;

    @Column(name = "category", nullable = false)
    public String category;

    @Column(name = "metric", nullable = false)
    public String metric;

    @Column(name = "\"column\"")
    public String column;

    @Column(name = "segment")
    public String segment;

    @Column(name = "value")
    public Double value;

    @Column(name = "threshold")
    public Double threshold;

    @Column(name = "estimated", nullable = false)
    public boolean estimated;

    @Column(name = "message", nullable = false, columnDefinition = "text")
    public String message;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;
}
