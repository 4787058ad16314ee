package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.Sample;

import java.util.Set;

/**
 * Evidently's {@code psi} ({@code legacy/calculations/stattests/psi.py}): the Population Stability Index
 * <pre>
 * PSI = Σ_i (r_i − c_i) · ln(r_i / c_i)
 * </pre>
 * over the shares {@code r_i}, {@code c_i} of {@link EvidentlyBinning} (Sturges bins for numeric columns
 * whose reference has more than 20 distinct values, otherwise one bin per value) after the empty-bin fill
 * ({@link EvidentlyBinning#fillEmptyBins}: {@code 1e-4}, or {@code min/1e6} for tiny shares), without
 * renormalisation; natural log. Drift when {@code PSI >= threshold} (default 0.1; 0.25 is the common
 * "major shift" level). Accepts numeric and categorical samples.
 *
 * <p>Reference values: {@code golden/stattests.json → psi} (27 cases, numpy 1.24.2 via make_golden.py).
 */
public final class PsiDriftTest extends BinnedDriftTest {

    public static final String NAME = "psi";
    /** Evidently's default threshold. */
    public static final double DEFAULT_THRESHOLD = 0.1;

    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.NUMERIC, ColumnKind.CATEGORICAL), DEFAULT_THRESHOLD, DriftDirection.SCORE_AT_OR_ABOVE);
    private static final PsiDriftTest DEFAULT = new PsiDriftTest();

    private PsiDriftTest() {
        super(SPEC);
    }

    public static PsiDriftTest withDefaults() {
        return DEFAULT;
    }

    @Override
    double distance(Sample reference, Sample current) {
        EvidentlyBinning.Shares shares = EvidentlyBinning.shares(reference, current);
        return psi(EvidentlyBinning.fillEmptyBins(shares.referenceShares()),
                EvidentlyBinning.fillEmptyBins(shares.currentShares()));
    }

    /** {@code Σ (r_i − c_i) · ln(r_i / c_i)} over already filled (strictly positive) shares. */
    public static double psi(double[] referenceShares, double[] currentShares) {
        if (referenceShares.length != currentShares.length) {
            throw new IllegalArgumentException("share vectors differ in length: " + referenceShares.length
                    + " vs " + currentShares.length);
        }
        double sum = 0;
        for (int i = 0; i < referenceShares.length; i++) {
            double r = referenceShares[i];
            double c = currentShares[i];
            sum += (r - c) * Math.log(r / c);
        }
        return sum;
    }
}
