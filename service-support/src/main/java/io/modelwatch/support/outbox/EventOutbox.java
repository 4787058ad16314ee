package io.modelwatch.support.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.support.domain.PublishedEvent;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service's event outbox table. {@link #enqueue} must run inside the transaction that stores what the events
 * announce (it refuses to run without one), so the state and its announcement commit or roll back together;
 * {@link EventRelay} publishes the rows.
 */
@ApplicationScoped
public class EventOutbox implements PanacheRepository<OutboxEvent> {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };

    private final ObjectMapper mapper;

    public EventOutbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Writes the events, in order, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(List<PublishedEvent> events) {
        Instant now = Instant.now();
        for (PublishedEvent e : events) {
            OutboxEvent row = new OutboxEvent();
            row.eventId = e.eventId();
            row.routingKey = e.routingKey();
            row.payload = e.json();
            row.createdAt = now;
            try {
                row.headers = mapper.writeValueAsString(e.headers());
            } catch (JsonProcessingException ex) {
                throw new UncheckedIOException(ex);
            }
            persist(row);
        }
    }

    /** The oldest row not yet sent, locked until the transaction ends (rows another relay holds are skipped). */
    public Optional<OutboxEvent> lockNextPending() {
        @SuppressWarnings("unchecked")
        List<OutboxEvent> rows = getEntityManager().createNativeQuery("""
                        select * from {h-schema}event_outbox where sent_at is null
                        order by id limit 1 for update skip locked
                        """, OutboxEvent.class)
                .getResultList();
        return rows.stream().findFirst();
    }

    /** Rows not yet confirmed by the broker. */
    public long pendingCount() {
        return count("sentAt is null");
    }

    /** A row's headers as a map. */
    public Map<String, String> headers(OutboxEvent row) {
        try {
            return mapper.readValue(row.headers, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox row " + row.id + " holds unreadable headers", e);
        }
    }
}
