package io.modelwatch.support.notification;

/**
 * What one attempt to hand a notification to its peer came to.
 *
 * @param status what the relay does with the outbox row
 * @param reason why it was not sent, or {@code null}
 */
public record DeliveryOutcome(Status status, String reason) {

    public enum Status {
        /** The peer accepted it: mark the row sent. */
        SENT,
        /** The peer is down or slow (5xx, 429, timeout, circuit open): keep the row pending, try later. */
        DEFERRED,
        /** The peer refused it as malformed (4xx): retrying cannot help; keep the row for inspection. */
        REJECTED
    }

    public static DeliveryOutcome sent() {
        return new DeliveryOutcome(Status.SENT, null);
    }

    public static DeliveryOutcome deferred(String reason) {
        return new DeliveryOutcome(Status.DEFERRED, reason);
    }

    public static DeliveryOutcome rejected(String reason) {
        return new DeliveryOutcome(Status.REJECTED, reason);
    }
}
