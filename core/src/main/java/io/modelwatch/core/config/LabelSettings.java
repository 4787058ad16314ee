package io.modelwatch.core.config;

/**
 * Late labels. Churn labels arrive about {@code lagDays} after the prediction; realised performance of a
 * prediction-date cohort is computed only once at least {@code minCoverage} of its rows have a label (before
 * that the batch is judged on estimated performance, and label coverage itself is a metric).
 *
 * @param minCoverage share of a cohort's rows that must be labelled before its performance is realised (0.9)
 * @param lagDays     days after the prediction date when labels are expected (60); the services look for a
 *                    cohort's labels from then on
 */
public record LabelSettings(double minCoverage, int lagDays) {

    public LabelSettings {
        Checks.number("min_coverage", minCoverage, 0, 1);
        Checks.whole("lag_days", lagDays, 0, 3650);
    }

    public static LabelSettings defaults() {
        return new LabelSettings(0.9, 60);
    }
}
