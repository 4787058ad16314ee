package io.modelwatch.alert.domain;

import io.modelwatch.core.config.Severity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** Deduplication state of one model and alert key: the last notified alert, open until measured in bounds. */
@Entity
@Table(name = "alert_state")
public class AlertState {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "model_id", nullable = false)
    public String modelId;

    @Column(name = "alert_key", nullable = false)
    public String alertKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "severity", nullable = false)
    public Severity severity;

    @Column(name = "open", nullable = false)
    public boolean open;

    @Column(name = "last_alert_id", nullable = false)
    public long lastAlertId;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "last_notified_at", nullable = false)
    public Instant lastNotifiedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    /** What {@link CooldownPolicy} compares with: nothing once resolved. */
    public Optional<OpenAlert> openAlert() {
        return open ? Optional.of(new OpenAlert(alertKey, severity, lastNotifiedAt, lastAlertId)) : Optional.empty();
    }
}
