package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.service.ReferenceRegistration;
import io.modelwatch.ingest.service.ReferenceRegistration.RegisteredReference;
import io.modelwatch.support.config.MonitoringSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /references {modelId, source, config?}}: registers a reference of a model as its next version (profile
 * computed once, with the model's configuration: the {@code config} given, or inferred from the reference).
 */
@Path("/references")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReferenceResource {

    private final ReferenceRegistration registration;
    private final MonitoringSettings settings;

    public ReferenceResource(ReferenceRegistration registration, MonitoringSettings settings) {
        this.registration = registration;
        this.settings = settings;
    }

    @POST
    public Response register(ReferenceRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body {modelId, source, config?} is required");
        }
        String modelId = request.modelId() == null || request.modelId().isBlank() ? settings.defaultModelId() : request.modelId();
        RegisteredReference registered = registration.register(modelId, request.source(), request.config());
        return Response.status(Response.Status.CREATED).entity(registered).build();
    }
}
