package io.modelwatch.core.quality;

import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.QualitySettings;
import io.modelwatch.core.data.ColumnBatch;

/**
 * Checks one batch against a configuration: missing and unexpected columns, cells that did not parse,
 * wrong column types, null shares against budgets, numeric ranges, allowed categories, duplicate ids,
 * nulls in required role columns, probabilities outside [0, 1] and labels outside {0, 1}.
 *
 * <p>Each finding takes its severity from the configuration's {@link QualitySettings}; a check whose
 * severity is {@code NONE} is skipped. Row numbers are 1-based positions in the batch (for a whole-file
 * read, the file's data row numbers). Every check is one pass over its column.
 *
 * <p>Required role columns: id, timestamp and probability. The class column is optional (the class can be
 * derived from the probability) but checked when present; target and label date are optional (labels
 * arrive later), the target's values are checked when present.
 *
 * <p>The checks are those of {@link QualityAccumulator} over one chunk; a file read in chunks gets the same
 * report from the accumulator.
 */
public final class DataQualityChecker {

    private DataQualityChecker() {
    }

    /** Checks {@code batch} against {@code config}. */
    public static QualityReport check(ColumnBatch batch, MonitoringConfig config) {
        return QualityAccumulator.of(config).add(batch).result();
    }
}
