package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.DriftTestException;
import org.apache.commons.statistics.inference.FisherExactTest;

import java.util.Set;

/**
 * Evidently's {@code fisher_exact} ({@code legacy/calculations/stattests/fisher_exact_stattest.py}):
 * Fisher's exact test, two-sided, on the 2×2 table
 * <pre>
 * [[cur_one, cur_zero],
 *  [ref_one, ref_zero]]
 * </pre>
 * where "one" is the second of the sorted values of reference ∪ current and everything else counts as
 * zero (Evidently takes it from Python set order; the two-sided p-value does not depend on it, the odds
 * ratio does). The statistic is scipy's sample odds ratio {@code (t00·t11)/(t01·t10)}: NaN when a row or
 * column of the table is empty (then {@code p = 1}), {@code +∞} when {@code t01·t10 = 0}.
 *
 * <p>Raises {@link DriftTestException}, as Evidently raises {@code ValueError}, when a sample holds more
 * than two categories or when the sample sizes differ. Drift when {@code p < threshold} (default 0.1).
 * The p-value is Commons Statistics' {@link FisherExactTest} (two-sided: the sum of the probabilities of
 * all tables no more likely than the observed one, with a relative tolerance for ties).
 *
 * <p>Reference values: {@code golden/stattests.json → fisher_exact} (9 cases, scipy 1.10.1 via
 * make_golden.py).
 */
public final class FisherExactDriftTest extends CountsDriftTest {

    public static final String NAME = "fisher_exact";
    /** Evidently's default threshold. */
    public static final double DEFAULT_THRESHOLD = 0.1;

    /** Categorical columns, and numeric ones as one category per distinct value (as chisquare and z). */
    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.CATEGORICAL, ColumnKind.NUMERIC), DEFAULT_THRESHOLD, DriftDirection.P_VALUE_BELOW);
    private static final FisherExactDriftTest DEFAULT = new FisherExactDriftTest();

    private FisherExactDriftTest() {
        super(SPEC);
    }

    public static FisherExactDriftTest withDefaults() {
        return DEFAULT;
    }

    @Override
    DriftScore score(CategoryCounts counts) {
        if (counts.referenceDistinct() > 2 || counts.currentDistinct() > 2) {
            throw new DriftTestException("fisher_exact expects binary data for both reference and current, but found "
                    + counts.referenceDistinct() + " and " + counts.currentDistinct() + " categories: " + counts.keys());
        }
        if (counts.referenceSize() != counts.currentSize()) {
            throw new DriftTestException("fisher_exact needs reference and current of equal length, got "
                    + counts.referenceSize() + " and " + counts.currentSize());
        }
        int[][] table = table(counts);
        double oddsRatio = oddsRatio(table);
        double p = emptyMargin(table) ? 1.0 : FisherExactTest.withDefaults().test(table).getPValue();
        return DriftScore.pValue(oddsRatio, p);
    }

    /** {@code [[cur_one, cur_zero], [ref_one, ref_zero]]} with "one" the second sorted key. */
    static int[][] table(CategoryCounts counts) {
        long refOne = counts.size() > 1 ? counts.reference()[1] : 0;
        long curOne = counts.size() > 1 ? counts.current()[1] : 0;
        return new int[][] {
            {Math.toIntExact(curOne), Math.toIntExact(counts.currentSize() - curOne)},
            {Math.toIntExact(refOne), Math.toIntExact(counts.referenceSize() - refOne)}};
    }

    /** scipy's sample odds ratio: NaN for an empty margin, +∞ when {@code t10·t01 = 0}. */
    static double oddsRatio(int[][] t) {
        if (emptyMargin(t)) {
            return Double.NaN;
        }
        if (t[1][0] > 0 && t[0][1] > 0) {
            return (double) ((long) t[0][0] * t[1][1]) / ((long) t[1][0] * t[0][1]);
        }
        return Double.POSITIVE_INFINITY;
    }

    private static boolean emptyMargin(int[][] t) {
        return t[0][0] + t[0][1] == 0 || t[1][0] + t[1][1] == 0
                || t[0][0] + t[1][0] == 0 || t[0][1] + t[1][1] == 0;
    }
}
