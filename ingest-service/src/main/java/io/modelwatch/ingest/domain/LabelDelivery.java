package io.modelwatch.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One {@code POST /labels}: what arrived for a run's cohort and the cohort's label coverage afterwards. */
@Entity
@Table(name = "label_delivery")
public class LabelDelivery {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "run_id", nullable = false)
    public String runId;

    @Column(name = "source", nullable = false)
    public String source;

    /** Rows of the label file. */
    @Column(name = "label_rows", nullable = false)
    public int labelRows;

    /** Predictions of the cohort that this file labelled. */
    @Column(name = "matched", nullable = false)
    public int matched;

    /** Label rows whose id is not among the cohort's predictions. */
    @Column(name = "unmatched_labels", nullable = false)
    public int unmatchedLabels;

    @Column(name = "duplicate_label_ids", nullable = false)
    public int duplicateLabelIds;

    /** Predictions of the cohort with a label after this delivery (this file's and earlier ones'). */
    @Column(name = "labelled_rows", nullable = false)
    public int labelledRows;

    /** {@code labelledRows / rows of the cohort}. */
    @Column(name = "coverage", nullable = false)
    public double coverage;

    /** Whether the cohort is realised after this delivery (coverage reached {@code labels.min_coverage}). */
    @Column(name = "realised", nullable = false)
    public boolean realised;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
