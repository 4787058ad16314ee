package io.modelwatch.alert.delivery;


import io.modelwatch.support.notification.DeliveryOutcome;
import io.modelwatch.support.notification.MailDelivery;

import io.modelwatch.alert.config.AlertSettings;
import io.modelwatch.alert.domain.Channel;
import io.modelwatch.alert.domain.Notice;
import io.modelwatch.alert.domain.NoticeKind;
import io.modelwatch.alert.domain.OutboxEntry;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.stream.Stream;

/**
 * Emails notifications through the shared {@link MailDelivery} (SMTP from {@code quarkus.mailer.*}, fault
 * tolerance with the circuit breaker {@code email}; overrides under
 * {@code quarkus.fault-tolerance."io.modelwatch.support.notification.MailDelivery/send"}): an HTML body rendered
 * by Qute ({@code templates/EmailNotifier/notice.html}) with a plain-text alternative, to the recipients the
 * outbox row names. The idempotency key goes into {@value #IDEMPOTENCY_HEADER}.
 */
@ApplicationScoped
public class EmailNotifier implements Notifier {

    public static final String IDEMPOTENCY_HEADER = MailDelivery.IDEMPOTENCY_HEADER;
    public static final String CIRCUIT_BREAKER = MailDelivery.CIRCUIT_BREAKER;   // = Channel.EMAIL.id()

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance notice(Notice notice, String colour);
    }

    private final MailDelivery mail;
    private final AlertSettings settings;

    public EmailNotifier(MailDelivery mail, AlertSettings settings) {
        this.mail = mail;
        this.settings = settings;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    /** Some severity has recipients (the SMTP server is {@code quarkus.mailer.*}). */
    @Override
    public boolean configured() {
        var r = settings.email().recipients();
        return Stream.of(r.high(), r.medium(), r.low())
                .anyMatch(list -> list.orElse(List.of()).stream().anyMatch(s -> !s.isBlank()));
    }

    @Override
    public DeliveryOutcome send(Notice notice, OutboxEntry entry) {
        return mail.send(entry.recipientList(), subject(notice), html(notice), text(notice), entry.idempotencyKey);
    }

    /** {@code [ModelWatch HIGH] churn: psi of account_age is 0.4100 (> 0.25)}. */
    static String subject(Notice notice) {
        return "[ModelWatch " + (notice.kind() == NoticeKind.RESOLVED ? "RESOLVED" : notice.severity().name()) + "] "
                + notice.modelId() + ": " + notice.message();
    }

    static String html(Notice notice) {
        return Templates.notice(notice, SlackMessage.colour(notice)).render();
    }

    static String text(Notice notice) {
        return notice.headline() + "\n\nmetric: " + notice.metricName() + "\nwhere: " + notice.scope()
                + "\nvalue: " + notice.valueText() + "\nthreshold: " + notice.thresholdText()
                + "\nrun date: " + notice.runDate() + (notice.reportUrl() == null ? "" : "\nreport: " + notice.reportUrl())
                + "\n";
    }
}
