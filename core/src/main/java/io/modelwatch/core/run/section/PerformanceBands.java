package io.modelwatch.core.run.section;

import io.modelwatch.core.result.ConceptDrift;
import io.modelwatch.core.result.ImportanceRow;
import io.modelwatch.core.result.SegmentRow;

import io.modelwatch.core.metrics.NoChangeBand;
import io.modelwatch.core.metrics.NoChangeBands;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.estimation.ConfidenceBasedEstimator;
import io.modelwatch.core.estimation.EstimatedPerformance;
import io.modelwatch.core.estimation.ExpectedMetrics;
import io.modelwatch.core.importance.WoeIv;
import io.modelwatch.core.importance.WoeIvResult;
import io.modelwatch.core.importance.WoeNoise;
import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.performance.ConfusionMatrix;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.stability.PsiBins;

import java.util.ArrayList;
import java.util.List;

/**
 * The no-change bands of a performance section, one per metric row that has one (docs/metrics.md,
 * "No-change bands"):
 * <ul>
 *   <li>{@code performance/recall, precision, specificity, accuracy}: binomial, around the reference value, on the
 *       batch's and the reference's actual positives, predicted positives, actual negatives, rows;</li>
 *   <li>{@code performance/f1, roc_auc} and every {@code estimated_performance} metric: reference chunks (the
 *       estimator's {@code σ_c}, scaled to the batch's rows), around the reference's realised value;</li>
 *   <li>{@code concept/churn_rate_change}: binomial difference around 0 on the labelled rows of both sides;</li>
 *   <li>{@code segment/recall_drop}: binomial difference around 0 on the segment's churners of both sides;
 *       {@code segment/prediction_psi}: PSI's chi-squared law on the segment's rows;</li>
 *   <li>{@code importance/iv_change_pct}: parametric bootstrap ({@link WoeNoise}); {@code importance/woe_sign_flips}:
 *       log-odds normal law per bin.</li>
 * </ul>
 */
final class PerformanceBands {

    private PerformanceBands() {
    }

    static List<NoChangeBand> of(ReferenceProfile profile, MonitoringConfig config, ClassificationReport current,
                                 EstimatedPerformance estimated, ConceptDrift concept, List<SegmentRow> segments,
                                 List<ImportanceRow> importance, List<WoeIvResult> currentWoe) {
        List<NoChangeBand> bands = new ArrayList<>();
        ClassificationReport reference = profile.performance();
        ConfidenceBasedEstimator estimator = profile.estimator();
        if (current != null && reference != null) {
            ConfusionMatrix c = current.confusionMatrix();
            ConfusionMatrix r = reference.confusionMatrix();
            add(bands, NoChangeBands.proportion("performance", "recall", null, null, reference.recall(),
                    c.tp() + c.fn(), r.tp() + r.fn()));
            add(bands, NoChangeBands.proportion("performance", "precision", null, null, reference.precision(),
                    c.tp() + c.fp(), r.tp() + r.fp()));
            add(bands, NoChangeBands.proportion("performance", "specificity", null, null, reference.specificity(),
                    c.tn() + c.fp(), r.tn() + r.fp()));
            add(bands, NoChangeBands.proportion("performance", "accuracy", null, null, reference.accuracy(),
                    current.rows(), reference.rows()));
            if (estimator != null) {
                ExpectedMetrics sd = estimator.chunkStd();
                add(bands, NoChangeBands.chunks("performance", "f1", reference.f1(), sd.f1(), estimator.chunkSize(),
                        current.rows(), estimator.referenceRows()));
                add(bands, NoChangeBands.chunks("performance", "roc_auc", reference.rocAuc(), sd.rocAuc(),
                        estimator.chunkSize(), current.rows(), estimator.referenceRows()));
            }
        }
        if (current == null && estimated != null && estimator != null) {
            ExpectedMetrics ref = estimator.referenceMetrics();
            ExpectedMetrics sd = estimator.chunkStd();
            int c = estimator.chunkSize();
            long m = estimated.rows();
            long n = estimator.referenceRows();
            String cat = "estimated_performance";
            add(bands, NoChangeBands.chunks(cat, "accuracy", ref.accuracy(), sd.accuracy(), c, m, n));
            add(bands, NoChangeBands.chunks(cat, "precision", ref.precision(), sd.precision(), c, m, n));
            add(bands, NoChangeBands.chunks(cat, "recall", ref.recall(), sd.recall(), c, m, n));
            add(bands, NoChangeBands.chunks(cat, "f1", ref.f1(), sd.f1(), c, m, n));
            add(bands, NoChangeBands.chunks(cat, "specificity", ref.specificity(), sd.specificity(), c, m, n));
            add(bands, NoChangeBands.chunks(cat, "roc_auc", ref.rocAuc(), sd.rocAuc(), c, m, n));
        }
        if (concept.churnRateChange() != null && reference != null) {
            add(bands, NoChangeBands.difference("concept", "churn_rate_change", null, null, concept.referenceChurnRate(),
                    concept.labelledRows(), reference.rows()));
        }
        for (SegmentRow s : segments) {
            if (s.recallDrop() != null) {
                add(bands, NoChangeBands.difference("segment", "recall_drop", null, s.key(), s.referenceRecall(),
                        s.churners(), s.referenceChurners()));
            }
            PsiBins bins = profile.segmentPredictionBins().get(s.key());
            if (s.psi() != null && bins != null) {
                add(bands, NoChangeBands.psi("segment", "prediction_psi", null, s.key(),
                        DriftAccumulator.filledBins(bins), s.count(), bins.referenceCount()));
            }
        }
        double smoothing = WoeIv.withDefaults().smoothing();
        for (int i = 0; i < importance.size(); i++) {
            ImportanceRow row = importance.get(i);
            WoeIvResult table = profile.woe().get(row.column());
            WoeNoise noise = profile.woeNoise() == null ? null : profile.woeNoise().get(row.column());
            WoeIvResult cur = currentWoe.get(i);
            if (table == null || noise == null) {
                continue;
            }
            add(bands, noise.ivChange(row.column(), table, cur.totalEvents(), cur.totalNonEvents(), smoothing));
            add(bands, WoeNoise.signFlips(row.column(), table, cur.totalEvents(), cur.totalNonEvents(), smoothing,
                    config.importance().minAbsWoe()));
        }
        return bands;
    }

    private static void add(List<NoChangeBand> bands, NoChangeBand band) {
        if (band != null) {
            bands.add(band);
        }
    }
}
