package io.modelwatch.core.quality;

import io.modelwatch.core.config.CheckSeverity;
import io.modelwatch.core.quality.QualityFinding.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@link QualityReport} being assembled by the checks of a {@link QualityAccumulator}: null shares and
 * findings in check order. A finding whose severity is {@code NONE} (or absent) is dropped here, in one place.
 */
final class ReportDraft {
    final int rows;
    final List<ColumnNullShare> nullShares = new ArrayList<>();
    final List<QualityFinding> findings = new ArrayList<>();

    ReportDraft(int rows) {
        this.rows = rows;
    }

    /** The share of the rows that {@code count} is; 0 for an empty batch. */
    double share(long count) {
        return rows == 0 ? 0 : (double) count / rows;
    }

    void add(Kind kind, String column, long count, double share, Double threshold, String severity,
             String message, List<Long> exampleRows, List<String> exampleValues) {
        QualityFinding f = finding(kind, column, count, share, threshold, severity, message, exampleRows,
                exampleValues);
        if (f != null) {
            findings.add(f);
        }
    }

    /** True when a check of this severity reports anything (it is neither absent nor {@code NONE}). */
    static boolean enabled(String severity) {
        return severity != null && !CheckSeverity.NONE.name().equals(severity);
    }

    /** The finding with its severity upper-cased; null when the severity is not {@link #enabled}. */
    static QualityFinding finding(Kind kind, String column, long count, double share, Double threshold,
                                  String severity, String message, List<Long> exampleRows,
                                  List<String> exampleValues) {
        if (!enabled(severity)) {
            return null;
        }
        return new QualityFinding(kind, column, count, share, threshold, severity.toUpperCase(Locale.ROOT), message,
                exampleRows, exampleValues);
    }

    /** The first example of a message: {@code , e.g. 'value' in row n}, or nothing without examples. */
    static String example(List<Long> rowsSeen, List<String> values) {
        return rowsSeen.isEmpty() ? "" : ", e.g. '" + values.get(0) + "' in row " + rowsSeen.get(0);
    }

    static String quoted(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").toList().toString();
    }

    /** A number as a message shows it: integers without a fraction, others as {@link Double#toString}. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * share);
    }
}
