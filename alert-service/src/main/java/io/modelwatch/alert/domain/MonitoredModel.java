package io.modelwatch.alert.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** A model whose runs complete here: the last one is what the dead-man's switch measures from. */
@Entity
@Table(name = "monitored_model")
public class MonitoredModel {

    @Id
    @Column(name = "model_id")
    public String modelId;

    @Column(name = "last_run_id", nullable = false)
    public String lastRunId;

    @Column(name = "last_run_date", nullable = false)
    public LocalDate lastRunDate;

    @Column(name = "last_completed_at", nullable = false)
    public Instant lastCompletedAt;

    /** The reference (version) of that run: its configuration says where the model's notifications go. */
    @Column(name = "last_reference_id")
    public String lastReferenceId;
}
