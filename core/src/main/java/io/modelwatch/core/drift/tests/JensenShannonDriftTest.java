package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.Sample;

import java.util.Set;

/**
 * Evidently's {@code jensenshannon} ({@code legacy/calculations/stattests/jensenshannon.py}): the
 * Jensen–Shannon <em>distance</em>, {@code scipy.spatial.distance.jensenshannon(r, c)}:
 * <pre>
 * p = r / Σ r,   q = c / Σ c,   m = (p + q) / 2
 * JS = sqrt( (KL(p ‖ m) + KL(q ‖ m)) / 2 )
 * </pre>
 * on the <b>unfilled</b> {@link EvidentlyBinning} shares (Evidently passes {@code feel_zeroes=False});
 * terms with {@code p_i = 0} contribute 0; natural log, so {@code JS <= sqrt(ln 2) ≈ 0.8326}.
 * Drift when {@code JS >= threshold} (default 0.1). Accepts numeric and categorical samples.
 *
 * <p>Reference values: {@code golden/stattests.json → jensenshannon} (27 cases, scipy 1.10.1 via
 * make_golden.py).
 */
public final class JensenShannonDriftTest extends BinnedDriftTest {

    public static final String NAME = "jensenshannon";
    /** Evidently's default threshold. */
    public static final double DEFAULT_THRESHOLD = 0.1;

    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.NUMERIC, ColumnKind.CATEGORICAL), DEFAULT_THRESHOLD, DriftDirection.SCORE_AT_OR_ABOVE);
    private static final JensenShannonDriftTest DEFAULT = new JensenShannonDriftTest();

    private JensenShannonDriftTest() {
        super(SPEC);
    }

    public static JensenShannonDriftTest withDefaults() {
        return DEFAULT;
    }

    @Override
    double distance(Sample reference, Sample current) {
        EvidentlyBinning.Shares shares = EvidentlyBinning.shares(reference, current);
        return jensenShannonDistance(shares.referenceShares(), shares.currentShares());
    }

    /** scipy's {@code jensenshannon(p, q)} with the natural log (both vectors are normalised first). */
    public static double jensenShannonDistance(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("vectors differ in length: " + p.length + " vs " + q.length);
        }
        double[] pn = KlDivergenceDriftTest.normalised(p);
        double[] qn = KlDivergenceDriftTest.normalised(q);
        double left = 0;
        double right = 0;
        for (int i = 0; i < pn.length; i++) {
            double m = (pn[i] + qn[i]) / 2.0;
            left += KlDivergenceDriftTest.relativeEntropy(pn[i], m);
            right += KlDivergenceDriftTest.relativeEntropy(qn[i], m);
        }
        return Math.sqrt((left + right) / 2.0);
    }
}
