package io.modelwatch.ingest.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
@Schema(name = "RunRequest", description = "Starts a model's run on a day's predictions")
public record RunRequest(
        @Schema(description = "Model to monitor (default: the configured default model)", example = "churn") String modelId,
        @Schema(description = "Business date of the batch", required = true, example = "2026-03-01") LocalDate date,
        @Schema(description = "A CSV or Parquet file path, an http(s):// URL of a CSV, or warehouse: (the configured query)",
                required = true, example = "warehouse:") String source,
        @Schema(description = "Run again even if this model, date and source already ran", defaultValue = "false") Boolean rerun,
        @Schema(description = "Reference version to compare with (default: the newest one not retired)", example = "1")
        Integer referenceVersion) {

    public RunRequest {
        RequestFields.requireStorable("modelId", modelId);
        RequestFields.requireStorable("date", date);
        RequestFields.requireStorable("source", source);
    }
}
