package io.modelwatch.core.drift;

/**
 * A drift test cannot be computed on these samples (Evidently/scipy raise {@code ValueError}):
 * for example anderson on a constant pooled sample, g_test or fisher_exact on unequal sizes,
 * or an empty sample after nulls were dropped.
 */
public class DriftTestException extends IllegalArgumentException {
    public DriftTestException(String message) {
        super(message);
    }
}
