package io.modelwatch.support.compute;

import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.support.messaging.PoisonMessageException;
import io.modelwatch.support.store.BatchStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The core pipeline of each registered reference, built from the configuration stored in its profile (the model's
 * configuration at that version), so every service computes a run with the configuration of that run's model and
 * reference version. A reference never changes once stored, so its pipeline is cached by reference id (the most
 * recently used {@value #CACHED} are kept).
 */
@ApplicationScoped
public class ModelPipelines {

    static final int CACHED = 256;

    /** The bytes of a stored profile read for its configuration (which comes first; a longer one is read whole). */
    static final int HEAD_BYTES = 64 * 1024;

    private final BatchStore store;
    private final Map<String, MonitoringPipeline> byReference = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MonitoringPipeline> eldest) {
            return size() > CACHED;
        }
    };

    public ModelPipelines(BatchStore store) {
        this.store = store;
    }

    /**
     * The pipeline of a registered reference, reading its stored configuration (the head of its profile) the
     * first time.
     *
     * @throws PoisonMessageException when no reference has this id (an event naming it cannot be processed)
     */
    public MonitoringPipeline forReference(String referenceId) {
        MonitoringPipeline cached = cached(referenceId);
        if (cached != null) {
            return cached;
        }
        byte[] head = store.profileHead(referenceId, HEAD_BYTES).orElseThrow(() -> unknown(referenceId));
        MonitoringConfig config;
        try {
            config = ReferenceProfile.configOf(head);
        } catch (IllegalArgumentException cut) {
            // a configuration longer than the head (or an unreadable profile: the whole one says why)
            config = ReferenceProfile.configOf(store.profile(referenceId).orElseThrow(() -> unknown(referenceId)).profile());
        }
        return remember(referenceId, MonitoringPipeline.of(config));
    }

    private static PoisonMessageException unknown(String referenceId) {
        return new PoisonMessageException("no registered reference with id '" + referenceId + "'");
    }

    /** The pipeline of a reference whose profile the caller has already read. */
    public MonitoringPipeline forProfile(String referenceId, ReferenceProfile profile) {
        MonitoringPipeline cached = cached(referenceId);
        return cached != null ? cached : remember(referenceId, MonitoringPipeline.of(profile.config()));
    }

    private synchronized MonitoringPipeline cached(String referenceId) {
        return byReference.get(referenceId);
    }

    private synchronized MonitoringPipeline remember(String referenceId, MonitoringPipeline pipeline) {
        byReference.putIfAbsent(referenceId, pipeline);
        return byReference.get(referenceId);
    }
}
