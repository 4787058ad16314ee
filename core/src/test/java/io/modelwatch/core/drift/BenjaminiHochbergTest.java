package io.modelwatch.core.drift;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Benjamini–Hochberg against a hand computation. */
class BenjaminiHochbergTest {

    /*
     * m = 6, p = (0.010, 0.040, 0.030, 0.005, 0.200, 0.041), sorted:
     *   rank 1: 0.005 -> 6 * 0.005 / 1 = 0.030
     *   rank 2: 0.010 -> 6 * 0.010 / 2 = 0.030
     *   rank 3: 0.030 -> 6 * 0.030 / 3 = 0.060
     *   rank 4: 0.040 -> 6 * 0.040 / 4 = 0.060
     *   rank 5: 0.041 -> 6 * 0.041 / 5 = 0.0492
     *   rank 6: 0.200 -> 6 * 0.200 / 6 = 0.200
     * running minimum from the largest rank down: 0.200, 0.0492, min(0.060, 0.0492) = 0.0492, 0.0492, 0.030, 0.030.
     * At q = 0.05 the step-up rule: largest k with p(k) <= k q / m = k / 120: k = 5 (0.041 <= 0.04167), so the five
     * smallest are rejected although 0.030 and 0.040 alone are above their own bounds (0.025, 0.0333); at q = 0.04
     * (bound k / 150): k = 2 (0.010 <= 0.0133; 0.030 > 0.02, 0.040 > 0.0267, 0.041 > 0.0333), two rejected.
     */
    private static final double[] P = {0.010, 0.040, 0.030, 0.005, 0.200, 0.041};

    @Test
    void adjustedPValuesMatchTheHandComputation() {
        assertThat(BenjaminiHochberg.adjust(P))
                .containsExactly(new double[] {0.030, 0.0492, 0.0492, 0.030, 0.200, 0.0492}, within(1e-15));
    }

    @Test
    void stepUpRejectsEverythingUpToTheLargestRankUnderItsBound() {
        assertThat(BenjaminiHochberg.of(0.05).rejected(P)).containsExactly(true, true, true, true, false, true);
        assertThat(BenjaminiHochberg.of(0.04).rejected(P)).containsExactly(true, false, false, true, false, false);
    }

    @Test
    void aSingleTestIsItsOwnPValueAndNoTestsIsNothing() {
        assertThat(BenjaminiHochberg.adjust(new double[] {0.3})).containsExactly(0.3);
        assertThat(BenjaminiHochberg.adjust(new double[0])).isEmpty();
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> BenjaminiHochberg.adjust(new double[] {0.1, Double.NaN}))
                .hasMessageContaining("p-value 1 is NaN");
        assertThatThrownBy(() -> BenjaminiHochberg.of(1.0)).hasMessageContaining("got 1.0");
    }
}
