package io.modelwatch.core.result;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a run was given and when it ran.
 *
 * @param runId         run identifier (a UUID in the services, a timestamp-based id in the CLI)
 * @param modelId       model identifier
 * @param snapshotDate  the business date the batch belongs to
 * @param referenceSource where the reference came from
 * @param currentSource   where the current batch came from
 * @param labelsSource    where separate labels came from, or {@code null}
 * @param startedAt     start time
 * @param referenceId   the registered reference (services), or {@code null} (the CLI's file or profile)
 * @param referenceVersion the model's reference version the run compares against (services), or {@code null}
 */
public record RunInfo(String runId, String modelId, LocalDate snapshotDate, String referenceSource,
                      String currentSource, String labelsSource, Instant startedAt, String referenceId,
                      Integer referenceVersion) {

    /** A run on files (the CLI): no registered reference. */
    public RunInfo(String runId, String modelId, LocalDate snapshotDate, String referenceSource, String currentSource,
                   String labelsSource, Instant startedAt) {
        this(runId, modelId, snapshotDate, referenceSource, currentSource, labelsSource, startedAt, null, null);
    }

    /** This run on another snapshot date. */
    public RunInfo withSnapshotDate(LocalDate date) {
        return new RunInfo(runId, modelId, date, referenceSource, currentSource, labelsSource, startedAt, referenceId,
                referenceVersion);
    }
}
