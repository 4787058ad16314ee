package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.DriftTestException;

import java.util.Set;

/**
 * Evidently's {@code g_test} ({@code legacy/calculations/stattests/g_stattest.py}): the log-likelihood
 * ratio (G) test {@code scipy.stats.power_divergence(f_obs, f_exp, lambda_="log-likelihood")} with the
 * current counts as observed and the <b>raw</b> reference counts (not rescaled) as expected:
 * <pre>
 * G = 2 Σ_k f_obs_k · ln(f_obs_k / f_exp_k)     (0 · ln(0/e) = 0),   df = k − 1,   p = P(χ²_df > G)
 * </pre>
 * Like scipy ≥ 1.9 it raises ({@link DriftTestException}) when the totals differ by more than a relative
 * {@value #TOTALS_RELATIVE_TOLERANCE}, so in practice it needs equal sample sizes. A value seen only in
 * current gives {@code G = +∞}, {@code p = 0}; a single category gives {@code p = NaN}.
 * Drift when {@code p < threshold} (default 0.1). Numeric samples are treated as one category per value.
 *
 * <p>Reference values: {@code golden/stattests.json → g_test} (16 cases, scipy 1.10.1 via make_golden.py).
 */
public final class GDriftTest extends CountsDriftTest {

    public static final String NAME = "g_test";
    /** Evidently's default threshold. */
    public static final double DEFAULT_THRESHOLD = 0.1;
    /** scipy's relative tolerance between the observed and expected totals. */
    public static final double TOTALS_RELATIVE_TOLERANCE = 1e-8;

    /** Categorical columns, and numeric ones as one category per distinct value (as chisquare and z). */
    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.CATEGORICAL, ColumnKind.NUMERIC), DEFAULT_THRESHOLD, DriftDirection.P_VALUE_BELOW);
    private static final GDriftTest DEFAULT = new GDriftTest();

    private GDriftTest() {
        super(SPEC);
    }

    public static GDriftTest withDefaults() {
        return DEFAULT;
    }

    @Override
    DriftScore score(CategoryCounts counts) {
        double observedTotal = counts.currentSize();
        double expectedTotal = counts.referenceSize();
        double relativeDiff = Math.abs(observedTotal - expectedTotal) / Math.min(observedTotal, expectedTotal);
        if (relativeDiff > TOTALS_RELATIVE_TOLERANCE) {
            throw new DriftTestException("g_test needs equal totals of observed (current, " + counts.currentSize()
                    + ") and expected (reference, " + counts.referenceSize() + ") frequencies within a relative "
                    + TOTALS_RELATIVE_TOLERANCE + ", as scipy's power_divergence");
        }
        long[] expected = counts.reference();
        long[] observed = counts.current();
        double statistic = 0;
        for (int k = 0; k < observed.length; k++) {
            if (observed[k] > 0) {
                statistic += 2.0 * (observed[k] * Math.log((double) observed[k] / expected[k]));
            }
        }
        double p = ChiSquareDriftTest.chiSquaredSurvival(statistic, observed.length - 1);
        return DriftScore.pValue(statistic, p);
    }
}
