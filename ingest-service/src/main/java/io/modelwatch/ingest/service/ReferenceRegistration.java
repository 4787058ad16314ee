package io.modelwatch.ingest.service;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.support.status.ServiceStatus;
import io.modelwatch.support.store.BatchStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** Registers a reference dataset: its profile is computed once here and stored, never recomputed per run. */
@ApplicationScoped
public class ReferenceRegistration {

    private final BatchSources sources;
    private final MonitoringPipeline pipeline;
    private final BatchStore store;
    private final ServiceStatus status;

    public ReferenceRegistration(BatchSources sources, MonitoringPipeline pipeline, BatchStore store, ServiceStatus status) {
        this.sources = sources;
        this.pipeline = pipeline;
        this.store = store;
        this.status = status;
    }

    @Transactional
    public RegisteredReference register(String modelId, String source) {
        ColumnBatch reference = sources.read(source, null);
        ReferenceProfile profile = pipeline.profile(reference);
        String referenceId = UUID.randomUUID().toString();
        store.saveProfile(referenceId, modelId, source, reference.rowCount(), profile.toBytes());
        status.requested("reference.registered", referenceId);
        return new RegisteredReference(referenceId, modelId, source, reference.rowCount());
    }

    /** What {@code POST /references} answers. */
    public record RegisteredReference(String referenceId, String modelId, String source, int rowCount) {
    }
}
