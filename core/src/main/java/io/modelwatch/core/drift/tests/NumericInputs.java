package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.DriftTest;
import io.modelwatch.core.drift.DriftTestException;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.Sample;

/**
 * The one place where the numeric drift tests check their inputs: both samples must be
 * {@link NumericSample}s, the one kind they declare (another kind is refused by
 * {@link DriftTest#requireAccepted}, an {@link IllegalArgumentException} naming the test)
 * and non-empty after Evidently's null/inf drop (an empty one is a {@link DriftTestException}, as
 * Evidently raises), and the threshold must be a number.
 */
final class NumericInputs {

    private NumericInputs() {
    }

    /** The sample as numeric, checked for kind and emptiness. */
    static NumericSample numeric(DriftTest test, String role, Sample sample) {
        test.requireAccepted(sample, role);
        NumericSample numeric = (NumericSample) sample;
        if (numeric.size() == 0) {
            throw new DriftTestException(test.name() + ": the " + role + " sample is empty after dropping nulls");
        }
        return numeric;
    }

    /** Checks that the threshold is not NaN. */
    static double threshold(String test, double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException(test + ": threshold must be a number, got " + threshold);
        }
        return threshold;
    }

    /** Arithmetic mean (two-pass compensated: the mean plus the mean residual). */
    static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double m = sum / x.length;
        double residual = 0;
        for (double v : x) {
            residual += v - m;
        }
        return m + residual / x.length;
    }

    /** Sum of squared deviations from the given mean. */
    static double sumSquaredDeviations(double[] x, double mean) {
        double ss = 0;
        for (double v : x) {
            double d = v - mean;
            ss += d * d;
        }
        return ss;
    }
}
