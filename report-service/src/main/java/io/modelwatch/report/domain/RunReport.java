package io.modelwatch.report.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** The rendered outputs of a run: the same {@code snapshot.json} and {@code report.html} as the CLI's. */
@Entity
@Table(name = "run_report")
public class RunReport {

    @Id
    @Column(name = "run_id")
    public String runId;

    @Column(name = "model_id", nullable = false)
    public String modelId;

    @Column(name = "snapshot_date", nullable = false)
    public LocalDate snapshotDate;

    @Column(name = "snapshot_json", nullable = false, columnDefinition = "text")
    public String snapshotJson;

    @Column(name = "report_html", nullable = false, columnDefinition = "text")
    public String reportHtml;

    @Column(name = "metrics_csv", nullable = false, columnDefinition = "text")
    public String metricsCsv;

    @Column(name = "alert_count", nullable = false)
    public int alertCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "current_rows", nullable = false)
    public long currentRows;

    @Column(name = "labelled_rows", nullable = false)
    public long labelledRows;

    @Column(name = "label_coverage")
    public Double labelCoverage;

    @Column(name = "alerts_high", nullable = false)
    public int alertsHigh;

    @Column(name = "alerts_medium", nullable = false)
    public int alertsMedium;

    @Column(name = "alerts_low", nullable = false)
    public int alertsLow;

    @Column(name = "reference_source")
    public String referenceSource;

    /** The reference version the run was computed against; null until runs carry it (issue 11). */
    @Column(name = "reference_version")
    public String referenceVersion;

    /** When the report was rendered again with the realised performance of its matured cohort, or null. */
    @Column(name = "realised_at")
    public Instant realisedAt;
}
