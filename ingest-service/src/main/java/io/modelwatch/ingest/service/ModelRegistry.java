package io.modelwatch.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.core.config.ColumnRoles;
import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.NotificationSettings;
import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.ingest.client.AlertServiceClient;
import io.modelwatch.ingest.domain.IngestRun;
import io.modelwatch.ingest.repository.IngestRunRepository;
import io.modelwatch.support.compute.ModelPipelines;
import io.modelwatch.support.rest.InvalidFieldException;
import io.modelwatch.support.store.BatchStore;
import io.modelwatch.support.store.BatchStore.ReferenceVersion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The models of this deployment as ingest-service knows them: every model with a registered reference, its reference
 * versions, the schema of its current version and its last run; the open alerts come from alert-service
 * ({@link AlertServiceClient}). Retiring a version also lives here.
 */
@ApplicationScoped
public class ModelRegistry {

    private final BatchStore store;
    private final IngestRunRepository runs;
    private final ModelPipelines pipelines;
    private final AlertServiceClient alerts;

    public ModelRegistry(BatchStore store, IngestRunRepository runs, ModelPipelines pipelines, AlertServiceClient alerts) {
        this.store = store;
        this.runs = runs;
        this.pipelines = pipelines;
        this.alerts = alerts;
    }

    /** Every model with a registered reference. */
    public List<ModelSummary> models() {
        return QuarkusTransaction.requiringNew().call(() -> store.modelIds().stream().map(id -> {
            List<ReferenceVersion> versions = store.versions(id);
            return new ModelSummary(id, versions.size(), ReferenceVersion.current(versions).map(ReferenceVersion::version).orElse(null),
                    runs.last(id).map(LastRun::of).orElse(null));
        }).toList());
    }

    /**
     * One model: its schema (of {@code version}, else of its current version), versions, last run and open alerts.
     *
     * @throws NotFoundException when the model, or that version, is unknown
     */
    public ModelDetail model(String modelId, Integer version) {
        List<ReferenceVersion> versions = versions(modelId);
        ReferenceVersion shown = version(modelId, versions, version);
        MonitoringConfig config = pipelines.forReference(shown.referenceId()).config();
        Optional<LastRun> last = QuarkusTransaction.requiringNew().call(() -> runs.last(modelId)).map(LastRun::of);
        AlertServiceClient.OpenAlerts open = alerts.openAlerts(modelId);
        return new ModelDetail(modelId, ReferenceVersion.current(versions).map(ReferenceVersion::version).orElse(null), shown.version(),
                new Schema(config.roles(), config.features(), config.segments(), config.notifications()), versions,
                last.orElse(null), open.alerts(), open.unavailable());
    }

    /** The configuration of a version (default: the current one) as the complete {@code monitoring.yaml}. */
    public String configYaml(String modelId, Integer version) {
        ReferenceVersion shown = version(modelId, versions(modelId), version);
        MonitoringConfig config = pipelines.forReference(shown.referenceId()).config();
        return ReferenceProfile.configYaml(config, shown.source(), shown.rowCount());
    }

    /**
     * Retires a version: runs can no longer use it. Retiring it again changes nothing.
     *
     * @throws NotFoundException when the model has no such version
     */
    public ReferenceVersion retire(String modelId, int version) {
        return QuarkusTransaction.requiringNew().call(() -> store.retire(modelId, version, Instant.now()))
                .orElseThrow(() -> new NotFoundException("model '" + modelId + "' has no reference version " + version
                        + "; its versions are " + versions(modelId).stream().map(ReferenceVersion::version).toList()));
    }

    private List<ReferenceVersion> versions(String modelId) {
        List<ReferenceVersion> versions = QuarkusTransaction.requiringNew().call(() -> store.versions(modelId));
        if (versions.isEmpty()) {
            throw new InvalidFieldException("modelId", 404,
                    "no model '" + modelId + "': register a reference for it (POST /references)");
        }
        return versions;
    }

    private static ReferenceVersion version(String modelId, List<ReferenceVersion> versions, Integer version) {
        if (version == null) {
            return ReferenceVersion.current(versions).orElse(versions.get(versions.size() - 1));
        }
        return versions.stream().filter(v -> v.version() == version).findFirst().orElseThrow(() -> new InvalidFieldException(
                "referenceVersion", 404, "model '" + modelId + "' has no reference version " + version + "; its versions are "
                        + versions.stream().map(ReferenceVersion::version).toList()));
    }

    /**
     * A model in {@code GET /models}.
     *
     * @param versions       how many reference versions it has
     * @param currentVersion the version new runs use, or {@code null} when every version is retired
     */
    @RegisterForReflection
    public record ModelSummary(String modelId, int versions, Integer currentVersion, LastRun lastRun) {
    }

    /**
     * {@code GET /models/{id}}.
     *
     * @param currentVersion the version new runs use, or {@code null} when every version is retired
     * @param schemaVersion  the version whose schema is shown
     * @param openAlerts     the model's open alerts (alert-service), or {@code null} when it did not answer
     * @param openAlertsUnavailable why {@code openAlerts} is missing, else {@code null}
     */
    @RegisterForReflection
    public record ModelDetail(String modelId, Integer currentVersion, int schemaVersion, Schema schema,
                              List<ReferenceVersion> versions, LastRun lastRun, List<JsonNode> openAlerts,
                              String openAlertsUnavailable) {
    }

    /** What a model's configuration says about its columns (the whole file: {@code GET /models/{id}/config}). */
    @RegisterForReflection
    public record Schema(ColumnRoles roles, List<FeatureSpec> features, List<SegmentSpec> segments,
                         NotificationSettings notifications) {
    }

    /** The model's most recently started run. */
    @RegisterForReflection
    public record LastRun(String runId, LocalDate date, String referenceId, Integer referenceVersion, int rowCount,
                          boolean hasLabels, int qualityFindings, Instant startedAt) {

        static LastRun of(IngestRun r) {
            return new LastRun(r.runId, r.snapshotDate, r.referenceId, r.referenceVersion, r.rowCount, r.hasLabels,
                    r.qualityFindings, r.startedAt);
        }
    }
}
