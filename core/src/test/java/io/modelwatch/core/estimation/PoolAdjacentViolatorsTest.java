package io.modelwatch.core.estimation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** PAVA on inputs small enough to check by hand (the expected values are worked out in each comment). */
class PoolAdjacentViolatorsTest {

    static Stream<Arguments> handChecked() {
        return Stream.of(
                // already ordered: unchanged
                Arguments.of(new double[] {1, 2, 2, 5}, new double[] {1, 1, 1, 1}, new double[] {1, 2, 2, 5}),
                // one violation: 3 > 2 pooled to (3 + 2) / 2
                Arguments.of(new double[] {1, 3, 2, 4}, new double[] {1, 1, 1, 1}, new double[] {1, 2.5, 2.5, 4}),
                // fully decreasing: everything pooled to the mean 2
                Arguments.of(new double[] {3, 2, 1}, new double[] {1, 1, 1}, new double[] {2, 2, 2}),
                // weighted: (3·2 + 1·1) / 4 = 1.75
                Arguments.of(new double[] {2, 1}, new double[] {3, 1}, new double[] {1.75, 1.75}),
                // cascade: 5,4 -> 4.5; then 3 < 4.5 -> (5 + 4 + 3) / 3 = 4
                Arguments.of(new double[] {1, 5, 4, 3, 6}, new double[] {1, 1, 1, 1, 1},
                        new double[] {1, 4, 4, 4, 6}),
                // backwards merge: 5,1 -> 3; then 4 > 3 -> (4 + 5 + 1) / 3 = 10/3
                Arguments.of(new double[] {4, 5, 1, 6}, new double[] {1, 1, 1, 1},
                        new double[] {10.0 / 3, 10.0 / 3, 10.0 / 3, 6}),
                // 0/1 labels as in calibration: (0, 1, 0, 1) -> (0, 0.5, 0.5, 1)
                Arguments.of(new double[] {0, 1, 0, 1}, new double[] {1, 1, 1, 1}, new double[] {0, 0.5, 0.5, 1}),
                // weights decide the pooled level: (1·1 + 4·0) / 5 = 0.2
                Arguments.of(new double[] {1, 0}, new double[] {1, 4}, new double[] {0.2, 0.2}),
                Arguments.of(new double[] {}, new double[] {}, new double[] {}));
    }

    @ParameterizedTest
    @MethodSource("handChecked")
    void matchesHandComputedFit(double[] y, double[] w, double[] expected) {
        double[] fitted = PoolAdjacentViolators.fit(y, w);
        assertThat(fitted.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(fitted[i]).as("position %d", i).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void unitWeightOverloadAgrees() {
        assertThat(PoolAdjacentViolators.fit(new double[] {1, 3, 2, 4})).containsExactly(1, 2.5, 2.5, 4);
    }

    @Test
    void rejectsBadInputsNamingThem() {
        assertThatThrownBy(() -> PoolAdjacentViolators.fit(new double[] {1, 2}, new double[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w[1]").hasMessageContaining("0.0");
        assertThatThrownBy(() -> PoolAdjacentViolators.fit(new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[1]");
        assertThatThrownBy(() -> PoolAdjacentViolators.fit(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 and 1");
    }
}
