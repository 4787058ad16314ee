package io.modelwatch.support.messaging;

import io.modelwatch.support.domain.PublishedEvent;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Builds outgoing event messages: JSON body, routing key = event type, persistent, message id = event id. */
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
        Message<String> m = message(event.json(), event.routingKey(), event.eventId(), event.traceparent())
                .withAck(() -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    done.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(m);
        return done;
    }

    public static Message<String> message(String json, String routingKey, String eventId, String traceparent) {
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(routingKey)
                .withContentType("application/json")
                .withMessageId(eventId)
                .withDeliveryMode(2)
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .withHeader("traceparent", traceparent == null ? "" : traceparent)
                .build();
        return Message.of(json, Metadata.of(metadata));
    }
}
