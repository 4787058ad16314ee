package io.modelwatch.support.messaging;

import io.modelwatch.core.events.Channels;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sends a poison message, unchanged, to the dead-letter exchange with the reason in
 * {@link Channels#REASON_HEADER}; it lands in {@code <queue>.dlq} (declared by the consuming channel with
 * {@code auto-bind-dlq}). A message the connector itself rejects reaches the same queue through the
 * queue's {@code x-dead-letter-exchange}, with RabbitMQ's {@code x-death} header as its reason.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    /** Long reasons (stack-trace-like messages) are cut: a header is not a log. */
    private static final int MAX_REASON = 1000;

    private final Emitter<byte[]> emitter;

    public DeadLetters(@Channel(Channels.DEAD_LETTERS_OUT) Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /**
     * Completes when the broker has the dead letter.
     *
     * @param attempts how many times the consumer tried the message (0: refused before any try, as malformed)
     */
    public CompletionStage<Void> send(String queue, byte[] body, String reason, int attempts) {
        String cut = reason == null ? "unknown" : (reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
        LOG.warnf("dead-lettering a message from %s: %s", queue, cut);
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(queue)
                .withDeliveryMode(2)
                .withContentType("application/octet-stream")
                .withHeader(Channels.REASON_HEADER, cut)
                .withHeader(Channels.ORIGINAL_QUEUE_HEADER, queue)
                .withHeader(Channels.ATTEMPTS_HEADER, attempts)
                .build();
        CompletableFuture<Void> done = new CompletableFuture<>();
        emitter.send(Message.of(body == null ? new byte[0] : body, Metadata.of(metadata),
                () -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    done.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return done;
    }
}
