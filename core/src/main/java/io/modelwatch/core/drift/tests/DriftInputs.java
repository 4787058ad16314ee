package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.DriftTest;
import io.modelwatch.core.drift.DriftTestException;
import io.modelwatch.core.drift.Sample;

import java.util.Objects;

/** The input checks shared by the binned and categorical drift tests, in one place. */
final class DriftInputs {

    private DriftInputs() {
    }

    /**
     * Both samples must be present and non-empty: Evidently raises when a column is empty after the
     * NaN/null drop.
     */
    static void requireNonEmpty(Sample reference, Sample current) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(current, "current");
        if (reference.size() == 0) {
            throw new DriftTestException("reference sample is empty after dropping nulls and non-finite values");
        }
        if (current.size() == 0) {
            throw new DriftTestException("current sample is empty after dropping nulls and non-finite values");
        }
    }

    /**
     * The checks of a binned or categorical test before it counts: both samples of a kind the test declares
     * ({@link DriftTest#requireAccepted}) and a finite threshold. Emptiness is checked where the counting starts.
     */
    static void require(DriftTest test, Sample reference, Sample current, double threshold) {
        test.requireAccepted(reference, "reference");
        test.requireAccepted(current, "current");
        requireThreshold(threshold);
    }

    /** A threshold must be a finite number. */
    static double requireThreshold(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        return threshold;
    }
}
