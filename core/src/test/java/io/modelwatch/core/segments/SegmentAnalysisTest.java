package io.modelwatch.core.segments;

import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.NumericColumn;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Small data checked by hand; each expected row is derived in the comment above it. */
class SegmentAnalysisTest {

    // rows:      0     1     2     3     4     5     6
    // contract:  Two   M2M   M2M   One   One   M2M   null
    // yTrue:     0     1     0     0     -1    1     1
    // yPred:     0     1     1     0     1     0     0
    private static final CategoricalColumn CONTRACT = new CategoricalColumn("contract_type",
            List.of("Two year", "Month-to-month", "One year"), new int[] {0, 1, 1, 2, 2, 1, -1});
    private static final int[] Y_TRUE = {0, 1, 0, 0, -1, 1, 1};
    private static final int[] Y_PRED = {0, 1, 1, 0, 1, 0, 0};

    @Test
    void byCategoryWithLabels() {
        List<SegmentMetrics> m = SegmentAnalysis.byCategory("contract_type", CONTRACT, Y_TRUE, Y_PRED);
        assertThat(m).containsExactly(
                // Month-to-month rows 1, 2, 5: tp = 1 (row 1), fp = 1 (row 2), fn = 1 (row 5)
                new SegmentMetrics("contract_type", "Month-to-month", 3, 3, 2L, 2.0 / 3, 0.5, 0.5, 2.0 / 3),
                // One year rows 3, 4: row 4 has no label; the only labelled row is a true negative, so recall and
                // precision are undefined, while the predicted positive rate counts row 4: 1/2
                new SegmentMetrics("contract_type", "One year", 2, 1, 0L, 0.0, null, null, 0.5),
                // Two year row 0: a true negative
                new SegmentMetrics("contract_type", "Two year", 1, 1, 0L, 0.0, null, null, 0.0),
                // null contract, row 6: a missed churner, fn = 1 -> recall 0, no predicted positive
                new SegmentMetrics("contract_type", "MISSING", 1, 1, 1L, 1.0, 0.0, null, 0.0));
    }

    @Test
    void byCategoryWithoutLabels() {
        List<SegmentMetrics> m = SegmentAnalysis.byCategory("contract_type", CONTRACT, null, Y_PRED);
        assertThat(m).extracting(SegmentMetrics::segment)
                .containsExactly("Month-to-month", "One year", "Two year", "MISSING");
        assertThat(m).allSatisfy(s -> {
            assertThat(s.labelled()).isZero();
            assertThat(s.churners()).isNull();
            assertThat(s.churnRate()).isNull();
            assertThat(s.recall()).isNull();
            assertThat(s.precision()).isNull();
        });
        assertThat(m).extracting(SegmentMetrics::predictedPositiveRate).containsExactly(2.0 / 3, 0.5, 0.0, 0.0);
    }

    @Test
    void byBandsLastBandClosedAndOutOfBands() {
        // rows:   0    1    2     3     4    5    6    7    8
        // tenure: 0    5    12    23.9  24   48   60   -1   NaN
        // yTrue:  1    0    1     1     0    0    1    0    1
        // yPred:  1    1    0     1     0    1    1    0    0
        NumericColumn tenure = new NumericColumn("tenure", new double[] {0, 5, 12, 23.9, 24, 48, 60, -1, Double.NaN});
        int[] yTrue = {1, 0, 1, 1, 0, 0, 1, 0, 1};
        int[] yPred = {1, 1, 0, 1, 0, 1, 1, 0, 0};
        List<SegmentMetrics> m = SegmentAnalysis.byBands("tenure_band", tenure, new double[] {0, 12, 24, 48, 120},
                yTrue, yPred);
        assertThat(m).containsExactly(
                // [0, 12): rows 0 (tp), 1 (fp)
                new SegmentMetrics("tenure_band", "[0, 12)", 2, 2, 1L, 0.5, 1.0, 0.5, 1.0),
                // [12, 24): rows 2 (fn), 3 (tp)
                new SegmentMetrics("tenure_band", "[12, 24)", 2, 2, 2L, 1.0, 0.5, 1.0, 0.5),
                // [24, 48): row 4 (tn); 48 itself opens the next band
                new SegmentMetrics("tenure_band", "[24, 48)", 1, 1, 0L, 0.0, null, null, 0.0),
                // [48, 120], closed: rows 5 (fp), 6 (tp)
                new SegmentMetrics("tenure_band", "[48, 120]", 2, 2, 1L, 0.5, 1.0, 0.5, 1.0),
                // -1 is below every band: row 7 (tn)
                new SegmentMetrics("tenure_band", "out of bands", 1, 1, 0L, 0.0, null, null, 0.0),
                // NaN: row 8 (fn)
                new SegmentMetrics("tenure_band", "MISSING", 1, 1, 1L, 1.0, 0.0, null, 0.0));
    }

    @Test
    void emptyBandsAreListedAndTheLastEdgeIsInside() {
        NumericColumn x = new NumericColumn("x", new double[] {10, 10, 0.5});
        List<SegmentMetrics> m = SegmentAnalysis.byBands("x_band", x, new double[] {0, 0.5, 2.5, 10}, null,
                new int[] {1, 0, 0});
        // 0.5 opens the second band; 10 equals the last edge and belongs to the closed last band; [0, 0.5) is empty
        assertThat(m).extracting(SegmentMetrics::segment).containsExactly("[0, 0.5)", "[0.5, 2.5)", "[2.5, 10]");
        assertThat(m).extracting(SegmentMetrics::count).containsExactly(0L, 1L, 2L);
        assertThat(m.get(0).predictedPositiveRate()).isNull();
        assertThat(m.get(2).predictedPositiveRate()).isEqualTo(0.5);
    }

    @Test
    void specChoosesBandsOrCategories() {
        SegmentSpec bands = new SegmentSpec("tenure_band", "tenure", List.of(0.0, 12.0, 24.0));
        SegmentSpec category = new SegmentSpec("contract_type", "contract_type", List.of());
        NumericColumn tenure = new NumericColumn("tenure", new double[] {1, 13, 30, 2, 5, 6, 7});
        assertThat(SegmentAnalysis.of(bands, tenure, Y_TRUE, Y_PRED)).extracting(SegmentMetrics::segment)
                .containsExactly("[0, 12)", "[12, 24]", "out of bands");
        assertThat(SegmentAnalysis.of(category, CONTRACT, Y_TRUE, Y_PRED)).hasSize(4);
        assertThatThrownBy(() -> SegmentAnalysis.of(bands, CONTRACT, Y_TRUE, Y_PRED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segment 'tenure_band': column 'contract_type' is a CategoricalColumn");
    }

    @Test
    void rejectsBadInput() {
        NumericColumn x = new NumericColumn("x", new double[] {1});
        assertThatThrownBy(() -> SegmentAnalysis.byBands("b", x, new double[] {0, 5, 5}, null, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0.0, 5.0, 5.0]");
        assertThatThrownBy(() -> SegmentAnalysis.byBands("b", x, new double[] {0, 5}, null, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yPred[0] = 2");
        assertThatThrownBy(() -> SegmentAnalysis.byBands("b", x, new double[] {0, 5}, new int[] {3}, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yTrue[0] = 3");
        assertThatThrownBy(() -> SegmentAnalysis.byCategory("c", CONTRACT, null, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yPred has 1 rows");
    }
}
