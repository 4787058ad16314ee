package io.modelwatch.alert.rest;

import io.modelwatch.alert.domain.AlertRecord;

import java.util.List;

/**
 * The alert log as CSV for BI tools: RFC 4180, a header row, an empty cell for null; the alert columns in
 * the order of the core's {@code alerts.csv}, after the log's own (id, time, model, run, decision).
 * (The core's cell quoting is package-private; these few lines follow the same convention.)
 */
public final class AlertLogCsv {

    public static final String HEADER = "id,created_at,model_id,run_id,snapshot_date,decision,resolved_at,"
            + "severity,rule,category,metric,column,segment,value,threshold,estimated,message";

    private AlertLogCsv() {
    }

    public static String of(List<AlertRecord> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (AlertRecord r : rows) {
            line(sb, r.id, r.createdAt, r.modelId, r.runId, r.snapshotDate, r.decision, r.resolvedAt, r.severity,
                    r.rule, r.metricCategory, r.metricName, r.column, r.segment, r.metricValue, r.threshold,
                    r.estimated, r.message);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells[i]));
        }
        sb.append('\n');
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
