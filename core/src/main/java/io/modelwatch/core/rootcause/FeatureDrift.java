package io.modelwatch.core.rootcause;

/**
 * Drift of one feature between reference and current, as the root-cause ranking needs it.
 *
 * @param feature column name
 * @param psi     population stability index of the column ({@code >= 0}); {@code NaN} when it was not
 *                computed (such features rank last)
 * @param drifted the verdict of the column's drift test (which may be another test than PSI)
 */
public record FeatureDrift(String feature, double psi, boolean drifted) {

    public FeatureDrift {
        if (feature == null || feature.isBlank()) {
            throw new IllegalArgumentException("feature name is required, got '" + feature + "'");
        }
        if (psi < 0 || Double.isInfinite(psi)) {
            throw new IllegalArgumentException("psi of " + feature + " must be finite and >= 0 (or NaN), got " + psi);
        }
    }
}
