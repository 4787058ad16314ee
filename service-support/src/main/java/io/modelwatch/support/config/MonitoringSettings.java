package io.modelwatch.support.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Which monitoring configuration the computing services use (the same file the CLI reads). */
@ConfigMapping(prefix = "modelwatch.monitoring")
public interface MonitoringSettings {

    /** Path of a {@code monitoring.yaml}; absent means the built-in default churn schema. */
    Optional<String> configFile();

    /** Model id used when a request does not name one. */
    @WithDefault("churn")
    String defaultModelId();
}
