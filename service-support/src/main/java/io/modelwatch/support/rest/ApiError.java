package io.modelwatch.support.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of every 4xx a ModelWatch service answers: what went wrong, in one sentence a caller can act on, and the
 * request field (JSON property path, query parameter or header) it is about, where there is one.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "ApiError", description = "Why a request was refused")
public record ApiError(
        @Schema(description = "What went wrong and what was expected",
                example = "source /data/2026-03-01.csv: missing required column 'churn_probability'") String error,
        @Schema(description = "The request field it is about (JSON property path, query parameter or header), if any",
                nullable = true, example = "source") String field) {

    public static ApiError of(String error) {
        return new ApiError(error, null);
    }
}
