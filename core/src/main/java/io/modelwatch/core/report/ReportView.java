package io.modelwatch.core.report;

import io.modelwatch.core.result.ColumnRole;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.anomaly.MultivariateAnomaly;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.performance.ReliabilityBin;
import io.modelwatch.core.result.ColumnDrift;
import io.modelwatch.core.result.ImportanceRow;
import io.modelwatch.core.result.PsiValue;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.result.SegmentRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

        List<DriftLine> drift = DriftView.lines(r, rows, psiByColumn);
        List<ChartView> charts = DriftView.charts(r, psiByColumn);

        ClassificationReport cur = r.performance();
        ClassificationReport ref = r.referencePerformance();
        List<PerfLine> perf = cur == null ? new ArrayList<>() : PerformanceView.lines(cur, ref, rows);
        List<String> confusion = cur == null ? List.of() : PerformanceView.confusion(cur);
        List<ReliabilityLine> reliability = cur == null ? List.of() : PerformanceView.reliability(cur);
        List<ChartView> performanceCharts = cur == null ? List.of() : PerformanceView.charts(cur, ref);

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

        List<EstimateLine> estimated = PerformanceView.estimates(r.estimatedPerformance(), cur);
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
                DriftView.segmentDriftSummary(r.segmentDrift()), DriftView.segmentDriftLines(r.segmentDrift()));
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

    private static boolean isFlagged(RunResult r, SegmentRow s) {
        return r.alerts().stream().anyMatch(a -> s.key().equals(a.segment()));
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
