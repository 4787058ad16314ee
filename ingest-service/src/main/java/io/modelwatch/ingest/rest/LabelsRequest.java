package io.modelwatch.ingest.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/**
 * Body of {@code POST /labels}.
 *
 * @param modelId model whose predictions the labels belong to (the configured default when absent)
 * @param date    prediction date of the cohort (the {@code date} of its {@code POST /runs})
 * @param source  a CSV file path, an {@code http(s)://} URL of a CSV, or {@code warehouse:} (the configured
 *                labels query) with the id, target and label date columns
 */
@Schema(name = "LabelsRequest", description = "Late labels of a prediction-date cohort")
public record LabelsRequest(
        @Schema(description = "Model whose predictions the labels belong to (default: the configured default model)",
                example = "churn") String modelId,
        @Schema(description = "Prediction date of the cohort (the date of its POST /runs)", required = true,
                example = "2026-01-01") LocalDate date,
        @Schema(description = "A CSV file path, an http(s):// URL, or warehouse: (the configured labels query)",
                required = true, example = "/data/labels-2026-01-01.csv") String source) {

    public LabelsRequest {
        RequestFields.requireStorable("modelId", modelId);
        RequestFields.requireStorable("date", date);
        RequestFields.requireStorable("source", source);
    }
}
