package io.modelwatch.alert.repository;

import io.modelwatch.alert.domain.AlertRecord;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Stored alerts. */
@ApplicationScoped
public class AlertRepository implements PanacheRepository<AlertRecord> {

    public List<AlertRecord> forRun(String runId) {
        return list("runId = ?1 order by id", runId);
    }
}
