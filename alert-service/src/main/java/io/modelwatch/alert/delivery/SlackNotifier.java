package io.modelwatch.alert.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.alert.config.AlertSettings;
import io.modelwatch.alert.domain.Channel;
import io.modelwatch.alert.domain.Notice;
import io.modelwatch.alert.domain.OutboxEntry;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Posts notifications to a Slack incoming webhook: the model's own (the outbox row names the variable holding it,
 * resolved by {@link WebhookSecrets} when sent) or the deployment's ({@code modelwatch.alerts.slack.webhook-url}); both
 * are secrets from the environment. A row that asks for a channel carries it in the message. Each request carries the outbox row's idempotency key in {@value #IDEMPOTENCY_HEADER}
 * (Slack ignores it; a proxy or a test can deduplicate on it).
 *
 * <p>Fault tolerance, innermost first: a {@code @Timeout} per attempt; a {@code @CircuitBreaker} named
 * {@code slack} that opens when half of the last 4 attempts failed and lets one trial through after 30 s;
 * {@code @Retry} twice with exponential backoff (not when the circuit is open); the fallback
 * {@link KeepInOutbox} leaves the notification pending. Every value can be overridden with
 * {@code quarkus.fault-tolerance."io.modelwatch.alert.delivery.SlackNotifier/send".<strategy>.<key>}.
 */
@ApplicationScoped
public class SlackNotifier implements Notifier {

    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final String CIRCUIT_BREAKER = "slack";   // = Channel.SLACK.id()

    private final AlertSettings settings;
    private final WebhookSecrets webhooks;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SlackNotifier(AlertSettings settings, WebhookSecrets webhooks, ObjectMapper mapper) {
        this.settings = settings;
        this.webhooks = webhooks;
        this.mapper = mapper;
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    @Override
    public boolean configured() {
        return settings.slack().webhookUrl().filter(u -> !u.isBlank()).isPresent() || webhooks.anySet();
    }

    @Override
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    @CircuitBreakerName(CIRCUIT_BREAKER)
    @Retry(maxRetries = 2, delay = 500, jitter = 100, abortOn = CircuitBreakerOpenException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    @Fallback(KeepInOutbox.class)
    public DeliveryOutcome send(Notice notice, OutboxEntry entry) {
        String url;
        if (entry.webhookEnv != null) {
            url = webhooks.url(entry.webhookEnv).orElse(null);
            if (url == null) {
                // named when the alert was raised, unset since: kept for inspection (the variable's name, not a URL)
                return DeliveryOutcome.rejected("the model's Slack webhook variable " + entry.webhookEnv + " is not set");
            }
        } else {
            url = settings.slack().webhookUrl().orElseThrow(() -> new IllegalStateException("no Slack webhook URL"));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_HEADER, entry.idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body(notice, entry.slackChannel)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            // @Timeout interrupts the attempt; the interrupt is consumed here so a retry can run on this thread
            throw new PeerUnavailableException("no answer from Slack in time");
        }
        int code = response.statusCode();
        if (code / 100 == 2) {
            return DeliveryOutcome.sent();
        }
        String reason = "Slack answered " + code + ": " + abbreviate(response.body());
        if (code == 429 || code / 100 == 5 || code == 408) {
            throw new PeerUnavailableException(reason);
        }
        return DeliveryOutcome.rejected(reason);
    }

    String body(Notice notice, String channel) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode message = SlackMessage.of(notice, mapper);
            if (channel != null) {
                message.put("channel", channel);
            }
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the Slack message of alert " + notice.alertId(), e);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
