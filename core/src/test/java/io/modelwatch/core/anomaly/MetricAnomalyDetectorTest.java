package io.modelwatch.core.anomaly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Robust z-scores worked out by hand (the arithmetic is in each comment). */
class MetricAnomalyDetectorTest {

    private static final MetricAnomalyDetector DETECTOR = MetricAnomalyDetector.withDefaults();
    private static final double NaN = Double.NaN;

    static Stream<Arguments> handComputed() {
        double[] week = {10, 12, 11, 13, 12, 11, 10};
        double[] even = {1, 2, 3, 4, 100, 6};
        return Stream.of(
                // sorted 10 10 11 11 12 12 13: median 11; |dev| 1 1 0 0 1 1 2 -> MAD 1; z = 0.6745·9 = 6.0705
                Arguments.of(week, 20.0, 11.0, 1.0, 0.6745 * 9, true),
                // z = 0.6745·3 = 2.0235
                Arguments.of(week, 14.0, 11.0, 1.0, 0.6745 * 3, false),
                // below: z = 0.6745·(5 − 11) = −4.047
                Arguments.of(week, 5.0, 11.0, 1.0, 0.6745 * -6, true),
                // NaN runs are skipped: same as the plain week
                Arguments.of(new double[] {NaN, 10, 12, NaN, 11, 13, 12, 11, 10}, 20.0, 11.0, 1.0, 0.6745 * 9, true),
                // even count: sorted 1 2 3 4 6 100, median 3.5; |dev| .5 .5 1.5 2.5 2.5 96.5 -> MAD 2; z = 0.6745·6.5/2
                Arguments.of(even, 10.0, 3.5, 2.0, 0.6745 * 6.5 / 2, false),
                // z = 0.6745·11.5/2 = 3.878
                Arguments.of(even, 15.0, 3.5, 2.0, 0.6745 * 11.5 / 2, true),
                // MAD 0 (5 of 7 equal): meanAD = 2/7; z = 1 / (1.253314·2/7) = 2.793
                Arguments.of(new double[] {5, 5, 5, 5, 5, 6, 4}, 6.0, 5.0, 0.0, 1 / (1.253314 * 2 / 7), false),
                // z = 2 / (1.253314·2/7) = 5.585
                Arguments.of(new double[] {5, 5, 5, 5, 5, 6, 4}, 7.0, 5.0, 0.0, 2 / (1.253314 * 2 / 7), true));
    }

    @ParameterizedTest
    @MethodSource("handComputed")
    void matchesHandComputedScores(double[] history, double value, double median, double mad, double score,
                                   boolean anomalous) {
        AnomalyCheck c = DETECTOR.check(history, value);
        assertThat(c.median()).isCloseTo(median, within(1e-12));
        assertThat(c.mad()).isCloseTo(mad, within(1e-12));
        assertThat(c.score()).isCloseTo(score, within(1e-12));
        assertThat(c.anomalous()).as(c.reason()).isEqualTo(anomalous);
        assertThat(c.threshold()).isEqualTo(3.5);
        assertThat(c.reason()).startsWith(anomalous ? "anomalous: " : "normal: ");
    }

    @Test
    void onlyTheLastFourteenValuesCount() {
        // six wild old values, then fourteen calm ones alternating 0.80 / 0.82: median 0.81, MAD 0.01
        double[] history = new double[20];
        for (int i = 0; i < 6; i++) {
            history[i] = 0.1;
        }
        for (int i = 6; i < 20; i++) {
            history[i] = i % 2 == 0 ? 0.80 : 0.82;
        }
        AnomalyCheck c = DETECTOR.check(history, 0.76);
        assertThat(c.historyUsed()).isEqualTo(14);
        assertThat(c.median()).isCloseTo(0.81, within(1e-12));
        assertThat(c.mad()).isCloseTo(0.01, within(1e-12));
        assertThat(c.score()).isCloseTo(0.6745 * -0.05 / 0.01, within(1e-9)); // -3.3725
        assertThat(c.anomalous()).isFalse();
        assertThat(DETECTOR.check(history, 0.75).anomalous()).isTrue(); // -4.047
        // a 20-value window reaches back to the old values
        assertThat(DETECTOR.withWindow(20).check(history, 0.75).historyUsed()).isEqualTo(20);
    }

    @Test
    void doesNotJudgeAShortHistory() {
        AnomalyCheck c = DETECTOR.check(new double[] {1, 2, NaN, 3, 4}, 100);
        assertThat(c.anomalous()).isFalse();
        assertThat(c.historyUsed()).isEqualTo(4);
        assertThat(c.median()).isNull();
        assertThat(c.score()).isNull();
        assertThat(c.reason()).isEqualTo("not judged: history has 4 values, needs 5");
        assertThat(DETECTOR.withMinHistory(4).check(new double[] {1, 2, NaN, 3, 4}, 100).anomalous()).isTrue();
    }

    @Test
    void constantHistoryFlagsAnyRealChange() {
        double[] flat = {0.83, 0.83, 0.83, 0.83, 0.83};
        AnomalyCheck moved = DETECTOR.check(flat, 0.82);
        assertThat(moved.anomalous()).isTrue();
        assertThat(moved.score()).isNull();
        assertThat(moved.mad()).isEqualTo(0.0);
        assertThat(moved.reason()).contains("history constant at 0.8300");
        assertThat(DETECTOR.check(flat, 0.83).anomalous()).isFalse();
        assertThat(DETECTOR.check(flat, 0.83 + 1e-12).anomalous()).isFalse(); // within the flat tolerance
    }

    @Test
    void rejectsBadInputsNamingThem() {
        assertThatThrownBy(() -> DETECTOR.check(new double[] {1, 2}, NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value").hasMessageContaining("NaN");
        assertThatThrownBy(() -> DETECTOR.check(new double[] {1, Double.POSITIVE_INFINITY}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("history[1]");
        assertThatThrownBy(() -> DETECTOR.withWindow(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minHistory").hasMessageContaining("3");
        assertThatThrownBy(() -> DETECTOR.withThreshold(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> DETECTOR.withMinHistory(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }
}
