package io.modelwatch.alert.domain;

import io.modelwatch.core.config.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Deduplication as a pure function. For one model, metric, column and segment (the alert key):
 * <ul>
 *   <li>no open alert: {@link Decision#NEW};</li>
 *   <li>more severe than the open alert (MEDIUM to HIGH): {@link Decision#ESCALATION}, whatever the cooldown;</li>
 *   <li>the same or a lower severity before {@code lastNotifiedAt + cooldown}: {@link Decision#REPEAT} (a
 *       lower grade is covered by the more severe alert already sent);</li>
 *   <li>at or after the end of the cooldown: {@link Decision#NEW} again (a reminder that it still fires).</li>
 * </ul>
 */
public final class CooldownPolicy {

    private final Duration cooldown;

    private CooldownPolicy(Duration cooldown) {
        if (cooldown == null || cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must be zero or positive, got " + cooldown);
        }
        this.cooldown = cooldown;
    }

    public static CooldownPolicy of(Duration cooldown) {
        return new CooldownPolicy(cooldown);
    }

    public Duration cooldown() {
        return cooldown;
    }

    public Decision decide(Optional<OpenAlert> open, Severity severity, Instant now) {
        if (open.isEmpty()) {
            return Decision.NEW;
        }
        OpenAlert previous = open.get();
        if (severity.ordinal() < previous.severity().ordinal()) {
            return Decision.ESCALATION;
        }
        return now.isBefore(previous.lastNotifiedAt().plus(cooldown)) ? Decision.REPEAT : Decision.NEW;
    }
}
