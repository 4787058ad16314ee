package io.modelwatch.alert.service;

import io.modelwatch.core.events.AlertRaised;

/**
 * The seam for delivering alerts to people (Slack, email): implemented in its own issue with timeouts,
 * circuit breakers and an outbox. Called after the alert is stored and announced; a failure here never
 * loses an alert (it is in the database and on the bus as {@code alert.raised}).
 */
public interface AlertDelivery {

    void deliver(AlertRaised alert);
}
