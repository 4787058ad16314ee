package io.modelwatch.support.config;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;

/**
 * The deployment's {@code monitoring.yaml} ({@link MonitoringSettings#configFile()}, else the built-in churn
 * configuration): the base from which a model registered without a configuration has its configuration inferred
 * (its roles, settings, rules and notifications; the features come from the reference). No run is computed with it
 * directly: every run uses the configuration stored with its model's reference version.
 */
@ApplicationScoped
public class DeploymentDefaults {

    private final MonitoringConfig config;

    public DeploymentDefaults(MonitoringSettings settings) {
        this.config = settings.configFile().map(f -> ConfigLoader.load(Path.of(f))).orElseGet(ConfigLoader::defaults);
    }

    public MonitoringConfig config() {
        return config;
    }
}
