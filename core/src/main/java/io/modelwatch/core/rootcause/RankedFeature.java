package io.modelwatch.core.rootcause;

/**
 * A feature's place in the drift ranking.
 *
 * @param rank    1 for the most drifted
 * @param feature column name
 * @param psi     its PSI ({@code NaN} when not computed)
 * @param drifted its drift test verdict
 */
public record RankedFeature(int rank, String feature, double psi, boolean drifted) {
}
