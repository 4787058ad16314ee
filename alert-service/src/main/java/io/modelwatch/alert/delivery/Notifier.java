package io.modelwatch.alert.delivery;

import io.modelwatch.support.notification.KeepInOutbox;

import io.modelwatch.support.notification.DeliveryOutcome;

import io.modelwatch.alert.domain.Channel;
import io.modelwatch.alert.domain.Notice;
import io.modelwatch.alert.domain.OutboxEntry;

/**
 * One channel's way to people; its circuit breaker is named after {@link Channel#id()}. {@link #send} is guarded by fault tolerance in each implementation and
 * never throws: a failure comes back as {@link DeliveryOutcome.Status#DEFERRED} through {@link KeepInOutbox}.
 */
public interface Notifier {

    Channel channel();

    /** Whether the channel's peer is configured here (otherwise its rows wait for a relay that has it). */
    boolean configured();

    /**
     * @param notice what to say
     * @param entry  the outbox row: its idempotency key and (email) recipients
     */
    DeliveryOutcome send(Notice notice, OutboxEntry entry);
}
