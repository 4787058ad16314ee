package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.Set;

/**
 * Evidently's {@code z} ({@code legacy/calculations/stattests/z_stattest.py}): the pooled two-proportion
 * z-test.
 * <ul>
 *   <li>Both samples constant with the same value: {@code p = 1} (statistic NaN).</li>
 *   <li>Otherwise {@code keys = sorted(reference ∪ current)}; the first key is coded 0 and <em>every other
 *       value</em> 1, so more than two categories are accepted. Numbers sort numerically.</li>
 * </ul>
 * <pre>
 * p1 = ones_ref / n1,  p2 = ones_cur / n2,  P = (p1·n1 + p2·n2) / (n1 + n2)
 * z  = (p1 − p2) / sqrt(P (1 − P) (1/n1 + 1/n2)),   p = 2 · (1 − Φ(|z|))
 * </pre>
 * {@code p} is computed as {@code 1 − cdf} like Evidently, so a very large {@code |z|} gives exactly 0.
 * Drift when {@code p < threshold} (default 0.05, the dataclass default). Numeric samples are treated as
 * one category per value. Φ is Commons Statistics' {@link NormalDistribution}.
 *
 * <p>Reference values: {@code golden/stattests.json → z} (16 cases, scipy 1.10.1 via make_golden.py).
 */
public final class ZDriftTest extends CountsDriftTest {

    public static final String NAME = "z";
    /** Evidently's default threshold (the StatTest dataclass default). */
    public static final double DEFAULT_THRESHOLD = 0.05;

    /**
     * Categorical columns, and numeric ones as one category per distinct value: Evidently's automatic choice
     * ({@link io.modelwatch.core.drift.AutoStatTest}) runs this test on numeric columns with few distinct values.
     */
    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.CATEGORICAL, ColumnKind.NUMERIC), DEFAULT_THRESHOLD, DriftDirection.P_VALUE_BELOW);
    private static final ZDriftTest DEFAULT = new ZDriftTest();
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private ZDriftTest() {
        super(SPEC);
    }

    public static ZDriftTest withDefaults() {
        return DEFAULT;
    }

    @Override
    DriftScore score(CategoryCounts counts) {
        if (counts.size() == 1) {
            // both samples hold the same single value
            return DriftScore.pValue(Double.NaN, 1.0);
        }
        long n1 = counts.referenceSize();
        long n2 = counts.currentSize();
        double p1 = (double) (n1 - counts.reference()[0]) / n1;
        double p2 = (double) (n2 - counts.current()[0]) / n2;
        double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        double p = 2 * (1 - STANDARD_NORMAL.cumulativeProbability(Math.abs(z)));
        return DriftScore.pValue(z, p);
    }
}
