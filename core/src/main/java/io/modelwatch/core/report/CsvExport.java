package io.modelwatch.core.report;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.metrics.MetricRow;

import java.util.List;

/** {@code metrics.csv} and {@code alerts.csv} for BI tools: RFC 4180, header row, empty cell for null. */
public final class CsvExport {

    /** The last column, {@code role}, was added after the first release: readers by position keep working. */
    public static final String METRICS_HEADER = "category,name,column,segment,value,threshold,status,role,band_expected,band_error,band_step";
    public static final String ALERTS_HEADER = "severity,rule,category,metric,column,segment,value,threshold,estimated,message";

    private CsvExport() {
    }

    public static String metrics(List<MetricRow> rows) {
        StringBuilder sb = new StringBuilder(METRICS_HEADER).append('\n');
        for (MetricRow r : rows) {
            line(sb, r.category(), r.name(), r.column(), r.segment(), r.value(), r.threshold(), r.status(), r.role(),
                    r.bandExpected(), r.bandError(), r.bandStep());
        }
        return sb.toString();
    }

    public static String alerts(List<Alert> alerts) {
        StringBuilder sb = new StringBuilder(ALERTS_HEADER).append('\n');
        for (Alert a : alerts) {
            line(sb, a.severity(), a.rule(), a.category(), a.metric(), a.column(), a.segment(), a.value(),
                    a.threshold(), a.estimated(), a.message());
        }
        return sb.toString();
    }

    /** Appends one CSV line of these cells (see {@link #cell}) and a line feed. */
    public static void line(StringBuilder sb, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells[i]));
        }
        sb.append('\n');
    }

    /** One CSV cell: empty for null, quoted when it holds a comma, quote or line break. */
    public static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof Double d ? Double.toString(d) : v.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
