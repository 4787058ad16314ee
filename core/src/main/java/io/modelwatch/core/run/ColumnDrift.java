package io.modelwatch.core.run;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Drift of one column ({@code snapshot.json → drift.columns[]}).
 *
 * @param column    column name
 * @param role      {@code feature} or {@code prediction}
 * @param type      {@code numeric} or {@code categorical}
 * @param method    drift test used (registry name)
 * @param statistic the test statistic, or {@code null} when the test could not run
 * @param score     drift score compared with the threshold (p-value or distance), or {@code null}
 * @param pValue    p-value where the test has one, else {@code null}
 * @param threshold threshold used
 * @param rule      the comparison, e.g. {@code p <= threshold}
 * @param drifted   verdict
 * @param error     why the test could not run (Evidently raises), else {@code null}
 * @param sampled   {@code true} when a streamed run computed the test on a uniform reservoir sample of the
 *                  current rows instead of all of them (an approximate result, see {@link StreamingRun});
 *                  {@code null} (and absent from the JSON) when the test saw every row
 */
public record ColumnDrift(String column, String role, String type, String method, Double statistic, Double score,
                          Double pValue, double threshold, String rule, boolean drifted, String error,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean sampled) {

    /** A result computed on every current row. */
    public ColumnDrift(String column, String role, String type, String method, Double statistic, Double score,
                       Double pValue, double threshold, String rule, boolean drifted, String error) {
        this(column, role, type, method, statistic, score, pValue, threshold, rule, drifted, error, null);
    }

    /** This result marked as computed on a sample of the current rows. */
    public ColumnDrift asSampled() {
        return new ColumnDrift(column, role, type, method, statistic, score, pValue, threshold, rule, drifted, error,
                Boolean.TRUE);
    }
}
