package io.modelwatch.ingest.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A request a caller can fix answers 422 with the reason; an unknown run 404. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException e) {
        return Response.status(422).entity(new ErrorResponse(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Response.status(404).entity(new ErrorResponse(e.getMessage())).build();
    }
}
