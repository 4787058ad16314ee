package io.modelwatch.core.stability;

import java.util.List;

/**
 * The Population Stability Index of one column.
 *
 * @param value        PSI, {@code Σ (c_i − r_i)·ln(c_i / r_i)} on shares floored at {@code epsilon}
 * @param epsilon      the floor applied to the shares
 * @param currentCount non-null current values binned
 * @param currentNulls current nulls (not binned)
 * @param bins         per bin: label, raw reference and current shares, contribution to the PSI
 */
public record PsiResult(double value, double epsilon, long currentCount, long currentNulls, List<BinShare> bins) {

    public PsiResult {
        bins = List.copyOf(bins);
    }

    /**
     * One bin's shares before flooring, and its term {@code (c' − r')·ln(c'/r')} with the floored shares.
     */
    public record BinShare(String label, double referenceShare, double currentShare, double contribution) {
    }
}
