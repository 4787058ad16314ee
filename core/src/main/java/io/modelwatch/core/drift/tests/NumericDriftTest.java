package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.DriftResult;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.Sample;

/**
 * A test on two numeric samples (ks, cramer_von_mises, anderson, wasserstein, ed, empirical_mmd, es, t_test,
 * mannw): both samples checked by {@link NumericInputs#numeric}, then the threshold by
 * {@link NumericInputs#threshold}.
 */
abstract class NumericDriftTest extends SpecifiedDriftTest {

    NumericDriftTest(DriftTestSpec spec) {
        super(spec);
    }

    @Override
    public final DriftResult test(Sample reference, Sample current, double threshold) {
        NumericSample ref = NumericInputs.numeric(this, "reference", reference);
        NumericSample cur = NumericInputs.numeric(this, "current", current);
        NumericInputs.threshold(name(), threshold);
        return result(score(ref, cur), threshold);
    }

    /** The statistic and score of the two (checked, non-empty) samples. */
    abstract DriftScore score(NumericSample reference, NumericSample current);
}
