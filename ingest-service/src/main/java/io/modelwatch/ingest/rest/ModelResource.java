package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.service.ModelRegistry;
import io.modelwatch.ingest.service.ModelRegistry.ModelDetail;
import io.modelwatch.ingest.service.ModelRegistry.ModelSummary;
import io.modelwatch.support.store.BatchStore.ReferenceVersion;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * The models of the deployment: {@code GET /models}, {@code GET /models/{id}} (schema, reference versions, last run,
 * open alerts), {@code GET /models/{id}/config} (the version's {@code monitoring.yaml}, to edit and register again)
 * and {@code POST /models/{id}/versions/{version}/retire}.
 */
@Path("/models")
@Tag(name = "Models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final ModelRegistry registry;

    public ModelResource(ModelRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(summary = "The registered models", description = "Versions, current version, last run")
    public List<ModelSummary> models() {
        return registry.models();
    }

    @GET
    @Path("/{modelId}")
    @Operation(summary = "A model", description = "Schema of the current (or given) version, every version, the last run, "
            + "the open alerts (asked of alert-service)")
    public ModelDetail model(@PathParam("modelId") String modelId, @QueryParam("version") Integer version) {
        return registry.model(modelId, version);
    }

    @GET
    @Path("/{modelId}/config")
    @Operation(summary = "A version's complete monitoring.yaml")
    @Produces("application/yaml")
    public String config(@PathParam("modelId") String modelId, @QueryParam("version") Integer version) {
        return registry.configYaml(modelId, version);
    }

    @POST
    @Path("/{modelId}/versions/{version}/retire")
    @Operation(summary = "Retire a reference version", description = "No new run may use it; its runs stay")
    public ReferenceVersion retire(@PathParam("modelId") String modelId, @PathParam("version") int version) {
        return registry.retire(modelId, version);
    }
}
