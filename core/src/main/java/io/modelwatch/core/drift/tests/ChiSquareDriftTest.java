package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

import java.util.Set;

/**
 * Evidently's {@code chisquare} ({@code legacy/calculations/stattests/chisquare_stattest.py}): Pearson's
 * goodness-of-fit test of the current counts against the reference counts rescaled to the current size,
 * {@code scipy.stats.chisquare(f_obs, f_exp)}:
 * <pre>
 * keys   = values of reference ∪ current
 * f_exp_k = ref_count_k · (n_cur / n_ref),   f_obs_k = cur_count_k
 * X²     = Σ_k (f_obs_k − f_exp_k)² / f_exp_k,   df = k − 1,   p = P(χ²_df > X²)
 * </pre>
 * A value seen only in current has {@code f_exp = 0}, so {@code X² = +∞} and {@code p = 0} (drift); a single
 * category gives {@code df = 0} and {@code p = NaN} (no drift). Drift when {@code p < threshold}
 * (default 0.05, the dataclass default). A {@link io.modelwatch.core.drift.NumericSample} is treated as
 * one category per distinct value (Evidently's automatic choice sends low-cardinality numeric columns
 * here). The survival function is Commons Statistics' {@link ChiSquaredDistribution}.
 *
 * <p>Reference values: {@code golden/stattests.json → chisquare} (16 cases, scipy 1.10.1 via make_golden.py).
 */
public final class ChiSquareDriftTest extends CountsDriftTest {

    public static final String NAME = "chisquare";
    /** Evidently's default threshold (the StatTest dataclass default). */
    public static final double DEFAULT_THRESHOLD = 0.05;

    /**
     * Categorical columns, and numeric ones as one category per distinct value: Evidently's automatic choice
     * ({@link io.modelwatch.core.drift.AutoStatTest}) runs this test on numeric columns with few distinct values.
     */
    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.CATEGORICAL, ColumnKind.NUMERIC), DEFAULT_THRESHOLD, DriftDirection.P_VALUE_BELOW);
    private static final ChiSquareDriftTest DEFAULT = new ChiSquareDriftTest();

    private ChiSquareDriftTest() {
        super(SPEC);
    }

    public static ChiSquareDriftTest withDefaults() {
        return DEFAULT;
    }

    @Override
    DriftScore score(CategoryCounts counts) {
        double scale = (double) counts.currentSize() / counts.referenceSize();
        long[] ref = counts.reference();
        long[] cur = counts.current();
        double statistic = 0;
        for (int k = 0; k < ref.length; k++) {
            double expected = ref[k] * scale;
            double diff = cur[k] - expected;
            statistic += diff * diff / expected;
        }
        double p = chiSquaredSurvival(statistic, ref.length - 1);
        return DriftScore.pValue(statistic, p);
    }

    /** {@code P(χ²_df > x)}; NaN for {@code df = 0} as in scipy. */
    static double chiSquaredSurvival(double x, int degreesOfFreedom) {
        if (degreesOfFreedom < 1 || Double.isNaN(x)) {
            return Double.NaN;
        }
        return ChiSquaredDistribution.of(degreesOfFreedom).survivalProbability(x);
    }
}
