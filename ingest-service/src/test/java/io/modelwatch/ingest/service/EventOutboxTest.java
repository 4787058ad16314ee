package io.modelwatch.ingest.service;

import io.modelwatch.core.events.Channels;
import io.modelwatch.support.domain.PublishedEvent;
import io.modelwatch.support.outbox.EventOutbox;
import io.modelwatch.support.outbox.EventRelay;
import io.modelwatch.support.outbox.OutboxEvent;
import io.modelwatch.support.testing.TestBus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event outbox: events are rows written with the state they announce; a row committed but never published
 * (the service died between commit and publish) is published by the relay's next pass (the one start-up runs),
 * with its headers (the trace context of the event's producer span, in the event's trace) as stored, and marked
 * sent; a rolled-back transaction publishes nothing.
 */
@QuarkusTest
class EventOutboxTest {

    private static TestBus bus;

    @Inject
    EventOutbox outbox;
    @Inject
    EventRelay relay;
    @ConfigProperty(name = "modelwatch.bus.exchange")
    String exchange;

    @BeforeAll
    static void setUp() {
        bus = TestBus.connect();
    }

    @AfterAll
    static void tearDown() throws Exception {
        bus.deleteTestNames();
        bus.close();
    }

    @Test
    void aCommittedEventThatWasNeverPublishedGoesOutOnTheNextPassWithItsTraceContext() throws Exception {
        String routingKey = "outbox-test." + UUID.randomUUID();
        String queue = bus.listen(exchange, routingKey);
        String eventId = UUID.randomUUID().toString();
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        // committed without a nudge: what a crash right after the commit leaves behind
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(List.of(
                new PublishedEvent(routingKey, eventId, traceparent, "{\"eventId\":\"" + eventId + "\"}"))));
        assertThat(row(eventId).sentAt).as("pending before the relay runs").isNull();

        relay.relayPending();

        TestBus.Received m = bus.take(queue, Duration.ofSeconds(20)).orElseThrow(() -> new AssertionError("not published"));
        assertThat(m.body()).isEqualTo("{\"eventId\":\"" + eventId + "\"}");
        assertThat(m.routingKey()).isEqualTo(routingKey);
        OutboxEvent sent = row(eventId);
        String stored = outbox.headers(sent).get(PublishedEvent.TRACEPARENT_HEADER);
        assertThat(m.header(PublishedEvent.TRACEPARENT_HEADER)).as("the stored headers, re-sent unchanged")
                .isEqualTo(stored);
        assertThat(stored).as("the context of the event's producer span, in the trace the event was built in")
                .startsWith("00-0af7651916cd43dd8448eb211c80319c-").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(sent.sentAt).as("marked sent once the broker confirmed").isNotNull();
        assertThat(sent.attempts).isEqualTo(1);

        relay.relayPending();
        assertThat(bus.take(queue, Duration.ofSeconds(1))).as("a sent row is not sent again").isEmpty();
    }

    @Test
    void aRolledBackTransactionLeavesNoEvent() throws Exception {
        String routingKey = "outbox-test." + UUID.randomUUID();
        String queue = bus.listen(exchange, routingKey);
        String eventId = UUID.randomUUID().toString();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(List.of(new PublishedEvent(routingKey, eventId, null, "{}")));
            throw new IllegalStateException("the state change failed");
        })).hasMessageContaining("the state change failed");

        relay.relayPending();

        assertThat(bus.take(queue, Duration.ofSeconds(2))).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> outbox.count("eventId", eventId))).isZero();
    }

    @Test
    void enqueueingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.enqueue(List.of(new PublishedEvent(Channels.BATCH_READY, "x", null, "{}"))))
                .hasMessageContaining("Transaction is required");
    }

    private OutboxEvent row(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.find("eventId", eventId).singleResult());
    }
}
