package io.modelwatch.core.run;

import io.modelwatch.core.result.ColumnRole;

import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.ColumnDrift;
import io.modelwatch.core.result.ConceptDrift;
import io.modelwatch.core.result.DatasetDrift;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.ImportanceRow;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.result.PsiValue;
import io.modelwatch.core.result.SegmentFeatureDrift;
import io.modelwatch.core.result.SegmentRow;

import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.estimation.Estimate;
import io.modelwatch.core.estimation.EstimatedPerformance;
import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.quality.QualityReport;

import io.modelwatch.core.metrics.NoChangeBand;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * Flattens a run into the rows of the metrics log ({@code metrics_log}, {@code metrics.csv},
 * {@code snapshot.json → metrics[]}). One function, used by the CLI and every service, so that the same
 * run always gives the same rows.
 *
 * <p>Categories and names:
 * <ul>
 *   <li>{@code drift/<method>} per column (value: drift score) with the column's role (feature, prediction for the
 *       probability and the predicted class, target for the label), {@code drift/share_drifted_columns} (features);</li>
 *   <li>{@code psi/psi} per feature and for the predicted probability, with the role;</li>
 *   <li>{@code performance/<metric>} (accuracy, precision, recall, f1, specificity, roc_auc, pr_auc, log_loss,
 *       brier_score), {@code reference} the same for the baseline;</li>
 *   <li>{@code estimated_performance/<metric>} (accuracy, precision, recall, f1, specificity, roc_auc) when the
 *       batch has no labels yet: the confidence-based estimate;</li>
 *   <li>{@code concept/churn_rate}, {@code concept/churn_rate_reference}, {@code concept/churn_rate_change},
 *       {@code concept/label_coverage}, {@code concept/predicted_churn_rate};</li>
 *   <li>{@code segment/<count|churn_rate|recall|precision|recall_drop|prediction_psi>} per segment;</li>
 *   <li>{@code importance/<iv|iv_change_pct|woe_sign_flips>} per feature;</li>
 *   <li>{@code segment_drift/<method>} per feature and segment tested (value: drift score; threshold: the FDR q and
 *       status from the Benjamini–Hochberg verdict, value the adjusted p-value, for a p-value test; else the
 *       test's own score, threshold and verdict),
 *       {@code segment_drift/psi} with them, and {@code segment_drift/masked} (value 1, breach) for a masked one;</li>
 *   <li>{@code quality/<finding kind>} per finding.</li>
 * </ul>
 * A row whose metric has a no-change band in its section ({@link DriftSection#bands()},
 * {@link PerformanceSection#bands()}) carries it ({@link MetricRow#bandExpected()}, {@link MetricRow#bandError()}).
 */
public final class MetricRows {

    private MetricRows() {
    }

    public static List<MetricRow> of(DriftSection drift, PerformanceSection performance, QualityReport quality,
                                     MonitoringConfig config) {
        List<MetricRow> rows = new ArrayList<>(ofDrift(drift));
        rows.addAll(ofPerformance(performance));
        rows.addAll(ofQuality(quality));
        return rows;
    }

    /**
     * The rows of the drift section alone (the services store each section's rows where it is computed;
     * {@link #of} is the concatenation drift, performance, quality).
     */
    public static List<MetricRow> ofDrift(DriftSection drift) {
        return withBands(ofDriftValues(drift), drift.bands());
    }

    /** The rows of the performance section alone (classification, concept drift, segments, importance). */
    public static List<MetricRow> ofPerformance(PerformanceSection performance) {
        return withBands(ofPerformanceValues(performance), performance.bands());
    }

    /** Each row with the no-change band of its metric, where the section has one. */
    private static List<MetricRow> withBands(List<MetricRow> rows, List<NoChangeBand> bands) {
        if (bands.isEmpty()) {
            return rows;
        }
        Map<String, NoChangeBand> byKey = new HashMap<>();
        bands.forEach(b -> byKey.put(b.key(), b));
        List<MetricRow> out = new ArrayList<>(rows.size());
        for (MetricRow r : rows) {
            out.add(r.withBand(byKey.get(r.key())));
        }
        return out;
    }

    private static List<MetricRow> ofDriftValues(DriftSection drift) {
        List<MetricRow> rows = new ArrayList<>();
        DatasetDrift d = drift.drift();
        for (ColumnDrift c : d.columns()) {
            rows.add(new MetricRow("drift", c.method(), c.column(), null, c.score(), c.threshold(),
                    c.score() == null ? MetricRow.UNDEFINED : c.drifted() ? MetricRow.BREACH : MetricRow.OK, c.role()));
        }
        rows.add(new MetricRow("drift", "share_drifted_columns", null, null, d.share(), d.driftShare(),
                d.datasetDrift() ? MetricRow.BREACH : MetricRow.OK));
        for (PsiValue p : drift.psi()) {
            MetricRow psi = value("psi", "psi", p.column(), null, p.value());
            rows.add(new MetricRow(psi.category(), psi.name(), psi.column(), null, psi.value(), null, psi.status(),
                    p.role()));
        }
        for (SegmentFeatureDrift s : drift.segmentDrift()) {
            String cat = MaskedDriftAlerts.CATEGORY;
            boolean bh = s.adjustedPValue() != null;
            rows.add(new MetricRow(cat, s.method(), s.column(), s.key(), bh ? s.adjustedPValue() : s.score(),
                    bh ? null : s.threshold(), s.score() == null ? MetricRow.UNDEFINED
                    : s.drifted() ? MetricRow.BREACH : MetricRow.OK, ROLE));
            rows.add(new MetricRow(cat, "psi", s.column(), s.key(), s.psi(), null,
                    s.psi() == null ? MetricRow.UNDEFINED : MetricRow.OK, ROLE));
            if (s.masked()) {
                // only when masked: a run tests a few hundred segment x feature pairs, and the logs keep every row
                rows.add(new MetricRow(cat, "masked", s.column(), s.key(), 1.0, null, MetricRow.BREACH, ROLE));
            }
        }
        return rows;
    }

    private static final String ROLE = ColumnRole.FEATURE;

    private static List<MetricRow> ofPerformanceValues(PerformanceSection performance) {
        List<MetricRow> rows = new ArrayList<>();
        performance("performance", performance.performance(), rows);
        performance(MetricRow.REFERENCE_CATEGORY, performance.reference(), rows);
        if (performance.performance() == null && performance.estimated() != null) {
            // before labels arrive, the estimate stands in for the realised metrics (and the rules can use it)
            EstimatedPerformance e = performance.estimated();
            rows.add(estimate("accuracy", e.accuracy()));
            rows.add(estimate("precision", e.precision()));
            rows.add(estimate("recall", e.recall()));
            rows.add(estimate("f1", e.f1()));
            rows.add(estimate("specificity", e.specificity()));
            rows.add(estimate("roc_auc", e.rocAuc()));
        }

        ConceptDrift c = performance.concept();
        rows.add(value("concept", "churn_rate", null, null, c.currentChurnRate()));
        rows.add(value("concept", "churn_rate_reference", null, null, c.referenceChurnRate()));
        rows.add(value("concept", "churn_rate_change", null, null, c.churnRateChange()));
        rows.add(value("concept", "label_coverage", null, null, c.labelCoverage()));
        rows.add(value("concept", "predicted_churn_rate", null, null, c.currentPredictedRate()));

        for (SegmentRow s : performance.segments()) {
            String key = s.key();
            rows.add(value("segment", "count", null, key, (double) s.count()));
            rows.add(value("segment", "churn_rate", null, key, s.churnRate()));
            rows.add(value("segment", "recall", null, key, s.recall()));
            rows.add(value("segment", "precision", null, key, s.precision()));
            rows.add(value("segment", "recall_drop", null, key, s.recallDrop()));
            rows.add(value("segment", "prediction_psi", null, key, s.psi()));
        }
        for (ImportanceRow i : performance.importance()) {
            rows.add(value("importance", "iv", i.column(), null, i.currentIv()));
            rows.add(value("importance", "iv_change_pct", i.column(), null, i.ivChangePct()));
            rows.add(value("importance", "woe_sign_flips", i.column(), null, (double) i.signFlips()));
        }
        return rows;
    }

    /** The rows of the data-quality findings alone. */
    public static List<MetricRow> ofQuality(QualityReport quality) {
        return new ArrayList<>(QualityAlerts.metricRows(quality));
    }

    private static void performance(String category, ClassificationReport r, List<MetricRow> rows) {
        if (r == null) {
            return;
        }
        rows.add(value(category, "accuracy", null, null, r.accuracy()));
        rows.add(value(category, "precision", null, null, r.precision()));
        rows.add(value(category, "recall", null, null, r.recall()));
        rows.add(value(category, "f1", null, null, r.f1()));
        rows.add(value(category, "specificity", null, null, r.specificity()));
        rows.add(value(category, "roc_auc", null, null, r.rocAuc()));
        rows.add(value(category, "pr_auc", null, null, r.prAuc()));
        rows.add(value(category, "log_loss", null, null, r.logLoss()));
        rows.add(value(category, "brier_score", null, null, r.brierScore()));
    }

    private static MetricRow estimate(String name, Estimate e) {
        return value("estimated_performance", name, null, null, e == null ? null : e.value());
    }

    private static MetricRow value(String category, String name, String column, String segment, Double value) {
        boolean defined = value != null && Double.isFinite(value);
        return new MetricRow(category, name, column, segment, defined ? value : null, null,
                defined ? MetricRow.OK : MetricRow.UNDEFINED);
    }
}
