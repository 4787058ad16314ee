package io.modelwatch.support.messaging;

import io.modelwatch.support.security.SecretValues;
import io.smallrye.config.SmallRyeConfigBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelwatch.core.events.Channels;
import io.modelwatch.support.status.ServiceStatus;
import io.modelwatch.support.telemetry.EventSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer protocol's retry: a failure that may pass is tried again with exponential backoff and the message
 * is processed once it succeeds; one that fails every try is dead-lettered after the configured number of tries,
 * with the reason and the tries in its headers; a malformed message or input no computation accepts is
 * dead-lettered at once, without a retry.
 */
class InboundEventsRetryTest {

    record Ping(String runId) {
        Ping validate() {
            if (runId == null) {
                throw new IllegalArgumentException("missing field 'runId'");
            }
            return this;
        }
    }

    private static final String QUEUE = "test.retry.queue";
    private final RecordingEmitter deadLetterEmitter = new RecordingEmitter();
    private final ServiceStatus status = new ServiceStatus(new SimpleMeterRegistry(),
            new SecretValues(new SmallRyeConfigBuilder().build()));
    private final InboundEvents inbound = new InboundEvents(new EventCodec(new ObjectMapper()),
            new DeadLetters(deadLetterEmitter), status, settings(4, Duration.ofMillis(1), Duration.ofMillis(4)),
            new EventSpans(OpenTelemetry.noop().getTracer("test")));

    @Test
    void aTransientFailureIsRetriedAndTheMessageProcessedOnceItPasses() {
        AtomicInteger tries = new AtomicInteger();
        TestMessage m = new TestMessage("{\"runId\":\"r1\"}");

        inbound.consume(m.message, QUEUE, Ping.class, Ping::validate, p -> {
            if (tries.incrementAndGet() < 3) {
                throw new IllegalStateException(new SQLTransientConnectionException("connection refused"));
            }
            return CompletableFuture.completedFuture(new InboundEvents.Outcome(p.runId(), false));
        }).toCompletableFuture().join();

        assertThat(tries).hasValue(3);
        assertThat(m.acked).isTrue();
        assertThat(deadLetterEmitter.sent).isEmpty();
        assertThat(counts()).containsEntry("Ping.retried", 2L).containsEntry("Ping.processed", 1L);
    }

    @Test
    void aFailureThatNeverPassesIsDeadLetteredAfterEveryTryWithTheReasonAndTheTries() {
        AtomicInteger tries = new AtomicInteger();
        TestMessage m = new TestMessage("{\"runId\":\"r2\"}");

        inbound.consume(m.message, QUEUE, Ping.class, Ping::validate, p -> {
            tries.incrementAndGet();
            return CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException("broker did not answer"));
        }).toCompletableFuture().join();

        assertThat(tries).as("max-attempts").hasValue(4);
        assertThat(m.acked).as("acknowledged once it is in the DLQ").isTrue();
        OutgoingRabbitMQMetadata dead = deadLetterEmitter.only();
        assertThat(dead.getRoutingKey()).isEqualTo(QUEUE);
        assertThat(dead.getHeaders()).containsEntry(Channels.REASON_HEADER, "TimeoutException: broker did not answer")
                .containsEntry(Channels.ATTEMPTS_HEADER, 4)
                .containsEntry(Channels.ORIGINAL_QUEUE_HEADER, QUEUE);
        assertThat(counts()).containsEntry("Ping.retried", 3L).containsEntry("Ping.dead_lettered", 1L);
    }

    @Test
    void malformedMessagesAndRejectedInputAreDeadLetteredWithoutARetry() {
        AtomicInteger tries = new AtomicInteger();
        TestMessage malformed = new TestMessage("{not json");
        TestMessage incomplete = new TestMessage("{}");
        TestMessage refused = new TestMessage("{\"runId\":\"r3\"}");

        for (TestMessage m : List.of(malformed, incomplete, refused)) {
            inbound.consume(m.message, QUEUE, Ping.class, Ping::validate, p -> {
                tries.incrementAndGet();
                throw new IllegalArgumentException("PSI needs at least one non-null current value");
            }).toCompletableFuture().join();
        }

        assertThat(tries).as("only the well-formed message reached the work, once").hasValue(1);
        assertThat(deadLetterEmitter.sent).hasSize(3);
        assertThat(deadLetterEmitter.sent.get(0).getHeaders()).containsEntry(Channels.ATTEMPTS_HEADER, 0)
                .hasEntrySatisfying(Channels.REASON_HEADER, r -> assertThat(r.toString()).contains("not a valid Ping"));
        assertThat(deadLetterEmitter.sent.get(1).getHeaders().get(Channels.REASON_HEADER).toString())
                .contains("missing field 'runId'");
        assertThat(deadLetterEmitter.sent.get(2).getHeaders()).containsEntry(Channels.ATTEMPTS_HEADER, 1);
        assertThat(counts()).doesNotContainKey("Ping.retried").containsEntry("Ping.dead_lettered", 3L);
    }

    @Test
    void theBackoffDoublesUpToTheMaximum() {
        Duration initial = Duration.ofMillis(200);
        Duration max = Duration.ofSeconds(1);
        assertThat(List.of(1, 2, 3, 4, 5, 30).stream().map(a -> ConsumerRetrySettings.backoff(initial, max, a).toMillis()))
                .containsExactly(200L, 400L, 800L, 1000L, 1000L, 1000L);
    }

    private java.util.Map<String, Long> counts() {
        return status.view("test", java.util.Map.of()).counts();
    }

    private static ConsumerRetrySettings settings(int attempts, Duration initial, Duration max) {
        return new ConsumerRetrySettings() {
            @Override
            public int maxAttempts() {
                return attempts;
            }

            @Override
            public Duration initialDelay() {
                return initial;
            }

            @Override
            public Duration maxDelay() {
                return max;
            }
        };
    }

    /** An incoming message whose acknowledgement is recorded. */
    private static final class TestMessage {
        boolean acked;
        boolean nacked;
        final Message<byte[]> message;

        TestMessage(String body) {
            message = Message.of(body.getBytes(StandardCharsets.UTF_8), () -> {
                acked = true;
                return CompletableFuture.completedFuture(null);
            }, f -> {
                nacked = true;
                return CompletableFuture.completedFuture(null);
            });
        }
    }

    /** The dead-letter channel: records what it is given and confirms it at once. */
    private static final class RecordingEmitter implements Emitter<byte[]> {
        final List<OutgoingRabbitMQMetadata> sent = new ArrayList<>();

        OutgoingRabbitMQMetadata only() {
            assertThat(sent).hasSize(1);
            return sent.get(0);
        }

        @Override
        public CompletionStage<Void> send(byte[] payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends byte[]>> void send(M msg) {
            sent.add(msg.getMetadata(OutgoingRabbitMQMetadata.class).orElseThrow());
            msg.ack();
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
