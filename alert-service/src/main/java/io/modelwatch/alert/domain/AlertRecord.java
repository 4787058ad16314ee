package io.modelwatch.alert.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The alert log: every alert the rules raised for a run (one per run, alert key and severity), and the
 * dead-man's switch alerts (no run). {@link #decision} says whether people were notified.
 */
@Entity
@Table(name = "alert")
public class AlertRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The run, or {@code null} for a dead-man's switch alert. */
    @Column(name = "run_id")
    public String runId;

    @Column(name = "model_id", nullable = false)
    public String modelId;

    @Column(name = "snapshot_date", nullable = false)
    public LocalDate snapshotDate;

    /** {@code category/metric/column/segment}: the deduplication identity of the core {@code Alert}. */
    @Column(name = "alert_key", nullable = false)
    public String alertKey;

    @Column(name = "severity", nullable = false)
    public String severity;

    @Column(name = "rule", nullable = false)
    public String rule;

    @Column(name = "metric_category", nullable = false)
    public String metricCategory;

    @Column(name = "metric_name", nullable = false)
    public String metricName;

    @Column(name = "\"column\"")
    public String column;

    @Column(name = "segment")
    public String segment;

    @Column(name = "metric_value")
    public Double metricValue;

    @Column(name = "threshold")
    public Double threshold;

    @Column(name = "estimated", nullable = false)
    public boolean estimated;

    @Column(name = "message", nullable = false, columnDefinition = "text")
    public String message;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** {@link Decision#NEW} or {@link Decision#ESCALATION}: notified; {@link Decision#REPEAT}: within the cooldown. */
    @Enumerated(EnumType.STRING)
    @Column(name = "decision", nullable = false)
    public Decision decision = Decision.NEW;

    /** When the metric was measured back in bounds (set on the alert last notified for its key). */
    @Column(name = "resolved_at")
    public Instant resolvedAt;
}
