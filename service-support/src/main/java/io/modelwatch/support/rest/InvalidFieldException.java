package io.modelwatch.support.rest;

/**
 * A request field a caller can fix: answered 422 {@code {"error", "field"}} by {@link ErrorMappers} (or with the
 * status given, such as 403 for a path outside the allowed input roots). The message must not quote the content of a
 * file the service refused to read.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;
    private final int status;

    public InvalidFieldException(String field, String message) {
        this(field, 422, message);
    }

    public InvalidFieldException(String field, int status, String message) {
        super(message);
        this.field = field;
        this.status = status;
    }

    public String field() {
        return field;
    }

    public int status() {
        return status;
    }
}
