package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.NumericSample;
import org.apache.commons.statistics.distribution.TDistribution;

import java.util.Set;

/**
 * Evidently's {@code t_test}: {@code scipy.stats.ttest_ind(ref, cur)}, Student's two-sample t-test with
 * pooled (equal) variances, two-sided:
 * <pre>
 *   sp^2 = (Σ(x − x̄)^2 + Σ(y − ȳ)^2) / (n1 + n2 − 2)
 *   t    = (x̄ − ȳ) / sqrt(sp^2 (1/n1 + 1/n2)),   df = n1 + n2 − 2
 *   p    = 2 · T_df.sf(|t|)
 * </pre>
 * Two constant samples give {@code 0/0}: t and p are NaN, which is never drift (as in Evidently).
 * Drift when {@code p < threshold} (Evidently's dataclass default 0.05). O(n).
 * Reference values: {@code golden/stattests.json} ({@code t_test}), scipy 1.10.1.
 */
public final class StudentTDriftTest extends NumericDriftTest {

    public static final String NAME = "t_test";

    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.NUMERIC), 0.05, DriftDirection.P_VALUE_BELOW);
    private static final StudentTDriftTest DEFAULT = new StudentTDriftTest();

    private StudentTDriftTest() {
        super(SPEC);
    }

    public static StudentTDriftTest withDefaults() {
        return DEFAULT;
    }

    @Override
    DriftScore score(NumericSample ref, NumericSample cur) {
        double[] x = ref.values();
        double[] y = cur.values();
        int n1 = x.length;
        int n2 = y.length;
        double df = n1 + n2 - 2.0;
        double mx = NumericInputs.mean(x);
        double my = NumericInputs.mean(y);
        double pooledVariance = (NumericInputs.sumSquaredDeviations(x, mx)
                + NumericInputs.sumSquaredDeviations(y, my)) / df;
        double t = (mx - my) / Math.sqrt(pooledVariance * (1.0 / n1 + 1.0 / n2));
        double p = Double.isNaN(t) || df <= 0 ? Double.NaN
                : Math.min(1.0, 2 * TDistribution.of(df).survivalProbability(Math.abs(t)));
        return DriftScore.pValue(t, p);
    }
}
