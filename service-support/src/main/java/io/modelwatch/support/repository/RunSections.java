package io.modelwatch.support.repository;

import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.support.domain.RunSection;
import io.modelwatch.support.messaging.EventCodec;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the sections of a run as their events arrive, for the services that need all of them
 * ({@link MetricsComputed#ALL_KINDS}) before they can act.
 */
@ApplicationScoped
public class RunSections implements PanacheRepositoryBase<RunSection, String> {

    private final EventCodec codec;

    public RunSections(EventCodec codec) {
        this.codec = codec;
    }

    /** Stores the section unless this kind was already received for the run; true if it was new. */
    public boolean add(MetricsComputed event) {
        return add(event, event.kind());
    }

    /**
     * Stores the section under {@code kind} unless that kind was already received for the run; true if it was
     * new. A later version of a section (report-service's {@code performance.realised}) is kept under its own
     * kind, beside the day-0 one.
     */
    public boolean add(MetricsComputed event, String kind) {
        String key = event.runId() + "/" + kind;
        if (findByIdOptional(key).isPresent()) {
            return false;
        }
        RunSection s = new RunSection();
        s.key = key;
        s.runId = event.runId();
        s.kind = kind;
        s.event = codec.encode(event);
        s.receivedAt = Instant.now();
        persist(s);
        return true;
    }

    /** All sections of the run by kind, once every kind has arrived. */
    public Optional<Map<String, MetricsComputed>> complete(String runId) {
        List<RunSection> sections = list("runId", runId);
        Map<String, MetricsComputed> byKind = new LinkedHashMap<>();
        for (RunSection s : sections) {
            byKind.put(s.kind, codec.read(s.event, MetricsComputed.class));
        }
        return byKind.keySet().containsAll(MetricsComputed.ALL_KINDS) ? Optional.of(byKind) : Optional.empty();
    }
}
