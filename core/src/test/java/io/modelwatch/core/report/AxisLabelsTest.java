package io.modelwatch.core.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Chart labels of PSI bins: readable, still telling the bins apart (expected values written by hand). */
class AxisLabelsTest {

    @Test
    void roundsEdgesToThreeSignificantDigits() {
        assertThat(AxisLabels.readable(List.of("(-inf, 0.4772000000000001]", "(0.4772000000000001, 0.6]", "(0.6, inf)")))
                .containsExactly("(-inf, 0.477]", "(0.477, 0.6]", "(0.6, inf)");
    }

    @Test
    void keepsIntegerDigitsAndDropsTrailingZeros() {
        assertThat(AxisLabels.readable(List.of("(-inf, 23.0]", "(23.0, 1234.5678]", "(1234.5678, inf)")))
                .containsExactly("(-inf, 23]", "(23, 1235]", "(1235, inf)");
    }

    @Test
    void addsDigitsUntilNeighbouringEdgesDiffer() {
        assertThat(AxisLabels.readable(List.of("(-inf, 0.47721]", "(0.47721, 0.47729]", "(0.47729, inf)")))
                .containsExactly("(-inf, 0.4772]", "(0.4772, 0.4773]", "(0.4773, inf)");
    }

    @Test
    void leavesCategoriesAlone() {
        assertThat(AxisLabels.readable(List.of("Month-to-month", "One year", "__unseen__")))
                .containsExactly("Month-to-month", "One year", "__unseen__");
    }

    @Test
    void formatsNumbers() {
        assertThat(AxisLabels.number(0.30000000000000004, 3)).isEqualTo("0.3");
        assertThat(AxisLabels.number(-0.000123456, 3)).isEqualTo("-0.000123");
        assertThat(AxisLabels.number(0, 3)).isEqualTo("0");
    }
}
