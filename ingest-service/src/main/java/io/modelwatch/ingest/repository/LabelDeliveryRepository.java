package io.modelwatch.ingest.repository;

import io.modelwatch.ingest.domain.LabelDelivery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Label deliveries received by {@code POST /labels}. */
@ApplicationScoped
public class LabelDeliveryRepository implements PanacheRepository<LabelDelivery> {

    public List<LabelDelivery> forRun(String runId) {
        return list("runId = ?1 order by id", runId);
    }

    public Optional<LabelDelivery> latest(String runId) {
        return find("runId = ?1 order by id desc", runId).firstResultOptional();
    }
}
