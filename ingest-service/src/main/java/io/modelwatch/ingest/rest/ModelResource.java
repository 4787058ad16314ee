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

import java.util.List;

/**
 * The models of the deployment: {@code GET /models}, {@code GET /models/{id}} (schema, reference versions, last run,
 * open alerts), {@code GET /models/{id}/config} (the version's {@code monitoring.yaml}, to edit and register again)
 * and {@code POST /models/{id}/versions/{version}/retire}.
 */
@Path("/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final ModelRegistry registry;

    public ModelResource(ModelRegistry registry) {
        this.registry = registry;
    }

    @GET
    public List<ModelSummary> models() {
        return registry.models();
    }

    @GET
    @Path("/{modelId}")
    public ModelDetail model(@PathParam("modelId") String modelId, @QueryParam("version") Integer version) {
        return registry.model(modelId, version);
    }

    @GET
    @Path("/{modelId}/config")
    @Produces("application/yaml")
    public String config(@PathParam("modelId") String modelId, @QueryParam("version") Integer version) {
        return registry.configYaml(modelId, version);
    }

    @POST
    @Path("/{modelId}/versions/{version}/retire")
    public ReferenceVersion retire(@PathParam("modelId") String modelId, @PathParam("version") int version) {
        return registry.retire(modelId, version);
    }
}
