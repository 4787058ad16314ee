package io.modelwatch.support.messaging;

import io.modelwatch.support.status.ServiceStatus;
import io.modelwatch.support.telemetry.EventSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The one way a service consumes an event: decode and validate, do the work (which commits to the
 * database, its own events included through the outbox), and only then acknowledge.
 *
 * <p>A failure is handled by its kind. A malformed message ({@link PoisonMessageException}, or an
 * {@link IllegalArgumentException}: bad JSON, a missing field, data no computation accepts) goes to the
 * dead-letter queue at once: trying again gives the same answer. Any other failure (the database or the broker
 * unreachable, a timeout, a lock conflict) may pass, so the work is tried again after an exponential backoff
 * ({@link ConsumerRetrySettings}: attempts, initial and maximum delay); only when every try failed does the
 * message go to the dead-letter queue. A dead letter carries the reason and the number of tries in its headers;
 * the message is then acknowledged, so the consumer keeps going; if even the dead-lettering fails it is nacked
 * (the connector rejects it into the same DLQ). The work is idempotent (event ledger), so a retry after a
 * failure that happened after the commit changes nothing.
 *
 * <p>The processing, retries included, is one {@code CONSUMER} span, child of the trace context in the
 * message's headers ({@link EventSpans}); it is current while the work runs, so the events the work writes to
 * the outbox continue the same trace.
 *
 * <p>Must be called on a worker thread ({@code @Blocking} consumers): the work is blocking JDBC and CPU, and the
 * backoff waits on that thread (the consumer takes its next message when this one is settled).
 */
@ApplicationScoped
public class InboundEvents {

    private static final Logger LOG = Logger.getLogger(InboundEvents.class);

    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final ServiceStatus status;
    private final ConsumerRetrySettings retry;
    private final EventSpans spans;

    public InboundEvents(EventCodec codec, DeadLetters deadLetters, ServiceStatus status, ConsumerRetrySettings retry,
                         EventSpans spans) {
        if (retry.maxAttempts() < 1) {
            throw new IllegalArgumentException("modelwatch.consumer.retry.max-attempts must be at least 1, got "
                    + retry.maxAttempts());
        }
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.status = status;
        this.retry = retry;
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
        try (Scope scope = EventSpans.activate(span)) {
            return process(message, queue, type, validate, work, body, eventType, span);
        }
    }

    private <E> CompletionStage<Void> process(Message<?> message, String queue, Class<E> type, UnaryOperator<E> validate,
                                              Function<E, CompletionStage<Outcome>> work, byte[] body,
                                              String eventType, Span span) {
        E event;
        try {
            try {
                event = validate.apply(codec.decode(body, type));
            } catch (IllegalArgumentException e) {
                throw new PoisonMessageException(e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            return deadLetter(message, queue, eventType, body, e, 0, span);
        }
        for (int attempt = 1; ; attempt++) {
            Throwable failure;
            try {
                Outcome outcome = work.apply(event).toCompletableFuture().join();
                span.setAttribute(EventSpans.RUN_ID, outcome.runId());
                span.setAttribute("modelwatch.duplicate", outcome.duplicate());
                span.setAttribute("modelwatch.attempts", attempt);
                EventSpans.end(span, null);
                status.processed(eventType, outcome.runId(), outcome.duplicate());
                return message.ack();
            } catch (RuntimeException e) {
                failure = unwrap(e);
            }
            if (!transientFailure(failure) || attempt >= retry.maxAttempts()) {
                return deadLetter(message, queue, eventType, body, failure, attempt, span);
            }
            Duration wait = ConsumerRetrySettings.backoff(retry.initialDelay(), retry.maxDelay(), attempt);
            LOG.warnf("processing a %s from %s failed (try %d of %d), trying again in %d ms: %s", eventType, queue,
                    attempt, retry.maxAttempts(), wait.toMillis(), reason(failure));
            span.addEvent("retry after " + reason(failure));
            status.retried(eventType);
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                EventSpans.end(span, failure);
                // shutting down: leave the message to the broker, which redelivers it to the next consumer
                return message.nack(failure);
            }
        }
    }

    /** A failure that may pass: anything but a malformed message or input no computation accepts. */
    static boolean transientFailure(Throwable failure) {
        return !(failure instanceof PoisonMessageException) && !(failure instanceof IllegalArgumentException);
    }

    private CompletionStage<Void> deadLetter(Message<?> message, String queue, String eventType, byte[] body,
                                             Throwable failure, int attempts, Span span) {
        String reason = reason(failure);
        if (transientFailure(failure)) {
            LOG.errorf(failure, "processing a %s from %s failed %d times", eventType, queue, attempts);
        }
        span.setAttribute("modelwatch.dead_lettered", true);
        span.setAttribute("modelwatch.attempts", attempts);
        EventSpans.end(span, failure);
        status.failed(eventType, reason);
        return deadLetters.send(queue, body, reason, attempts)
                .thenCompose(x -> message.ack())
                .exceptionallyCompose(f -> message.nack(f));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String reason(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
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
