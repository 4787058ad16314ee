package io.modelwatch.core.report;

import io.modelwatch.core.report.ReportView.ChartView;
import io.modelwatch.core.report.ReportView.DriftLine;
import io.modelwatch.core.report.ReportView.SegmentDriftLine;
import io.modelwatch.core.result.ColumnDrift;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.PsiValue;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.result.SegmentFeatureDrift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.modelwatch.core.report.ReportView.band;
import static io.modelwatch.core.report.ReportView.num;

/**
 * The drift sections of a {@link ReportView}: one line per tested column, the distribution charts (of the
 * drifted columns, or else of the largest PSIs), and the drift inside segments.
 */
final class DriftView {

    /** How many charts to show when no feature drifted (the largest PSI). */
    static final int FALLBACK_CHARTS = 3;

    private DriftView() {
    }

    /** One line per tested column: method, score, p-value, threshold, PSI with its band, verdict or error. */
    static List<DriftLine> lines(RunResult r, Map<String, MetricRow> rows, Map<String, PsiValue> psiByColumn) {
        return r.drift().columns().stream().map(c -> new DriftLine(c.column(), c.role(), c.type(),
                c.method(), num(c.score()), c.pValue() == null && c.error() == null ? "—" : num(c.pValue()), num(c.threshold()),
                psiByColumn.containsKey(c.column()) ? num(psiByColumn.get(c.column()).value())
                        + band(rows, "psi", "psi", c.column(), null) : "",
                c.drifted(), c.error() == null ? c.rule() : "not computed: " + c.error())).toList();
    }

    /** The charts of the drifted columns, or of the largest PSIs when none drifted. */
    static List<ChartView> charts(RunResult r, Map<String, PsiValue> psiByColumn) {
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

    /** How many segment × feature tests ran, drifted and were masked. */
    static String segmentDriftSummary(List<SegmentFeatureDrift> drifts) {
        long segments = drifts.stream().map(SegmentFeatureDrift::key).distinct().count();
        long drifted = drifts.stream().filter(SegmentFeatureDrift::drifted).count();
        long masked = drifts.stream().filter(SegmentFeatureDrift::masked).count();
        return String.format(Locale.ROOT, "%d tests in %d segments with enough rows; %d drifted inside their segment, "
                + "%d of them masked (no drift over the whole batch).", drifts.size(), segments, drifted, masked);
    }

    /** The drifted segment × feature tests, masked ones first. */
    static List<SegmentDriftLine> segmentDriftLines(List<SegmentFeatureDrift> drifts) {
        return drifts.stream().filter(SegmentFeatureDrift::drifted)
                .sorted(Comparator.comparing(d -> !d.masked()))
                .map(d -> new SegmentDriftLine(d.key(), d.column(), d.method(), num(d.score()),
                        d.adjustedPValue() == null ? "—" : num(d.adjustedPValue()), num(d.psi()),
                        String.format(Locale.ROOT, "%,d / %,d", d.referenceRows(), d.currentRows()),
                        d.populationDrifted() ? "drifted" : "no drift", d.masked()))
                .toList();
    }
}
