package io.modelwatch.core.config;

import java.util.Optional;

/**
 * The configured severity of a check that may be switched off: {@code HIGH}, {@code MEDIUM}, {@code LOW}, or
 * {@code NONE} for no alert (quality checks, the anomaly detectors, drift within segments). Alert rules always
 * raise an alert and take a {@link Severity}.
 */
public enum CheckSeverity {
    HIGH,
    MEDIUM,
    LOW,
    NONE;

    /** The severity of the alert the check raises, empty when it is switched off. */
    public Optional<Severity> severity() {
        return this == NONE ? Optional.empty() : Optional.of(Severity.valueOf(name()));
    }
}
