package io.modelwatch.alert.rest;

import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.alert.repository.AlertRepository;
import io.modelwatch.core.config.Severity;
import io.modelwatch.support.rest.ApiError;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The alert log: {@code GET /alerts?since=&severity=&model=&limit=} as JSON, {@code GET /alerts.csv} (or
 * {@code ?format=csv}) as CSV. {@code since} is an ISO date ({@code 2024-03-01}, midnight UTC) or instant
 * ({@code 2024-03-01T06:00:00Z}); {@code severity} is one of HIGH, MEDIUM, LOW (that severity only).
 */
@Path("/")
@Tag(name = "Alerts", description = "The alert log and a run's or model's alerts")
public class AlertLogResource {

    public static final String CSV = "text/csv";
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 100_000;

    private final AlertRepository alerts;

    public AlertLogResource(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @GET
    @Path("alerts")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "The alert log", description = "Newest first, at most limit rows")
    @APIResponse(responseCode = "200", description = "The alerts (CSV with format=csv)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = AlertRecord.class),
                    examples = @ExampleObject(name = "one HIGH alert", value = "[{\"id\": 42, \"runId\": \"6f0c…\", \"modelId\": \"churn\", \"snapshotDate\": \"2026-03-01\", "
                            + "\"severity\": \"HIGH\", \"rule\": \"psi_high\", \"metricCategory\": \"psi\", \"metricName\": \"psi\", "
                            + "\"column\": \"account_age\", \"metricValue\": 0.31, \"threshold\": 0.25, "
                            + "\"message\": \"PSI of account_age is 0.310 (> 0.25)\"}]")))
    @APIResponse(responseCode = "400", description = "A bad since, severity, limit or format")
    public Response log(@Parameter(description = "ISO date (midnight UTC) or instant", example = "2026-03-01")
                        @QueryParam("since") String since,
                        @Parameter(description = "HIGH, MEDIUM or LOW", example = "HIGH") @QueryParam("severity") String severity,
                        @Parameter(description = "Model id", example = "churn") @QueryParam("model") String model,
                        @Parameter(description = "At most this many rows (default 1000)") @QueryParam("limit") Integer limit,
                        @Parameter(description = "json (default) or csv") @QueryParam("format") String format) {
        List<AlertRecord> rows = query(since, severity, model, limit);
        if (format == null || format.equalsIgnoreCase("json")) {
            return Response.ok(rows, MediaType.APPLICATION_JSON).build();
        }
        if (format.equalsIgnoreCase("csv")) {
            return csv(rows);
        }
        throw badRequest("format", "format must be json or csv, got '" + format + "'");
    }

    @GET
    @Path("alerts.csv")
    @Produces(CSV)
    @Operation(summary = "The alert log as CSV")
    public Response logCsv(@QueryParam("since") String since, @QueryParam("severity") String severity,
                           @QueryParam("model") String model, @QueryParam("limit") Integer limit) {
        return csv(query(since, severity, model, limit));
    }

    private List<AlertRecord> query(String since, String severity, String model, Integer limit) {
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw badRequest("limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + n);
        }
        Optional<Severity> grade;
        try {
            grade = severity == null || severity.isBlank() ? Optional.empty() : Optional.of(Severity.parse(severity));
        } catch (IllegalArgumentException e) {
            throw badRequest("severity", e.getMessage());
        }
        return alerts.log(parseSince(since), grade, Optional.ofNullable(model).filter(m -> !m.isBlank()), n);
    }

    static Instant parseSince(String since) {
        if (since == null || since.isBlank()) {
            return Instant.EPOCH;
        }
        try {
            return since.length() <= 10 ? LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw badRequest("since", "since must be an ISO date (2024-03-01) or instant (2024-03-01T06:00:00Z), got '"
                    + since + "'");
        }
    }

    private static Response csv(List<AlertRecord> rows) {
        return Response.ok(AlertLogCsv.of(rows), CSV)
                .header("Content-Disposition", "attachment; filename=\"alerts.csv\"").build();
    }

    private static BadRequestException badRequest(String field, String message) {
        return new BadRequestException(Response.status(400).entity(new ApiError(message, field))
                .type(MediaType.APPLICATION_JSON).build());
    }
}
