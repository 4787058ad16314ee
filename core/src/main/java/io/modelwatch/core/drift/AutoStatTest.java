package io.modelwatch.core.drift;

import io.modelwatch.core.drift.tests.ChiSquareDriftTest;
import io.modelwatch.core.drift.tests.JensenShannonDriftTest;
import io.modelwatch.core.drift.tests.KolmogorovSmirnovDriftTest;
import io.modelwatch.core.drift.tests.WassersteinDriftTest;
import io.modelwatch.core.drift.tests.ZDriftTest;

/**
 * Evidently's automatic choice of drift test ({@code registry._get_default_stattest}):
 *
 * <pre>
 * n_ref &lt;= 1000:  numeric with n_unique &lt;= 5 -> chisquare if n_unique &gt; 2 else z;  numeric otherwise -> ks
 *                 categorical -> chisquare if n_unique &gt; 2 else z
 * n_ref &gt;  1000:  numeric with n_unique &lt;= 5 -> jensenshannon, otherwise wasserstein
 *                 categorical -> jensenshannon
 * </pre>
 *
 * where {@code n_ref} is the reference size and {@code n_unique} the number of distinct values in
 * reference and current together (nulls excluded). Every test chosen declares the column's kind in its
 * {@link DriftTest#supportedKinds()} (chisquare and z take numbers as categories), so the choice needs no
 * conversion of the column.
 */
public final class AutoStatTest {

    /** Reference size at and below which hypothesis tests are chosen. */
    public static final long SMALL_REFERENCE_MAX = 1000;
    /** A numeric column with at most this many distinct values is treated like a categorical one. */
    public static final long LOW_CARDINALITY_MAX = 5;

    private AutoStatTest() {
    }

    /** The registry name of the test Evidently would pick. */
    public static String choose(ColumnKind kind, long referenceSize, long distinctValues) {
        if (referenceSize < 0 || distinctValues < 0) {
            throw new IllegalArgumentException("sizes must be >= 0, got referenceSize=" + referenceSize
                    + ", distinctValues=" + distinctValues);
        }
        boolean lowCardinality = kind == ColumnKind.CATEGORICAL || distinctValues <= LOW_CARDINALITY_MAX;
        if (referenceSize <= SMALL_REFERENCE_MAX) {
            if (lowCardinality) {
                return distinctValues > 2 ? ChiSquareDriftTest.NAME : ZDriftTest.NAME;
            }
            return KolmogorovSmirnovDriftTest.NAME;
        }
        return lowCardinality ? JensenShannonDriftTest.NAME : WassersteinDriftTest.NAME;
    }
}
