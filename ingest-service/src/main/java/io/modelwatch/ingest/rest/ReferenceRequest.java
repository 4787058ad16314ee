package io.modelwatch.ingest.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /references}.
 *
 * @param modelId model the reference belongs to (the configured default when absent)
 * @param source  a CSV file path or {@code http(s)://} URL of the reference (validation-period) data
 * @param config  the model's {@code monitoring.yaml}: its text inline, or a path or {@code http(s)://} URL read like
 *                {@code source}; absent means inferred from the reference (on top of the deployment's defaults)
 */
@Schema(name = "ReferenceRequest", description = "Registers a model's reference data (and configuration) as its next version")
public record ReferenceRequest(
        @Schema(description = "Model the reference belongs to (default: the configured default model)", example = "churn")
        String modelId,
        @Schema(description = "A CSV or Parquet file path, or an http(s):// URL, of the validation-period data", required = true,
                example = "/data/reference.csv") String source,
        @Schema(description = "The model's monitoring.yaml: inline text, or a path or URL; absent: inferred from the reference",
                example = "/config/monitoring.yaml") String config) {

    public ReferenceRequest {
        RequestFields.requireStorable("modelId", modelId);
        RequestFields.requireStorable("source", source);
        RequestFields.requireStorable("config", config);
    }
}
