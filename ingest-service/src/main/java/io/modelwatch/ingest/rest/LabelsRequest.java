package io.modelwatch.ingest.rest;

import java.time.LocalDate;

/**
 * Body of {@code POST /labels}.
 *
 * @param modelId model whose predictions the labels belong to (the configured default when absent)
 * @param date    prediction date of the cohort (the {@code date} of its {@code POST /runs})
 * @param source  a CSV file path, an {@code http(s)://} URL of a CSV, or {@code warehouse:} (the configured
 *                labels query) with the id, target and label date columns
 */
public record LabelsRequest(String modelId, LocalDate date, String source) {

    public LabelsRequest {
        RequestFields.requireStorable("modelId", modelId);
        RequestFields.requireStorable("date", date);
        RequestFields.requireStorable("source", source);
    }
}
