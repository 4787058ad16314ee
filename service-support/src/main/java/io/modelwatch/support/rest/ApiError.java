package io.modelwatch.support.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every 4xx a ModelWatch service answers: what went wrong, in one sentence a caller can act on, and the
 * request field (JSON property path, query parameter or header) it is about, where there is one.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiError(String error, String field) {

    public static ApiError of(String error) {
        return new ApiError(error, null);
    }
}
