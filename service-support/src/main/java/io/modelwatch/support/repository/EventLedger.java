package io.modelwatch.support.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.support.domain.ProcessedEvent;
import io.modelwatch.support.domain.PublishedEvent;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The idempotency ledger: has (run id, event type) been processed here? Call inside the transaction that
 * stores the results, so a result and its ledger entry commit together.
 */
@ApplicationScoped
public class EventLedger implements PanacheRepositoryBase<ProcessedEvent, String> {

    private final ObjectMapper mapper;

    public EventLedger(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The events published when this (run, type) was first processed, or empty if it never was. */
    public Optional<List<PublishedEvent>> previous(String runId, String eventType) {
        return findByIdOptional(ProcessedEvent.key(runId, eventType)).map(p -> parse(p.published));
    }

    public void record(String runId, String eventType, String eventId, List<PublishedEvent> published) {
        ProcessedEvent p = new ProcessedEvent();
        p.key = ProcessedEvent.key(runId, eventType);
        p.runId = runId;
        p.eventType = eventType;
        p.eventId = eventId;
        p.processedAt = Instant.now();
        try {
            p.published = mapper.writeValueAsString(published);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        persist(p);
    }

    private List<PublishedEvent> parse(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return mapper.readValue(json, new TypeReference<List<PublishedEvent>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
