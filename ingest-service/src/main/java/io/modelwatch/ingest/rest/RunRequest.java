package io.modelwatch.ingest.rest;

import java.time.LocalDate;

/**
 * Body of {@code POST /runs}.
 *
 * @param modelId model to monitor (the configured default when absent)
 * @param date    business date of the batch
 * @param source  a CSV file path, an {@code http(s)://} URL of a CSV, or {@code warehouse:} (the configured query)
 * @param rerun   start a new run even if one exists for this model, date and source (default: answer the
 *                existing one, so a retried trigger — the CronJob retries — does not run the day twice)
 * @param referenceVersion the model's reference version to compare with (default: its newest version that is not
 *                retired); a retired version is refused
 */
public record RunRequest(String modelId, LocalDate date, String source, Boolean rerun, Integer referenceVersion) {

    public RunRequest {
        RequestFields.requireStorable("modelId", modelId);
        RequestFields.requireStorable("date", date);
        RequestFields.requireStorable("source", source);
    }
}
