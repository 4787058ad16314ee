package io.modelwatch.ingest.rest;

import io.modelwatch.support.status.ServiceStatus;
import io.modelwatch.support.status.ServiceStatus.StatusView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** {@code GET /status}: runs started, references registered, last of each (ingest consumes no queue). */
@Path("/status")
public class StatusResource {

    private final ServiceStatus status;

    public StatusResource(ServiceStatus status) {
        this.status = status;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public StatusView status() {
        return status.view("ingest-service", Map.of());
    }
}
