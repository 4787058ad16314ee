package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.DriftResult;
import io.modelwatch.core.drift.Sample;

/**
 * A distance between the binned shares of the two samples (psi, kl_div, jensenshannon, hellinger): inputs
 * checked by {@link DriftInputs#require}, the distance is both statistic and score.
 */
abstract class BinnedDriftTest extends SpecifiedDriftTest {

    BinnedDriftTest(DriftTestSpec spec) {
        super(spec);
    }

    @Override
    public final DriftResult test(Sample reference, Sample current, double threshold) {
        DriftInputs.require(this, reference, current, threshold);
        return result(DriftScore.distance(distance(reference, current)), threshold);
    }

    /** The distance between the two (checked) samples. */
    abstract double distance(Sample reference, Sample current);
}
