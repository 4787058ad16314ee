package io.modelwatch.support.messaging;

import io.modelwatch.support.domain.PublishedEvent;
import io.modelwatch.support.telemetry.EventSpans;
import io.modelwatch.support.telemetry.TraceHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Builds outgoing event messages: JSON body, routing key = event type, persistent, message id = event id, and
 * the trace context in the headers. Each send is a {@code PRODUCER} span, child of the context the event was
 * built in (its stored {@code traceparent}), whose context the headers carry to the consumer: an event
 * published again later (a redelivery re-announcing it) stays in the trace of the run.
 */
public final class OutgoingEvents {

    private OutgoingEvents() {
    }

    /** Publishes the events in order; completes when the broker has taken them all. */
    public static CompletionStage<Void> publish(Emitter<String> emitter, List<PublishedEvent> events) {
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (PublishedEvent e : events) {
            chain = chain.thenCompose(x -> send(emitter, e));
        }
        return chain;
    }

    private static CompletionStage<Void> send(Emitter<String> emitter, PublishedEvent event) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Span span = producerSpan(event);
        Map<String, Object> headers = headers(event.traceparent(), Context.root().with(span));
        Message<String> m = message(event.json(), event.routingKey(), event.eventId(), headers)
                .withAck(() -> {
                    EventSpans.end(span, null);
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    EventSpans.end(span, failure);
                    done.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(m);
        return done;
    }

    /**
     * The headers of an event message: its own {@code traceparent}, replaced by the context of {@code sending}
     * (the producer span) when that is recording.
     */
    public static Map<String, Object> headers(String traceparent, Context sending) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(TraceHeaders.TRACEPARENT, traceparent == null ? "" : traceparent);
        return TraceHeaders.inject(sending, headers);
    }

    public static Message<String> message(String json, String routingKey, String eventId, Map<String, Object> headers) {
        OutgoingRabbitMQMetadata.Builder metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(routingKey)
                .withContentType("application/json")
                .withMessageId(eventId)
                .withDeliveryMode(2)
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC));
        headers.forEach(metadata::withHeader);
        return Message.of(json, Metadata.of(metadata.build()));
    }

    /** The producer span of one send; none (invalid) outside a running application. */
    private static Span producerSpan(PublishedEvent event) {
        ArcContainer arc = Arc.container();
        if (arc == null || !arc.isRunning()) {
            return Span.getInvalid();
        }
        return arc.instance(EventSpans.class).get()
                .producer(event.routingKey(), event.eventId(), TraceHeaders.extract(event.traceparent()));
    }
}
