package io.modelwatch.core.performance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The ROC and precision-recall curves and the reliability diagram against scikit-learn: {@code roc_curve
 * (drop_intermediate=False)}, {@code precision_recall_curve} and {@code calibration_curve(n_bins=10,
 * strategy='uniform')}, computed by {@code curves/make_ranking_curves.py} (sklearn 1.9.1, numpy 2.4.6; the
 * version is in the file) into {@code curves/ranking-curves.json}. Thresholds are compared exactly (they are
 * the input scores), rates within 1e-12 absolute.
 */
class RankingCurvesTest {

    private static final double TOL = 1e-12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode CASES = load();

    private static JsonNode load() {
        try (InputStream in = RankingCurvesTest.class.getResourceAsStream("/curves/ranking-curves.json")) {
            return JSON.readTree(in).get("cases");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> names() {
        List<String> names = new ArrayList<>();
        CASES.forEach(c -> names.add(c.get("name").asText()));
        assertThat(names).hasSize(4);
        return names.stream();
    }

    private static JsonNode named(String name) {
        for (JsonNode c : CASES) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static ClassificationReport report(JsonNode c, ClassificationMetrics metrics) {
        int[] y = ints(c.get("y_true"));
        double[] s = doubles(c.get("y_score"));
        int[] pred = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            pred[i] = s[i] >= 0.5 ? 1 : 0;
        }
        return metrics.evaluate(y, s, pred);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void everyThresholdKeptIsSklearnsWholeCurve(String name) {
        JsonNode c = named(name);
        JsonNode roc = c.get("roc");
        ClassificationReport r = report(c, ClassificationMetrics.withDefaults().withCurvePoints(1_000_000));
        List<double[]> points = r.rocPoints();
        assertThat(r.curve()).hasSize(roc.get("thresholds").size());
        assertThat(points.get(0)).containsExactly(0, 0);
        for (int k = 0; k < r.curve().size(); k++) {
            assertThat(r.curve().get(k).threshold()).isEqualTo(roc.get("thresholds").get(k).asDouble());
            assertThat(points.get(k + 1)[0]).isCloseTo(roc.get("fpr").get(k).asDouble(), within(TOL));
            assertThat(points.get(k + 1)[1]).isCloseTo(roc.get("tpr").get(k).asDouble(), within(TOL));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void thinnedPointsAreSklearnPointsAtMostTheConfiguredNumberAndEndAtOneOne(String name) {
        JsonNode c = named(name);
        Map<Double, double[]> roc = byThreshold(c.get("roc"), "fpr", "tpr");
        Map<Double, double[]> pr = byThreshold(c.get("pr"), "recall", "precision");
        ClassificationReport r = report(c, ClassificationMetrics.withDefaults());
        int max = ClassificationMetrics.DEFAULT_CURVE_POINTS;
        assertThat(r.curve()).isNotEmpty().hasSizeLessThanOrEqualTo(max + 1);
        List<double[]> rocPoints = r.rocPoints();
        List<double[]> prPoints = r.precisionRecallPoints();
        for (int k = 0; k < r.curve().size(); k++) {
            double t = r.curve().get(k).threshold();
            assertThat(roc).containsKey(t);
            assertThat(rocPoints.get(k + 1)[0]).isCloseTo(roc.get(t)[0], within(TOL));
            assertThat(rocPoints.get(k + 1)[1]).isCloseTo(roc.get(t)[1], within(TOL));
            if (pr.containsKey(t)) {   // sklearn's PR curve may stop at the first threshold of full recall
                assertThat(prPoints.get(k)[0]).isCloseTo(pr.get(t)[0], within(TOL));
                assertThat(prPoints.get(k)[1]).isCloseTo(pr.get(t)[1], within(TOL));
            }
        }
        assertThat(rocPoints.get(rocPoints.size() - 1)).containsExactly(1, 1);
        for (int k = 2; k < rocPoints.size() - 1; k++) {
            double[] a = rocPoints.get(k - 1);
            double[] b = rocPoints.get(k);
            assertThat(Math.abs(b[0] - a[0]) + Math.abs(b[1] - a[1])).isGreaterThanOrEqualTo(2.0 / max - TOL);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void countsChunkByChunkGiveTheSameCurve(String name) {
        JsonNode c = named(name);
        int[] y = ints(c.get("y_true"));
        double[] s = doubles(c.get("y_score"));
        int[] pred = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            pred[i] = s[i] >= 0.5 ? 1 : 0;
        }
        OutcomeCounts counts = OutcomeCounts.of();
        int half = y.length / 2;
        counts.add(java.util.Arrays.copyOf(y, half), java.util.Arrays.copyOf(pred, half), java.util.Arrays.copyOf(s, half));
        counts.add(java.util.Arrays.copyOfRange(y, half, y.length), java.util.Arrays.copyOfRange(pred, half, y.length),
                java.util.Arrays.copyOfRange(s, half, y.length));
        assertThat(counts.report().curve()).isEqualTo(ClassificationMetrics.compute(y, s, pred).curve());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void reliabilityPointsAreSklearnsCalibrationCurve(String name) {
        JsonNode c = named(name);
        JsonNode cal = c.get("calibration");
        List<ReliabilityBin> nonEmpty = report(c, ClassificationMetrics.withDefaults()).reliability().stream()
                .filter(b -> b.count() > 0).toList();
        assertThat(nonEmpty).hasSize(cal.get("prob_pred").size());
        for (int k = 0; k < nonEmpty.size(); k++) {
            assertThat(nonEmpty.get(k).meanPredicted()).isCloseTo(cal.get("prob_pred").get(k).asDouble(), within(TOL));
            assertThat(nonEmpty.get(k).fractionPositive()).isCloseTo(cal.get("prob_true").get(k).asDouble(), within(TOL));
        }
    }

    private static Map<Double, double[]> byThreshold(JsonNode curve, String x, String y) {
        Map<Double, double[]> out = new HashMap<>();
        for (int k = 0; k < curve.get("thresholds").size(); k++) {
            out.put(curve.get("thresholds").get(k).asDouble(),
                    new double[] {curve.get(x).get(k).asDouble(), curve.get(y).get(k).asDouble()});
        }
        return out;
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
