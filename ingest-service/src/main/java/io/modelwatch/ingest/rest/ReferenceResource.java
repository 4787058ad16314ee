package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.service.ReferenceRegistration;
import io.modelwatch.ingest.service.ReferenceRegistration.RegisteredReference;
import io.modelwatch.support.config.MonitoringSettings;
import io.modelwatch.support.rest.ApiError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /references {modelId, source, config?}}: registers a reference of a model as its next version (profile
 * computed once, with the model's configuration: the {@code config} given, or inferred from the reference).
 */
@Path("/references")
@Tag(name = "Models", description = "Register models' references and read their configuration")
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
    @Operation(summary = "Register a reference", description = "Profiles the reference data with the model's configuration "
            + "(given, or inferred from the reference) and stores it as the model's next version")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReferenceRequest.class),
            examples = @ExampleObject(name = "churn", value = "{\"modelId\": \"churn\", \"source\": \"/data/reference.csv\", "
                    + "\"config\": \"/config/monitoring.yaml\"}")))
    @APIResponse(responseCode = "201", description = "Registered as the model's next version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = io.modelwatch.ingest.service.ReferenceRegistration.RegisteredReference.class),
                    examples = @ExampleObject(name = "registered", value = "{\"referenceId\": \"9d3…\", \"modelId\": \"churn\", "
                            + "\"version\": 1, \"source\": \"/data/reference.csv\", \"rowCount\": 20000, "
                            + "\"configSource\": \"/config/monitoring.yaml\", \"features\": 25}")))
    @APIResponse(responseCode = "422", description = "A request the caller can fix (unreadable source, missing column, invalid config)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response register(ReferenceRequest request) {
        if (request == null) {
            throw new io.modelwatch.support.rest.InvalidFieldException("body", "a JSON body {modelId, source, config?} is required");
        }
        String modelId = request.modelId() == null || request.modelId().isBlank() ? settings.defaultModelId() : request.modelId();
        RegisteredReference registered = registration.register(modelId, request.source(), request.config());
        return Response.status(Response.Status.CREATED).entity(registered).build();
    }
}
