package io.modelwatch.alert.domain;

import io.modelwatch.core.config.Severity;

import java.time.Instant;

/**
 * The last notified alert of one model and alert key while it is open (not yet measured back in bounds).
 *
 * @param severity       the severity last notified
 * @param lastNotifiedAt when it was last notified (the cooldown starts here)
 * @param lastAlertId    the alert-log id of that notification
 */
public record OpenAlert(String alertKey, Severity severity, Instant lastNotifiedAt, long lastAlertId) {
}
