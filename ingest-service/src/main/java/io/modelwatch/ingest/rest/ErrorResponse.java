package io.modelwatch.ingest.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What went wrong with a request, in one sentence a caller can act on. */
@Schema(name = "ErrorResponse", description = "Why a request was refused")
public record ErrorResponse(@Schema(description = "What went wrong and what was expected",
        example = "source /data/2026-03-01.csv: missing required column 'churn_probability'") String error) {
}
