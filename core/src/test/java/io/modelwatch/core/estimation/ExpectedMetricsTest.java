package io.modelwatch.core.estimation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Realised and expected metrics on inputs checked by hand (and against sklearn's definitions). */
class ExpectedMetricsTest {

    @Test
    void realisedMetricsFromLabels() {
        // sklearn: roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75; predicted at 0.5 -> TP 1, FN 1, FP 0, TN 2
        ExpectedMetrics m = ExpectedMetrics.realised(new double[] {0.1, 0.4, 0.35, 0.8},
                new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 1});
        assertThat(m.accuracy()).isCloseTo(0.75, within(1e-12));
        assertThat(m.precision()).isCloseTo(1.0, within(1e-12));
        assertThat(m.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(m.f1()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.specificity()).isCloseTo(1.0, within(1e-12));
        assertThat(m.rocAuc()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void tiedScoresCountHalf() {
        // one positive and one negative with the same score: AUC 0.5
        ExpectedMetrics m = ExpectedMetrics.realised(new double[] {0.5, 0.5}, new int[] {0, 1},
                new int[] {1, 1});
        assertThat(m.rocAuc()).isCloseTo(0.5, within(1e-12));
        // nothing predicted negative: specificity TN / (TN + FP) = 0 / 1
        assertThat(m.specificity()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void undefinedMetricsAreNull() {
        // no actual positives: recall and AUC undefined; nothing predicted positive: precision undefined
        ExpectedMetrics m = ExpectedMetrics.realised(new double[] {0.1, 0.2}, new int[] {0, 0},
                new int[] {0, 0});
        assertThat(m.recall()).isNull();
        assertThat(m.precision()).isNull();
        assertThat(m.rocAuc()).isNull();
        assertThat(m.f1()).isNull();
        assertThat(m.accuracy()).isEqualTo(1.0);
    }

    @Test
    void expectedAucOfTwoRows() {
        // s = (0.2, 0.8), q = (0.2, 0.8): P(row 2 pos, row 1 neg) = 0.64, P(row 1 pos, row 2 neg) = 0.04;
        // expected AUC = 0.64 / (0.64 + 0.04)
        Double auc = ExpectedMetrics.rocAuc(new double[] {0.2, 0.8}, new double[] {0.2, 0.8}, 0, 2);
        assertThat(auc).isCloseTo(0.64 / 0.68, within(1e-12));
    }

    @Test
    void expectedConfusionFromProbabilities() {
        // predicted (1, 1, 0), q = (0.9, 0.6, 0.3): TP 1.5, FP 0.5, FN 0.3, TN 0.7
        ExpectedConfusion c = ExpectedConfusion.of(new double[] {0.9, 0.6, 0.3}, new int[] {1, 1, 0}, 0, 3);
        assertThat(c.tp()).isCloseTo(1.5, within(1e-12));
        assertThat(c.fp()).isCloseTo(0.5, within(1e-12));
        assertThat(c.fn()).isCloseTo(0.3, within(1e-12));
        assertThat(c.tn()).isCloseTo(0.7, within(1e-12));
        ExpectedMetrics m = ExpectedMetrics.of(c, null);
        assertThat(m.recall()).isCloseTo(1.5 / 1.8, within(1e-12));
        assertThat(m.precision()).isCloseTo(0.75, within(1e-12));
        assertThat(m.accuracy()).isCloseTo(2.2 / 3, within(1e-12));
        assertThat(m.f1()).isCloseTo(3.0 / 3.8, within(1e-12));
        assertThat(m.specificity()).isCloseTo(0.7 / 1.2, within(1e-12));
    }
}
