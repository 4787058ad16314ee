package io.modelwatch.core.result;

/**
 * Drift of one column ({@code snapshot.json → drift.columns[]}).
 *
 * @param column    column name
 * @param role      {@code feature}, {@code prediction} (the probability or the predicted class) or {@code target}
 *                  (the label), as Evidently's data-drift preset reports target and prediction drift
 * @param type      {@code numeric} or {@code categorical}
 * @param method    drift test used (registry name)
 * @param statistic the test statistic, or {@code null} when the test could not run
 * @param score     drift score compared with the threshold (p-value or distance), or {@code null}
 * @param pValue    p-value where the test has one, else {@code null}
 * @param threshold threshold used
 * @param rule      the comparison, e.g. {@code p <= threshold}
 * @param drifted   verdict
 * @param error     why the test could not run (Evidently raises), else {@code null}
 */
public record ColumnDrift(String column, String role, String type, String method, Double statistic, Double score,
                          Double pValue, double threshold, String rule, boolean drifted, String error) {
}
