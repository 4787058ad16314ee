package io.modelwatch.report.domain;

import io.modelwatch.support.notification.OutboxRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/**
 * The daily email of one model and day, as decided and rendered at the scheduled time: an outbox row (the
 * shared {@link OutboxRow} delivery state) whose idempotency key {@code daily-<model>-<send day>} is unique, so a
 * day is emailed once however often the schedule fires or the service restarts.
 */
@Entity
@Table(name = "daily_email")
public class DailyEmail extends OutboxRow {

    @Column(name = "model_id", nullable = false)
    public String modelId;

    /** The UTC day the email belongs to (it is sent on that day at the configured time). */
    @Column(name = "send_day", nullable = false)
    public LocalDate sendDay;

    /** The snapshot date it reports (the day before {@link #sendDay} by default). */
    @Column(name = "reported_date", nullable = false)
    public LocalDate reportedDate;

    /** HIGH, MEDIUM, LOW or OK: the worst of the day, also in the subject. */
    @Column(name = "worst_severity", nullable = false)
    public String worstSeverity;

    @Column(name = "subject", nullable = false, columnDefinition = "text")
    public String subject;

    @Column(name = "html", nullable = false, columnDefinition = "text")
    public String html;

    @Column(name = "text", nullable = false, columnDefinition = "text")
    public String text;

    public static String idempotencyKey(String modelId, LocalDate sendDay) {
        return "daily-" + modelId + "-" + sendDay;
    }
}
