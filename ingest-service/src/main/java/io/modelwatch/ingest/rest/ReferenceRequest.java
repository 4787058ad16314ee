package io.modelwatch.ingest.rest;

/**
 * Body of {@code POST /references}.
 *
 * @param modelId model the reference belongs to (the configured default when absent)
 * @param source  a CSV file path or {@code http(s)://} URL of the reference (validation-period) data
 * @param config  the model's {@code monitoring.yaml}: its text inline, or a path or {@code http(s)://} URL read like
 *                {@code source}; absent means inferred from the reference (on top of the deployment's defaults)
 */
public record ReferenceRequest(String modelId, String source, String config) {

    public ReferenceRequest {
        RequestFields.requireStorable("modelId", modelId);
        RequestFields.requireStorable("source", source);
        RequestFields.requireStorable("config", config);
    }
}
