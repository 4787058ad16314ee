package io.modelwatch.support.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.support.domain.PublishedEvent;
import io.modelwatch.support.telemetry.EventSpans;
import io.modelwatch.support.telemetry.TraceHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service's event outbox table. {@link #enqueue} must run inside the transaction that stores what the events
 * announce (it refuses to run without one), so the state and its announcement commit or roll back together;
 * {@link EventRelay} publishes the rows.
 *
 * <p>Writing an event here is its publication as far as tracing goes: each event gets a {@code PRODUCER} span
 * ({@code publish <routing key>}, {@link EventSpans}), child of the context the event was built in (its
 * {@code traceparent}, the current span's when tracing is on), and the stored headers carry that producer span's
 * context. The relay sends the stored headers unchanged, so the consumer spans in the other services are children
 * of the producer span, whenever and however often the row is sent; an event announced again later (a
 * redelivery, {@code POST /runs/{id}/announce}) gets a new producer span in the trace it was first built in.
 */
@ApplicationScoped
public class EventOutbox implements PanacheRepository<OutboxEvent> {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };

    private final ObjectMapper mapper;
    private final EventSpans spans;

    public EventOutbox(ObjectMapper mapper, EventSpans spans) {
        this.mapper = mapper;
        this.spans = spans;
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
                row.headers = mapper.writeValueAsString(producerHeaders(e));
            } catch (JsonProcessingException ex) {
                throw new UncheckedIOException(ex);
            }
            persist(row);
        }
    }

    /**
     * The event's headers, with the trace context of its producer span (started and ended here) in place of the
     * event's own {@code traceparent} when tracing is on; the event's headers as they are when it is off.
     */
    private Map<String, Object> producerHeaders(PublishedEvent e) {
        Map<String, Object> headers = new LinkedHashMap<>(e.headers());
        Context built = TraceHeaders.extract(e.traceparent());
        Span span = spans.producer(e.routingKey(), e.eventId(),
                Span.fromContext(built).getSpanContext().isValid() ? built : Context.current());
        try {
            return TraceHeaders.inject(Context.root().with(span), headers);
        } finally {
            EventSpans.end(span, null);
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
