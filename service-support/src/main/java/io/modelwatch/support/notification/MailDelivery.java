package io.modelwatch.support.notification;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Hands one email of an outbox row to the SMTP server (the Quarkus Mailer, {@code quarkus.mailer.*}; the
 * password from {@code QUARKUS_MAILER_PASSWORD}), with an HTML body and a plain-text alternative, and the row's
 * idempotency key in {@value #IDEMPOTENCY_HEADER}. Every email of a service goes through here: alert
 * notifications and the daily report share one circuit breaker, {@value #CIRCUIT_BREAKER}.
 *
 * <p>Fault tolerance, innermost first: {@code @Timeout} 10 s per attempt; {@code @CircuitBreaker} opens when
 * half of the last 4 attempts failed, one trial after 30 s; {@code @Retry} twice with exponential backoff from
 * 500 ms (not while the circuit is open); the fallback {@link KeepInOutbox} leaves the row pending. Overrides:
 * {@code quarkus.fault-tolerance."io.modelwatch.support.notification.MailDelivery/send".<strategy>.<key>}.
 */
@ApplicationScoped
public class MailDelivery {

    public static final String IDEMPOTENCY_HEADER = "X-ModelWatch-Idempotency-Key";
    public static final String CIRCUIT_BREAKER = "email";

    private final Mailer mailer;

    public MailDelivery(Mailer mailer) {
        this.mailer = mailer;
    }

    /** One message; never throws: a failure comes back deferred through {@link KeepInOutbox}. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    @CircuitBreakerName(CIRCUIT_BREAKER)
    @Retry(maxRetries = 2, delay = 500, jitter = 100, abortOn = CircuitBreakerOpenException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    @Fallback(KeepInOutbox.class)
    public DeliveryOutcome send(List<String> to, String subject, String html, String text, String idempotencyKey) {
        if (to.isEmpty()) {
            return DeliveryOutcome.rejected("no recipients");
        }
        mailer.send(new Mail()
                .setTo(to)
                .setSubject(subject)
                .setHtml(html)
                .setText(text)
                .addHeader(IDEMPOTENCY_HEADER, idempotencyKey));
        return DeliveryOutcome.sent();
    }
}
