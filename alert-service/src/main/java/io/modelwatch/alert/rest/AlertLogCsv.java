package io.modelwatch.alert.rest;

import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.core.report.CsvExport;

import java.util.List;

/**
 * The alert log as CSV for BI tools: RFC 4180, a header row, an empty cell for null; the alert columns in
 * the order of the core's {@code alerts.csv}, after the log's own (id, time, model, run, decision).
 */
public final class AlertLogCsv {

    public static final String HEADER = "id,created_at,model_id,run_id,snapshot_date,decision,resolved_at,"
            + "severity,rule,category,metric,column,segment,value,threshold,estimated,message";

    private AlertLogCsv() {
    }

    public static String of(List<AlertRecord> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (AlertRecord r : rows) {
            CsvExport.line(sb, r.id, r.createdAt, r.modelId, r.runId, r.snapshotDate, r.decision, r.resolvedAt, r.severity,
                    r.rule, r.metricCategory, r.metricName, r.column, r.segment, r.metricValue, r.threshold,
                    r.estimated, r.message);
        }
        return sb.toString();
    }
}
