package io.modelwatch.alert.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One notification to one channel, written in the transaction that stores its alert. {@link #idempotencyKey}
 * is unique ({@code <kind>-<alert id>-<channel>}); the relay marks the row {@link Status#SENT} once the peer
 * accepted it, so a restart sends what is still pending and nothing twice.
 */
@Entity
@Table(name = "notification_outbox")
public class OutboxEntry {

    public enum Status {
        /** Waiting for the peer. */
        PENDING,
        /** Accepted by the peer. */
        SENT,
        /** Refused by the peer as malformed (a 4xx other than 429); kept for inspection, never retried. */
        REJECTED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "idempotency_key", nullable = false, unique = true)
    public String idempotencyKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    public NoticeKind kind;

    @Column(name = "alert_id", nullable = false)
    public long alertId;

    /** Email addresses, comma-separated (email only): decided when the alert was raised. */
    @Column(name = "recipients")
    public String recipients;

    /**
     * Slack only: the environment variable holding the model's webhook URL (the URL itself, a secret, is never
     * stored), or {@code null} for the deployment's webhook.
     */
    @Column(name = "webhook_env")
    public String webhookEnv;

    /** Slack only: the channel the model's notifications ask for, or {@code null}. */
    @Column(name = "slack_channel")
    public String slackChannel;

    /** The {@link Notice} as JSON. */
    @Column(name = "notice", nullable = false, columnDefinition = "text")
    public String notice;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    public Status status;

    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    public static String idempotencyKey(NoticeKind kind, long alertId, Channel channel) {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + alertId + "-" + channel.id();
    }
}
