package io.modelwatch.support.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/** An event as it was published: enough to publish it again. */
public record PublishedEvent(String routingKey, String eventId, String traceparent, String json) {

    /** Header carrying the W3C trace context. */
    public static final String TRACEPARENT_HEADER = "traceparent";

    /** The message headers the event travels with (the trace context); the outbox stores and re-sends them. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(TRACEPARENT_HEADER, traceparent == null ? "" : traceparent);
        return headers;
    }
}
