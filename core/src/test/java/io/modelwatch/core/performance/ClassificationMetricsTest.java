package io.modelwatch.core.performance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Golden cases from {@code golden/classification.json}, produced by {@code make_golden.py} with
 * scikit-learn 1.2.1 ({@code sklearn.metrics} and {@code sklearn.calibration.calibration_curve}).
 * Tolerance: 1e-9 relative for real values (golden/README.md), exact for counts.
 */
class ClassificationMetricsTest {

    private static final double REL_TOL = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode GOLDEN = load();

    private static JsonNode load() {
        try (InputStream in = ClassificationMetricsTest.class.getResourceAsStream("/golden/classification.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> caseIds() {
        List<String> ids = new ArrayList<>();
        GOLDEN.get("cases").forEach(c -> ids.add(c.get("case_id").asText()));
        assertThat(ids).hasSize(8);
        return ids.stream();
    }

    private static JsonNode goldenCase(String id) {
        for (JsonNode c : GOLDEN.get("cases")) {
            if (c.get("case_id").asText().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException(id);
    }

    private static ClassificationReport report(JsonNode c) {
        return ClassificationMetrics.compute(ints(c.get("y_true")), doubles(c.get("y_score")), ints(c.get("y_pred")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseIds")
    void matchesSklearn(String id) {
        JsonNode c = goldenCase(id);
        JsonNode e = c.get("expected");
        ClassificationReport r = report(c);

        assertThat(r.rows()).isEqualTo(c.get("y_true").size());
        JsonNode cm = e.get("confusion_matrix");
        assertThat(r.confusionMatrix()).isEqualTo(new ConfusionMatrix(cm.get("tn").asLong(), cm.get("fp").asLong(),
                cm.get("fn").asLong(), cm.get("tp").asLong()));
        assertMetric("accuracy", r.accuracy(), e.get("accuracy"));
        assertMetric("precision", r.precision(), e.get("precision"));
        assertMetric("recall", r.recall(), e.get("recall"));
        assertMetric("f1", r.f1(), e.get("f1"));
        assertMetric("specificity", r.specificity(), e.get("specificity"));
        assertMetric("roc_auc", r.rocAuc(), e.get("roc_auc"));
        assertMetric("pr_auc_average_precision", r.prAuc(), e.get("pr_auc_average_precision"));
        assertMetric("log_loss", r.logLoss(), e.get("log_loss"));
        assertMetric("brier_score", r.brierScore(), e.get("brier_score"));
        assertMetric("predicted_positive_rate", r.predictedPositiveRate(), e.get("predicted_positive_rate"));
        assertMetric("actual_positive_rate", r.actualPositiveRate(), e.get("actual_positive_rate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseIds")
    void reliabilityBinsMatch(String id) {
        JsonNode c = goldenCase(id);
        JsonNode bins = c.get("expected").get("reliability_curve_10_bins");
        List<ReliabilityBin> actual = report(c).reliability();
        assertThat(actual).hasSize(bins.size());
        for (int b = 0; b < bins.size(); b++) {
            JsonNode g = bins.get(b);
            ReliabilityBin a = actual.get(b);
            assertThat(a.bin()).isEqualTo(g.get("bin").asInt());
            // edges are compared exactly: k*0.1 in float64 (0.30000000000000004 ...)
            assertThat(a.lower()).as("lower of bin %d", b).isEqualTo(g.get("lower").asDouble());
            assertThat(a.upper()).as("upper of bin %d", b).isEqualTo(g.get("upper").asDouble());
            assertThat(a.count()).as("count of bin %d", b).isEqualTo(g.get("count").asLong());
            assertMetric("mean_predicted of bin " + b, a.meanPredicted(), g.get("mean_predicted"));
            assertMetric("fraction_positive of bin " + b, a.fractionPositive(), g.get("fraction_positive"));
        }
    }

    /**
     * sklearn's {@code calibration_curve(n_bins=10, strategy='uniform')} returns only the non-empty bins (present
     * in the golden file only when both classes occur). sklearn 1.2.1 uses edges {@code linspace(0, 1 + 1e-8, 11)},
     * which put every golden score in the same bin as our {@code k*0.1} edges.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("caseIds")
    void nonEmptyReliabilityBinsMatchSklearnCalibrationCurve(String id) {
        JsonNode c = goldenCase(id);
        JsonNode skl = c.get("expected").get("sklearn_calibration_curve_nonempty_bins");
        if (skl == null) {
            assertThat(java.util.Arrays.stream(ints(c.get("y_true"))).distinct().count())
                    .as("only single-class cases lack it").isEqualTo(1);
            return;
        }
        List<ReliabilityBin> nonEmpty = report(c).reliability().stream().filter(b -> b.count() > 0).toList();
        assertThat(nonEmpty).hasSize(skl.get("prob_true").size());
        for (int k = 0; k < nonEmpty.size(); k++) {
            assertMetric("prob_true[" + k + "]", nonEmpty.get(k).fractionPositive(), skl.get("prob_true").get(k));
            assertMetric("prob_pred[" + k + "]", nonEmpty.get(k).meanPredicted(), skl.get("prob_pred").get(k));
        }
    }

    @Test
    void undefinedMetricsAreNullAndSerialiseAsNull() throws IOException {
        ClassificationReport r = report(goldenCase("all_negative_labels"));
        assertThat(r.rocAuc()).isNull();
        assertThat(r.prAuc()).isNull();
        assertThat(r.recall()).isNull();
        assertThat(ClassificationReport.isDefined(r.recall())).isFalse();
        assertThat(ClassificationReport.isDefined(r.precision())).isTrue();

        JsonNode json = JSON.readTree(JSON.writeValueAsString(r));
        assertThat(json.get("rocAuc").isNull()).isTrue();
        assertThat(json.get("recall").isNull()).isTrue();
        assertThat(json.get("confusionMatrix").get("fp").asLong()).isEqualTo(3);
        assertThat(json.get("confusionMatrix").size()).as("only the four counts").isEqualTo(4);
        assertThat(json.get("reliability").get(3).get("meanPredicted").isNull()).isTrue();
        assertThat(JSON.readValue(JSON.writeValueAsString(r), ClassificationReport.class)).isEqualTo(r);
    }

    @Test
    void emptyInputGivesNoDefinedMetric() {
        ClassificationReport r = ClassificationMetrics.compute(new int[0], new double[0], new int[0]);
        assertThat(r.rows()).isZero();
        assertThat(List.of(r.accuracy() == null, r.rocAuc() == null, r.logLoss() == null, r.brierScore() == null))
                .containsOnly(true);
    }

    @Test
    void rejectsBadInputNamingTheValue() {
        assertThatThrownBy(() -> ClassificationMetrics.compute(new int[] {0, 2}, new double[] {0.1, 0.2}, new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yTrue[1] = 2");
        assertThatThrownBy(() -> ClassificationMetrics.compute(new int[] {0, 1}, new double[] {0.1, Double.NaN}, new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score[1] = NaN");
        assertThatThrownBy(() -> ClassificationMetrics.compute(new int[] {0, 1}, new double[] {0.1}, new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score has 1 rows");
    }

    @Test
    void aucIsExactForLargeTiedInput() {
        // 1M rows, scores on 101 levels: O(n log n), and the result equals the Mann-Whitney count computed directly.
        int n = 1_000_000;
        int[] y = new int[n];
        double[] s = new double[n];
        int[] p = new int[n];
        long[] posAt = new long[101];
        long[] negAt = new long[101];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            int level = rnd.nextInt(101);
            s[i] = level / 100.0;
            y[i] = rnd.nextDouble() < s[i] ? 1 : 0;
            p[i] = s[i] >= 0.5 ? 1 : 0;
            if (y[i] == 1) {
                posAt[level]++;
            } else {
                negAt[level]++;
            }
        }
        // AUC = P(score+ > score-) + 0.5 P(tie), counted per level
        double wins = 0;
        long negBelow = 0;
        long pos = 0;
        long neg = 0;
        for (int l = 0; l <= 100; l++) {
            wins += posAt[l] * (negBelow + 0.5 * negAt[l]);
            negBelow += negAt[l];
            pos += posAt[l];
            neg += negAt[l];
        }
        ClassificationReport r = ClassificationMetrics.compute(y, s, p);
        assertThat(r.rocAuc()).isCloseTo(wins / ((double) pos * neg), within(1e-12));
    }

    private static void assertMetric(String what, Double actual, JsonNode expected) {
        if (expected == null || expected.isNull() || (expected.isTextual() && expected.asText().equals("undefined"))) {
            assertThat(actual).as(what + " should be undefined").isNull();
            return;
        }
        double want = expected.asDouble();
        assertThat(actual).as(what).isNotNull();
        assertThat(actual).as(what).isCloseTo(want, within(REL_TOL * Math.max(Math.abs(want), Double.MIN_NORMAL)));
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).isNull() ? Double.NaN : a.get(i).asDouble();
        }
        return out;
    }
}
