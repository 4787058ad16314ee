package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.service.RetiredReferenceException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request a caller can fix answers 422 with the reason; an unknown run or model 404; a run on a retired reference
 * version 409.
 */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response retired(RetiredReferenceException e) {
        return Response.status(409).entity(new ErrorResponse(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException e) {
        return Response.status(422).entity(new ErrorResponse(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Response.status(404).entity(new ErrorResponse(e.getMessage())).build();
    }
}
