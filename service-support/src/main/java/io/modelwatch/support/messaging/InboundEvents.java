package io.modelwatch.support.messaging;

import io.modelwatch.support.status.ServiceStatus;
import io.modelwatch.support.telemetry.EventSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The one way a service consumes an event: decode and validate, do the work (which commits to the
 * database and publishes its own events), and only then acknowledge. Anything that fails goes to the
 * dead-letter queue with its reason and the message is acknowledged, so the consumer keeps going; if even
 * the dead-lettering fails the message is nacked (the connector rejects it into the same DLQ).
 *
 * <p>The processing is a {@code CONSUMER} span, child of the trace context in the message's headers
 * ({@link EventSpans}); the events the work publishes are built inside it, so they continue the same trace.
 *
 * <p>Must be called on a worker thread ({@code @Blocking} consumers): the work is blocking JDBC and CPU.
 */
@ApplicationScoped
public class InboundEvents {

    private static final Logger LOG = Logger.getLogger(InboundEvents.class);

    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final ServiceStatus status;
    private final EventSpans spans;

    public InboundEvents(EventCodec codec, DeadLetters deadLetters, ServiceStatus status, EventSpans spans) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.status = status;
        this.spans = spans;
    }

    /**
     * @param message  the incoming message (raw body)
     * @param queue    the queue it came from (the dead letter's routing key)
     * @param type     the event record
     * @param validate the record's check, throwing {@link IllegalArgumentException} with the reason
     * @param work     the unit of work; returns the outcome of publishing its results
     */
    public <E> CompletionStage<Void> consume(Message<?> message, String queue, Class<E> type,
                                             UnaryOperator<E> validate,
                                             Function<E, CompletionStage<Outcome>> work) {
        byte[] body = rawBody(message.getPayload());
        String eventType = type.getSimpleName();
        var metadata = message.getMetadata(IncomingRabbitMQMetadata.class);
        Span span = spans.consumer(queue, metadata.map(IncomingRabbitMQMetadata::getRoutingKey).orElse(null),
                metadata.map(IncomingRabbitMQMetadata::getHeaders).orElse(null));
        CompletionStage<Outcome> done;
        try (Scope scope = EventSpans.activate(span)) {
            E event;
            try {
                event = validate.apply(codec.decode(body, type));
            } catch (IllegalArgumentException e) {
                throw new PoisonMessageException(e.getMessage(), e);
            }
            done = work.apply(event);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        // never block the worker on the broker's confirmation: the ack may need this very context
        return done.handle((outcome, failure) -> {
            try (Scope scope = EventSpans.activate(span)) {
                return finish(message, queue, body, eventType, span, outcome, failure);
            }
        }).thenCompose(Function.identity());
    }

    /** Acknowledges a processed message, or dead-letters a failed one with its reason; ends the span. */
    private CompletionStage<Void> finish(Message<?> message, String queue, byte[] body, String eventType, Span span,
                                         Outcome outcome, Throwable failure) {
        if (failure == null) {
            span.setAttribute(EventSpans.RUN_ID, outcome.runId());
            span.setAttribute("modelwatch.duplicate", outcome.duplicate());
            EventSpans.end(span, null);
            status.processed(eventType, outcome.runId(), outcome.duplicate());
            return message.ack();
        }
        Throwable root = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String reason = root.getClass().getSimpleName() + ": " + root.getMessage();
        if (!(root instanceof PoisonMessageException)) {
            LOG.errorf(root, "processing a %s from %s failed", eventType, queue);
        }
        span.setAttribute("modelwatch.dead_lettered", true);
        EventSpans.end(span, root);
        status.failed(eventType, reason);
        return deadLetters.send(queue, body, reason)
                .thenCompose(x -> message.ack())
                .exceptionallyCompose(f -> message.nack(f));
    }

    /** The body as bytes; the channels override the content type so this is normally already {@code byte[]}. */
    static byte[] rawBody(Object payload) {
        if (payload == null) {
            return new byte[0];
        } else if (payload instanceof byte[] b) {
            return b;
        } else if (payload instanceof io.vertx.core.buffer.Buffer b) {
            return b.getBytes();
        } else if (payload instanceof io.vertx.core.json.JsonObject j) {
            return j.toBuffer().getBytes();
        } else if (payload instanceof io.vertx.core.json.JsonArray j) {
            return j.toBuffer().getBytes();
        }
        return payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** What one consumption did: the run it concerned, and whether it was a redelivery that changed nothing. */
    public record Outcome(String runId, boolean duplicate) {
    }
}
