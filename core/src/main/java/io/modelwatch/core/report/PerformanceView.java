package io.modelwatch.core.report;

import io.modelwatch.core.estimation.Estimate;
import io.modelwatch.core.estimation.EstimatedPerformance;
import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.performance.ReliabilityBin;
import io.modelwatch.core.report.ReportView.ChartView;
import io.modelwatch.core.report.ReportView.EstimateLine;
import io.modelwatch.core.report.ReportView.PerfLine;
import io.modelwatch.core.report.ReportView.ReliabilityLine;
import io.modelwatch.core.metrics.MetricRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static io.modelwatch.core.report.ReportView.band;
import static io.modelwatch.core.report.ReportView.num;

/**
 * The performance sections of a {@link ReportView}: the metrics of the current batch beside the reference's,
 * the confusion matrix, the reliability table, the ROC, precision-recall and calibration charts, and the
 * performance estimated without labels beside the realised one.
 */
final class PerformanceView {

    private PerformanceView() {
    }

    /** Each metric of the labelled rows with the reference's, their change and the metric's no-change band. */
    static List<PerfLine> lines(ClassificationReport cur, ClassificationReport ref, Map<String, MetricRow> rows) {
        List<PerfLine> perf = new ArrayList<>();
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
        return perf;
    }

    /** tn, fp, fn, tp. */
    static List<String> confusion(ClassificationReport cur) {
        var cm = cur.confusionMatrix();
        return List.of(String.valueOf(cm.tn()), String.valueOf(cm.fp()), String.valueOf(cm.fn()),
                String.valueOf(cm.tp()));
    }

    /** One line per reliability bin of width 0.1. */
    static List<ReliabilityLine> reliability(ClassificationReport cur) {
        List<ReliabilityLine> rl = new ArrayList<>();
        for (int i = 0; i < cur.reliability().size(); i++) {
            ReliabilityBin b = cur.reliability().get(i);
            rl.add(new ReliabilityLine(String.format(Locale.ROOT, "%.1f–%.1f", i / 10.0, (i + 1) / 10.0),
                    String.valueOf(b.count()), num(b.meanPredicted()), num(b.fractionPositive())));
        }
        return rl;
    }

    /** The estimated metrics beside the realised ones; none without an estimate. */
    static List<EstimateLine> estimates(EstimatedPerformance e, ClassificationReport cur) {
        List<EstimateLine> estimated = new ArrayList<>();
        if (e != null) {
            estimated.add(estimate("Recall", e.recall(), cur == null ? null : cur.recall()));
            estimated.add(estimate("Precision", e.precision(), cur == null ? null : cur.precision()));
            estimated.add(estimate("F1", e.f1(), cur == null ? null : cur.f1()));
            estimated.add(estimate("Accuracy", e.accuracy(), cur == null ? null : cur.accuracy()));
            estimated.add(estimate("Specificity", e.specificity(), cur == null ? null : cur.specificity()));
            estimated.add(estimate("ROC AUC", e.rocAuc(), cur == null ? null : cur.rocAuc()));
        }
        return estimated;
    }

    /** ROC, precision-recall and reliability charts of the current batch, with the reference's for comparison. */
    static List<ChartView> charts(ClassificationReport cur, ClassificationReport ref) {
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

    private static PerfLine perf(String name, ClassificationReport cur, ClassificationReport ref,
                                 Function<ClassificationReport, Double> metric, String band) {
        Double c = metric.apply(cur);
        Double b = ref == null ? null : metric.apply(ref);
        String delta = Figures.change(c, b);
        return new PerfLine(name, num(c) + band, num(b), delta);
    }

    private static EstimateLine estimate(String name, Estimate e, Double realised) {
        if (e == null) {
            return new EstimateLine(name, "undefined", "", num(realised));
        }
        String band = e.lower() == null || e.upper() == null ? "" : "[" + num(e.lower()) + ", " + num(e.upper()) + "]";
        return new EstimateLine(name, num(e.value()), band, realised == null ? "not yet" : num(realised));
    }
}
