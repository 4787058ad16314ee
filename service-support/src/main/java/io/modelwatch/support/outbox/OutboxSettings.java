package io.modelwatch.support.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The event outbox's relay ({@code modelwatch.outbox.*}). */
@ConfigMapping(prefix = "modelwatch.outbox")
public interface OutboxSettings {

    /**
     * How often the relay looks for rows left unsent (a broker outage, a crash between commit and publish); every
     * commit that writes events also starts a pass at once. {@code off} disables the schedule.
     */
    @WithDefault("5s")
    String relayEvery();

    /** At most this many rows per pass. */
    @WithDefault("500")
    int batchSize();

    /** How long one publication waits for the broker's confirm before the row is left for the next pass. */
    @WithDefault("10s")
    Duration confirmTimeout();
}
