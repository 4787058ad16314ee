package io.modelwatch.ingest.repository;

import io.modelwatch.ingest.domain.IngestRun;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs started by this service. */
@ApplicationScoped
public class IngestRunRepository implements PanacheRepositoryBase<IngestRun, String> {
}
