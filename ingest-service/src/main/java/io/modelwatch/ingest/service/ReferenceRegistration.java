package io.modelwatch.ingest.service;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.run.ModelReference;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.support.config.DeploymentDefaults;
import io.modelwatch.support.status.ServiceStatus;
import io.modelwatch.support.store.BatchStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/**
 * Registers a model's reference: decides its configuration by the core's one rule ({@code SchemaRule}: the
 * {@code config} given wins, otherwise it is inferred from the reference on top of the deployment's defaults),
 * computes the profile once (with the configuration in it) and stores it as the model's next reference version.
 * The configuration is validated before anything is read or stored: an invalid one stores nothing.
 */
@ApplicationScoped
public class ReferenceRegistration {

    /** {@code configSource} of a configuration given as text in the request. */
    public static final String INLINE = "inline";
    /** {@code configSource} of a configuration inferred from the reference. */
    public static final String INFERRED = "inferred";

    private final BatchSources sources;
    private final DeploymentDefaults defaults;
    private final BatchStore store;
    private final ServiceStatus status;

    public ReferenceRegistration(BatchSources sources, DeploymentDefaults defaults, BatchStore store, ServiceStatus status) {
        this.sources = sources;
        this.defaults = defaults;
        this.store = store;
        this.status = status;
    }

    /**
     * @param config the model's {@code monitoring.yaml}: inline text, or a path or URL; {@code null} to infer it
     * @throws IllegalArgumentException (a {@code ConfigException} for the configuration) naming the field or key
     *                                  and what was expected, when the request cannot be used; nothing is stored
     */
    public RegisteredReference register(String modelId, String source, String config) {
        if (source == null || source.isBlank()) {
            throw new io.modelwatch.support.rest.InvalidFieldException("source",
                    "'source' is required: a CSV path or an http(s) URL of the reference");
        }
        String configSource = config == null || config.isBlank() ? INFERRED : isInline(config) ? INLINE : config.trim();
        MonitoringConfig explicit = switch (configSource) {
            case INFERRED -> null;
            case INLINE -> ConfigLoader.parse(config, "config");
            default -> ConfigLoader.parse(sources.readText(configSource, "config"), "config (" + configSource + ")");
        };
        ModelReference reference;
        ReferenceProfile profile;
        try {
            reference = ModelReference.read(schema -> sources.read(source, null, schema), explicit, defaults.config())
                    .named(modelId);
            profile = MonitoringPipeline.of(reference.config()).profile(reference.batch());
        } catch (io.modelwatch.support.rest.InvalidFieldException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // the data does not fit its schema or cannot be profiled (a missing column, no rows): the caller fixes
            // the source
            io.modelwatch.support.rest.InvalidFieldException named = new io.modelwatch.support.rest.InvalidFieldException(
                    "source", "'source': " + e.getMessage());
            named.initCause(e);
            throw named;
        }
        byte[] bytes = profile.toBytes();
        try {
            // what a run reads back: a configuration inferred from huge cells can exceed the YAML parser's limit
            ReferenceProfile.fromBytes(bytes);
        } catch (IllegalArgumentException e) {
            io.modelwatch.support.rest.InvalidFieldException named = new io.modelwatch.support.rest.InvalidFieldException(
                    "source", "'source': the reference's profile could not be read back: " + e.getMessage());
            named.initCause(e);
            throw named;
        }

        String referenceId = UUID.randomUUID().toString();
        int rows = reference.batch().rowCount();
        int version = QuarkusTransaction.requiringNew().call(() -> {
            int next = store.nextVersion(modelId);
            store.saveProfile(referenceId, modelId, next, source, rows, configSource, bytes);
            return next;
        });
        status.requested("reference.registered", referenceId);
        return new RegisteredReference(referenceId, modelId, version, source, rows, configSource,
                reference.config().featureNames().size());
    }

    /**
     * A configuration given as text rather than by location: YAML over several lines, a flow map, or a
     * {@code key: value} line. A path or URL has none of these.
     */
    static boolean isInline(String config) {
        String c = config.strip();
        return c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0 || c.startsWith("{") || c.contains(": ");
    }

    /**
     * What {@code POST /references} answers.
     *
     * @param version      the model's reference version this registration created (1, 2, ...)
     * @param configSource {@code inline}, the path or URL the configuration was read from, or {@code inferred}
     * @param features     number of monitored features in the configuration
     */
    @Schema(name = "RegisteredReference", description = "What POST /references answers")
    public record RegisteredReference(String referenceId, String modelId, int version, String source, int rowCount,
                                      String configSource, int features) {
    }
}
