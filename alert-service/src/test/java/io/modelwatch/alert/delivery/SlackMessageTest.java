package io.modelwatch.alert.delivery;

import io.modelwatch.support.notification.PeerUnavailableException;

import io.modelwatch.support.notification.KeepInOutbox;

import io.modelwatch.support.notification.DeliveryOutcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.alert.domain.Notice;
import io.modelwatch.alert.domain.NoticeKind;
import io.modelwatch.core.config.Severity;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class SlackMessageTest {

    private final ObjectMapper mapper = new ObjectMapper();

    static Notice notice(NoticeKind kind, Severity severity) {
        return new Notice(kind, 42, "churn", "run-1", LocalDate.parse("2024-03-01"), severity, "psi_high", "psi",
                "psi", "account_age", null, 0.41, 0.25, false, "psi of account_age is 0.4100 (> 0.25)",
                "http://reports/runs/run-1/report", Instant.parse("2024-03-01T06:00:00Z"));
    }

    @Test
    void colourBySeverityAndGreenWhenResolved() {
        assertThat(SlackMessage.colour(notice(NoticeKind.ALERT, Severity.HIGH))).isEqualTo(SlackMessage.HIGH_COLOUR);
        assertThat(SlackMessage.colour(notice(NoticeKind.ESCALATION, Severity.MEDIUM))).isEqualTo(SlackMessage.MEDIUM_COLOUR);
        assertThat(SlackMessage.colour(notice(NoticeKind.ALERT, Severity.LOW))).isEqualTo(SlackMessage.LOW_COLOUR);
        assertThat(SlackMessage.colour(notice(NoticeKind.RESOLVED, Severity.HIGH))).isEqualTo(SlackMessage.RESOLVED_COLOUR);
    }

    @Test
    void saysMetricValueAgainstThresholdRunDateAndLinksTheReport() {
        JsonNode body = SlackMessage.of(notice(NoticeKind.ALERT, Severity.HIGH), mapper);
        assertThat(body.get("text").asText()).isEqualTo("[HIGH] churn: psi of account_age is 0.4100 (> 0.25)");
        JsonNode a = body.get("attachments").get(0);
        assertThat(a.get("color").asText()).isEqualTo("#d32f2f");
        assertThat(a.get("title_link").asText()).isEqualTo("http://reports/runs/run-1/report");
        assertThat(a.get("text").asText()).contains("<http://reports/runs/run-1/report|Open the report>");
        assertThat(field(a, "Metric")).isEqualTo("psi/psi");
        assertThat(field(a, "Where")).isEqualTo("account_age");
        assertThat(field(a, "Value")).isEqualTo("0.4100");
        assertThat(field(a, "Threshold")).isEqualTo("0.2500");
        assertThat(field(a, "Run date")).isEqualTo("2024-03-01");
    }

    @Test
    void aResolvedNoticeSaysSo() {
        JsonNode body = SlackMessage.of(notice(NoticeKind.RESOLVED, Severity.HIGH), mapper);
        assertThat(body.get("text").asText()).startsWith("[RESOLVED] churn: back in bounds: psi of account_age");
    }

    @Test
    void theFallbackKeepsTheNotificationPendingWithTheReason() {
        DeliveryOutcome outcome = new KeepInOutbox().handle(failedWith(new PeerUnavailableException("Slack answered 500")));
        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.DEFERRED);
        assertThat(outcome.reason()).isEqualTo("PeerUnavailableException: Slack answered 500");
    }

    private static String field(JsonNode attachment, String title) {
        for (JsonNode f : attachment.get("fields")) {
            if (f.get("title").asText().equals(title)) {
                return f.get("value").asText();
            }
        }
        throw new AssertionError("no field " + title + " in " + attachment);
    }

    private static ExecutionContext failedWith(Throwable failure) {
        return new ExecutionContext() {
            @Override
            public Method getMethod() {
                return null;
            }

            @Override
            public Object[] getParameters() {
                return new Object[0];
            }

            @Override
            public Throwable getFailure() {
                return failure;
            }
        };
    }
}
