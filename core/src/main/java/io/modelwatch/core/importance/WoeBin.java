package io.modelwatch.core.importance;

/**
 * One bin of a Weight-of-Evidence table. Event = label 1 (churn).
 *
 * @param label                  {@code bin0}, {@code bin1} ... for numeric bins, the value for a category,
 *                               {@link WoeIv#MISSING} for null/NaN rows
 * @param interval               numeric bins only: {@code [e0, e1]} for the first bin, {@code (e_i, e_i+1]}
 *                               after it, edges written as Python writes floats; null otherwise
 * @param count                  rows in the bin
 * @param events                 rows with label 1
 * @param nonEvents              rows with label 0
 * @param distEvents             events / total events; null when there are no events at all
 * @param distNonEvents          non-events / total non-events; null when there are no non-events at all
 * @param woeRaw                 {@code ln(distNonEvents / distEvents)}; null when the bin has a zero cell
 * @param woeSmoothed            the same with the smoothing added to both counts of every bin
 * @param ivContributionSmoothed {@code (distNonEvents − distEvents)·woe}, smoothed
 */
public record WoeBin(String label, String interval, long count, long events, long nonEvents, Double distEvents,
                     Double distNonEvents, Double woeRaw, double woeSmoothed, double ivContributionSmoothed) {
}
