package io.modelwatch.core.config;


import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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

    private static final Pattern WEBHOOK_ENV = Pattern.compile(Pattern.quote(WEBHOOK_ENV_PREFIX) + "[A-Z0-9_]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>]+@[^@\\s,;<>]+");

    public NotificationSettings {
        if (slackWebhookEnv != null) {
            checkWebhookEnv(slackWebhookEnv);
        }
        if (slackChannel != null && Checks.name("slack_channel", slackChannel).chars().anyMatch(Character::isWhitespace)) {
            throw ConfigException.invalid("slack_channel", "a channel name without spaces (#alerts)",
                    "'" + slackChannel + "'");
        }
        emailHigh = emails("email_high", emailHigh);
        emailMedium = emails("email_medium", emailMedium);
        emailLow = emails("email_low", emailLow);
    }

    private static void checkWebhookEnv(String name) {
        if (name.contains("://") || name.regionMatches(true, 0, "http", 0, 4)) {
            // never echo the value: it is a webhook URL, a secret
            throw ConfigException.invalid("slack_webhook_env", "the name of the environment variable (or Secret key)"
                    + " holding the webhook URL, never the URL itself (it is a secret)", "a URL (not shown)");
        }
        if (!WEBHOOK_ENV.matcher(name).matches()) {
            throw ConfigException.invalid("slack_webhook_env", "an environment variable name starting with "
                    + WEBHOOK_ENV_PREFIX + " (upper-case letters, digits, _)", "'" + name + "'");
        }
    }

    private static List<String> emails(String key, List<String> addresses) {
        if (addresses == null) {
            return null;
        }
        List<String> copy = Checks.distinct(key, addresses);
        for (int i = 0; i < copy.size(); i++) {
            if (!EMAIL.matcher(copy.get(i)).matches()) {
                throw ConfigException.invalid(key + "[" + i + "]", "an email address (name@domain)",
                        "'" + copy.get(i) + "'");
            }
        }
        return copy;
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
