package io.modelwatch.ingest.rest;

/**
 * Body of {@code POST /references}.
 *
 * @param modelId model the reference belongs to (the configured default when absent)
 * @param source  a CSV file path or {@code http(s)://} URL of the reference (validation-period) data
 */
public record ReferenceRequest(String modelId, String source) {
}
