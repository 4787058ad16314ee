package io.modelwatch.support.testing;

import io.modelwatch.core.events.Channels;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter contract every consumer shares: a malformed message and an event with a missing field
 * each land in {@code <queue>.dlq}, unchanged, with the reason in {@link Channels#REASON_HEADER}, one after
 * the other (so the consumer kept going after the first).
 */
public final class DeadLetterChecks {

    private DeadLetterChecks() {
    }

    /** @param eventName the record's simple name, as it appears in the reason */
    public static void poisonMessagesAreDeadLettered(TestBus bus, String exchange, String routingKey, String queue,
                                                     String eventName) throws Exception {
        String dlq = Channels.deadLetterQueue(queue);
        bus.purge(dlq);
        String malformed = "{this is not json " + UUID.randomUUID();
        String incomplete = "{\"schemaVersion\":1,\"eventId\":\"" + UUID.randomUUID() + "\"}";

        bus.publish(exchange, routingKey, malformed);
        bus.publish(exchange, routingKey, incomplete);

        TestBus.Received first = bus.take(dlq, Duration.ofSeconds(20)).orElseThrow(
                () -> new AssertionError("nothing arrived in " + dlq));
        assertThat(first.body()).isEqualTo(malformed);
        assertThat(first.header(Channels.REASON_HEADER)).contains("not a valid " + eventName);
        assertThat(first.header(Channels.ORIGINAL_QUEUE_HEADER)).isEqualTo(queue);

        TestBus.Received second = bus.take(dlq, Duration.ofSeconds(20)).orElseThrow(
                () -> new AssertionError("the consumer stopped after the first poison message: nothing more in " + dlq));
        assertThat(second.body()).isEqualTo(incomplete);
        assertThat(second.header(Channels.REASON_HEADER)).contains("missing field 'runId'");
    }
}
