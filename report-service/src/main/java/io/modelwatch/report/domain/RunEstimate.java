package io.modelwatch.report.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.LocalDate;

/** A metric estimated before labels (CBPE) for a run, with its sampling band. */
@Entity
@Table(name = "run_estimate")
@IdClass(RunEstimate.Key.class)
public class RunEstimate {

    public record Key(String runId, String metric) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "run_id")
    public String runId;

    @Id
    @Column(name = "metric")
    public String metric;

    @Column(name = "model_id", nullable = false)
    public String modelId;

    @Column(name = "snapshot_date", nullable = false)
    public LocalDate snapshotDate;

    @Column(name = "value")
    public Double value;

    @Column(name = "lower")
    public Double lower;

    @Column(name = "upper")
    public Double upper;
}
