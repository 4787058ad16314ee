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
}
