package io.modelwatch.alert.domain;

import java.util.Locale;

/** Where notifications go; each has its own outbox rows, circuit breaker and relay lane. */
public enum Channel {
    SLACK,
    EMAIL;

    /** Lower-case name, used in idempotency keys, metric tags and the circuit breaker's name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
