package io.modelwatch.alert.delivery;

import io.modelwatch.core.config.NotificationSettings;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The Slack webhook URLs models name by variable ({@code notifications.slack_webhook_env}), looked up when a
 * notification is queued and again when it is sent, never stored: an environment variable (in Kubernetes a key of
 * the {@code modelwatch-secrets} Secret) or any other configuration source. Only names starting with
 * {@value NotificationSettings#WEBHOOK_ENV_PREFIX} are looked up, so a model's configuration cannot make the service
 * post to another secret of the deployment.
 */
@ApplicationScoped
public class WebhookSecrets {

    private final Config config;

    public WebhookSecrets(Config config) {
        this.config = config;
    }

    /** The URL the variable holds, if it is a webhook variable and set (not blank). */
    public Optional<String> url(String variable) {
        if (variable == null || !variable.startsWith(NotificationSettings.WEBHOOK_ENV_PREFIX)) {
            return Optional.empty();
        }
        return config.getOptionalValue(variable, String.class).filter(u -> !u.isBlank());
    }

    /** Whether any model webhook variable is set here (then the Slack lane runs even without a deployment webhook). */
    public boolean anySet() {
        return StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .anyMatch(n -> n.startsWith(NotificationSettings.WEBHOOK_ENV_PREFIX) && url(n).isPresent());
    }
}
