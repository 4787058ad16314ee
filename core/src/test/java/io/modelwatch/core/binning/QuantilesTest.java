package io.modelwatch.core.binning;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Expected values printed by numpy 2.4 {@code repr(float(np.quantile(x, q)))} for
 * {@code x = sorted([3, 1, 4, 1, 5, 9, 2, 6])}; compared exactly (the quantile must be bit-identical for the bin
 * edges to match pandas). The decile edges of the WoE golden cases are checked in {@code WoeIvTest}.
 */
class QuantilesTest {

    private static final double[] X = {1, 1, 2, 3, 4, 5, 6, 9};

    @ParameterizedTest
    @CsvSource({"0.0, 1.0", "0.1, 1.0", "0.25, 1.75", "0.3, 2.1", "0.5, 3.5", "0.7, 4.8999999999999995",
            "0.9, 6.8999999999999995", "1.0, 9.0"})
    void matchesNumpyLinearBitForBit(double q, double expected) {
        assertThat(Quantiles.linear(X, q)).isEqualTo(expected);
    }

    @Test
    void linspaceProbabilitiesAndDistinctEdges() {
        assertThat(Quantiles.uniformProbabilities(10)[3]).isEqualTo(0.30000000000000004);
        assertThat(Quantiles.uniformProbabilities(10)[10]).isEqualTo(1.0);
        assertThat(Quantiles.equalFrequencyEdges(new double[] {7, 7, 7}, 10)).containsExactly(7.0);
        assertThatThrownBy(() -> Quantiles.linear(new double[0], 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quantiles.linear(X, 1.5)).hasMessageContaining("got 1.5");
    }

    @Test
    void searchsortedSides() {
        double[] edges = {1, 2, 2, 3};
        assertThat(EdgeSearch.countBelow(edges, 2)).isEqualTo(1);
        assertThat(EdgeSearch.countAtOrBelow(edges, 2)).isEqualTo(3);
        assertThat(EdgeSearch.countBelow(edges, 0)).isZero();
        assertThat(EdgeSearch.countAtOrBelow(edges, 5)).isEqualTo(4);
    }
}
