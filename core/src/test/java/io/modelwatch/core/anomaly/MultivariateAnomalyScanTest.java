package io.modelwatch.core.anomaly;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.alerts.AlertEvaluator;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.config.AnomalySettings;
import io.modelwatch.core.config.CheckSeverity;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.IsolationForestSettings;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.metrics.MetricRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated 60-day history of the default churn model's metrics (the built-in configuration's 25 features): on
 * one planted day ten metrics move together (recall and precision down, churn rate and predicted churn rate up,
 * six features' PSI up), each by 2.5 of its standard deviations, which is inside every single-metric rule; the
 * isolation forest with the default settings flags that day, and on stable days it flags at most the configured
 * share.
 */
class MultivariateAnomalyScanTest {

    private static final MonitoringConfig CONFIG = ConfigLoader.defaults();
    private static final IsolationForestSettings FOREST = CONFIG.anomaly().isolationForest();
    /** The features whose PSI moves on the planted day. */
    private static final Set<String> MOVED_PSI = Set.of("monthly_charges", "total_charges", "support_tickets_90d",
            "late_payments_12m", "satisfaction_score", "contract_type");

    /** Means and standard deviations of the generated daily metrics. */
    private static final double RECALL = 0.86;
    private static final double PRECISION = 0.72;
    private static final double CHURN = 0.20;
    private static final double PREDICTED = 0.22;
    private static final double PSI = 0.012;
    private static final double NULLS = 0.005;
    private static final double SD_PERF = 0.01;
    private static final double SD_RATE = 0.005;
    private static final double SD_PSI = 0.004;
    private static final double SD_NULLS = 0.001;
    /** How far each moved metric goes on the planted day, in its standard deviations. */
    private static final double MOVE = 2.5;

    @Test
    void aDayWhereManyMetricsMoveALittleTogetherIsFlaggedAndNoSingleMetricRuleFires() {
        List<List<MetricRow>> days = stableDays(60, 1);
        List<MetricRow> planted = plantedDay();
        List<Alert> alerts = new ArrayList<>();

        MultivariateAnomaly verdict = MultivariateAnomalyScan.scan(planted, MetricHistory.of(days), FOREST, alerts);

        assertThat(verdict.status()).isEqualTo(MultivariateAnomaly.SCORED);
        assertThat(verdict.historyRuns()).isEqualTo(60);
        assertThat(verdict.anomalous()).as(verdict.reason()).isTrue();
        assertThat(verdict.score()).isGreaterThan(verdict.threshold());
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(MultivariateAnomalyScan.RULE);
            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
        });
        // the metrics that isolate the day are the ones that moved (recall, precision, churn rate, predicted
        // churn rate, and the maximum and mean PSI through six features)
        assertThat(verdict.contributors()).hasSize(FOREST.topContributors());
        long moved = verdict.contributors().stream().filter(c -> moved(c.metric())).count();
        assertThat(moved).as(verdict.contributors().toString()).isGreaterThanOrEqualTo(4);
        // and their robust z against the history points the way they moved, about 2.5 (the move in sd) in size
        for (MultivariateAnomaly.Contributor c : verdict.contributors()) {
            if (c.metric().startsWith("performance/")) {
                assertThat(c.robustZ()).as(c.metric()).isBetween(-4.0, -1.5);
            } else if (c.metric().startsWith("concept/")) {
                assertThat(c.robustZ()).as(c.metric()).isBetween(1.5, 4.0);
            }
        }

        // no single-metric rule fires: the fixed alert rules, and the median/MAD detector watching every
        // category of the vector
        assertThat(AlertEvaluator.of(CONFIG.alertRules(), CONFIG.featureNames()).evaluate(planted)).isEmpty();
        AnomalySettings everyCategory = new AnomalySettings(14, 3.5, 5, 0.02, CheckSeverity.LOW,
                List.of("psi", "drift", "performance", "concept", "quality"), IsolationForestSettings.defaults());
        List<Alert> single = new ArrayList<>();
        List<MetricRow> singleRows = AnomalyScan.scan(planted, MetricHistory.of(days), everyCategory, single);
        assertThat(singleRows).isNotEmpty().allSatisfy(r -> assertThat(r.status()).as(r.name()).isEqualTo(MetricRow.OK));
        assertThat(single).isEmpty();
    }

    /**
     * Ten independent 60-day stable histories, each day from the 15th on scored against the days before it
     * (46 judged days a history): the flagged share over the 460 judged days is at most {@code 1 − alert_quantile}.
     * (One 60-day history alone flags a binomial number of days, 0 to 5 at the 5 % rate, so the share is judged
     * over several.) Measured with the defaults: 20 of 460 (4.3 %).
     */
    @Test
    void onStableDaysAtMostTheConfiguredShareIsFlagged() {
        int judged = 0;
        int flagged = 0;
        for (long seed = 1; seed <= 10; seed++) {
            List<List<MetricRow>> days = stableDays(60, seed);
            for (int d = 0; d < days.size(); d++) {
                List<Alert> alerts = new ArrayList<>();
                MultivariateAnomaly v = MultivariateAnomalyScan.scan(days.get(d), MetricHistory.of(days.subList(0, d)),
                        FOREST, alerts);
                if (d < FOREST.minHistory()) {
                    assertThat(v.status()).isEqualTo(MultivariateAnomaly.NOT_ENOUGH_HISTORY);
                    assertThat(v.score()).isNull();
                    assertThat(alerts).isEmpty();
                    continue;
                }
                judged++;
                flagged += v.anomalous() ? 1 : 0;
                assertThat(alerts).hasSize(v.anomalous() ? 1 : 0);
            }
        }
        assertThat(judged).isEqualTo(10 * (60 - 14));
        assertThat((double) flagged / judged).as("%d of %d", flagged, judged)
                .isLessThanOrEqualTo(1 - FOREST.alertQuantile());
    }

    @Test
    void theSameHistoryAndSeedGiveTheSameScore() {
        List<List<MetricRow>> days = stableDays(40, 5);
        MetricHistory history = MetricHistory.of(days.subList(0, 39));
        MultivariateAnomaly a = MultivariateAnomalyScan.scan(days.get(39), history, FOREST, new ArrayList<>());
        MultivariateAnomaly b = MultivariateAnomalyScan.scan(days.get(39), history, FOREST, new ArrayList<>());
        assertThat(b).isEqualTo(a);
        assertThat(a.score()).isBetween(0.0, 1.0);
    }

    @Test
    void theScoreAndTheContributorsBecomeMetricRows() {
        List<List<MetricRow>> days = stableDays(60, 1);
        MultivariateAnomaly v = MultivariateAnomalyScan.scan(plantedDay(), MetricHistory.of(days), FOREST,
                new ArrayList<>());
        List<MetricRow> rows = MultivariateAnomalyScan.rows(v);
        assertThat(rows.get(0)).isEqualTo(new MetricRow("anomaly", "isolation_forest_score", null, null, v.score(),
                v.threshold(), MetricRow.BREACH));
        assertThat(rows.subList(1, rows.size())).extracting(MetricRow::column)
                .containsExactlyElementsOf(v.contributors().stream().map(MultivariateAnomaly.Contributor::metric).toList());
        MultivariateAnomaly early = MultivariateAnomalyScan.scan(plantedDay(), MetricHistory.of(days.subList(0, 13)),
                FOREST, new ArrayList<>());
        assertThat(MultivariateAnomalyScan.rows(early)).singleElement().satisfies(r -> {
            assertThat(r.value()).isNull();
            assertThat(r.status()).isEqualTo(MetricRow.UNDEFINED);
        });
        assertThat(early.reason()).contains("13 previous runs", "needs 14");
    }

    @Test
    void switchedOffItNeitherScoresNorAlerts() {
        IsolationForestSettings off = new IsolationForestSettings(false, 60, 14, 100, 256, 42, 0.95, 0.5, CheckSeverity.MEDIUM, 5,
                FOREST.metrics());
        List<Alert> alerts = new ArrayList<>();
        MultivariateAnomaly v = MultivariateAnomalyScan.scan(plantedDay(), MetricHistory.of(stableDays(60, 1)), off, alerts);
        assertThat(v).isNull();
        assertThat(alerts).isEmpty();
        assertThat(MultivariateAnomalyScan.rows(v)).isEmpty();
        // severity NONE: scored and flagged, without an alert
        IsolationForestSettings silent = new IsolationForestSettings(true, 60, 14, 100, 256, 42, 0.95, 0.5, CheckSeverity.NONE, 5,
                FOREST.metrics());
        assertThat(MultivariateAnomalyScan.scan(plantedDay(), MetricHistory.of(stableDays(60, 1)), silent, alerts)
                .anomalous()).isTrue();
        assertThat(alerts).isEmpty();
    }

    @Test
    void theShortestAllowedHistoryIsScored() {
        // min_history 3: the threshold's 3-fold cross-validation grows each fold's forest on 2 runs
        IsolationForestSettings three = new IsolationForestSettings(true, 60, 3, 100, 256, 42, 0.95, 0.5, CheckSeverity.MEDIUM, 5,
                FOREST.metrics());
        MultivariateAnomaly v = MultivariateAnomalyScan.scan(plantedDay(), MetricHistory.of(stableDays(3, 1)), three,
                new ArrayList<>());
        assertThat(v.status()).isEqualTo(MultivariateAnomaly.SCORED);
        assertThat(v.historyRuns()).isEqualTo(3);
        assertThat(MultivariateAnomalyScan.scan(plantedDay(), MetricHistory.of(stableDays(2, 1)), three,
                new ArrayList<>()).status()).isEqualTo(MultivariateAnomaly.NOT_ENOUGH_HISTORY);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IsolationForestSettings(true, 60, 2, 100, 256, 42,
                0.95, 0.5, CheckSeverity.MEDIUM, 5, FOREST.metrics())).hasMessageContaining("min_history must be >= 3");
    }

    @Test
    void theVectorTakesColumnsAndAggregates() {
        List<MetricRow> rows = List.of(
                new MetricRow("psi", "psi", "a", null, 0.1, null, MetricRow.OK),
                new MetricRow("psi", "psi", "b", null, 0.3, null, MetricRow.OK),
                new MetricRow("psi", "psi", null, "contract_type=One year", 0.9, null, MetricRow.OK),
                new MetricRow("quality", "null_share", "a", null, 0.02, null, MetricRow.OK),
                new MetricRow("quality", "null_share", "b", null, 0.04, null, MetricRow.OK),
                new MetricRow("performance", "recall", null, null, null, null, MetricRow.UNDEFINED));
        assertThat(RunVector.of(rows, List.of("psi/psi", "quality/null_share:max", "quality/null_share:mean",
                "performance/recall"))).containsExactly(
                java.util.Map.entry("psi/psi[a]", 0.1), java.util.Map.entry("psi/psi[b]", 0.3),
                java.util.Map.entry("quality/null_share:max", 0.04),
                java.util.Map.entry("quality/null_share:mean", (0.02 + 0.04) / 2));
    }

    @Test
    void quantileInterpolatesLikeNumpy() {
        // numpy.quantile([1, 2, 3, 4], 0.95) = 1 + 0.95·3 = 3.85 between order statistics 3 and 4: 3 + 0.85·1
        assertThat(MultivariateAnomalyScan.quantile(new double[] {4, 1, 3, 2}, 0.95)).isCloseTo(3.85,
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(MultivariateAnomalyScan.quantile(new double[] {4, 1, 3, 2}, 1.0)).isEqualTo(4.0);
    }

    @Test
    void theConformalQuantileTakesRankCeilNPlusOneTimesQ() {
        double[] twenty = java.util.stream.IntStream.rangeClosed(1, 20).mapToDouble(i -> i).toArray();
        double[] forty = java.util.stream.IntStream.rangeClosed(1, 40).mapToDouble(i -> 41 - i).toArray();
        double[] fourteen = java.util.stream.IntStream.rangeClosed(1, 14).mapToDouble(i -> i).toArray();
        // ceil(21·0.95) = ceil(19.95) = 20; ceil(41·0.95) = ceil(38.95) = 39; ceil(15·0.95) = 15 > 14: the largest
        assertThat(MultivariateAnomalyScan.conformalQuantile(twenty, 0.95)).isEqualTo(20.0);
        assertThat(MultivariateAnomalyScan.conformalQuantile(forty, 0.95)).isEqualTo(39.0);
        assertThat(MultivariateAnomalyScan.conformalQuantile(fourteen, 0.95)).isEqualTo(14.0);
        // ceil(21·0.5) = 11
        assertThat(MultivariateAnomalyScan.conformalQuantile(twenty, 0.5)).isEqualTo(11.0);
    }

    private static boolean moved(String metric) {
        return metric.startsWith("performance/") || metric.startsWith("concept/")
                || metric.startsWith("psi/psi");
    }

    private static List<List<MetricRow>> stableDays(int n, long seed) {
        Random random = new Random(seed);
        List<List<MetricRow>> days = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            days.add(day(random, 0));
        }
        return days;
    }

    /** Ten metrics of the vector each {@value #MOVE} standard deviations off, the others at their mean. */
    private static List<MetricRow> plantedDay() {
        return day(null, MOVE);
    }

    /** One day's rows: noise from {@code random}, or the means moved by {@code move} sd when it is null. */
    private static List<MetricRow> day(Random random, double move) {
        List<MetricRow> rows = new ArrayList<>();
        int drifted = 0;
        for (String f : CONFIG.featureNames()) {
            double psi = random == null ? PSI + (MOVED_PSI.contains(f) ? move * SD_PSI : 0)
                    : Math.max(0.001, PSI + SD_PSI * random.nextGaussian());
            rows.add(new MetricRow("psi", "psi", f, null, psi, null, MetricRow.OK, "feature"));
            rows.add(new MetricRow("quality", "null_share", f, null,
                    random == null ? NULLS : Math.max(0, NULLS + SD_NULLS * random.nextGaussian()), 0.02, MetricRow.OK));
            drifted += random != null && random.nextDouble() < 0.02 ? 1 : 0;
        }
        rows.add(new MetricRow("psi", "psi", "churn_probability", null,
                random == null ? PSI : Math.max(0.001, PSI + SD_PSI * random.nextGaussian()), null, MetricRow.OK,
                "prediction"));
        rows.add(new MetricRow("drift", "share_drifted_columns", null, null,
                (double) drifted / CONFIG.featureNames().size(), 0.5, MetricRow.OK));
        double recall = RECALL + SD_PERF * (random == null ? -move : random.nextGaussian());
        double precision = PRECISION + SD_PERF * (random == null ? -move : random.nextGaussian());
        double churn = CHURN + SD_RATE * (random == null ? move : random.nextGaussian());
        double predicted = PREDICTED + SD_RATE * (random == null ? move : random.nextGaussian());
        rows.add(new MetricRow("performance", "recall", null, null, recall, null, MetricRow.OK));
        rows.add(new MetricRow("performance", "precision", null, null, precision, null, MetricRow.OK));
        rows.add(new MetricRow("concept", "churn_rate", null, null, churn, null, MetricRow.OK));
        rows.add(new MetricRow("concept", "churn_rate_reference", null, null, CHURN, null, MetricRow.OK));
        rows.add(new MetricRow("concept", "churn_rate_change", null, null, churn - CHURN, null, MetricRow.OK));
        rows.add(new MetricRow("concept", "predicted_churn_rate", null, null, predicted, null, MetricRow.OK));
        return rows;
    }
}
