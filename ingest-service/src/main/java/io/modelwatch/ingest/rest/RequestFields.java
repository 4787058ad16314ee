package io.modelwatch.ingest.rest;

import io.modelwatch.support.rest.InvalidFieldException;

import java.time.LocalDate;

/**
 * What a request's fields must be before they reach PostgreSQL, which would otherwise fail with a 500: a business
 * date its {@code date} type stores (Jackson also reads a JSON number as an epoch day, so {@code "date": 2147483647}
 * parses), and text without the NUL character (no PostgreSQL {@code text} holds it). Refusals are
 * {@link InvalidFieldException}s, so they answer 422 with an {@code ApiError} body naming the field (the shared
 * mapper unwraps them from Jackson's exception when a request record's constructor throws).
 */
final class RequestFields {

    static final LocalDate FIRST = LocalDate.of(1, 1, 1);
    static final LocalDate LAST = LocalDate.of(9999, 12, 31);

    private RequestFields() {
    }

    /** Refuses a date outside 0001-01-01..9999-12-31; null passes (the caller says what a missing date means). */
    static void requireStorable(String field, LocalDate date) {
        if (date != null && (date.isBefore(FIRST) || date.isAfter(LAST))) {
            throw new InvalidFieldException(field, "'" + field + "': " + date + " is out of range, expected a date from "
                    + FIRST + " to " + LAST + " (yyyy-MM-dd)");
        }
    }

    /** Refuses text containing the NUL character (U+0000); null passes. */
    static void requireStorable(String field, String text) {
        if (text != null && text.indexOf('\u0000') >= 0) {
            throw new InvalidFieldException(field, "'" + field + "': contains the NUL character (U+0000), which no text"
                    + " field may hold");
        }
    }
}
