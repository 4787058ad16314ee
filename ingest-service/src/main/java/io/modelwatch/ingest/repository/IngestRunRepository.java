package io.modelwatch.ingest.repository;

import io.modelwatch.ingest.domain.IngestRun;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.Optional;

/** Runs started by this service. */
@ApplicationScoped
public class IngestRunRepository implements PanacheRepositoryBase<IngestRun, String> {

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
