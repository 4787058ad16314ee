package io.modelwatch.report.repository;

import io.modelwatch.report.domain.AlertLogEntry;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** report-service's copy of the alert log. */
@ApplicationScoped
public class AlertLogRepository implements PanacheRepository<AlertLogEntry> {
}
