package io.modelwatch.support.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** One row of {@code metrics_log}: a core {@code MetricRow} with the run it belongs to. */
@Entity
@Table(name = "metrics_log")
public class MetricLogEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "snapshot_date", nullable = false)
    public LocalDate snapshotDate;

    @Column(name = "run_id", nullable = false)
    public String runId;

    @Column(name = "model_id", nullable = false)
    public String modelId;

    @Column(name = "metric_category", nullable = false)
    public String metricCategory;

    @Column(name = "metric_name", nullable = false)
    public String metricName;

    /** {@code column} is an SQL keyword: quoted. */
    @Column(name = "\"column\"")
    public String column;

    @Column(name = "segment")
    public String segment;

    @Column(name = "metric_value")
    public Double metricValue;

    @Column(name = "threshold")
    public Double threshold;

    @Column(name = "status", nullable = false)
    public String status;

    /** What the column of a drift or PSI row is to the model: feature, prediction or target; else null. */
    @Column(name = "role")
    public String role;

    /** The metric's value under no change at the batch's size; null without a band. */
    @Column(name = "band_expected")
    public Double bandExpected;

    /** Its standard error under no change; null without a band. */
    @Column(name = "band_error")
    public Double bandError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
