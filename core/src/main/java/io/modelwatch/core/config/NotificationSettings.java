package io.modelwatch.core.config;

import io.modelwatch.core.alerts.Severity;

import java.util.List;
import java.util.Optional;

/**
 * Where a model's alerts go (alert-service). Every value may be left out ({@code null}), which means the
 * deployment's setting ({@code MODELWATCH_ALERTS_SLACK_WEBHOOK_URL}, {@code MODELWATCH_ALERTS_EMAIL_RECIPIENTS_*}).
 *
 * <p>A Slack webhook URL is a secret, so a configuration never holds one: it names the environment variable
 * (in Kubernetes, a key of the {@code modelwatch-secrets} Secret) that does. The name must start with
 * {@value #WEBHOOK_ENV_PREFIX}, so a configuration can only point at variables meant to hold webhooks, never at
 * another secret of the deployment.
 *
 * @param slackWebhookEnv environment variable holding this model's Slack webhook URL, or {@code null}
 * @param slackChannel    channel the message asks for ({@code #fraud-alerts}; legacy webhooks honour it), or {@code null}
 * @param emailHigh       recipients of HIGH alerts, or {@code null} for the deployment's (an empty list: nobody)
 * @param emailMedium     recipients of MEDIUM alerts, or {@code null}
 * @param emailLow        recipients of LOW alerts, or {@code null}
 */
public record NotificationSettings(String slackWebhookEnv, String slackChannel, List<String> emailHigh,
                                   List<String> emailMedium, List<String> emailLow) {

    /** Every model webhook variable starts with this. */
    public static final String WEBHOOK_ENV_PREFIX = "MODELWATCH_SLACK_WEBHOOK_";

    public NotificationSettings {
        emailHigh = emailHigh == null ? null : List.copyOf(emailHigh);
        emailMedium = emailMedium == null ? null : List.copyOf(emailMedium);
        emailLow = emailLow == null ? null : List.copyOf(emailLow);
    }

    /** Nothing of its own: the deployment's settings. */
    public static NotificationSettings defaults() {
        return new NotificationSettings(null, null, null, null, null);
    }

    /** The model's recipients for a severity, empty when it leaves them to the deployment. */
    public Optional<List<String>> emailRecipients(Severity severity) {
        return Optional.ofNullable(switch (severity) {
            case HIGH -> emailHigh;
            case MEDIUM -> emailMedium;
            case LOW -> emailLow;
        });
    }
}
