package io.modelwatch.ingest.repository;

import io.modelwatch.ingest.domain.IngestRun;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.Optional;

/** Runs started by this service. */
@ApplicationScoped
public class IngestRunRepository implements PanacheRepositoryBase<IngestRun, String> {

    /**
     * Serialises the starts of runs of one identity (model, date, source) until the transaction ends: a
     * transaction-scoped advisory lock, so it holds across replicas and is released by commit, rollback or a crash.
     */
    public void lockIdentity(String modelId, LocalDate date, String source) {
        getEntityManager().createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(?1))) l")
                .setParameter(1, "ingest.run:" + modelId + "\n" + date + "\n" + source)
                .getSingleResult();
    }

    /** The most recent run of this model, date and source. */
    public Optional<IngestRun> latest(String modelId, LocalDate date, String source) {
        return find("modelId = ?1 and snapshotDate = ?2 and source = ?3 order by startedAt desc", modelId, date, source)
                .firstResultOptional();
    }

    /** The most recently started run of this model, whatever its date. */
    public Optional<IngestRun> last(String modelId) {
        return find("modelId = ?1 order by startedAt desc", modelId).firstResultOptional();
    }

    /** The most recent run of this model and date, whatever its source: the cohort late labels belong to. */
    public Optional<IngestRun> latest(String modelId, LocalDate date) {
        return find("modelId = ?1 and snapshotDate = ?2 order by startedAt desc", modelId, date).firstResultOptional();
    }
}
