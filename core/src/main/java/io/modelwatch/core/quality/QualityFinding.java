package io.modelwatch.core.quality;

import java.util.List;

/**
 * One data-quality problem found in a batch.
 *
 * @param kind          what is wrong
 * @param column        the column concerned, or {@code null} for a whole-row problem (malformed rows)
 * @param count         number of offending cells, rows or ids (1 for a missing or unexpected column)
 * @param share         {@code count / rowCount} for cell and row problems, 0 for column-level problems
 * @param threshold     the limit that was crossed (the null budget), or {@code null} when any occurrence counts
 * @param severity      {@code HIGH}, {@code MEDIUM} or {@code LOW}, from the configuration's quality settings
 * @param message       one sentence naming the column and what was expected
 * @param exampleRows   the first offending row numbers (1-based data rows), at most {@value QualityReport#MAX_EXAMPLES}
 * @param exampleValues offending values: the first few cells, or for unknown categories the distinct unknown
 *                      values, most frequent first (at most {@value QualityReport#MAX_VALUES})
 */
public record QualityFinding(Kind kind, String column, long count, double share, Double threshold, String severity,
                             String message, List<Long> exampleRows, List<String> exampleValues) {

    public QualityFinding {
        exampleRows = exampleRows == null ? List.of() : List.copyOf(exampleRows);
        exampleValues = exampleValues == null ? List.of() : List.copyOf(exampleValues);
    }

    /** The kinds of problem, each mapped to one severity key of {@code quality} in the configuration. */
    public enum Kind {
        /** A feature's null share (empty and unparseable cells) is above its budget. {@code null_budget_severity} */
        NULL_SHARE_ABOVE_BUDGET,
        /** Numeric feature values outside the configured [min, max]. {@code out_of_range_severity} */
        OUT_OF_RANGE,
        /** Categorical feature values outside the allowed values. {@code unknown_category_severity} */
        UNKNOWN_CATEGORY,
        /** An id occurring more than once in the batch. {@code duplicate_id_severity} */
        DUPLICATE_ID,
        /** A configured feature column absent from the input. {@code missing_column_severity} */
        MISSING_FEATURE_COLUMN,
        /** The id, timestamp or probability column absent from the input. {@code missing_column_severity} */
        MISSING_ROLE_COLUMN,
        /** An input column the configuration does not know. {@code unexpected_column_severity} */
        UNEXPECTED_COLUMN,
        /** Cells that did not parse as their column's type. {@code unparseable_severity} */
        UNPARSEABLE_CELLS,
        /** Rows whose number of fields differs from the header. {@code unparseable_severity} */
        MALFORMED_ROWS,
        /** A column read with another type than the configuration expects. {@code unparseable_severity} */
        WRONG_COLUMN_TYPE,
        /** Predicted probabilities outside [0, 1]. {@code out_of_range_severity} */
        PROBABILITY_OUT_OF_RANGE,
        /** Predicted class or actual outcome other than 0 or 1. {@code out_of_range_severity} */
        INVALID_LABEL,
        /** Nulls in the id, timestamp, probability or class column. {@code required_null_severity} */
        REQUIRED_NULLS,
        /** A batch with a header and no rows: nothing can be computed. {@code no_values_severity} */
        EMPTY_BATCH,
        /**
         * A feature, probability or class column of a non-empty batch whose every cell is empty or unparseable: its
         * drift is not computable. {@code no_values_severity}
         */
        NO_USABLE_VALUES
    }
}
