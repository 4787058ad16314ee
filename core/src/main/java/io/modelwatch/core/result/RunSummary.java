package io.modelwatch.core.result;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The {@code run} block of {@code snapshot.json}.
 *
 * @param runId           run identifier
 * @param modelId         model identifier
 * @param snapshotDate    business date of the batch
 * @param inputs          where reference, current and labels came from
 * @param referenceRows   rows in the reference
 * @param currentRows     rows in the current batch
 * @param labelledRows    current rows with a label
 * @param startedAt       start time
 * @param durationMs      computation time in milliseconds
 * @param referenceId     the registered reference the run compared against (services), else {@code null}
 * @param referenceVersion that reference's version among the model's (services), else {@code null}
 */
public record RunSummary(String runId, String modelId, LocalDate snapshotDate, Inputs inputs, long referenceRows,
                         long currentRows, long labelledRows, Instant startedAt, long durationMs, String referenceId,
                         Integer referenceVersion) {

    /** A run without a registered reference (the CLI). */
    public RunSummary(String runId, String modelId, LocalDate snapshotDate, Inputs inputs, long referenceRows,
                      long currentRows, long labelledRows, Instant startedAt, long durationMs) {
        this(runId, modelId, snapshotDate, inputs, referenceRows, currentRows, labelledRows, startedAt, durationMs,
                null, null);
    }

    /** Input locations. */
    public record Inputs(String reference, String current, String labels) {
    }
}
