package io.modelwatch.report.rest;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Query parameters of the dashboard: a bad value answers 400 with {@code {"error", "field"}} naming it. */
final class Params {

    static final Set<String> SEVERITIES = Set.of("HIGH", "MEDIUM", "LOW");

    private Params() {
    }

    /** An ISO date ({@code 2024-03-01}) or instant; {@code fallback} when absent. */
    static LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value.trim()).atZone(ZoneOffset.UTC).toLocalDate();
            } catch (DateTimeParseException e2) {
                throw bad(field, "'" + value + "' is not an ISO date (2024-03-01) or instant (2024-03-01T06:00:00Z)");
            }
        }
    }

    static String severity(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String s = value.trim().toUpperCase(Locale.ROOT);
        if (!SEVERITIES.contains(s)) {
            throw bad("severity", "'" + value + "' is not one of HIGH, MEDIUM, LOW");
        }
        return s;
    }

    static int range(String field, Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw bad(field, value + " is outside [" + min + ", " + max + "]");
        }
        return value;
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static BadRequestException bad(String field, String message) {
        return new BadRequestException(Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", field + ": " + message, "field", field)).build());
    }
}
