package io.modelwatch.core.anomaly;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.IsolationForestSettings;
import io.modelwatch.core.metrics.MetricRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores a run's metric vector ({@link RunVector}) with an {@link IsolationForest} grown on the vectors of the
 * model's previous runs, so that a day on which many metrics move a little together is flagged although each
 * stays inside its own range.
 *
 * <ol>
 *   <li>History: the last {@code window} previous runs. With fewer than {@code min_history} the run is
 *       {@value MultivariateAnomaly#NOT_ENOUGH_HISTORY}: no score, no alert.</li>
 *   <li>Vector: the run's entries that at least {@code min_history} history runs have too; a history run
 *       missing an entry gets that entry's median over the history runs that have it.</li>
 *   <li>Forest: {@code n_estimators} trees on subsamples of {@code min(max_samples, runs)} history vectors,
 *       seeded with {@code seed}.</li>
 *   <li>Threshold: the larger of {@code min_score} and the {@code alert_quantile} of the history runs' own
 *       scores, each scored by a forest grown without it ({@link IsolationForest#crossValidatedScores}, 20 folds)
 *       and the quantile taken at the conformal rank {@code ceil((n+1) q)} ({@link #conformalQuantile}), so that
 *       an ordinary run exceeds it with probability about {@code 1 − q}; the run is anomalous when its score
 *       exceeds it, and then raises one alert of the configured severity.</li>
 *   <li>Contributors: the {@code top_contributors} entries with the largest share of the run's isolation credit
 *       ({@link IsolationForest.Model#attribution}).</li>
 * </ol>
 */
public final class MultivariateAnomalyScan {

    /** Metric row of the run's score (category {@value AnomalyScan#CATEGORY}). */
    public static final String SCORE = "isolation_forest_score";
    /** Metric rows of the top contributors: column = the vector entry, value = its share. */
    public static final String CONTRIBUTION = "isolation_forest_contribution";
    /** Rule name of the alert. */
    public static final String RULE = "isolation_forest";

    private MultivariateAnomalyScan() {
    }

    /**
     * @param rows    the run's metric rows
     * @param history previous runs, oldest first
     * @param alerts  receives the alert when the run is anomalous (and the severity is not NONE)
     * @return the verdict, {@code null} when the forest is disabled
     */
    public static MultivariateAnomaly scan(List<MetricRow> rows, MetricHistory history, IsolationForestSettings s,
                                           List<Alert> alerts) {
        if (!s.enabled()) {
            return null;
        }
        List<List<MetricRow>> runs = history.runs();
        List<List<MetricRow>> window = runs.subList(Math.max(0, runs.size() - s.window()), runs.size());
        if (window.size() < s.minHistory()) {
            return notEnough(window.size(), 0, s, fmt("not judged: %d previous runs, the isolation forest needs %d",
                    window.size(), s.minHistory()));
        }
        Map<String, Double> today = RunVector.of(rows, s.metrics());
        List<Map<String, Double>> past = window.stream().map(r -> RunVector.of(r, s.metrics())).toList();
        List<String> keys = new ArrayList<>();
        for (String key : today.keySet()) {
            if (past.stream().filter(p -> p.containsKey(key)).count() >= s.minHistory()) {
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            return notEnough(window.size(), 0, s, fmt("not judged: no metric of this run has %d previous values",
                    s.minHistory()));
        }
        int d = keys.size();
        double[] medians = new double[d];
        double[][] matrix = new double[past.size()][d];
        for (int j = 0; j < d; j++) {
            String key = keys.get(j);
            medians[j] = median(past.stream().filter(p -> p.containsKey(key)).mapToDouble(p -> p.get(key)).toArray());
            for (int i = 0; i < past.size(); i++) {
                matrix[i][j] = past.get(i).getOrDefault(key, medians[j]);
            }
        }
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
            x[j] = today.get(keys.get(j));
        }
        IsolationForest forest = IsolationForest.withDefaults().withTrees(s.trees()).withMaxSamples(s.maxSamples())
                .withSeed(s.seed());
        IsolationForest.Model model = forest.fit(matrix);
        double score = model.score(x);
        double quantileScore = conformalQuantile(forest.crossValidatedScores(matrix, CV_FOLDS), s.alertQuantile());
        double threshold = Math.max(quantileScore, s.minScore());
        boolean anomalous = score > threshold;

        double[] share = model.attribution(x);
        Integer[] order = new Integer[d];
        Arrays.setAll(order, j -> j);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> -share[j]).thenComparing(keys::get));
        List<MultivariateAnomaly.Contributor> top = new ArrayList<>();
        for (int k = 0; k < Math.min(s.topContributors(), d) && share[order[k]] > 0; k++) {
            int j = order[k];
            top.add(new MultivariateAnomaly.Contributor(keys.get(j), x[j], medians[j], robustZ(matrix, j, medians[j], x[j]),
                    share[j]));
        }
        String reason = fmt("isolation score %.3f %s threshold %.3f (%s quantile %.3f of the last %d runs' "
                        + "cross-validated scores, "
                        + "min score %s) over %d metrics", score, anomalous ? ">" : "<=", threshold,
                num(s.alertQuantile()), quantileScore, window.size(), num(s.minScore()), d);
        MultivariateAnomaly result = new MultivariateAnomaly(MultivariateAnomaly.SCORED, score, threshold,
                s.alertQuantile(), anomalous, window.size(), s.minHistory(), d, top, reason);
        if (anomalous && s.severity().severity().isPresent()) {
            alerts.add(new Alert(s.severity().severity().get(), RULE, AnomalyScan.CATEGORY, SCORE, null, null, score,
                    threshold, false, fmt("The run's metrics are unusual together: isolation-forest score %.3f above "
                            + "%.3f (the %s quantile of the last %d runs); most isolating: %s", score, threshold,
                            num(s.alertQuantile()), window.size(), describe(top))));
        }
        return result;
    }

    /** The metric rows of a verdict: the score (undefined when not judged) and one row per top contributor. */
    public static List<MetricRow> rows(MultivariateAnomaly a) {
        List<MetricRow> out = new ArrayList<>();
        if (a == null) {
            return out;
        }
        boolean scored = MultivariateAnomaly.SCORED.equals(a.status());
        out.add(new MetricRow(AnomalyScan.CATEGORY, SCORE, null, null, a.score(), a.threshold(),
                !scored ? MetricRow.UNDEFINED : a.anomalous() ? MetricRow.BREACH : MetricRow.OK));
        for (MultivariateAnomaly.Contributor c : a.contributors()) {
            out.add(new MetricRow(AnomalyScan.CATEGORY, CONTRIBUTION, c.metric(), null, c.share(), null, MetricRow.OK));
        }
        return out;
    }

    /** "psi/psi[tenure] 0.081 (median 0.012, 34 %), ..." */
    static String describe(List<MultivariateAnomaly.Contributor> top) {
        if (top.isEmpty()) {
            return "no single metric";
        }
        List<String> parts = new ArrayList<>();
        for (MultivariateAnomaly.Contributor c : top) {
            parts.add(fmt("%s %s (median %s%s, %.0f%%)", c.metric(), num(c.value()), num(c.historyMedian()),
                    c.robustZ() == null ? "" : fmt(", robust z %.1f", c.robustZ()), 100 * c.share()));
        }
        return String.join(", ", parts);
    }

    /** {@code 0.6745 (x − median) / MAD} of column {@code j}; {@code null} when the MAD is 0. */
    private static Double robustZ(double[][] matrix, int j, double median, double x) {
        double[] dev = new double[matrix.length];
        for (int i = 0; i < matrix.length; i++) {
            dev[i] = Math.abs(matrix[i][j] - median);
        }
        double mad = median(dev);
        return mad > 0 ? MetricAnomalyDetector.MAD_CONSISTENCY * (x - median) / mad : null;
    }

    private static MultivariateAnomaly notEnough(int runs, int metrics, IsolationForestSettings s, String reason) {
        return new MultivariateAnomaly(MultivariateAnomaly.NOT_ENOUGH_HISTORY, null, null, s.alertQuantile(), false,
                runs, s.minHistory(), metrics, List.of(), reason);
    }

    /** Folds of the cross-validated history scores the threshold is taken from. */
    static final int CV_FOLDS = 20;

    /**
     * The {@code ceil((n+1) q)}-th smallest of {@code n} scores (the largest when that exceeds {@code n}): a new
     * score exchangeable with them exceeds it with probability at most {@code 1 − q}, or {@code 1/(n+1)} when
     * {@code n} is too small for that (split-conformal prediction, Vovk, Gammerman and Shafer 2005).
     */
    static double conformalQuantile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil((v.length + 1) * q - 1e-9);
        return v[Math.min(Math.max(rank, 1), v.length) - 1];
    }

    /** The q-quantile with linear interpolation between order statistics (numpy's default, Hyndman–Fan type 7). */
    static double quantile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        double h = (v.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (h - lo) * (v[hi] - v[lo]);
    }

    private static double median(double[] v) {
        return quantile(v, 0.5);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
