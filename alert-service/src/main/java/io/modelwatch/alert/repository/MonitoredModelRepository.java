package io.modelwatch.alert.repository;

import io.modelwatch.alert.domain.MonitoredModel;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The models whose runs complete here. Locking a model's row serialises the decisions about its alerts
 * (two runs of one model evaluated at once, or a run and the dead-man's switch).
 */
@ApplicationScoped
public class MonitoredModelRepository implements PanacheRepositoryBase<MonitoredModel, String> {

    /** Records that a run completed now, and locks the model's row until the transaction ends. */
    public MonitoredModel runCompleted(String modelId, String runId, LocalDate runDate, Instant at, String referenceId) {
        getEntityManager().createNativeQuery("""
                        insert into {h-schema}monitored_model (model_id, last_run_id, last_run_date, last_completed_at,
                            last_reference_id)
                        values (?1, ?2, ?3, ?4, ?5)
                        on conflict (model_id) do update set last_run_id = excluded.last_run_id,
                            last_run_date = excluded.last_run_date, last_completed_at = excluded.last_completed_at,
                            last_reference_id = excluded.last_reference_id
                        """)
                .setParameter(1, modelId).setParameter(2, runId).setParameter(3, runDate).setParameter(4, at)
                .setParameter(5, referenceId)
                .executeUpdate();
        return lock(modelId).orElseThrow();
    }

    /** The model's row, locked until the transaction ends; empty if no run of it ever completed here. */
    public Optional<MonitoredModel> lock(String modelId) {
        Optional<MonitoredModel> m = findByIdOptional(modelId, LockModeType.PESSIMISTIC_WRITE);
        m.ifPresent(x -> getEntityManager().refresh(x));
        return m;
    }

    /**
     * Serialises the decisions about one model's alerts until the transaction ends, even if no run of it has
     * completed here (no row to lock): a transaction-scoped advisory lock on the model id, then its row's lock.
     */
    public void serialise(String modelId) {
        getEntityManager().createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(?1))) l")
                .setParameter(1, "alert.model:" + modelId)
                .getSingleResult();
        lock(modelId);
    }

    /**
     * Every model a run of which completed here, sorted. A plain JPQL select: Panache's {@code project(String.class)}
     * maps a projection by constructor parameter names and fails on {@code String}.
     */
    public List<String> modelIds() {
        return getEntityManager().createQuery("select m.modelId from MonitoredModel m order by m.modelId", String.class)
                .getResultList();
    }
}
