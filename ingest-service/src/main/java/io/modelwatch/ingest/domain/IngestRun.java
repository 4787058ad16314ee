package io.modelwatch.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** A run started by {@code POST /runs}: what was read, what was found, where the batch is stored. */
@Entity
@Table(name = "run")
public class IngestRun {

    @Id
    @Column(name = "run_id")
    public String runId;

    @Column(name = "model_id", nullable = false)
    public String modelId;

    @Column(name = "snapshot_date", nullable = false)
    public LocalDate snapshotDate;

    @Column(name = "source", nullable = false)
    public String source;

    @Column(name = "reference_id", nullable = false)
    public String referenceId;

    /** The model's reference version the run compares against (null for runs from before versions). */
    @Column(name = "reference_version")
    public Integer referenceVersion;

    @Column(name = "batch_id", nullable = false)
    public String batchId;

    @Column(name = "row_count", nullable = false)
    public int rowCount;

    @Column(name = "has_labels", nullable = false)
    public boolean hasLabels;

    /** Number of data-quality findings (kept, never used to drop rows). */
    @Column(name = "quality_findings", nullable = false)
    public int qualityFindings;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
}
