package io.modelwatch.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How raised alerts become notifications: deduplication, the peers (Slack, email), the outbox relay and the
 * dead-man's switch. Secrets (the webhook URL, the SMTP password) come from the environment or a Kubernetes
 * Secret, never from a committed file: {@code MODELWATCH_ALERTS_SLACK_WEBHOOK_URL}, {@code QUARKUS_MAILER_PASSWORD}.
 */
@ConfigMapping(prefix = "modelwatch.alerts")
public interface AlertSettings {

    /** The same model, metric, column, segment and severity within this time after a notification is one alert. */
    @WithDefault("24h")
    Duration cooldown();

    /** Whether a "resolved" notice is sent when the metric of an open alert is measured back in bounds. */
    @WithDefault("true")
    boolean resolvedNotices();

    /** Base URL of report-service; a notification links to {@code <base>/runs/{runId}/report}. */
    @WithDefault("http://localhost:8085")
    String reportBaseUrl();

    Slack slack();

    Email email();

    Outbox outbox();

    DeadMan deadMan();

    interface Slack {

        /** The incoming-webhook URL (a secret); absent means no Slack notifications are queued. */
        Optional<String> webhookUrl();
    }

    interface Email {

        Recipients recipients();

        /** Recipients per severity; a severity without recipients sends no email. */
        interface Recipients {

            /** Who gets HIGH alerts (comma-separated). */
            Optional<List<String>> high();

            /** Who gets MEDIUM alerts (comma-separated). */
            Optional<List<String>> medium();

            /** Who gets LOW alerts (comma-separated). */
            Optional<List<String>> low();
        }
    }

    interface Outbox {

        /** How often the relay looks for pending notifications ({@code off} disables the schedule). */
        @WithDefault("10s")
        String relayEvery();

        /** At most this many notifications per channel in one relay pass. */
        @WithDefault("100")
        int batchSize();
    }

    interface DeadMan {

        /** A HIGH alert is raised when no run of a model has completed this long after its last one. */
        @WithDefault("26h")
        Duration deadline();

        /** How often the deadline is checked ({@code off} disables the schedule). */
        @WithDefault("5m")
        String checkEvery();
    }
}
