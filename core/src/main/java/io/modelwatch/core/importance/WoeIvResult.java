package io.modelwatch.core.importance;

import java.util.List;

/**
 * Weight of Evidence per bin and Information Value of one feature (see {@link WoeIv} for the conventions).
 *
 * @param kind           numeric or categorical binning
 * @param edges          numeric bin edges {@code e_0 ≤ ... ≤ e_B} (two equal edges for a constant feature);
 *                       empty for a categorical feature
 * @param bins           the bins: numeric bins in edge order, categories in sorted order, then
 *                       {@link WoeIv#MISSING} if any row was null
 * @param totalEvents    rows with label 1
 * @param totalNonEvents rows with label 0
 * @param ivRaw          {@code Σ (distNonEvents − distEvents)·woeRaw}; null when any bin has a zero cell
 * @param ivSmoothed     the same with smoothed distributions; always defined
 */
public record WoeIvResult(Kind kind, List<Double> edges, List<WoeBin> bins, long totalEvents, long totalNonEvents,
                          Double ivRaw, double ivSmoothed) {

    public enum Kind { NUMERIC, CATEGORICAL }

    public WoeIvResult {
        edges = List.copyOf(edges);
        bins = List.copyOf(bins);
    }

    /** The bin with this label, or null. */
    public WoeBin bin(String label) {
        for (WoeBin b : bins) {
            if (b.label().equals(label)) {
                return b;
            }
        }
        return null;
    }
}
