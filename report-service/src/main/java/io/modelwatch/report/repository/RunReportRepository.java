package io.modelwatch.report.repository;

import io.modelwatch.report.domain.RunReport;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Rendered reports by run id. */
@ApplicationScoped
public class RunReportRepository implements PanacheRepositoryBase<RunReport, String> {
}
