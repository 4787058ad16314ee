package io.modelwatch.support.config;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.run.MonitoringPipeline;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** The core pipeline every service computes with, built once from {@link MonitoringSettings}. */
public class PipelineProducer {

    @Produces
    @Singleton
    MonitoringPipeline pipeline(MonitoringSettings settings) {
        MonitoringConfig config = settings.configFile().map(f -> ConfigLoader.load(Path.of(f)))
                .orElseGet(ConfigLoader::defaults);
        return MonitoringPipeline.of(config);
    }
}
