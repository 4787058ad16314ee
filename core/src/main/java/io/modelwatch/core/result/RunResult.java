package io.modelwatch.core.result;

import io.modelwatch.core.metrics.MetricRow;

import io.modelwatch.core.alerts.AlertEvaluator;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.anomaly.MultivariateAnomaly;
import io.modelwatch.core.estimation.EstimatedPerformance;
import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.quality.QualityReport;
import io.modelwatch.core.rootcause.RootCauseReport;

import java.util.List;

/**
 * The complete result of a run. Its JSON form is {@code snapshot.json} (a versioned contract documented in
 * {@code docs/output-format.md}); the CLI and the report service write the same thing.
 *
 * @param schemaVersion  version of this layout ({@link #SCHEMA_VERSION})
 * @param run            what ran, on what, when
 * @param drift          per-column drift and the dataset verdict
 * @param psi            alerting PSI of every feature and the predicted probability
 * @param performance    classification quality, {@code null} without labels
 * @param referencePerformance baseline classification quality of the reference, {@code null} without labels
 * @param estimatedPerformance performance estimated from the probabilities before labels arrive (CBPE, with
 *                       its sampling band), {@code null} without reference labels
 * @param concept        churn rate against the baseline
 * @param quality        data-quality findings
 * @param segments       per-segment quality
 * @param importance     IV / WoE changes
 * @param rootCause      drifted features and segments ranked against the recall change, with a hypothesis;
 *                       {@code null} without labels
 * @param alerts         graded alerts, most severe first
 * @param metrics        the flat rows of the metrics log
 * @param multivariateAnomaly the isolation forest's verdict on the run's metric vector against the model's
 *                       previous runs; {@code null} when the forest is disabled
 * @param heldBack       thresholds crossed by values inside their no-change band (no alert), most severe first;
 *                       the rows concerned have status {@link MetricRow#HELD}
 * @param segmentDrift   the drift of every feature inside every segment with enough rows, with the masked flag
 */
public record RunResult(int schemaVersion, RunSummary run, DatasetDrift drift, List<PsiValue> psi,
                        ClassificationReport performance, ClassificationReport referencePerformance,
                        EstimatedPerformance estimatedPerformance, ConceptDrift concept, QualityReport quality,
                        List<SegmentRow> segments, List<ImportanceRow> importance, RootCauseReport rootCause,
                        List<Alert> alerts, List<MetricRow> metrics, MultivariateAnomaly multivariateAnomaly,
                        List<AlertEvaluator.HeldBack> heldBack, List<SegmentFeatureDrift> segmentDrift) {

    public static final int SCHEMA_VERSION = 1;

    public RunResult {
        psi = List.copyOf(psi);
        segments = List.copyOf(segments);
        importance = List.copyOf(importance);
        alerts = List.copyOf(alerts);
        metrics = List.copyOf(metrics);
        heldBack = heldBack == null ? List.of() : List.copyOf(heldBack);
        segmentDrift = segmentDrift == null ? List.of() : List.copyOf(segmentDrift);
    }
}
