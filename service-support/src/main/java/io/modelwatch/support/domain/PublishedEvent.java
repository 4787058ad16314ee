package io.modelwatch.support.domain;

/** An event as it was published: enough to publish it again. */
public record PublishedEvent(String routingKey, String eventId, String traceparent, String json) {
}
