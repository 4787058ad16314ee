package io.modelwatch.core.report;

import io.modelwatch.core.result.ColumnRole;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.anomaly.MultivariateAnomaly;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.performance.ReliabilityBin;
import io.modelwatch.core.result.ColumnDrift;
import io.modelwatch.core.result.ImportanceRow;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.PsiValue;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.result.SegmentRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What the report template shows, as preformatted text: the template stays free of logic and number
 * formatting lives in one place.
 */
public record ReportView(String modelId, String date, String runId, String reference, String current, String labels,
                         String rows, String duration, List<Card> cards, List<AlertLine> alerts,
                         List<DriftLine> drift, String driftVerdict, List<ChartView> charts, boolean hasPerformance,
                         List<PerfLine> performance, List<String> confusion, List<ReliabilityLine> reliability,
                         String churn, List<SegmentLine> segments, List<ImportanceLine> importance,
                         List<QualityLine> quality, List<EstimateLine> estimated, String rootCause,
                         List<String> rootCauseFeatures, List<String> rootCauseSegments, String rootCauseExamples,
                         List<ChartView> performanceCharts, String multivariate, boolean multivariateAnomalous,
                         List<ContributorLine> contributors, List<String> heldBack, String segmentDriftSummary,
                         List<SegmentDriftLine> segmentDrift) {

    /** A feature drifted inside a segment (section "Drift inside segments"). */
    public record SegmentDriftLine(String segment, String column, String method, String score, String adjustedP,
                                   String psi, String rows, String wholeBatch, boolean masked) {
    }

    /** A metric that isolates the run in the isolation forest: its value, its history median, its share. */
    public record ContributorLine(String metric, String value, String historyMedian, String robustZ, String share) {
    }

    /** Features and segments listed in the root-cause section. */
    static final int ROOT_CAUSE_TOP = 5;

    public record EstimateLine(String metric, String estimate, String band, String realised) {
    }

    /** How many charts to show when no feature drifted (the largest PSI). */
    static final int FALLBACK_CHARTS = 3;

    public record Card(String label, String value, String tone) {
    }

    public record AlertLine(String severity, String tone, String metric, String where, String value, String threshold,
                            String message) {
    }

    public record DriftLine(String column, String role, String type, String method, String score, String pValue,
                            String threshold, String psi, boolean drifted, String note) {
    }

    public record ChartView(String column, String caption, String svg) {
    }

    public record PerfLine(String metric, String current, String reference, String delta) {
    }

    public record ReliabilityLine(String bin, String count, String meanPredicted, String fractionPositive) {
    }

    public record SegmentLine(String dimension, String segment, String count, String churnRate, String recall,
                              String referenceRecall, String recallDrop, String precision, String psi, boolean flagged) {
    }

    public record ImportanceLine(String column, String referenceIv, String currentIv, String change, String flips) {
    }

    public record QualityLine(String severity, String tone, String kind, String column, String count, String message) {
    }

    public static ReportView of(RunResult r) {
        Map<String, MetricRow> rows = new HashMap<>();
        r.metrics().forEach(m -> rows.putIfAbsent(m.key(), m));
        Map<String, PsiValue> psiByColumn = new HashMap<>();
        r.psi().forEach(p -> psiByColumn.put(p.column(), p));

        List<AlertLine> alerts = r.alerts().stream().map(a -> new AlertLine(a.severity().name(), tone(a.severity()),
                a.category() + " / " + a.metric(), where(a), num(a.value()), num(a.threshold()), a.message())).toList();

        List<DriftLine> drift = r.drift().columns().stream().map(c -> new DriftLine(c.column(), c.role(), c.type(),
                c.method(), num(c.score()), c.pValue() == null && c.error() == null ? "—" : num(c.pValue()), num(c.threshold()),
                psiByColumn.containsKey(c.column()) ? num(psiByColumn.get(c.column()).value())
                        + band(rows, "psi", "psi", c.column(), null) : "",
                c.drifted(), c.error() == null ? c.rule() : "not computed: " + c.error())).toList();

        List<ChartView> charts = charts(r, psiByColumn);

        ClassificationReport cur = r.performance();
        ClassificationReport ref = r.referencePerformance();
        List<PerfLine> perf = new ArrayList<>();
        List<String> confusion = List.of();
        List<ReliabilityLine> reliability = List.of();
        List<ChartView> performanceCharts = List.of();
        if (cur != null) {
            performanceCharts = performanceCharts(cur, ref);
            perf.add(perf("Recall", cur, ref, ClassificationReport::recall, band(rows, "performance", "recall", null, null)));
            perf.add(perf("Precision", cur, ref, ClassificationReport::precision,
                    band(rows, "performance", "precision", null, null)));
            perf.add(perf("F1", cur, ref, ClassificationReport::f1, band(rows, "performance", "f1", null, null)));
            perf.add(perf("Accuracy", cur, ref, ClassificationReport::accuracy,
                    band(rows, "performance", "accuracy", null, null)));
            perf.add(perf("Specificity", cur, ref, ClassificationReport::specificity,
                    band(rows, "performance", "specificity", null, null)));
            perf.add(perf("ROC AUC", cur, ref, ClassificationReport::rocAuc, band(rows, "performance", "roc_auc", null, null)));
            perf.add(perf("PR AUC (average precision)", cur, ref, ClassificationReport::prAuc, ""));
            perf.add(perf("Log loss", cur, ref, ClassificationReport::logLoss, ""));
            perf.add(perf("Brier score", cur, ref, ClassificationReport::brierScore, ""));
            var cm = cur.confusionMatrix();
            confusion = List.of(String.valueOf(cm.tn()), String.valueOf(cm.fp()), String.valueOf(cm.fn()),
                    String.valueOf(cm.tp()));
            List<ReliabilityLine> rl = new ArrayList<>();
            for (int i = 0; i < cur.reliability().size(); i++) {
                ReliabilityBin b = cur.reliability().get(i);
                rl.add(new ReliabilityLine(String.format(Locale.ROOT, "%.1f–%.1f", i / 10.0, (i + 1) / 10.0),
                        String.valueOf(b.count()), num(b.meanPredicted()), num(b.fractionPositive())));
            }
            reliability = rl;
        }

        var c = r.concept();
        String churn = c.churnRateChange() == null
                ? "Churn rate: no labels yet (label coverage " + pct(c.labelCoverage()) + "); predicted churn rate "
                + pct(c.currentPredictedRate()) + " vs reference " + pct(c.referencePredictedRate()) + "."
                : String.format(Locale.ROOT, "Churn rate %s vs reference %s (%+.1f points); label coverage %s.",
                pct(c.currentChurnRate()), pct(c.referenceChurnRate()), 100 * c.churnRateChange(),
                pct(c.labelCoverage())) + band(rows, "concept", "churn_rate_change", null, null)
                .replace(" (no change", " Change under no change:").replace(")", ".");

        List<SegmentLine> segments = r.segments().stream().map(s -> new SegmentLine(s.dimension(), s.segment(),
                String.valueOf(s.count()), pct(s.churnRate()), num(s.recall()), num(s.referenceRecall()),
                num(s.recallDrop()) + band(rows, "segment", "recall_drop", null, s.key()), num(s.precision()),
                num(s.psi()) + band(rows, "segment", "prediction_psi", null, s.key()), isFlagged(r, s))).toList();

        List<ImportanceLine> importance = r.importance().stream().map(i -> new ImportanceLine(i.column(),
                num(i.referenceIv()), num(i.currentIv()),
                i.ivChangePct() == null ? "undefined" : String.format(Locale.ROOT, "%+.1f %%", i.ivChangePct())
                        + band(rows, "importance", "iv_change_pct", i.column(), null),
                (i.signFlips() == 0 ? "0" : i.signFlips() + " (" + String.join(", ", i.flippedBins()) + ")")
                        + band(rows, "importance", "woe_sign_flips", i.column(), null))).toList();

        List<QualityLine> quality = r.quality().findings().stream().map(f -> new QualityLine(f.severity(),
                f.severity().toLowerCase(Locale.ROOT), f.kind().name().toLowerCase(Locale.ROOT), f.column() == null ? "" : f.column(),
                String.valueOf(f.count()), f.message())).toList();

        List<Card> cards = List.of(
                new Card("HIGH alerts", String.valueOf(count(r, Severity.HIGH)), count(r, Severity.HIGH) > 0 ? "high" : "ok"),
                new Card("MEDIUM alerts", String.valueOf(count(r, Severity.MEDIUM)), count(r, Severity.MEDIUM) > 0 ? "medium" : "ok"),
                new Card("LOW alerts", String.valueOf(count(r, Severity.LOW)), count(r, Severity.LOW) > 0 ? "low" : "ok"),
                new Card("Drifted features", r.drift().driftedCount() + " / " + r.drift().featureCount(),
                        r.drift().datasetDrift() ? "high" : r.drift().driftedCount() > 0 ? "medium" : "ok"),
                new Card("Recall", cur == null ? "no labels" : num(cur.recall())
                        + (ref == null ? "" : " (ref " + num(ref.recall()) + ")"), "neutral"),
                new Card("Quality findings", String.valueOf(r.quality().findings().size()),
                        r.quality().findings().isEmpty() ? "ok" : "high"));

        List<EstimateLine> estimated = new ArrayList<>();
        var e = r.estimatedPerformance();
        if (e != null) {
            estimated.add(estimate("Recall", e.recall(), cur == null ? null : cur.recall()));
            estimated.add(estimate("Precision", e.precision(), cur == null ? null : cur.precision()));
            estimated.add(estimate("F1", e.f1(), cur == null ? null : cur.f1()));
            estimated.add(estimate("Accuracy", e.accuracy(), cur == null ? null : cur.accuracy()));
            estimated.add(estimate("Specificity", e.specificity(), cur == null ? null : cur.specificity()));
            estimated.add(estimate("ROC AUC", e.rocAuc(), cur == null ? null : cur.rocAuc()));
        }
        var rc = r.rootCause();
        String rootCause = rc == null ? "" : rc.hypothesis();
        List<String> rcFeatures = rc == null ? List.of() : rc.rankedFeatures().stream().limit(ROOT_CAUSE_TOP)
                .map(f -> f.feature() + ": PSI " + num(f.psi()) + (f.drifted() ? " (drifted)" : "")).toList();
        List<String> rcSegments = rc == null ? List.of() : rc.rankedSegments().stream().limit(ROOT_CAUSE_TOP)
                .map(x -> String.format(Locale.ROOT, "%s=%s: %+.4f (within segment %+.4f, population shift %+.4f)",
                        x.dimension(), x.segment(), x.totalEffect(), x.withinEffect(), x.mixEffect())).toList();
        String examples = rc == null || rc.exampleRowIds().isEmpty() ? "" : String.join(", ", rc.exampleRowIds());

        var run = r.run();
        return new ReportView(run.modelId(), String.valueOf(run.snapshotDate()), run.runId(), run.inputs().reference(),
                run.inputs().current(), run.inputs().labels() == null ? "" : run.inputs().labels(),
                String.format(Locale.ROOT, "%,d reference, %,d current, %,d labelled", run.referenceRows(),
                        run.currentRows(), run.labelledRows()),
                run.durationMs() + " ms", cards, alerts, drift,
                String.format(Locale.ROOT, "%d of %d features drifted (share %.2f; dataset drift when ≥ %.2f): %s",
                        r.drift().driftedCount(), r.drift().featureCount(), r.drift().share(), r.drift().driftShare(),
                        r.drift().datasetDrift() ? "DATASET DRIFT" : "no dataset drift") + roleDrift(r),
                charts, cur != null, perf, confusion, reliability, churn, segments, importance, quality, estimated,
                rootCause, rcFeatures, rcSegments, examples, performanceCharts, multivariate(r.multivariateAnomaly()),
                r.multivariateAnomaly() != null && r.multivariateAnomaly().anomalous(),
                r.multivariateAnomaly() == null ? List.of() : r.multivariateAnomaly().contributors().stream()
                        .map(x -> new ContributorLine(x.metric(), num(x.value()), num(x.historyMedian()),
                                x.robustZ() == null ? "—" : String.format(Locale.ROOT, "%+.1f", x.robustZ()),
                                String.format(Locale.ROOT, "%.0f %%", 100 * x.share()))).toList(),
                r.heldBack().stream().map(h -> h.alert().severity() + " " + h.alert().message() + ": inside ±"
                        + num(h.bandSigma()) + " standard errors, held back").toList(),
                segmentDriftSummary(r.segmentDrift()), segmentDriftLines(r.segmentDrift()));
    }

    /** How many segment × feature tests ran, drifted and were masked. */
    private static String segmentDriftSummary(List<io.modelwatch.core.result.SegmentFeatureDrift> drifts) {
        long segments = drifts.stream().map(io.modelwatch.core.result.SegmentFeatureDrift::key).distinct().count();
        long drifted = drifts.stream().filter(io.modelwatch.core.result.SegmentFeatureDrift::drifted).count();
        long masked = drifts.stream().filter(io.modelwatch.core.result.SegmentFeatureDrift::masked).count();
        return String.format(Locale.ROOT, "%d tests in %d segments with enough rows; %d drifted inside their segment, "
                + "%d of them masked (no drift over the whole batch).", drifts.size(), segments, drifted, masked);
    }

    /** The drifted segment × feature tests, masked ones first. */
    private static List<SegmentDriftLine> segmentDriftLines(List<io.modelwatch.core.result.SegmentFeatureDrift> drifts) {
        return drifts.stream().filter(io.modelwatch.core.result.SegmentFeatureDrift::drifted)
                .sorted(java.util.Comparator.comparing(d -> !d.masked()))
                .map(d -> new SegmentDriftLine(d.key(), d.column(), d.method(), num(d.score()),
                        d.adjustedPValue() == null ? "—" : num(d.adjustedPValue()), num(d.psi()),
                        String.format(Locale.ROOT, "%,d / %,d", d.referenceRows(), d.currentRows()),
                        d.populationDrifted() ? "drifted" : "no drift", d.masked()))
                .toList();
    }

    /** One sentence on the isolation forest's verdict; empty when the forest is off. */
    private static String multivariate(MultivariateAnomaly a) {
        if (a == null) {
            return "";
        }
        if (!MultivariateAnomaly.SCORED.equals(a.status())) {
            return String.format(Locale.ROOT, "Not enough history: %d previous runs, the isolation forest needs %d "
                    + "(no score, no alert).", a.historyRuns(), a.minHistory());
        }
        return String.format(Locale.ROOT, "Isolation score %.3f, threshold %.3f (the %s quantile of the last %d runs' "
                        + "scores) over %d metrics: %s.", a.score(), a.threshold(), num(a.alertQuantile()), a.historyRuns(),
                a.metrics(), a.anomalous() ? "ANOMALOUS, the metrics are unusual together" : "an ordinary run");
    }

    /**
     * The no-change band beside a value, {@code " (no change 0.0030 ± 0.0013)"}, and {@code ", held back"} in it
     * when a rule's threshold was crossed inside the band; empty when the metric has no band.
     */
    static String band(Map<String, MetricRow> rows, String category, String name, String column, String segment) {
        MetricRow row = rows.get(io.modelwatch.core.metrics.NoChangeBand.key(category, name, column, segment));
        if (row == null || row.bandExpected() == null || row.bandError() == null) {
            return "";
        }
        return " (no change " + num(row.bandExpected()) + " ± " + num(row.bandError())
                + (MetricRow.HELD.equals(row.status()) ? ", held back" : "") + ")";
    }

    /** ROC, precision-recall and reliability charts of the current batch, with the reference's for comparison. */
    private static List<ChartView> performanceCharts(ClassificationReport cur, ClassificationReport ref) {
        List<ChartView> out = new ArrayList<>();
        List<SvgCurveChart.Series> roc = new ArrayList<>();
        List<SvgCurveChart.Series> pr = new ArrayList<>();
        if (ref != null && !ref.curve().isEmpty()) {
            roc.add(new SvgCurveChart.Series("reference", SvgBarChart.REFERENCE_COLOUR, ref.rocPoints(), false));
            pr.add(new SvgCurveChart.Series("reference", SvgBarChart.REFERENCE_COLOUR, ref.precisionRecallPoints(), false));
        }
        if (!cur.curve().isEmpty()) {
            roc.add(new SvgCurveChart.Series("current", SvgBarChart.CURRENT_COLOUR, cur.rocPoints(), false));
            pr.add(new SvgCurveChart.Series("current", SvgBarChart.CURRENT_COLOUR, cur.precisionRecallPoints(), false));
            out.add(new ChartView("roc", "ROC curve: ROC AUC " + num(cur.rocAuc())
                    + (ref == null ? "" : " (reference " + num(ref.rocAuc()) + ")"),
                    SvgCurveChart.render("ROC curve", "False positive rate", "True positive rate (recall)", roc, true)));
            out.add(new ChartView("pr", "Precision-recall curve: average precision " + num(cur.prAuc())
                    + (ref == null ? "" : " (reference " + num(ref.prAuc()) + ")"),
                    SvgCurveChart.render("Precision-recall curve", "Recall", "Precision", pr, false)));
        }
        List<SvgCurveChart.Series> calibration = new ArrayList<>();
        if (ref != null) {
            calibration.add(new SvgCurveChart.Series("reference", SvgBarChart.REFERENCE_COLOUR, ref.reliabilityPoints(), true));
        }
        calibration.add(new SvgCurveChart.Series("current", SvgBarChart.CURRENT_COLOUR, cur.reliabilityPoints(), true));
        out.add(new ChartView("calibration", "Reliability: fraction churned against mean predicted probability per bin "
                + "(non-empty bins; the dashed line is perfect calibration)",
                SvgCurveChart.render("Calibration", "Mean predicted probability", "Fraction churned", calibration, true)));
        return out;
    }

    /** "; prediction drift: churn_probability no, churn_class no; target drift: churn_actual yes" (rows by role). */
    private static String roleDrift(RunResult r) {
        StringBuilder sb = new StringBuilder();
        for (String role : List.of(ColumnRole.PREDICTION,
                ColumnRole.TARGET)) {
            List<String> columns = r.drift().columns().stream().filter(c -> role.equals(c.role()))
                    .map(c -> c.column() + " " + (c.drifted() ? "DRIFTED" : "no")).toList();
            if (!columns.isEmpty()) {
                sb.append("; ").append(role).append(" drift: ").append(String.join(", ", columns));
            }
        }
        return sb.toString();
    }

    private static List<ChartView> charts(RunResult r, Map<String, PsiValue> psiByColumn) {
        List<ColumnDrift> drifted = r.drift().columns().stream().filter(ColumnDrift::drifted).toList();
        List<ChartView> out = new ArrayList<>();
        if (!drifted.isEmpty()) {
            for (ColumnDrift d : drifted) {
                PsiValue p = psiByColumn.get(d.column());
                if (p != null) {
                    out.add(chart(p, d.method() + " score " + num(d.score()) + ", PSI " + num(p.value())));
                }
            }
        } else {
            r.psi().stream().sorted(Comparator.comparingDouble(PsiValue::value).reversed()).limit(FALLBACK_CHARTS)
                    .forEach(p -> out.add(chart(p, "largest PSI, not drifted: PSI " + num(p.value()))));
        }
        return out;
    }

    private static ChartView chart(PsiValue p, String caption) {
        return new ChartView(p.column(), caption,
                SvgBarChart.render(p.column(), AxisLabels.readable(p.bins()), p.reference(), p.current()));
    }

    private static boolean isFlagged(RunResult r, SegmentRow s) {
        return r.alerts().stream().anyMatch(a -> s.key().equals(a.segment()));
    }

    private static PerfLine perf(String name, ClassificationReport cur, ClassificationReport ref,
                                 Function<ClassificationReport, Double> metric, String band) {
        Double c = metric.apply(cur);
        Double b = ref == null ? null : metric.apply(ref);
        String delta = Figures.change(c, b);
        return new PerfLine(name, num(c) + band, num(b), delta);
    }

    private static EstimateLine estimate(String name, io.modelwatch.core.estimation.Estimate e, Double realised) {
        if (e == null) {
            return new EstimateLine(name, "undefined", "", num(realised));
        }
        String band = e.lower() == null || e.upper() == null ? "" : "[" + num(e.lower()) + ", " + num(e.upper()) + "]";
        return new EstimateLine(name, num(e.value()), band, realised == null ? "not yet" : num(realised));
    }

    private static long count(RunResult r, Severity s) {
        return r.alerts().stream().filter(a -> a.severity() == s).count();
    }

    private static String where(Alert a) {
        if (a.column() != null && a.segment() != null) {
            return a.column() + " @ " + a.segment();
        }
        return a.column() != null ? a.column() : a.segment() != null ? a.segment() : "dataset";
    }

    private static String tone(Severity s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    static String num(Double v) {
        return Figures.num(v);
    }

    static String pct(Double v) {
        return Figures.pct(v);
    }
}
