package io.modelwatch.support.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One mapping of request errors for every service, each answered with an {@link ApiError} body naming the field:
 * malformed JSON and a value of the wrong type or format (a date such as {@code 2024-13-45}) 400; a field a caller
 * can fix ({@link InvalidFieldException}, or any {@link IllegalArgumentException} of the service) 422; an unknown
 * resource 404. The JSON mappers are declared per Jackson type because the REST layer's own mappers for the narrower
 * types would otherwise win and answer without a body.
 */
public class ErrorMappers {

    /** How much of a rejected value an error quotes. */
    static final int MAX_QUOTED = 60;

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e) {
        return json(e.status(), new ApiError(e.getMessage(), e.field()));
    }

    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException e) {
        return json(422, new ApiError(e.getMessage(), fieldNamedBy(e.getMessage())));
    }

    /**
     * The field an error message of the services' convention starts with: {@code 'date': …} or {@code 'source' is
     * required}, and a configuration error's {@code config: features[0].kind: …} or {@code config (/path): …}.
     */
    static String fieldNamedBy(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = LEADING_FIELD.matcher(message);
        if (m.lookingAt()) {
            return m.group(1) != null ? m.group(1) : m.group(2);
        }
        return null;
    }

    private static final Pattern LEADING_FIELD =
            Pattern.compile("'([A-Za-z][A-Za-z0-9_.\\[\\]-]*)'|([A-Za-z][A-Za-z0-9_]*)(?: \\([^)]*\\))?:");

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(404, ApiError.of(e.getMessage()));
    }

    /**
     * The REST layer reports a body it cannot parse as a 400 {@link WebApplicationException} around the parser's
     * exception; any other such exception without a body of its own (405, 415, …) gets one saying what it is.
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonMappingException m) {
            return mapping(m);
        }
        if (e.getCause() instanceof JsonProcessingException p) {
            return json(400, malformedJson(p));
        }
        Response r = e.getResponse();
        if (r.hasEntity() || r.getStatus() < 400 || r.getStatus() >= 500) {
            return r;
        }
        String reason = r.getStatusInfo().getReasonPhrase();
        return json(r.getStatus(), ApiError.of(e.getMessage() == null || e.getMessage().isBlank() ? reason : e.getMessage()));
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e) {
        return json(400, malformedJson(e));
    }

    @ServerExceptionMapper
    public Response wrongFormat(InvalidFormatException e) {
        return mapping(e);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return mapping(e);
    }

    /**
     * A value Jackson could not bind answers 400 naming its field; a request record's constructor that refused a
     * field ({@link InvalidFieldException}, which Jackson wraps) answers as that exception does.
     */
    @ServerExceptionMapper
    public Response mapping(JsonMappingException e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof InvalidFieldException invalid) {
                return invalidField(invalid);
            }
        }
        return json(400, fieldOf(e));
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e) {
        return json(400, malformedJson(e));
    }

    /** A body that is not JSON: names the property being read when the parser stopped, else the body. */
    static ApiError malformedJson(JsonProcessingException e) {
        String field = null;
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            field = parser.getParsingContext().getCurrentName();
        }
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        return new ApiError("malformed JSON" + where + (field == null ? "" : " (in '" + field + "')")
                + ": " + e.getOriginalMessage(), field == null ? "body" : field);
    }

    /** Well-formed JSON whose value does not fit its field: names the field and what was expected. */
    static ApiError fieldOf(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.isEmpty()) {
            return new ApiError("the body must be a JSON object: " + e.getOriginalMessage(), "body");
        }
        String expected = e instanceof MismatchedInputException m && m.getTargetType() != null
                ? expected(m.getTargetType()) : "a value of the right type";
        String got = e instanceof InvalidFormatException f && f.getValue() != null
                ? ", got '" + abbreviate(String.valueOf(f.getValue())) + "'" : "";
        return new ApiError("'" + field + "': expected " + expected + got, field);
    }

    private static String expected(Class<?> type) {
        if (type == java.time.LocalDate.class) {
            return "an ISO date (YYYY-MM-DD, e.g. 2024-03-01)";
        }
        if (type == java.time.Instant.class) {
            return "an ISO instant (e.g. 2024-03-01T06:00:00Z)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a " + type.getSimpleName();
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_QUOTED ? s : s.substring(0, MAX_QUOTED) + "…";
    }

    private static Response json(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
    }
}
