package io.modelwatch.report.repository;

import io.modelwatch.report.domain.RunEstimate;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Estimated performance with its band, per run and metric. */
@ApplicationScoped
public class RunEstimateRepository implements PanacheRepositoryBase<RunEstimate, RunEstimate.Key> {
}
