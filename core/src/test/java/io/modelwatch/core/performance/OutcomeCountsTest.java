package io.modelwatch.core.performance;

import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.estimation.ConfidenceBasedEstimator;
import io.modelwatch.core.estimation.Estimate;
import io.modelwatch.core.estimation.EstimatedPerformance;
import io.modelwatch.core.estimation.PerformanceEstimator;
import io.modelwatch.core.run.PipelineFixture;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link OutcomeCounts} against the batch computations on generated churn batches: the report against
 * {@link ClassificationMetrics#compute} on the scored labelled rows, the estimate against
 * {@link ConfidenceBasedEstimator#estimate(double[], int[])} on the scored rows, as the monitoring pipeline
 * calls them. Chunks added in order give a report equal to the batch report (records equal, every double
 * bit for bit); after a merge, log loss, Brier score and the bins' mean scores are sums added in another
 * order and are compared within 1e-12 relative, everything else exactly. The estimate from counts sums
 * {@code count·q} per distinct score where the batch sums one {@code q} per row: its expected confusion
 * matrix and the metrics from it are compared within 1e-12 relative, its rows and ROC AUC exactly.
 */
class OutcomeCountsTest {

    private static final double REL_TOL = 1e-12;
    private static final MonitoringConfig CONFIG = PipelineFixture.CONFIG;
    private static final int ROWS = 3_000;
    private static final int[] CHUNK_SIZES = {1, 7, 1000, Integer.MAX_VALUE};

    @TempDir
    static Path dir;

    private static ConfidenceBasedEstimator estimator;

    /** Outcome arrays with the pipeline's conventions (MonitoringPipeline.outcomes). */
    record Outcomes(int[] yTrue, int[] yPred, double[] score) {

        int rows() {
            return yTrue.length;
        }

        int[] scoredRows() {
            return IntStream.range(0, rows()).filter(i -> yPred[i] >= 0 && !Double.isNaN(score[i])).toArray();
        }

        int[] scoredLabelledRows() {
            return IntStream.range(0, rows())
                    .filter(i -> yTrue[i] >= 0 && yPred[i] >= 0 && !Double.isNaN(score[i])).toArray();
        }

        Outcomes copy() {
            return new Outcomes(yTrue.clone(), yPred.clone(), score.clone());
        }
    }

    static Outcomes outcomes(ColumnBatch batch) {
        int n = batch.rowCount();
        double[] score = ((NumericColumn) batch.column(CONFIG.roles().probability())).values();
        double[] cls = ((NumericColumn) batch.column(CONFIG.roles().predictedClass())).values();
        double[] target = ((NumericColumn) batch.column(CONFIG.roles().target())).values();
        int[] yTrue = new int[n];
        int[] yPred = new int[n];
        for (int i = 0; i < n; i++) {
            double t = target[i];
            yTrue[i] = t == 0 ? 0 : t == 1 ? 1 : -1;
            double c = cls[i];
            yPred[i] = c == 0 ? 0 : c == 1 ? 1 : Double.isNaN(score[i]) ? -1
                    : score[i] >= CONFIG.classificationThreshold() ? 1 : 0;
        }
        return new Outcomes(yTrue, yPred, score.clone());
    }

    @BeforeAll
    static void fitEstimator() {
        Outcomes reference = outcomes(PipelineFixture.batch(dir, Scenario.STABLE, 5_000, 3));
        int[] rows = reference.scoredLabelledRows();
        estimator = PerformanceEstimator.withDefaults().fit(pick(reference.score(), rows),
                pick(reference.yTrue(), rows), pick(reference.yPred(), rows));
    }

    // --------------------------------------------------------------------------------------- scenarios

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 11;
        for (Scenario scenario : Scenario.values()) {
            Outcomes o = outcomes(PipelineFixture.batch(dir, scenario, ROWS, seed++));
            out.add(Arguments.of(scenario + " as generated", o));
            out.add(Arguments.of(scenario + " with missing labels, classes and scores", withGaps(o, seed)));
        }
        Outcomes drift = outcomes(PipelineFixture.batch(dir, Scenario.DRIFT, ROWS, 21));
        out.add(Arguments.of("no labels at all", unlabelled(drift)));
        out.add(Arguments.of("scores rounded to 2 decimals (many ties)", rounded(drift, 100)));
        out.add(Arguments.of("scores rounded to 0/1 only", rounded(drift, 1)));
        out.add(Arguments.of("every label 1 (no ROC AUC)", allLabels(drift, 1)));
        out.add(Arguments.of("every label 0 (no ROC AUC, no average precision)", allLabels(drift, 0)));
        out.add(Arguments.of("signed zeros and ones", signedZeros(drift)));
        out.add(Arguments.of("labelled rows without score", labelsOnlyWhereUnscored(drift)));
        out.add(Arguments.of("one row", new Outcomes(new int[] {1}, new int[] {1}, new double[] {0.7})));
        out.add(Arguments.of("no rows", new Outcomes(new int[0], new int[0], new double[0])));
        return out.stream();
    }

    /** About 10 % of labels, 3 % of classes and 3 % of scores missing, independently. */
    private static Outcomes withGaps(Outcomes o, long seed) {
        Outcomes out = o.copy();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < out.rows(); i++) {
            if (random.nextDouble() < 0.10) {
                out.yTrue()[i] = -1;
            }
            if (random.nextDouble() < 0.03) {
                out.yPred()[i] = -1;
            }
            if (random.nextDouble() < 0.03) {
                out.score()[i] = Double.NaN;
            }
        }
        return out;
    }

    private static Outcomes unlabelled(Outcomes o) {
        Outcomes out = o.copy();
        Arrays.fill(out.yTrue(), -1);
        return out;
    }

    private static Outcomes rounded(Outcomes o, int steps) {
        Outcomes out = o.copy();
        for (int i = 0; i < out.rows(); i++) {
            out.score()[i] = Math.round(out.score()[i] * steps) / (double) steps;
        }
        return out;
    }

    private static Outcomes allLabels(Outcomes o, int label) {
        Outcomes out = o.copy();
        Arrays.fill(out.yTrue(), label);
        return out;
    }

    private static Outcomes signedZeros(Outcomes o) {
        Outcomes out = o.copy();
        for (int i = 0; i < out.rows(); i++) {
            out.score()[i] = i % 3 == 0 ? -0.0 : i % 3 == 1 ? 0.0 : out.score()[i] < 0.5 ? 0.0 : 1.0;
        }
        return out;
    }

    private static Outcomes labelsOnlyWhereUnscored(Outcomes o) {
        Outcomes out = o.copy();
        for (int i = 0; i < out.rows(); i++) {
            if (i % 2 == 0) {
                out.yTrue()[i] = -1;
            } else {
                out.score()[i] = Double.NaN;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- tests

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void chunksAddedInOrderGiveTheBatchReportAndCounts(String name, Outcomes o) {
        ClassificationReport expected = batchReport(o);
        for (int chunk : CHUNK_SIZES) {
            OutcomeCounts counts = OutcomeCounts.of();
            for (int from = 0; from < o.rows(); from += chunk) {
                add(counts, o, from, (int) Math.min(o.rows(), (long) from + chunk));
            }
            assertThat(counts.report()).as("chunks of %d", chunk).isEqualTo(expected);
            assertCounts(counts, o);
            OutcomeCounts none = counts.withoutLabels();
            assertThat(none.report()).isNull();
            assertThat(none.labelled()).isZero();
            assertThat(none.churnRate()).isNull();
            assertThat(none.predictedRate()).isEqualTo(counts.predictedRate());
            assertThat(counts.report()).as("withoutLabels leaves the original").isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mergedPartsGiveTheBatchReport(String name, Outcomes o) {
        ClassificationReport expected = batchReport(o);
        for (int parts : new int[] {2, 3, 10}) {
            OutcomeCounts merged = OutcomeCounts.of();
            int step = Math.max(1, (o.rows() + parts - 1) / parts);
            for (int from = 0; from < o.rows(); from += step) {
                OutcomeCounts part = OutcomeCounts.of();
                int to = Math.min(o.rows(), from + step);
                for (int c = from; c < to; c += 250) {
                    add(part, o, c, Math.min(to, c + 250));
                }
                merged.merge(part);
            }
            assertCounts(merged, o);
            assertSameReport(merged.report(), expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void estimateFromCountsIsTheBatchEstimate(String name, Outcomes o) {
        int[] rows = o.scoredRows();
        for (int chunk : CHUNK_SIZES) {
            OutcomeCounts counts = OutcomeCounts.of();
            for (int from = 0; from < o.rows(); from += chunk) {
                add(counts, o, from, (int) Math.min(o.rows(), (long) from + chunk));
            }
            if (rows.length == 0) {
                assertThatThrownBy(() -> estimator.estimate(counts)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("empty batch");
                continue;
            }
            EstimatedPerformance expected = estimator.estimate(pick(o.score(), rows), pick(o.yPred(), rows));
            assertSameEstimate(estimator.estimate(counts), expected);
            assertSameEstimate(estimator.estimate(counts.withoutLabels()), expected);
        }
    }

    @Test
    void manyDistinctScoresGrowTheTable() {
        int n = 200_000;
        SplittableRandom random = new SplittableRandom(5);
        Outcomes o = new Outcomes(new int[n], new int[n], new double[n]);
        for (int i = 0; i < n; i++) {
            double s = random.nextDouble();
            o.score()[i] = i % 5 == 0 ? Math.round(s * 1000) / 1000.0 : s; // fresh values and repeats
            o.yTrue()[i] = random.nextDouble() < s ? 1 : i % 97 == 0 ? -1 : 0;
            o.yPred()[i] = i % 101 == 0 ? -1 : s >= 0.3 ? 1 : 0;
        }
        OutcomeCounts counts = OutcomeCounts.of();
        for (int from = 0; from < n; from += 65_536) {
            add(counts, o, from, Math.min(n, from + 65_536));
        }
        assertThat(counts.report()).isEqualTo(batchReport(o));
        assertCounts(counts, o);
        OutcomeCounts.ScoredValues values = counts.scoredValues();
        assertThat(values.scores().length).isGreaterThan(150_000);
        assertThat(values.rows()).isEqualTo(o.scoredRows().length);
        for (int k = 1; k < values.scores().length; k++) {
            assertThat(values.scores()[k]).isGreaterThan(values.scores()[k - 1]);
        }
        int[] rows = o.scoredRows();
        assertSameEstimate(estimator.estimate(counts),
                estimator.estimate(pick(o.score(), rows), pick(o.yPred(), rows)));
    }

    @Test
    void rejectsWhatTheBatchRejects() {
        OutcomeCounts counts = OutcomeCounts.of();
        assertThatThrownBy(() -> counts.add(new int[] {1}, new int[] {1}, new double[] {1.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score[0] = 1.5");
        assertThatThrownBy(() -> counts.add(new int[] {2}, new int[] {1}, new double[] {0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yTrue[0] = 2");
        assertThatThrownBy(() -> counts.add(new int[] {0, 1}, new int[] {1}, new double[] {0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
        OutcomeCounts unlabelled = OutcomeCounts.of();
        unlabelled.add(new int[] {-1}, new int[] {1}, new double[] {Double.POSITIVE_INFINITY});
        assertThat(unlabelled.report()).isNull();
        assertThatThrownBy(() -> estimator.estimate(unlabelled)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> OutcomeCounts.of().merge(OutcomeCounts.of(
                ClassificationMetrics.withDefaults().withReliabilityBins(5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different metrics");
    }

    @Test
    void usesTheGivenMetrics() {
        ClassificationMetrics metrics = ClassificationMetrics.withDefaults().withReliabilityBins(7)
                .withLogLossEpsilon(1e-6);
        Outcomes o = rounded(outcomes(PipelineFixture.batch(dir, Scenario.CONCEPT, ROWS, 31)), 1);
        OutcomeCounts counts = OutcomeCounts.of(metrics);
        add(counts, o, 0, o.rows());
        int[] rows = o.scoredLabelledRows();
        assertThat(counts.report()).isEqualTo(
                metrics.evaluate(pick(o.yTrue(), rows), pick(o.score(), rows), pick(o.yPred(), rows)));
    }

    // ----------------------------------------------------------------------------------------- helpers

    private static ClassificationReport batchReport(Outcomes o) {
        int[] rows = o.scoredLabelledRows();
        return rows.length == 0 ? null
                : ClassificationMetrics.compute(pick(o.yTrue(), rows), pick(o.score(), rows), pick(o.yPred(), rows));
    }

    private static void add(OutcomeCounts counts, Outcomes o, int from, int to) {
        counts.add(Arrays.copyOfRange(o.yTrue(), from, to), Arrays.copyOfRange(o.yPred(), from, to),
                Arrays.copyOfRange(o.score(), from, to));
    }

    /** The counts MonitoringPipeline.outcomes derives. */
    private static void assertCounts(OutcomeCounts counts, Outcomes o) {
        long labelled = IntStream.of(o.yTrue()).filter(y -> y >= 0).count();
        long positives = IntStream.of(o.yTrue()).filter(y -> y == 1).count();
        long predicted = IntStream.of(o.yPred()).filter(y -> y >= 0).count();
        long predictedPositives = IntStream.of(o.yPred()).filter(y -> y == 1).count();
        assertThat(counts.rows()).isEqualTo(o.rows());
        assertThat(counts.labelled()).isEqualTo(labelled);
        assertThat(counts.positives()).isEqualTo(positives);
        assertThat(counts.predicted()).isEqualTo(predicted);
        assertThat(counts.predictedPositives()).isEqualTo(predictedPositives);
        assertThat(counts.scoredLabelled()).isEqualTo(o.scoredLabelledRows().length);
        assertThat(counts.churnRate()).isEqualTo(labelled == 0 ? null : (double) positives / labelled);
        assertThat(counts.predictedRate()).isEqualTo(predicted == 0 ? null : (double) predictedPositives / predicted);
    }

    /** Exact except log loss, Brier score and the bins' mean scores, which are within 1e-12 relative. */
    private static void assertSameReport(ClassificationReport actual, ClassificationReport expected) {
        if (expected == null) {
            assertThat(actual).isNull();
            return;
        }
        assertThat(actual.rows()).isEqualTo(expected.rows());
        assertThat(actual.confusionMatrix()).isEqualTo(expected.confusionMatrix());
        assertThat(actual.accuracy()).isEqualTo(expected.accuracy());
        assertThat(actual.precision()).isEqualTo(expected.precision());
        assertThat(actual.recall()).isEqualTo(expected.recall());
        assertThat(actual.f1()).isEqualTo(expected.f1());
        assertThat(actual.specificity()).isEqualTo(expected.specificity());
        assertThat(actual.rocAuc()).isEqualTo(expected.rocAuc());
        assertThat(actual.prAuc()).isEqualTo(expected.prAuc());
        assertThat(actual.predictedPositiveRate()).isEqualTo(expected.predictedPositiveRate());
        assertThat(actual.actualPositiveRate()).isEqualTo(expected.actualPositiveRate());
        assertClose(actual.logLoss(), expected.logLoss());
        assertClose(actual.brierScore(), expected.brierScore());
        assertThat(actual.reliability()).hasSameSizeAs(expected.reliability());
        for (int b = 0; b < expected.reliability().size(); b++) {
            ReliabilityBin a = actual.reliability().get(b);
            ReliabilityBin e = expected.reliability().get(b);
            assertThat(List.of(a.bin(), a.lower(), a.upper(), a.count()))
                    .isEqualTo(List.of(e.bin(), e.lower(), e.upper(), e.count()));
            assertThat(a.fractionPositive()).isEqualTo(e.fractionPositive());
            assertClose(a.meanPredicted(), e.meanPredicted());
        }
    }

    /** Rows and ROC AUC exact; the expected confusion matrix and the metrics from it within 1e-12 relative. */
    private static void assertSameEstimate(EstimatedPerformance actual, EstimatedPerformance expected) {
        assertThat(actual.rows()).isEqualTo(expected.rows());
        assertThat(actual.rocAuc()).isEqualTo(expected.rocAuc());
        assertClose(actual.expectedConfusion().tp(), expected.expectedConfusion().tp());
        assertClose(actual.expectedConfusion().fp(), expected.expectedConfusion().fp());
        assertClose(actual.expectedConfusion().fn(), expected.expectedConfusion().fn());
        assertClose(actual.expectedConfusion().tn(), expected.expectedConfusion().tn());
        assertClose(actual.accuracy(), expected.accuracy());
        assertClose(actual.precision(), expected.precision());
        assertClose(actual.recall(), expected.recall());
        assertClose(actual.f1(), expected.f1());
        assertClose(actual.specificity(), expected.specificity());
    }

    private static void assertClose(Estimate actual, Estimate expected) {
        if (expected == null) {
            assertThat(actual).isNull();
            return;
        }
        assertClose(actual.value(), expected.value());
        assertClose(actual.lower(), expected.lower());
        assertClose(actual.upper(), expected.upper());
    }

    private static void assertClose(Double actual, Double expected) {
        if (expected == null) {
            assertThat(actual).isNull();
            return;
        }
        assertThat(actual).isNotNull();
        assertThat(Math.abs(actual - expected)).as("%s vs %s", actual, expected)
                .isLessThanOrEqualTo(REL_TOL * Math.max(Math.abs(expected), Double.MIN_NORMAL));
    }

    private static int[] pick(int[] values, int[] rows) {
        return IntStream.of(rows).map(i -> values[i]).toArray();
    }

    private static double[] pick(double[] values, int[] rows) {
        return IntStream.of(rows).mapToDouble(i -> values[i]).toArray();
    }
}
