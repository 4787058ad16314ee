package io.modelwatch.core.run;

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
 */
public record RunInfo(String runId, String modelId, LocalDate snapshotDate, String referenceSource,
                      String currentSource, String labelsSource, Instant startedAt) {
}
