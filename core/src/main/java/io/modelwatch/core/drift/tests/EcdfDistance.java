package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.SortedRuns;

/**
 * scipy's {@code _cdf_distance}: the L^p distance between two empirical CDFs,
 * {@code (∫ |F_u(x) − F_v(x)|^p dx)^(1/p)}, integrated exactly as a step function between consecutive
 * distinct pooled values. O(n1 + n2) on sorted inputs. p = 1 is the Wasserstein-1 distance; p = 2
 * gives the energy distance up to a factor {@code sqrt(2)}.
 */
final class EcdfDistance {

    private EcdfDistance() {
    }

    /** {@code ∫ |F_u − F_v| dx} (p = 1). */
    static double l1(SortedRuns sortedU, SortedRuns sortedV) {
        return integral(sortedU, sortedV, false);
    }

    /** {@code sqrt(∫ (F_u − F_v)^2 dx)} (p = 2). */
    static double l2(SortedRuns sortedU, SortedRuns sortedV) {
        return Math.sqrt(integral(sortedU, sortedV, true));
    }

    private static double integral(SortedRuns u, SortedRuns v, boolean squared) {
        double nu = u.total();
        double nv = v.total();
        TieGroups g = new TieGroups(u, v);
        double sum = 0;
        boolean first = true;
        double previous = 0;
        double previousDiff = 0;
        while (g.next()) {
            if (!first) {
                double width = g.value() - previous;
                sum += squared ? previousDiff * previousDiff * width : Math.abs(previousDiff) * width;
            }
            first = false;
            previous = g.value();
            previousDiff = g.cumulativeA() / nu - g.cumulativeB() / nv;
        }
        return sum;
    }
}
