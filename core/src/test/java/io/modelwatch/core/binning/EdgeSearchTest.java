package io.modelwatch.core.binning;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EdgeSearch} against numpy's {@code searchsorted} definitions, counted here edge by edge: left = edges
 * strictly below the value, right = edges at or below it. Short arrays (the linear count) and long ones (the
 * binary search), duplicate edges, values on edges, infinities, signed zeros and NaN.
 */
class EdgeSearchTest {

    @Test
    void searchsortedOfFixedCases() {
        double[] edges = {0, 12, 24, 48, 120};
        assertThat(EdgeSearch.countBelow(edges, 12)).isEqualTo(1);  // np.searchsorted(e, 12) == 1
        assertThat(EdgeSearch.countAtOrBelow(edges, 12)).isEqualTo(2); // side='right' == 2
        assertThat(EdgeSearch.countBelow(edges, -1)).isZero();
        assertThat(EdgeSearch.countBelow(edges, 121)).isEqualTo(5);
        assertThat(EdgeSearch.countBelow(edges, Double.NaN)).isZero();
        assertThat(EdgeSearch.countAtOrBelow(edges, Double.NaN)).isZero();
        assertThat(EdgeSearch.countBelow(new double[] {-0.0, 1}, 0.0)).isZero();
        assertThat(EdgeSearch.countAtOrBelow(new double[] {0.0, 1}, -0.0)).isEqualTo(1);
        assertThat(EdgeSearch.countBelow(new double[0], 3)).isZero();
        assertThat(EdgeSearch.countAtOrBelow(new double[] {2, 2}, 2)).isEqualTo(2);
        assertThat(EdgeSearch.countBelow(new double[] {2, 2}, 2)).isZero();
    }

    @Test
    void countsEqualTheDefinitionsOnAscendingEdgesOfEveryLength() {
        Random random = new Random(17);
        for (int length = 0; length <= 3 * EdgeSearch.LINEAR_MAX; length++) {
            for (int trial = 0; trial < 20; trial++) {
                double[] edges = new double[length];
                for (int i = 0; i < length; i++) {
                    // few distinct values: duplicates are common
                    edges[i] = random.nextInt(4 * length + 1) / 4.0 - length / 2.0;
                }
                Arrays.sort(edges);
                for (int k = 0; k < 50; k++) {
                    double v = k < length ? edges[k]
                            : k == 45 ? Double.NaN : k == 46 ? Double.POSITIVE_INFINITY
                            : k == 47 ? Double.NEGATIVE_INFINITY : (random.nextDouble() - 0.5) * (length + 4);
                    int below = 0;
                    int atOrBelow = 0;
                    for (double e : edges) {
                        if (e < v) {
                            below++;
                        }
                        if (e <= v) {
                            atOrBelow++;
                        }
                    }
                    assertThat(EdgeSearch.countBelow(edges, v)).as("%s below %s", Arrays.toString(edges), v)
                            .isEqualTo(below);
                    assertThat(EdgeSearch.countAtOrBelow(edges, v)).as("%s at or below %s", Arrays.toString(edges), v)
                            .isEqualTo(atOrBelow);
                }
            }
        }
    }
}
