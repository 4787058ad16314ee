package io.modelwatch.core.anomaly;

import java.util.List;

/**
 * The isolation forest's verdict on a run's metric vector ({@code snapshot.json → multivariateAnomaly}).
 *
 * @param status        {@value #SCORED}, or {@value #NOT_ENOUGH_HISTORY} (no score, no alert)
 * @param score         the run's isolation score {@code s = 2^(−E[h]/c(ψ))} in (0, 1]; {@code null} when not scored
 * @param threshold     the score above which the run is anomalous: the larger of the {@code alertQuantile} of
 *                      the history runs' own scores and {@code minScore}; {@code null} when not scored
 * @param alertQuantile the configured quantile
 * @param anomalous     whether {@code score > threshold}
 * @param historyRuns   previous runs the forest was grown on (or found, when too few)
 * @param minHistory    previous runs needed
 * @param metrics       metrics in the vector (entries of the run that the history has too)
 * @param contributors  the metrics that isolate the run most, largest share first
 * @param reason        one line explaining the verdict
 */
public record MultivariateAnomaly(String status, Double score, Double threshold, double alertQuantile,
                                  boolean anomalous, int historyRuns, int minHistory, int metrics,
                                  List<Contributor> contributors, String reason) {

    public static final String SCORED = "scored";
    public static final String NOT_ENOUGH_HISTORY = "not_enough_history";

    public MultivariateAnomaly {
        contributors = contributors == null ? List.of() : List.copyOf(contributors);
    }

    /**
     * One metric of the vector and its share of the isolation.
     *
     * @param metric        the vector entry: {@code category/name} (with {@code [column]} or {@code :max} / {@code :mean})
     * @param value         its value in this run
     * @param historyMedian its median over the history runs
     * @param robustZ       how far it is from the history, {@code 0.6745 (value − median) / MAD} over the history
     *                      runs ({@code null} when the MAD is 0): the forest says which metrics isolate the run, this
     *                      says by how much each moved (a value beyond the history's range isolates the same
     *                      whether it is just beyond or far beyond)
     * @param share         its share of the isolation credit (the shares of all entries sum to 1)
     */
    public record Contributor(String metric, double value, double historyMedian, Double robustZ, double share) {
    }
}
