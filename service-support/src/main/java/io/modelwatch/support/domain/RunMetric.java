package io.modelwatch.support.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** One row of {@code run_metrics}: a defined metric value of an assembled run, kept as history for anomaly detection. */
@Entity
@Table(name = "run_metrics")
public class RunMetric {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "model_id", nullable = false)
    public String modelId;

    @Column(name = "run_id", nullable = false)
    public String runId;

    @Column(name = "snapshot_date", nullable = false)
    public LocalDate snapshotDate;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "category", nullable = false)
    public String category;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "\"column\"")
    public String column;

    @Column(name = "segment")
    public String segment;

    @Column(name = "value", nullable = false)
    public double value;
}
