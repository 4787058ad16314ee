package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.DriftResult;
import io.modelwatch.core.drift.Sample;

/**
 * A test on the contingency counts of the two samples (chisquare, g_test, fisher_exact, z, TVD): inputs
 * checked by {@link DriftInputs#require}, then counted by {@link CategoryCounts#of}. The same shape as
 * {@link BinnedDriftTest} on purpose: the two families differ in what they compute from the checked samples.
 */
abstract class CountsDriftTest extends SpecifiedDriftTest {

    CountsDriftTest(DriftTestSpec spec) {
        super(spec);
    }

    @Override
    public final DriftResult test(Sample reference, Sample current, double threshold) {
        DriftInputs.require(this, reference, current, threshold);
        return result(score(CategoryCounts.of(reference, current)), threshold);
    }

    /** The statistic and p-value of these counts. */
    abstract DriftScore score(CategoryCounts counts);
}
