package io.modelwatch.alert.repository;

import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.core.config.Severity;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The alert log. */
@ApplicationScoped
public class AlertRepository implements PanacheRepository<AlertRecord> {

    public List<AlertRecord> forRun(String runId) {
        return list("runId = ?1 order by id", runId);
    }

    /**
     * The log, oldest first.
     *
     * @param since    only alerts stored at or after this instant
     * @param severity only this severity, or all
     * @param modelId  only this model, or all
     * @param limit    at most this many rows
     */
    public List<AlertRecord> log(Instant since, Optional<Severity> severity, Optional<String> modelId, int limit) {
        StringBuilder query = new StringBuilder("createdAt >= :since");
        Parameters params = Parameters.with("since", since);
        if (severity.isPresent()) {
            query.append(" and severity = :severity");
            params.and("severity", severity.get().name());
        }
        if (modelId.isPresent()) {
            query.append(" and modelId = :model");
            params.and("model", modelId.get());
        }
        query.append(" order by createdAt, id");
        return find(query.toString(), params).page(0, limit).list();
    }
}
