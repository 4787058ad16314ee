package io.modelwatch.ingest.rest;

/** What went wrong with a request, in one sentence a caller can act on. */
public record ErrorResponse(String error) {
}
