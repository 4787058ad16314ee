package io.modelwatch.core.anomaly;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.alerts.AlertEvaluator;
import io.modelwatch.core.config.AnomalySettings;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.metrics.MetricRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks every watched metric of a run against its own history with {@link MetricAnomalyDetector} and
 * produces {@code anomaly/<category>.<name>} metric rows (value: the robust z-score, threshold: k) and an alert
 * of the configured severity for each anomalous one, so a metric that leaves its recent range is flagged even
 * below the fixed thresholds.
 */
public final class AnomalyScan {

    /** Category of the anomaly metric rows. */
    public static final String CATEGORY = "anomaly";

    private AnomalyScan() {
    }

    /**
     * The detector's modified z-score recomputed with the MAD floored at {@code minRelativeMad · |median|}:
     * {@code 0.6745 (x − median) / max(MAD, floor)}; {@code null} when the detector gave none (flat history).
     */
    static Double flooredScore(AnomalyCheck check, double value, AnomalySettings settings) {
        if (check.score() == null || check.median() == null || check.mad() == null) {
            return check.score();
        }
        double floor = settings.minRelativeMad() * Math.abs(check.median());
        if (check.mad() >= floor) {
            return check.score();
        }
        return MetricAnomalyDetector.MAD_CONSISTENCY * (value - check.median()) / floor;
    }

    /**
     * @param rows     the flat metric rows of a run
     * @param alerts   receives one alert per anomaly (when the severity is not NONE)
     * @return the anomaly metric rows (one per watched metric with enough history)
     */
    public static List<MetricRow> scan(List<MetricRow> rows, MetricHistory history, AnomalySettings settings,
                                       List<Alert> alerts) {
        return scan(rows, history, settings, 0, alerts);
    }

    /**
     * As {@link #scan(List, MetricHistory, AnomalySettings, List)}, an anomaly of a metric whose value lies inside
     * its no-change band ({@code bandSigma} standard errors, see {@link AlertEvaluator#outsideBand}) held back: its
     * row is {@link MetricRow#HELD} and no alert is raised (the metric's own history moved, but not by more than
     * chance allows against the reference). {@code bandSigma} 0 switches this off.
     */
    public static List<MetricRow> scan(List<MetricRow> rows, MetricHistory history, AnomalySettings settings,
                                       double bandSigma, List<Alert> alerts) {
        List<MetricRow> out = new ArrayList<>();
        if (history.size() == 0) {
            return out;
        }
        MetricAnomalyDetector detector = MetricAnomalyDetector.withDefaults().withWindow(settings.window())
                .withThreshold(settings.threshold()).withMinHistory(settings.minHistory());
        Severity severity = settings.severity().severity().orElse(null);
        for (MetricRow row : rows) {
            if (!settings.categories().contains(row.category()) || row.value() == null || !Double.isFinite(row.value())) {
                continue;
            }
            double[] past = history.valuesFor(row);
            if (past.length < settings.minHistory()) {
                continue;
            }
            AnomalyCheck check = detector.check(past, row.value());
            Double score = flooredScore(check, row.value(), settings);
            boolean anomalous = check.anomalous() && (score == null || Math.abs(score) > settings.threshold());
            String name = row.category() + "." + row.name();
            boolean held = anomalous && !AlertEvaluator.outsideBand(row, bandSigma);
            out.add(new MetricRow(CATEGORY, name, row.column(), row.segment(), score, settings.threshold(),
                    held ? MetricRow.HELD : anomalous ? MetricRow.BREACH : MetricRow.OK));
            if (anomalous && !held && severity != null) {
                String where = (row.column() == null ? "" : " of " + row.column())
                        + (row.segment() == null ? "" : " in segment " + row.segment());
                alerts.add(new Alert(severity, "anomaly", CATEGORY, name, row.column(), row.segment(), row.value(),
                        check.median(), row.category().startsWith("estimated"),
                        String.format(Locale.ROOT, "%s%s is %.4f, outside its recent range (median %.4f of the last %d runs%s)",
                                row.name().replace('_', ' '), where, row.value(),
                                check.median() == null ? Double.NaN : check.median(), check.historyUsed(),
                                score == null ? "" : String.format(Locale.ROOT, ", robust z %.1f", score))));
            }
        }
        return out;
    }
}
