package io.modelwatch.alert.delivery;

import io.modelwatch.alert.config.AlertSettings;
import io.modelwatch.alert.domain.Channel;
import io.modelwatch.alert.domain.Notice;
import io.modelwatch.alert.domain.NoticeKind;
import io.modelwatch.alert.domain.OutboxEntry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Emails notifications through the Quarkus Mailer (SMTP from {@code quarkus.mailer.*}; the password from
 * {@code QUARKUS_MAILER_PASSWORD}): an HTML body rendered by Qute ({@code templates/EmailNotifier/notice.html})
 * with a plain-text alternative, to the recipients the outbox row names. The idempotency key goes into
 * {@value #IDEMPOTENCY_HEADER}.
 *
 * <p>Fault tolerance as for {@link SlackNotifier}, with its own circuit breaker {@code email}; overrides under
 * {@code quarkus.fault-tolerance."io.modelwatch.alert.delivery.EmailNotifier/send"}.
 */
@ApplicationScoped
public class EmailNotifier implements Notifier {

    public static final String IDEMPOTENCY_HEADER = "X-ModelWatch-Idempotency-Key";
    public static final String CIRCUIT_BREAKER = "email";   // = Channel.EMAIL.id()

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance notice(Notice notice, String colour);
    }

    private final Mailer mailer;
    private final AlertSettings settings;

    public EmailNotifier(Mailer mailer, AlertSettings settings) {
        this.mailer = mailer;
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
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    @CircuitBreakerName(CIRCUIT_BREAKER)
    @Retry(maxRetries = 2, delay = 500, jitter = 100, abortOn = CircuitBreakerOpenException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    @Fallback(KeepInOutbox.class)
    public DeliveryOutcome send(Notice notice, OutboxEntry entry) {
        List<String> to = recipients(entry);
        if (to.isEmpty()) {
            return DeliveryOutcome.rejected("no recipients");
        }
        Mail mail = new Mail()
                .setTo(to)
                .setSubject(subject(notice))
                .setHtml(html(notice))
                .setText(text(notice))
                .addHeader(IDEMPOTENCY_HEADER, entry.idempotencyKey);
        mailer.send(mail);
        return DeliveryOutcome.sent();
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

    private static List<String> recipients(OutboxEntry entry) {
        return entry.recipients == null ? List.of()
                : Arrays.stream(entry.recipients.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
