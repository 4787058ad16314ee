package io.modelwatch.support.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * The deployment's monitoring defaults. Each model's runs use the configuration stored with its reference version;
 * this file is only the base a configuration is inferred from when a model is registered without one.
 */
@ConfigMapping(prefix = "modelwatch.monitoring")
public interface MonitoringSettings {

    /**
     * Path of the deployment's {@code monitoring.yaml} (the base of inference for models registered without a
     * configuration); absent means the built-in churn configuration.
     */
    Optional<String> configFile();

    /** Model id used when a request does not name one. */
    @WithDefault("churn")
    String defaultModelId();
}
