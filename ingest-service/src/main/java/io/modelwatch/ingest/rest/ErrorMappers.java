package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.service.RetiredReferenceException;
import io.modelwatch.support.rest.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A run on a retired reference version answers 409 naming {@code referenceVersion}. The other request errors (400
 * malformed JSON, 422 a field a caller can fix, 404) are mapped alike in every service by
 * {@link io.modelwatch.support.rest.ErrorMappers}.
 */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response retired(RetiredReferenceException e) {
        return Response.status(409).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(e.getMessage(), "referenceVersion")).build();
    }
}
