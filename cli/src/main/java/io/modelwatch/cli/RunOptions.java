package io.modelwatch.cli;

import io.modelwatch.core.config.Severity;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What one monitoring run is given.
 *
 * @param reference reference CSV
 * @param current   current CSV
 * @param labels    separate label CSV, or {@code null}
 * @param config    monitoring.yaml, or {@code null} to infer the schema from the reference (or, with a stored
 *                  profile, to use the profile's configuration)
 * @param useBuiltInConfig use the built-in churn schema when {@code config} is null (the demo)
 * @param out       report folder
 * @param failOn    severity that makes the exit code 1, or {@code null}
 * @param date      snapshot date, or {@code null} to take it from the prediction timestamps
 * @param history   metric history file (read for anomalies, then appended), or {@code null}
 * @param inMemory  read the whole current file before computing; otherwise it is streamed in chunks with the
 *                  same results (with {@code labels}, each chunk joined to the indexed label file)
 * @param modelId   model id replacing the configuration's {@code model_id}, or {@code null}
 */
record RunOptions(Path reference, Path current, Path labels, Path config, boolean useBuiltInConfig, Path out,
                  Severity failOn, LocalDate date, Path history, boolean inMemory, String modelId) {

    RunOptions(Path reference, Path current, Path labels, Path config, boolean useBuiltInConfig, Path out,
               Severity failOn, LocalDate date, Path history) {
        this(reference, current, labels, config, useBuiltInConfig, out, failOn, date, history, false, null);
    }
}
