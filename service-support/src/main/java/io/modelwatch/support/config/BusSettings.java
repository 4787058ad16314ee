package io.modelwatch.support.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where events go. The channel definitions in {@code application.properties} read the same keys, so a
 * test or a deployment changes a name in one place (for example a per-test queue prefix).
 */
@ConfigMapping(prefix = "modelwatch.bus")
public interface BusSettings {

    /** The topic exchange every event is published to. */
    @WithDefault("modelwatch.events")
    String exchange();

    /** The direct exchange dead letters go to. */
    @WithDefault("modelwatch.dead-letters")
    String deadLetterExchange();

    /** Prepended to every queue name (empty in production). */
    @WithDefault("")
    String queuePrefix();
}
